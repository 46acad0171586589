// The same config from an ES module (module: nodenext).
import type { PluginItem, TransformOptions } from '@babel/core';
import asyncStateMachine from 'babel-plugin-async-state-machine';
import createAsyncMachine from 'async-state-machine-runtime/factory';
import asyncMachine from 'async-state-machine-runtime';

const item: PluginItem = [asyncStateMachine, { runtime: 'inline', explain: true }];
export const config: TransformOptions = { plugins: [item] };
export const driver: typeof asyncMachine = createAsyncMachine(Promise);
