/*
 * programLog: the event log one traced run produces (native or rewritten, in a Node child or a
 * browser worker) and the comparison of two such logs. Pure: loadable by Node and by a browser.
 * Must never: run a program, or decide a match by anything but comparing the two logs.
 */

export interface ProgramEvent {
  /** microtask counter value when the event happened (see harnessCore.js) */
  tick: number;
  /** log | unhandledRejection | uncaughtException | note */
  kind: string;
  text: string;
}

export interface ProgramRun {
  events: ProgramEvent[];
  /** set when the run did not finish normally (timeout, crash, unparsable output) */
  failure?: string;
  stderr: string;
}

export function formatEvent(event: ProgramEvent): string {
  return `${String(event.tick).padStart(4)} ${event.kind === 'log' ? '' : event.kind + ' '}${event.text}`;
}

/** Index of the first event that differs between two logs, or -1 when they are identical. */
export function firstLogDifference(native: ProgramRun, rewritten: ProgramRun): number {
  const a = native.events.map(formatEvent);
  const b = rewritten.events.map(formatEvent);
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** Returns null when both logs are identical, else a readable report of the first difference. */
export function compareLogs(native: ProgramRun, rewritten: ProgramRun): string | null {
  if (native.failure) return `native run failed: ${native.failure}`;
  if (rewritten.failure) return `rewritten run failed: ${rewritten.failure}`;
  const i = firstLogDifference(native, rewritten);
  if (i < 0) return null;
  const a = native.events.map(formatEvent);
  const b = rewritten.events.map(formatEvent);
  const context = (log: string[]) => log.slice(Math.max(0, i - 3), i + 4).map((line, k) => `${k + Math.max(0, i - 3) === i ? '>' : ' '} ${line}`).join('\n');
  return `logs differ at event ${i}:\n--- native\n${context(a)}\n--- rewritten\n${context(b)}`;
}
