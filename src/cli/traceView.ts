/*
 * traceView: prints the two timelines of --trace side by side (microtask tick, fake-clock ms and
 * the event on each side), marks the rows that differ, and states the verdict; or the JSON form.
 * Must never: compute the verdict itself (it shows TraceResult.match, from the real runs).
 */
import type { Timeline, TimelineEvent, TraceResult } from '../trace/timeline';
import { fitPlain, type Colors } from './terminal';

export function eventText(event: TimelineEvent): string {
  switch (event.kind) {
    case 'log':
      return `log: ${event.text}`;
    case 'script':
      return '== script (synchronous part) ==';
    case 'timer-fire':
      return `== ${event.text} ==`;
    case 'unhandledRejection':
      return `unhandled rejection: ${event.text}`;
    case 'uncaughtException':
      return `uncaught exception: ${event.text}`;
    case 'note':
      return `note: ${event.text}`;
    default:
      return event.text;
  }
}

function painter(event: TimelineEvent | undefined, colors: Colors): (text: string) => string {
  if (!event) return (text) => text;
  switch (event.kind) {
    case 'log':
      return colors.bold;
    case 'suspend':
      return colors.yellow;
    case 'resume':
      return colors.cyan;
    case 'settle':
      return event.state === 'rejected' ? colors.red : colors.green;
    case 'script':
    case 'timer-fire':
      return colors.magenta;
    case 'timer-set':
    case 'call':
    case 'note':
      return colors.dim;
    case 'catch':
      return colors.blue;
    default:
      return colors.red;
  }
}

function sameEvent(a: TimelineEvent | undefined, b: TimelineEvent | undefined): boolean {
  return a !== undefined && b !== undefined && a.tick === b.tick && a.kind === b.kind && a.text === b.text;
}

/** Index of the first event that differs, or -1. */
export function firstDifference(native: Timeline, rewritten: Timeline): number {
  const length = Math.max(native.events.length, rewritten.events.length);
  for (let i = 0; i < length; i++) if (!sameEvent(native.events[i], rewritten.events[i])) return i;
  return -1;
}

function failureLines(side: string, timeline: Timeline, colors: Colors): string[] {
  if (!timeline.failure) return [];
  const lines = [colors.red(`${side} run failed: ${timeline.failure.split('\n')[0]}`)];
  const stderr = timeline.stderr.trim();
  if (stderr) lines.push(...stderr.split('\n').slice(0, 8).map((line) => colors.dim(`  ${line}`)));
  return lines;
}

/**
 * The harness counts microtasks from the start of the process; shown here is the count since the
 * current macrotask (the script, or a timer callback) began, which is what a reader compares.
 */
export function ticksWithinMacrotask(timeline: Timeline): number[] {
  let base = 0;
  return timeline.events.map((event) => {
    if (event.kind === 'script' || event.kind === 'timer-fire') base = event.tick;
    return event.tick - base;
  });
}

export function renderTrace(result: TraceResult, colors: Colors, width: number): string {
  const { native, rewritten } = result;
  const nativeTicks = ticksWithinMacrotask(native);
  const rewrittenTicks = ticksWithinMacrotask(rewritten);
  const cell = (event: TimelineEvent | undefined, tick: number | undefined, column: number) => {
    if (!event) return `${' '.repeat(11)} ${' '.repeat(column)}`;
    const numbers = `${String(tick).padStart(4)} ${String(event.time).padStart(6)}`;
    return `${colors.dim(numbers)} ${painter(event, colors)(fitPlain(eventText(event), column))}`;
  };
  const column = Math.max(24, Math.floor((width - 2 - 2 * 12 - 3) / 2));
  const lines = [
    colors.bold(`trace of ${result.filename}`) + colors.dim('  (tick = microtasks since the script or timer callback began; ms = fake clock)'),
    colors.dim(`${'  tick     ms'} ${fitPlain('native', column)} │ ${'tick     ms'} rewritten`),
  ];
  const length = Math.max(native.events.length, rewritten.events.length);
  for (let i = 0; i < length; i++) {
    const a = native.events[i];
    const b = rewritten.events[i];
    const mark = sameEvent(a, b) ? ' ' : colors.red('✗');
    lines.push(`${mark} ${cell(a, nativeTicks[i], column)} │ ${cell(b, rewrittenTicks[i], column)}`.trimEnd());
  }
  lines.push(...failureLines('native', native, colors), ...failureLines('rewritten', rewritten, colors));
  if (result.match) {
    lines.push(colors.green(`✓ the timelines match: ${native.events.length} events, same order, same microtasks`));
  } else {
    const at = firstDifference(native, rewritten);
    if (at >= 0) {
      lines.push(colors.red(`✗ the timelines differ (first difference at event ${at + 1}): the rewritten program does not behave like the native one`));
    } else {
      // The observed programs agree, but the code as written (without probes) does not.
      lines.push(colors.red('✗ the timelines above agree, but the program as written does not behave the same when rewritten:'));
      lines.push(...(result.checks.unobserved ?? result.difference ?? '').split('\n').map((line) => colors.dim(`  ${line}`)));
    }
  }
  return lines.join('\n');
}

/** The --json form: both timelines and the verdict, for other tools. */
export function traceJson(result: TraceResult): object {
  return {
    file: result.filename,
    match: result.match,
    difference: result.difference,
    checks: result.checks,
    firstDifference: result.match ? null : firstDifference(result.native, result.rewritten),
    awaitSites: result.sites,
    native: result.native,
    rewritten: result.rewritten,
  };
}
