/*
 * transform: the programmatic entry used by the CLI, the trace, the tests, the fuzzer and the
 * benchmarks: source text in, rewritten text (and source map) out, through @babel/core 7.
 * Must never: hold state between calls, or change what the plugin emits.
 */
import * as babel from '@babel/core';
import asyncStateMachine from './index';
import type { PluginOptions } from './options';

export interface TransformOptions extends PluginOptions {
  filename?: string;
  sourceMaps?: boolean;
  /** extra Babel plugins to run after ours (e.g. modules-commonjs for running ESM input) */
  extraPlugins?: babel.PluginItem[];
  /** Babel plugins placed before ours (their `pre` hooks see the source before it is lowered) */
  beforePlugins?: babel.PluginItem[];
  /** Babel's `caller`: what the tool that runs the output supports (e.g. supportsTopLevelAwait: false) */
  caller?: babel.TransformCaller;
}

export interface TransformResult {
  code: string;
  map: babel.BabelFileResult['map'] | null;
}

export function transformSource(code: string, options: TransformOptions = {}): TransformResult {
  const { filename, sourceMaps, extraPlugins, beforePlugins, caller, ...pluginOptions } = options;
  const result = babel.transformSync(code, {
    babelrc: false,
    configFile: false,
    filename: filename ?? 'input.js',
    ...(caller ? { caller } : {}),
    sourceType: 'unambiguous',
    sourceMaps: sourceMaps ?? false,
    retainLines: false,
    compact: false,
    parserOpts: { allowReturnOutsideFunction: false },
    plugins: [...(beforePlugins ?? []), [asyncStateMachine, pluginOptions], ...(extraPlugins ?? [])],
  });
  if (!result || result.code == null) throw new Error('Babel returned no code');
  return { code: result.code, map: result.map ?? null };
}
