/*
 * Types of async-state-machine-runtime/factory (ES module): creates the runtime from a given Promise.
 */
import type { AsyncMachine } from './index.mjs';

declare function createAsyncMachine(Promise: PromiseConstructor, asyncIterator?: symbol | string): AsyncMachine;
export default createAsyncMachine;
