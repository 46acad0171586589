/*
 * traceResult: the timelines and the verdict of a trace, made from the four event logs that its
 * runs produced (in Node child processes or in browser workers). Pure: no Babel, no host API.
 * Must never: decide a match by anything but comparing the two runs.
 */
import { compareLogs, type ProgramRun } from './programLog';
import { PROBE_MARK, type AwaitSite, type ProbeEvent } from './probeCore';
import type { CatchSite } from './instrument';

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
  /** resume events: what the await received (probeCore's describeSent) */
  sent?: string;
}

export interface Timeline {
  events: TimelineEvent[];
  /** set when the child did not finish normally (timeout, crash) */
  failure?: string;
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

/** What the verdict needs from the prepared programs (tracePlan's TracePrograms has it). */
export interface TraceSites {
  filename: string;
  sites: AwaitSite[];
  catchSites: CatchSite[];
}

export interface TraceRuns {
  nativeObserved: ProgramRun;
  rewrittenObserved: ProgramRun;
  nativePlain: ProgramRun;
  rewrittenPlain: ProgramRun;
}

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
  return { events, failure: run.failure, stderr: run.stderr };
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

/** The timelines and the verdict of four finished runs. */
export function finishTrace(programs: TraceSites, runs: TraceRuns): TraceResult {
  const checks = {
    observed: readable(compareLogs(runs.nativeObserved, runs.rewrittenObserved)),
    unobserved: readable(compareLogs(runs.nativePlain, runs.rewrittenPlain)),
  };
  const difference = checks.observed ?? checks.unobserved;
  return {
    filename: programs.filename,
    native: toTimeline(runs.nativeObserved),
    rewritten: toTimeline(runs.rewrittenObserved),
    match: difference === null,
    difference,
    checks,
    sites: programs.sites,
    catchSites: programs.catchSites,
  };
}
