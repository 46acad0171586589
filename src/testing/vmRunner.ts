/*
 * vmRunner: runs ONE program in a new `vm` context that has its own microtask queue
 * (microtaskMode 'afterEvaluate') and deterministic fake timers, and returns its event log in
 * the format of src/trace/harnessChild.js (microtask tick, kind, text). Unhandled rejections are
 * recorded after each macrotask, as Node does.
 * Must never: let two runs overlap in one process (rejection tracking is process-wide, so runs
 * are serialised here), let a program see the real timers, or transform code.
 */
import * as vm from 'vm';
import * as util from 'util';

export interface RunEvent {
  tick: number;
  /** log | unhandledRejection | uncaughtException */
  kind: string;
  text: string;
}

export interface FiredTimer {
  registeredAt: number;
  delay: number;
  due: number;
}

export interface VmRun {
  events: RunEvent[];
  /** every timer that ran, in order, with fake-clock times (used to pick programs whose timer order cannot depend on real-clock jitter) */
  firedTimers: FiredTimer[];
  /** set when the run did not complete normally: syntax error, timeout, too many timers/events */
  failure?: string;
}

export interface VmRunOptions {
  /** microtask ticks counted after the start of each macrotask (as harnessChild.js: 2000) */
  ticksPerMacrotask?: number;
  /** wall-clock limit for one macrotask including its microtasks */
  macrotaskTimeoutMs?: number;
  maxTimers?: number;
  maxEvents?: number;
  /** the characters all events may hold together: a program whose log grows past it (a string
   * doubled in a loop) is a generator bug, reported as a failed run, not a worker out of memory */
  maxEventCharacters?: number;
  filename?: string;
}

interface PendingTimer {
  id: number;
  due: number;
  sequence: number;
  registeredAt: number;
  delay: number;
  callback: (...args: unknown[]) => unknown;
  args: unknown[];
}

/** Formats a logged value exactly as harnessChild.js does (errors as `Name: message`). */
export function formatValue(value: unknown, depth = 0): string {
  if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
    const candidate = value as { name?: unknown; message?: unknown };
    let isError = false;
    try {
      isError = util.types.isNativeError(value) || (typeof value === 'object' && typeof candidate.message === 'string' && typeof candidate.name === 'string' && 'stack' in value);
    } catch {
      isError = false;
    }
    if (isError) return `${String(candidate.name)}: ${String(candidate.message)}`;
  }
  if (typeof value === 'string') return depth === 0 ? value : JSON.stringify(value);
  if (typeof value === 'function') return `[function ${(value as { name?: string }).name || 'anonymous'}]`;
  if (typeof value === 'symbol') return value.toString();
  if (value !== null && typeof value === 'object') {
    if (depth > 3) return '[deep]';
    let isPromise = false;
    try {
      isPromise = util.types.isPromise(value);
    } catch {
      isPromise = false;
    }
    if (isPromise) return '[Promise]';
    if (Array.isArray(value)) return '[' + value.map((item: unknown) => formatValue(item, depth + 1)).join(', ') + ']';
    let keys: string[];
    try {
      keys = Object.keys(value);
    } catch {
      return '[object]';
    }
    return '{' + keys.map((key) => {
      let item: unknown;
      try {
        item = (value as Record<string, unknown>)[key];
      } catch {
        item = '[getter threw]';
      }
      return `${key}: ${formatValue(item, depth + 1)}`;
    }).join(', ') + '}';
  }
  return String(value);
}

// ------------------------------------------------------------------ unhandled rejections
let currentRecorder: ((reason: unknown) => void) | null = null;
let trackingInstalled = false;
function installRejectionTracking(): void {
  if (trackingInstalled) return;
  trackingInstalled = true;
  process.on('unhandledRejection', (reason: unknown) => {
    if (currentRecorder) currentRecorder(reason);
  });
}

let queue: Promise<unknown> = Promise.resolve();

const BOOTSTRAP = new vm.Script(`(function (host) {
  var resolvedPromise = Promise.resolve();
  // an own constructor of undefined: then() takes %Promise% without reading
  // Promise.prototype.constructor or Symbol.species, which a program may watch with getters
  // (the fuzzer's protocol-read probes); the child harness's queueMicrotask reads nothing either
  Object.defineProperty(resolvedPromise, 'constructor', { value: undefined });
  var then = Promise.prototype.then;
  var budget = 0;
  var running = false;
  function pump() {
    host.tick++;
    if (--budget > 0) then.call(resolvedPromise, pump);
    else running = false;
  }
  host.startPump = function () {
    budget = host.ticksPerMacrotask;
    if (!running) {
      running = true;
      then.call(resolvedPromise, pump);
    }
  };
})(__fuzzHost);`, { filename: 'fuzz-bootstrap.js' });
const FIRE_TIMER = new vm.Script('__fuzzHost.fireTimer()', { filename: 'fuzz-timer.js' });
const DRAIN = new vm.Script('0', { filename: 'fuzz-drain.js' });

/** waits for one turn of the outer event loop, so that Node reports unhandled rejections */
function outerTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs `code` in a fresh context; calls are queued so that runs never overlap. */
export function runInFreshContext(code: string, options: VmRunOptions = {}): Promise<VmRun> {
  const result = queue.then(() => runNow(code, options));
  queue = result.catch(() => undefined);
  return result;
}

