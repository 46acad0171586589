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

/** The compiled probe: next to this file in lib/, or in lib/ when this file runs from src/ (ts-jest). */
export const probePath = (() => {
  const beside = path.join(__dirname, 'probe.js');
  if (fs.existsSync(beside)) return beside;
  return path.join(__dirname, '..', '..', 'lib', 'trace', 'probe.js');
})();

/** Instruments, rewrites and runs `source` both ways. Throws on a syntax error (Babel's error, with loc). */
export async function traceProgram(source: string, options: TraceOptions = {}): Promise<TraceResult> {
  if (!fs.existsSync(probePath)) throw new Error(`the trace probe is not built (${probePath}); run npm run build`);
  const programs = prepareTrace(source, { ...options, probePath });
  const runOptions = { filename: path.basename(programs.filename), timeoutMs: options.timeoutMs ?? 20000 };
  const [nativeObserved, rewrittenObserved, nativePlain, rewrittenPlain] = await Promise.all([
    runProgram(programs.nativeObserved, runOptions),
    runProgram(programs.rewrittenObserved, runOptions),
    runProgram(programs.nativePlain, runOptions),
    runProgram(programs.rewrittenPlain, runOptions),
  ]);
  return finishTrace(programs, { nativeObserved, rewrittenObserved, nativePlain, rewrittenPlain });
}
