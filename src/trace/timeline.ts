/*
 * timeline: runs one program natively and rewritten, each in a fresh child process with the same
 * instrumentation (src/trace/instrument.ts) and fake clock (src/trace/probe.ts), and turns both
 * event logs into timelines: sync start, calls, each suspension at `await #n` and resumption,
 * catches, settlements, timers, logs, with the microtask tick of each. The verdict is
 * compareLogs() of the real runs: the observed pair, and a pair that rewrites the user's code
 * untouched (only the fake clock added), so that the probes cannot hide a fault of the rewrite.
 * Must never: decide a match by anything but comparing the two runs, or instrument one side
 * differently from the other (except the explicit injectExtraTick test switch).
 */
import * as fs from 'fs';
import * as path from 'path';
import { transformSource } from '../transform';
import { compareLogs, runProgram, type ProgramRun } from './runProgram';
import { instrumentProgram, type CatchSite } from './instrument';
import { PROBE_MARK, type AwaitSite, type ProbeEvent } from './probe';

export type TimelineEventKind = ProbeEvent['kind'] | 'log' | 'unhandledRejection' | 'uncaughtException';

export interface TimelineEvent {
  /** microtask number when the event happened (see harnessChild.js) */
  tick: number;
  /** fake-clock milliseconds since the program started */
  time: number;
  kind: TimelineEventKind;
  text: string;
  fn?: string;
  call?: number;
  site?: number;
  line?: number;
  state?: 'fulfilled' | 'rejected';
  timer?: number;
}

export interface Timeline {
  events: TimelineEvent[];
  /** set when the child did not finish normally (timeout, crash) */
  failure?: string;
  /** set when the program could not start (see harnessChild.js) */
  startError?: string;
  stderr: string;
}

export interface TraceOptions {
  filename?: string;
  runtime?: 'import' | 'inline';
  /** test switch: the rewritten side gets an extra `await null` at the start of each async function */
  injectExtraTick?: boolean;
  timeoutMs?: number;
}

export interface TraceResult {
  filename: string;
  /** the observed runs (calls, awaits, catches and settlements reported), shown as timelines */
  native: Timeline;
  rewritten: Timeline;
  match: boolean;
  /** null on a match, else compareLogs' report of the first difference */
  difference: string | null;
  /** the two comparisons behind the verdict */
  checks: {
    /** the observed programs: every event above */
    observed: string | null;
    /** the user's code as written (fake clock only): logs, errors and their microtasks */
    unobserved: string | null;
  };
  sites: AwaitSite[];
  catchSites: CatchSite[];
}

/** The compiled probe: next to this file in lib/, or in lib/ when this file runs from src/ (ts-jest). */
export const probePath = (() => {
  const beside = path.join(__dirname, 'probe.js');
  if (fs.existsSync(beside)) return beside;
  return path.join(__dirname, '..', '..', 'lib', 'trace', 'probe.js');
})();

/** Turns the harness's raw log into timeline events (probe lines are decoded, the rest are logs). */
export function toTimeline(run: ProgramRun): Timeline {
  let time = 0;
  const events = run.events.map((raw): TimelineEvent => {
    if (raw.kind === 'log' && raw.text.startsWith(PROBE_MARK)) {
      const probe = JSON.parse(raw.text.slice(PROBE_MARK.length)) as ProbeEvent;
      time = probe.time;
      return { ...probe, tick: raw.tick };
    }
    const kind: TimelineEventKind = raw.kind === 'unhandledRejection' || raw.kind === 'uncaughtException' ? raw.kind : 'log';
    return { tick: raw.tick, time, kind, text: raw.text };
  });
  return { events, failure: run.failure, startError: run.startError, stderr: run.stderr };
}

/** compareLogs' report with the probe's JSON lines turned back into their text. */
function readable(report: string | null): string | null {
  if (report === null) return null;
  return report
    .split('\n')
    .map((line) => {
      const at = line.indexOf(PROBE_MARK);
      if (at < 0) return line;
      try {
        const event = JSON.parse(line.slice(at + PROBE_MARK.length)) as ProbeEvent;
        return `${line.slice(0, at)}[${event.kind}] ${event.text}`;
      } catch {
        return line;
      }
    })
    .join('\n');
}

/** Instruments, rewrites and runs `source` both ways. Throws on a syntax error (Babel's error, with loc). */
export async function traceProgram(source: string, options: TraceOptions = {}): Promise<TraceResult> {
  const filename = options.filename ?? 'program.js';
  if (!fs.existsSync(probePath)) throw new Error(`the trace probe is not built (${probePath}); run npm run build`);
  const runtime = options.runtime ?? 'import';
  // Rewrite the source as given first: an error then points into the user's code, not the
  // instrumented copy.
  transformSource(source, { filename, runtime });
  // Two pairs of runs. The observed pair gives the timelines; the unobserved pair rewrites the
  // code exactly as the user wrote it (the probes wrap every await, which the plugin then sees).
  const observed = instrumentProgram(source, { filename, probePath });
  const unobserved = instrumentProgram(source, { filename, probePath, observe: false });
  const inject = options.injectExtraTick === true;
  const observedToRewrite = inject ? instrumentProgram(source, { filename, probePath, injectExtraTick: true }).code : observed.code;
  const unobservedToRewrite = inject ? instrumentProgram(source, { filename, probePath, injectExtraTick: true, observe: false }).code : unobserved.code;
  // The instrumented program is CommonJS (modules were converted); a .mjs name would make Babel
  // parse it as a module and import the runtime.
  const scriptName = filename.replace(/\.[cm]?js$/, '') + '.cjs';
  const rewrite = (code: string) => transformSource(code, { filename: scriptName, runtime }).code;
  // (the program's real path, from the current directory: its require, __filename and __dirname)
  const runOptions = { filename: path.resolve(filename), timeoutMs: options.timeoutMs ?? 20000 };
  const [nativeRun, rewrittenRun, nativePlain, rewrittenPlain] = await Promise.all([
    runProgram(observed.code, runOptions),
    runProgram(rewrite(observedToRewrite), runOptions),
    runProgram(unobserved.code, runOptions),
    runProgram(rewrite(unobservedToRewrite), runOptions),
  ]);
  const checks = { observed: readable(compareLogs(nativeRun, rewrittenRun)), unobserved: readable(compareLogs(nativePlain, rewrittenPlain)) };
  const difference = checks.observed ?? checks.unobserved;
  return {
    filename,
    native: toTimeline(nativeRun),
    rewritten: toTimeline(rewrittenRun),
    match: difference === null,
    difference,
    checks,
    sites: observed.sites,
    catchSites: observed.catchSites,
  };
}