async function runNow(code: string, options: VmRunOptions): Promise<VmRun> {
  installRejectionTracking();
  const events: RunEvent[] = [];
  const firedTimers: FiredTimer[] = [];
  const maxEvents = options.maxEvents ?? 20000;
  const maxTimers = options.maxTimers ?? 2000;
  const maxEventCharacters = options.maxEventCharacters ?? 4_000_000;
  let eventCharacters = 0;
  const timeout = options.macrotaskTimeoutMs ?? 2000;
  let failure: string | undefined;
  let now = 0;
  let sequence = 0;
  let nextTimerId = 1;
  let timers: PendingTimer[] = [];
  let current: PendingTimer | null = null;

  const host = {
    tick: 0,
    ticksPerMacrotask: options.ticksPerMacrotask ?? 2000,
    startPump: (): void => undefined,
    fireTimer: (): void => {
      const timer = current;
      if (!timer) return;
      host.startPump();
      timer.callback.apply(undefined, timer.args);
    },
  };
  let overBudget = false;
  const record = (kind: string, text: string): void => {
    if (overBudget) return;
    if (events.length >= maxEvents) {
      failure = failure ?? `more than ${maxEvents} events`;
      return;
    }
    eventCharacters += text.length;
    if (eventCharacters > maxEventCharacters) {
      overBudget = true;
      failure = failure ?? `more than ${maxEventCharacters} characters of events`;
      return;
    }
    events.push({ tick: host.tick, kind, text });
  };
  // (once over budget nothing is formatted again: the program may go on doubling its strings)
  const log = (...values: unknown[]): void => {
    if (!overBudget) record('log', values.map((v) => formatValue(v)).join(' '));
  };
  const setTimeoutFake = (callback: unknown, ms?: unknown, ...args: unknown[]): number => {
    const id = nextTimerId++;
    if (typeof callback !== 'function') return id;
    let delay = Number(ms);
    if (!(delay >= 1 && delay <= 2147483647)) delay = 1;
    delay = Math.trunc(delay);
    timers.push({ id, due: now + delay, sequence: sequence++, registeredAt: now, delay, callback: callback as (...a: unknown[]) => unknown, args });
    return id;
  };
  const clearTimeoutFake = (id: unknown): void => {
    timers = timers.filter((timer) => timer.id !== id);
  };
  const programConsole = {
    log,
    info: log,
    warn: (...values: unknown[]) => log('[warn]', ...values),
    error: (...values: unknown[]) => log('[error]', ...values),
  };
  const sandbox = {
    __fuzzHost: host,
    log,
    console: programConsole,
    setTimeout: setTimeoutFake,
    clearTimeout: clearTimeoutFake,
  };
  const context = vm.createContext(sandbox, { microtaskMode: 'afterEvaluate' });
  BOOTSTRAP.runInContext(context);

  currentRecorder = (reason) => record('unhandledRejection', formatValue(reason));
  try {
    let script: vm.Script;
    try {
      script = new vm.Script(code, { filename: options.filename ?? 'program.js' });
    } catch (error) {
      return { events, firedTimers, failure: `syntax error: ${formatValue(error)}` };
    }

    /** runs one macrotask; false when the run must stop */
    const macrotask = (run: () => void): boolean => {
      try {
        run();
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
          failure = `macrotask timed out after ${timeout} ms`;
          return false;
        }
        record('uncaughtException', formatValue(error));
        try {
          DRAIN.runInContext(context, { timeout });
        } catch {
          failure = `macrotask timed out after ${timeout} ms`;
          return false;
        }
      }
      return true;
    };

    host.startPump();
    if (!macrotask(() => script.runInContext(context, { timeout }))) return { events, firedTimers, failure };
    await outerTurn();
    while (timers.length > 0 && failure === undefined) {
      if (firedTimers.length >= maxTimers) {
        failure = `more than ${maxTimers} timers`;
        break;
      }
      let nextIndex = 0;
      for (let i = 1; i < timers.length; i++) {
        const a = timers[i];
        const b = timers[nextIndex];
        if (a.due < b.due || (a.due === b.due && a.sequence < b.sequence)) nextIndex = i;
      }
      current = timers[nextIndex];
      timers.splice(nextIndex, 1);
      now = current.due;
      firedTimers.push({ registeredAt: current.registeredAt, delay: current.delay, due: current.due });
      if (!macrotask(() => FIRE_TIMER.runInContext(context, { timeout }))) break;
      current = null;
      await outerTurn();
    }
    return { events, firedTimers, failure };
  } finally {
    // a run cut short may still have a rejection to report: it belongs to this run, not the next
    await outerTurn();
    currentRecorder = null;
  }
}

/** True when the fired timers are far enough apart that real timers would fire them in the same order. */
export function timersAreUnambiguous(run: VmRun, minimumGapMs: number): boolean {
  const timers = run.firedTimers;
  for (let i = 0; i < timers.length; i++) {
    for (let j = i + 1; j < timers.length; j++) {
      const a = timers[i];
      const b = timers[j];
      const sameBatch = a.registeredAt === b.registeredAt && a.delay === b.delay;
      if (!sameBatch && Math.abs(a.due - b.due) < minimumGapMs) return false;
    }
  }
  return true;
}
