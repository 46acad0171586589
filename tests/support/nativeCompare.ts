/*
 * nativeCompare: runs one program natively and rewritten in equal fresh vm contexts (own
 * microtask queue, fake clock) and says whether the event logs are the same. Both sides go
 * through Babel with the same presets and plugins (JSX, TypeScript, Flow, decorators need them
 * to run at all); only the rewritten side adds this plugin, with the runtime inlined.
 * Must never: run the two sides with different presets, preludes or conditions, or hide a
 * transform error (it is returned for the caller to classify).
 */
import * as fs from 'fs';
import * as babel from '@babel/core';
import { runtimeSourcePath } from '../../src/emission/runtimePath';
import { DEFAULT_RUNTIME_MODULE } from '../../src/options';
import asyncStateMachine from '../../src/index';
import type { PluginOptions } from '../../src/options';
import { runInFreshContext, type VmRun } from '../../src/testing/vmRunner';
import { compareRuns } from '../../src/testing/differential';

export interface CompareOptions {
  presets?: babel.PluginItem[];
  plugins?: babel.PluginItem[];
  /**
   * options of this plugin (runtime defaults to "inline"; with "import" the runtime's source is
   * run first in the program's context, wrapped in a function, and the require names it)
   */
  pluginOptions?: PluginOptions | Record<string, unknown>;
  filename?: string;
  sourceType?: 'script' | 'module' | 'unambiguous';
  /** code run first on both sides (a host setup, a patched intrinsic) */
  prelude?: string;
  /** code run after the runtime loads and before the program, on both sides */
  afterRuntime?: string;
  /** parser plugins (syntax only) */
  parserPlugins?: string[];
  /** Babel's compiler assumptions, given to both sides */
  assumptions?: Record<string, boolean>;
}

export type Comparison =
  | { status: 'same'; native: VmRun; rewritten: string }
  | { status: 'different'; difference: string; native: VmRun; rewrittenRun: VmRun; rewritten: string }
  | { status: 'native-failed'; native: VmRun }
  | { status: 'transform-error'; error: unknown };

function babelOptions(options: CompareOptions, withPlugin: boolean): babel.TransformOptions {
  return {
    babelrc: false,
    configFile: false,
    filename: options.filename ?? 'input.js',
    sourceType: options.sourceType ?? 'unambiguous',
    compact: false,
    ...(options.assumptions ? { assumptions: options.assumptions } : {}),
    parserOpts: { plugins: (options.parserPlugins ?? []) as babel.ParserOptions['plugins'] },
    presets: options.presets ?? [],
    plugins: [
      ...(withPlugin ? [[asyncStateMachine, { runtime: 'inline', ...(options.pluginOptions ?? {}) }] as babel.PluginItem] : []),
      ...(options.plugins ?? []),
      // (the vm runs scripts: ES modules are converted on both sides)
      '@babel/plugin-transform-modules-commonjs',
    ],
  };
}

/** Transforms are memoised on everything that reaches Babel (a hostile suite runs one program in many environments). */
const transformed = new Map<string, { code: string } | { error: unknown }>();
function memoised(code: string, options: CompareOptions, withPlugin: boolean, make: () => string): string {
  const { prelude: _prelude, afterRuntime: _afterRuntime, ...babelRelevant } = options;
  let key: string | null = null;
  try {
    key = JSON.stringify([code, babelRelevant, withPlugin]);
  } catch {
    key = null;
  }
  const known = key === null ? undefined : transformed.get(key);
  if (known) {
    if ('error' in known) throw known.error;
    return known.code;
  }
  try {
    const result = make();
    if (key !== null && transformed.size < 64) transformed.set(key, { code: result });
    return result;
  } catch (error) {
    if (key !== null && transformed.size < 64) transformed.set(key, { error });
    throw error;
  }
}

/** The program as Babel prints it with the given presets, without this plugin (throws what Babel throws). */
export function nativeCode(code: string, options: CompareOptions = {}): string {
  return memoised(code, options, false, () => transformOnce(code, options, false));
}

/** The program rewritten by this plugin (throws what the plugin or Babel throws). */
export function rewrittenCode(code: string, options: CompareOptions = {}): string {
  return memoised(code, options, true, () => transformOnce(code, options, true));
}

function transformOnce(code: string, options: CompareOptions, withPlugin: boolean): string {
  const result = babel.transformSync(code, babelOptions(options, withPlugin));
  if (!result || result.code == null) throw new Error('Babel returned no code');
  return result.code;
}

const RUNTIME_REQUIRE = `require(${JSON.stringify(DEFAULT_RUNTIME_MODULE)})`;
let runtimeSource: string | null = null;

/** With runtime "import": the runtime's own source first, then `afterRuntime`, then the program. */
function linkImportedRuntime(rewritten: string, afterRuntime: string): string {
  runtimeSource ??= fs.readFileSync(runtimeSourcePath(), 'utf8');
  // wrapped in a function: the runtime's "use strict" must not make the program strict
  const runtime = `var __importedAsyncMachine = (function () {\n${runtimeSource}\nreturn asyncMachine;\n})();`;
  return `${runtime}\n${afterRuntime}\n${rewritten.split(RUNTIME_REQUIRE).join('__importedAsyncMachine')}`;
}

/** Splits an inlined runtime from the program so `afterRuntime` can run between them. */
function insertAfterRuntime(rewritten: string, afterRuntime: string): string {
  const marker = rewritten.match(/^var _asyncMachine\d* = /m);
  if (!marker || marker.index === undefined) return afterRuntime + '\n' + rewritten;
  // the inline runtime is one statement: it ends with the first unindented line starting with `}`
  const start = marker.index;
  const endMatch = /^\}.*$/m.exec(rewritten.slice(start));
  if (!endMatch || endMatch.index === undefined) return afterRuntime + '\n' + rewritten;
  const end = start + endMatch.index + endMatch[0].length;
  return rewritten.slice(0, end) + '\n' + afterRuntime + '\n' + rewritten.slice(end);
}

export async function compareWithNative(code: string, options: CompareOptions = {}): Promise<Comparison> {
  let native: string;
  try {
    native = nativeCode(code, options);
  } catch (error) {
    return { status: 'transform-error', error };
  }
  let rewritten: string;
  try {
    rewritten = rewrittenCode(code, options);
  } catch (error) {
    return { status: 'transform-error', error };
  }
  // (a converted ES module writes to `exports`: both sides get the same CommonJS-like globals)
  // an interpreter line (`#!...`) must stay first: it is dropped on both sides, the prelude comes first
  native = native.replace(/^#!.*\n/, '');
  rewritten = rewritten.replace(/^#!.*\n/, '');
  const prelude = 'var exports = {}, module = { exports: exports };\n' + (options.prelude ? options.prelude + '\n' : '');
  const after = options.afterRuntime ?? '';
  const nativeRun = await runInFreshContext(prelude + (after ? after + '\n' : '') + native, { filename: options.filename });
  if (nativeRun.failure) return { status: 'native-failed', native: nativeRun };
  const imported = rewritten.includes(RUNTIME_REQUIRE);
  const linked = imported ? linkImportedRuntime(rewritten, after) : after ? insertAfterRuntime(rewritten, after) : rewritten;
  const rewrittenRun = await runInFreshContext(prelude + linked, { filename: options.filename });
  const difference = compareRuns(nativeRun, rewrittenRun);
  if (difference === null) return { status: 'same', native: nativeRun, rewritten };
  return { status: 'different', difference, native: nativeRun, rewrittenRun, rewritten };
}
