/*
 * tracePlan: the host-independent half of --trace. prepareTrace turns one source into the four
 * programs a trace runs (native and rewritten, each observed and unobserved, with the same
 * instrumentation on both sides); traceResult.ts turns the four event logs into timelines and
 * the verdict. The Node CLI (timeline.ts) runs the programs in child processes; the browser
 * playground runs the very same programs in Web Workers.
 * Must never: run a program, touch a host API, decide a match by anything but comparing the two
 * runs, or instrument one side differently from the other (except the injectExtraTick switch).
 */
import { transformSource } from '../transform';
import { instrumentProgram, type CatchSite } from './instrument';
import type { AwaitSite } from './probeCore';
import type { TraceOptions } from './traceResult';

export { finishTrace, toTimeline } from './traceResult';
export type { Timeline, TimelineEvent, TimelineEventKind, TraceOptions, TraceResult, TraceRuns } from './traceResult';

/** The four programs of one trace, ready to run (CommonJS, requiring the probe at probePath). */
export interface TracePrograms {
  filename: string;
  nativeObserved: string;
  rewrittenObserved: string;
  nativePlain: string;
  rewrittenPlain: string;
  sites: AwaitSite[];
  catchSites: CatchSite[];
}

/**
 * What the trace tells Babel (its `caller` option) about the code it makes: the programs run as
 * CommonJS scripts (a Node child, a Web Worker), so top-level await cannot stay and the plugin
 * refuses it with its own code frame, as it does with modules-commonjs in the pipeline.
 */
export const traceCaller = { name: 'async-state-machine-trace', supportsTopLevelAwait: false } as const;

/** Instruments and rewrites `source` both ways. Throws on a syntax error (Babel's error, with loc) or a plugin rejection. */
export function prepareTrace(source: string, options: TraceOptions & { probePath: string }): TracePrograms {
  const filename = options.filename ?? 'program.js';
  const probePath = options.probePath;
  const runtime = options.runtime ?? 'import';
  // Rewrite the source as given first: an error then points into the user's code, not the
  // instrumented copy.
  transformSource(source, { filename, runtime, caller: traceCaller });
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
  const rewrite = (code: string) => transformSource(code, { filename: scriptName, runtime, caller: traceCaller }).code;
  return {
    filename,
    nativeObserved: observed.code,
    rewrittenObserved: rewrite(observedToRewrite),
    nativePlain: unobserved.code,
    rewrittenPlain: rewrite(unobservedToRewrite),
    sites: observed.sites,
    catchSites: observed.catchSites,
  };
}

