/*
 * run.worker: the browser host of ONE traced run, the counterpart of src/trace/harnessChild.js.
 * The page starts a fresh worker per run, posts one program (already instrumented, and rewritten
 * or not, by the compile worker) and gets its event log back. The tick counter, the log, the
 * console and the fake clock are src/trace/harnessCore.js; the probe is src/trace/probeBrowser.ts;
 * `require` of the runtime gives lib/runtime/asyncMachine.js (the built runtime), loaded before
 * the program.
 * Must never: transform code, run two programs, or share anything with the page but messages.
 */
import { createHarness } from '../../src/trace/harnessCore.js';
import * as browserProbe from '../../src/trace/probeBrowser';
import { describeSent } from '../../src/trace/probeCore';
import runtime from '../../lib/runtime/asyncMachine.js'; // built by npm run build:runtime
import { PROBE_ID, RUNTIME_ID, type MachineStep, type RunRequest, type RunResult } from './protocol';

const post = self.postMessage.bind(self) as (message: RunResult) => void;
const NativeMessageChannel = MessageChannel;
const realSetTimeout = self.setTimeout.bind(self);

// A real macrotask (the microtasks drain before it), fast: setTimeout clamps nested calls to 4 ms.
const macrotasks: Array<() => void> = [];
const channel = new NativeMessageChannel();
channel.port1.onmessage = () => {
  const task = macrotasks.shift();
  if (task) task();
};
function macrotask(task: () => void): void {
  macrotasks.push(task);
  channel.port2.postMessage(0);
}

const exceptionHandlers: Array<(error: unknown) => void> = [];
const rejectionHandlers: Array<(reason: unknown) => void> = [];

const harness = createHarness({
  macrotask,
  queueMicrotask: self.queueMicrotask.bind(self),
  isPromise: (value: unknown) => value instanceof Promise,
  onTimerError: (error: unknown) => uncaught(error),
});

function uncaught(error: unknown): void {
  harness.record('uncaughtException', harness.formatValue(error));
  for (const handler of exceptionHandlers.slice()) handler(error);
}

self.addEventListener('error', (event: ErrorEvent) => {
  event.preventDefault();
  uncaught(event.error);
});
self.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  event.preventDefault();
  harness.record('unhandledRejection', harness.formatValue(event.reason));
  for (const handler of rejectionHandlers.slice()) handler(event.reason);
});

/** The little of Node's `process` that the tutorial's programs use. */
const programProcess = {
  env: {},
  on(event: string, handler: (value: unknown) => void) {
    if (event === 'uncaughtException') exceptionHandlers.push(handler);
    else if (event === 'unhandledRejection') rejectionHandlers.push(handler);
    return programProcess;
  },
};

