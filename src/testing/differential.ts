/*
 * differential: checks one program: rewrites it (the plugin, or a stand-in rewrite for testing
 * the fuzzer itself), runs the original and the rewrite in equal fresh vm contexts, and returns
 * a verdict: same, divergence (with both logs and the first difference), transform crash, or
 * an invalid program (the native run itself failed: a generator bug).
 * Must never: treat a deliberate "not supported" error of the plugin as a crash silently (it is
 * reported as `unsupported`), or compare anything but the two recorded logs.
 */
import { runInFreshContext, type RunEvent, type VmRun, type VmRunOptions } from './vmRunner';

/**
 * plugin: the real transform; the runtime's source runs first in the program's own context, so the
 * rewrite captures that context's Promise.
 * native: no rewrite (native vs native, to check the fuzzer is deterministic).
 * double-await: a deliberately wrong rewrite (every `await` costs a second await), for tests.
 */
export type RewriteMode = 'plugin' | 'native' | 'double-await';

export type Verdict =
  | { status: 'same'; native: VmRun }
  | { status: 'divergence'; native: VmRun; rewritten: VmRun; difference: string; rewrittenCode: string }
  | { status: 'transform-crash'; error: string }
  | { status: 'unsupported'; error: string }
  | { status: 'invalid'; native: VmRun };

type TransformFunction = (code: string, options: { runtime: 'import' }) => { code: string };
let loadedTransform: TransformFunction | null = null;
let runtimeSource: string | null = null;

const RUNTIME_REQUIRE = 'require("babel-plugin-async-state-machine/runtime")';

function pluginTransform(): TransformFunction {
  if (!loadedTransform) {
    // Loaded lazily: the fuzzer works in native mode before the plugin exists.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const module = require('../transform') as { transformSource: TransformFunction };
    loadedTransform = module.transformSource;
  }
  return loadedTransform;
}

export function rewrite(code: string, mode: RewriteMode): string {
  switch (mode) {
    case 'plugin': {
      // The plugin with runtime "import", and the runtime's own source put first in the program:
      // run in the program's context, it captures that context's Promise, as an inline copy would.
      // (Printing an inline copy for every program took half of the fuzzer's time.)
      const transformed = pluginTransform()(code, { runtime: 'import' }).code;
      if (!transformed.includes(RUNTIME_REQUIRE)) return transformed;
      if (runtimeSource === null) {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const { runtimeSourcePath } = require('../emission/runtimePath') as { runtimeSourcePath(): string };
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        runtimeSource = (require('fs') as typeof import('fs')).readFileSync(runtimeSourcePath(), 'utf8');
      }
      // wrapped in a function: the runtime's "use strict" must not make the program strict
      const runtime = `var __fuzzAsyncMachine = (function () {\n${runtimeSource}\nreturn asyncMachine;\n})();`;
      return `${runtime}\n${transformed.split(RUNTIME_REQUIRE).join('__fuzzAsyncMachine')}`;
    }
    case 'native':
      return code;
    case 'double-await':
      return code.replace(/\bawait /g, 'await await ');
  }
}

export function formatEvent(event: RunEvent): string {
  return `${String(event.tick).padStart(4)} ${event.kind === 'log' ? '' : event.kind + ' '}${event.text}`;
}

export function formatRun(run: VmRun): string {
  const lines = run.events.map(formatEvent);
  if (run.failure) lines.push(`(run failed: ${run.failure})`);
  return lines.join('\n');
}

/** null when both runs logged the same events at the same ticks, else the first difference */
export function compareRuns(native: VmRun, rewritten: VmRun): string | null {
  const a = native.events.map(formatEvent);
  const b = rewritten.events.map(formatEvent);
  if (native.failure !== rewritten.failure) {
    a.push(`(failure: ${native.failure ?? 'none'})`);
    b.push(`(failure: ${rewritten.failure ?? 'none'})`);
  }
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) {
      const from = Math.max(0, i - 3);
      const excerpt = (log: string[]) => log.slice(from, i + 4).map((line, k) => `${from + k === i ? '>' : ' '} ${line}`).join('\n');
      return `logs differ at event ${i}:\n--- native\n${excerpt(a)}\n--- rewritten\n${excerpt(b)}`;
    }
  }
  return null;
}

const UNSUPPORTED = /not supported/i;

export async function checkProgram(code: string, mode: RewriteMode, options: VmRunOptions = {}): Promise<Verdict> {
  const native = await runInFreshContext(code, options);
  if (native.failure) return { status: 'invalid', native };
  let rewrittenCode: string;
  try {
    rewrittenCode = rewrite(code, mode);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (UNSUPPORTED.test(message)) return { status: 'unsupported', error: message };
    return { status: 'transform-crash', error: message };
  }
  const rewritten = await runInFreshContext(rewrittenCode, options);
  const difference = compareRuns(native, rewritten);
  if (difference === null) return { status: 'same', native };
  return { status: 'divergence', native, rewritten, difference, rewrittenCode };
}
