/*
 * Types of async-state-machine-runtime/factory (CommonJS): creates the runtime from a given Promise.
 */
import asyncMachine = require('./index.js');

declare function createAsyncMachine(Promise: PromiseConstructor, asyncIterator?: symbol | string): asyncMachine.AsyncMachine;
declare namespace createAsyncMachine {
  const _default: typeof createAsyncMachine;
  export { _default as default };
}
export = createAsyncMachine;
