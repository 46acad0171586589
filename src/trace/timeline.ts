/*
 * timeline: runs one program natively and rewritten, each in a fresh child process with the same
 * instrumentation (src/trace/instrument.ts) and fake clock (src/trace/probe.ts), and turns both
 * event logs into timelines: sync start, calls, each suspension at `await #n` and resumption,
 * catches, settlements, timers, logs, with the microtask tick of each. The verdict is
 * compareLogs() of the real runs: the observed pair, and a pair that rewrites the user's code
 * untouched (only the fake clock added), so that the probes cannot hide a fault of the rewrite.
 * The programs (tracePlan.ts) and the verdict (traceResult.ts) are shared with the browser playground);
 * this file adds the Node host: the compiled probe's path and the child processes.
 * Must never: decide a match by anything but comparing the two runs, or instrument one side
 * differently from the other (except the explicit injectExtraTick test switch).
 */
import * as fs from 'fs';
import * as path from 'path';
import { runProgram } from './runProgram';
import { prepareTrace } from './tracePlan';
import { finishTrace, type TraceOptions, type TraceResult } from './traceResult';

export { toTimeline, type Timeline, type TimelineEvent, type TimelineEventKind, type TraceOptions, type TraceResult } from './traceResult';

/** A compiled probe: next to this file in lib/, or in lib/ when this file runs from src/ (ts-jest). */
function compiledProbe(name: string): string {
  const beside = path.join(__dirname, name);
  if (fs.existsSync(beside)) return beside;
  return path.join(__dirname, '..', '..', 'lib', 'trace', name);
}
export const probePath = compiledProbe('probe.js');
/** The browser's probe (settlements seen through a reaction), runnable in Node too: see NodeTraceOptions.settlements. */
export const reactionProbePath = compiledProbe('probeBrowser.js');

export interface NodeTraceOptions extends TraceOptions {
  /**
   * 'hooks' (default): settlements seen through V8's promise hooks, exactly when they happen.
   * 'reactions': through a reaction, as the browser playground must (probeBrowser.ts): used to
   * check that a Chromium run and a Node run of the same programs give the same log.
   */
  settlements?: 'hooks' | 'reactions';
}

/** Instruments, rewrites and runs `source` both ways. Throws on a syntax error (Babel's error, with loc). */
export async function traceProgram(source: string, options: NodeTraceOptions = {}): Promise<TraceResult> {
  const probe = options.settlements === 'reactions' ? reactionProbePath : probePath;
  if (!fs.existsSync(probe)) throw new Error(`the trace probe is not built (${probe}); run npm run build`);
  const programs = prepareTrace(source, { ...options, probePath: probe });
  const runOptions = { filename: path.basename(programs.filename), timeoutMs: options.timeoutMs ?? 20000 };
  const [nativeObserved, rewrittenObserved, nativePlain, rewrittenPlain] = await Promise.all([
    runProgram(programs.nativeObserved, runOptions),
    runProgram(programs.rewrittenObserved, runOptions),
    runProgram(programs.nativePlain, runOptions),
    runProgram(programs.rewrittenPlain, runOptions),
  ]);
  return finishTrace(programs, { nativeObserved, rewrittenObserved, nativePlain, rewrittenPlain });
}
