import { loadTwice, collect } from './loader';

// Factories with an async arrow, an async method and an async generator: babel-plugin-jest-hoist
// checks that a factory references nothing out of scope, and hoists it above the imports.
jest.mock('./dep', () => ({
  load: async () => 'mocked',
  client: {
    async fetch(value) {
      await null;
      return value.toUpperCase();
    },
  },
  async *stream() {
    yield 'a';
    await null;
    yield 'b';
  },
}));

test('the mocked async functions are used', async () => {
  expect(await loadTwice()).toBe('mocked+MOCKED');
});

test('for await over the mocked async generator', async () => {
  expect(await collect()).toEqual(['a', 'b']);
});

test('microtask order inside a test', async () => {
  const order = [];
  const first = (async () => {
    order.push('a1');
    await null;
    order.push('a2');
    await null;
    order.push('a3');
  })();
  const second = (async () => {
    order.push('b1');
    await Promise.resolve();
    order.push('b2');
  })();
  order.push('sync');
  await Promise.all([first, second]);
  expect(order).toEqual(['a1', 'b1', 'sync', 'a2', 'b2', 'a3']);
});
