// The real module; every test file mocks it with a factory that holds async functions.
export async function load() {
  throw new Error('the real dep was loaded');
}