// Machine states, seen by wrapping each step function the runtime is given (runtime: 'import'
// only): read-only looks at the machine's public label/sent/caught and its open regions. A side
// channel: never part of the compared log.
const steps: MachineStep[] = [];
function regionsOf(machine: Record<string, unknown>): MachineStep['regions'] {
  // the innermost open region is machine._region, each linked to the one around it (.outer)
  const regions: Array<Record<string, unknown>> = [];
  for (let region = machine._region as Record<string, unknown> | null | undefined; region && regions.length < 100; region = region.outer as Record<string, unknown> | null) regions.unshift(region);
  return regions.map((region: Record<string, unknown>) =>
    typeof region.catchLabel === 'number'
      ? {
          catchLabel: region.catchLabel,
          finallyLabel: region.finallyLabel as number,
          // the runtime's phases and pending completions (src/runtime/tryRegions.js IN_TRY.., core.js COMPLETE_GOTO..)
          phase: (['try', 'catch', 'finally'] as const)[region.phase as number] ?? 'try',
          pending: region.phase === 2 ? (['goto', 'return', 'throw'] as const)[region.pendingKind as number] : undefined,
        }
      : { loop: true },
  );
}
function watchSteps<F extends (...args: never[]) => unknown>(start: F, stepIndex = 0): F {
  const wrapped = function (this: unknown) {
    const args = Array.prototype.slice.call(arguments);
    const step: unknown = args[stepIndex];
    if (typeof step === 'function') {
      args[stepIndex] = function (this: unknown, machine: Record<string, unknown>) {
        const seen: MachineStep = {
          event: harness.events.length,
          label: machine.label as number,
          sent: describeSent(machine.sent),
          caught: machine.caught === undefined ? undefined : describeSent(machine.caught),
          regions: regionsOf(machine),
        };
        steps.push(seen);
        try {
          return (step as (...a: unknown[]) => unknown).apply(this, arguments as unknown as unknown[]);
        } finally {
          seen.end = harness.events.length;
        }
      };
    }
    return start.apply(this, args as never);
  };
  return wrapped as unknown as F;
}
type Runtime = ((...args: never[]) => unknown) & { generator?: (...args: never[]) => unknown; generatorFor?: (...args: never[]) => unknown };
const watchedRuntime: Runtime = watchSteps(runtime as Runtime);
// every other member (generatorFunction, ...) as it is; the calls that take a step are watched
for (const key of Object.getOwnPropertyNames(runtime)) {
  if (!(key in watchedRuntime)) (watchedRuntime as unknown as Record<string, unknown>)[key] = (runtime as unknown as Record<string, unknown>)[key];
}
if (typeof (runtime as Runtime).generator === 'function') watchedRuntime.generator = watchSteps((runtime as Runtime).generator!);
// start(step, self): the entry segment runs in the user's function; the step runs the resumptions
if (typeof (runtime as Runtime & { start?: unknown }).start === 'function') (watchedRuntime as unknown as Record<string, unknown>).start = watchSteps((runtime as unknown as { start: (...args: never[]) => unknown }).start);
// generatorFor(g, step, self): the step is its second argument
if (typeof (runtime as Runtime).generatorFor === 'function') watchedRuntime.generatorFor = watchSteps((runtime as Runtime).generatorFor!, 1);
(watchedRuntime as unknown as Record<string, unknown>).asyncMachine = watchedRuntime;
(watchedRuntime as unknown as Record<string, unknown>).default = watchedRuntime;

let watchMachines = false;
function programRequire(id: string): unknown {
  if (id === RUNTIME_ID) return watchMachines ? watchedRuntime : runtime;
  if (id === PROBE_ID) return browserProbe;
  throw new Error(`require("${id}"): the playground has no modules besides the runtime`);
}

let finished = false;
let nonce = '';
function finish(): void {
  if (finished) return;
  finished = true;
  post({ kind: 'done', nonce, events: harness.events, steps });
}

/** Done when no fake timer is left once the microtasks have drained (as a Node process exits). */
function checkDone(): void {
  if (harness.hasPendingTimers()) macrotask(checkDone);
  // a real timer last: rejection events the engine posts as tasks arrive before it
  else realSetTimeout(() => (harness.hasPendingTimers() ? macrotask(checkDone) : finish()), 0);
}

self.onmessage = (message: MessageEvent<RunRequest>) => {
  const { code, filename } = message.data;
  watchMachines = message.data.watchMachines === true;
  nonce = message.data.nonce;
  self.onmessage = null; // one program per worker
  (self as unknown as { process: unknown }).process = programProcess;
  let program: (...args: unknown[]) => void;
  try {
    // eslint-disable-next-line no-new-func -- running the user's program is this worker's job
    program = new Function(...harness.wrapperParameters.split(', '), `${code}\n//# sourceURL=${filename}`) as typeof program;
  } catch (error) {
    post({ kind: 'done', nonce, events: [], steps, failure: `could not load the program: ${String(error)}` });
    return;
  }
  const module_ = { exports: {} };
  harness.startPump();
  try {
    program.apply(module_.exports, harness.wrapperArguments(programRequire, module_));
  } catch (error) {
    harness.record('uncaughtException', harness.formatValue(error));
  }
  macrotask(checkDone);
};
