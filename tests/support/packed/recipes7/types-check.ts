// A user's typed Babel config: the plugin and its options against @babel/core's own types.
import type { PluginItem, TransformOptions } from '@babel/core';
import asyncStateMachine = require('babel-plugin-async-state-machine');

const item: PluginItem = [asyncStateMachine, { runtime: 'import', absoluteRuntime: true } satisfies asyncStateMachine.PluginOptions];
export const config: TransformOptions = { plugins: [item, asyncStateMachine] };
