// A factory may use names that start with "mock" (jest-hoist allows them) inside async code.
const mockValue = 'from mockValue';
jest.mock('./dep', () => ({
  load: async () => {
    await null;
    return mockValue;
  },
}));

const { load } = require('./dep');

test('an async factory function reads a mock-prefixed variable', async () => {
  expect(await load()).toBe('from mockValue');
});
