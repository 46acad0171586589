/*
 * probe: loaded INSIDE a traced program (native or rewritten, identically) by the one line that
 * src/trace/instrument.ts prepends. It reports call / suspend / resume / catch / settle / timer
 * events through the harness's `log`, and replaces setTimeout/setInterval and Date.now with a
 * fake clock so that timer-driven programs give the same timeline on every run.
 * Must never: create a promise, queue a microtask, attach a reaction to a user's promise (that
 * would mark a rejection as handled), or treat the native and the rewritten program differently.
 */
import * as util from 'util';
import * as v8 from 'v8';

/** Text that starts every probe event in the harness log; the timeline parser looks for it. */
export const PROBE_MARK = '\u0001async-desugar-probe ';

/** One `await` in the source, numbered per function in source order. */
export interface AwaitSite {
  /** name of the enclosing async function ("anonymous" when it has none) */
  fn: string;
  /** 1-based, per function */
  index: number;
  line: number;
  column: number;
}

/** What a probe event carries (serialised as JSON after PROBE_MARK). */
export interface ProbeEvent {
  kind: 'script' | 'call' | 'suspend' | 'resume' | 'catch' | 'settle' | 'timer-set' | 'timer-fire' | 'note';
  /** fake-clock milliseconds since the program started */
  time: number;
  text: string;
  site?: number;
  fn?: string;
  call?: number;
  state?: 'fulfilled' | 'rejected';
  timer?: number;
  line?: number;
}

type LogFunction = (text: string) => void;
type TimerCallback = (...args: unknown[]) => void;
type RealSetTimeout = (callback: () => void, ms: number) => unknown;

interface FakeTimer {
  id: number;
  due: number;
  /** insertion order breaks ties between timers due at the same time, as Node does */
  order: number;
  callback: TimerCallback;
  args: unknown[];
  /** repeat interval for setInterval, else undefined */
  repeat?: number;
  label: string;
}

/** A handle like Node's Timeout enough for the usual uses (clear, ref/unref, numeric coercion). */
class FakeTimeout {
  constructor(readonly id: number) {}
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

const MAX_TIMER_FIRINGS = 10000;

/** Node clamps delays outside 1..2^31-1 to 1 ms. */
function clampDelay(ms: unknown): number {
  const delay = Number(ms);
  return delay >= 1 && delay <= 2147483647 ? delay : 1;
}

/** Names of settled states, read without running user code and without a reaction. */
function settledStateAfterHook(promise: Promise<unknown>): 'fulfilled' | 'rejected' {
  // V8 calls onSettled before it stores a fulfilment but after it stores a rejection, so
  // "<rejected>" is the only state the hook can see besides "<pending>" (= being fulfilled).
  return describeState(promise) === 'rejected' ? 'rejected' : 'fulfilled';
}

function describeState(promise: Promise<unknown>): 'pending' | 'fulfilled' | 'rejected' {
  const shown = util.inspect(promise, { depth: 0, customInspect: false, getters: false, showProxy: false });
  if (shown.startsWith('Promise { <pending>')) return 'pending';
  if (shown.startsWith('Promise {\n  <rejected>') || shown.startsWith('Promise { <rejected>')) return 'rejected';
  return 'fulfilled';
}

export interface ProbeApi {
  observe<F extends (...args: never[]) => unknown>(fn: F, inferredName: string, shownName?: string): F;
  observeMethod(target: object, key: string, name: string): void;
  suspend<T>(site: number, value: T): T;
  resume<T>(site: number, value: T): T;
  caught(site: number): void;
  setTimeout(callback: TimerCallback, ms?: number, ...args: unknown[]): FakeTimeout;
  setInterval(callback: TimerCallback, ms?: number, ...args: unknown[]): FakeTimeout;
  clearTimeout(handle: unknown): void;
  clearInterval(handle: unknown): void;
}

/**
 * Called once at the top of the traced program. `catchSites` are catch clauses, given as
 * {fn, line}; await sites are numbered from 0 in the order of `sites`.
 */
export function install(log: LogFunction, realSetTimeout: RealSetTimeout, sites: AwaitSite[], catchSites: Array<{ fn: string; line: number }>): ProbeApi {
  let now = 0;
  const emit = (event: Omit<ProbeEvent, 'time'>): void => log(PROBE_MARK + JSON.stringify({ ...event, time: now }));

  // ---- settlements of the promises that observed async functions return
  const watched = new WeakMap<object, { name: string; call: number }>();
  v8.promiseHooks.onSettled((promise: Promise<unknown>) => {
    const owner = watched.get(promise);
    if (!owner) return;
    watched.delete(promise);
    const state = settledStateAfterHook(promise);
    emit({ kind: 'settle', text: `${owner.name}() #${owner.call} ${state}`, fn: owner.name, call: owner.call, state });
  });

  const callCounts = new Map<string, number>();
  function watchResult(result: unknown, name: string, call: number): void {
    if (!util.types.isPromise(result)) return;
    const state = describeState(result);
    if (state === 'pending') watched.set(result, { name, call });
    else emit({ kind: 'settle', text: `${name}() #${call} ${state}`, fn: name, call, state });
  }

  /**
   * `inferredName` is the name the function would get from its context ('' when none);
   * `shownName` is how the timeline calls it ("User.getName"), by default its own name.
   */
  function observe<F extends (...args: never[]) => unknown>(fn: F, inferredName: string, shownName?: string): F {
    if (typeof fn !== 'function') return fn;
    const name = shownName || fn.name || inferredName || 'anonymous';
    // A method is not a constructor, like an async function; `this` and arguments pass through.
    const holder = {
      [name](this: unknown, ...args: never[]): unknown {
        const call = (callCounts.get(name) ?? 0) + 1;
        callCounts.set(name, call);
        emit({ kind: 'call', text: `call ${name}() #${call}`, fn: name, call });
        const result = fn.apply(this, args);
        watchResult(result, name, call);
        return result;
      },
    };
    const wrapper = holder[name];
    Object.defineProperty(wrapper, 'length', { value: fn.length, configurable: true });
    Object.defineProperty(wrapper, 'name', { value: fn.name || inferredName, configurable: true });
    return wrapper as unknown as F;
  }

  function observeMethod(target: object, key: string, name: string): void {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor || typeof descriptor.value !== 'function') return;
    Object.defineProperty(target, key, { ...descriptor, value: observe(descriptor.value as (...args: never[]) => unknown, key, name) });
  }

  function suspend<T>(site: number, value: T): T {
    const where = sites[site];
    emit({ kind: 'suspend', text: `${where.fn}: await #${where.index} (line ${where.line}) suspends`, site, fn: where.fn, line: where.line });
    return value;
  }
  function resume<T>(site: number, value: T): T {
    const where = sites[site];
    emit({ kind: 'resume', text: `${where.fn}: await #${where.index} resumes`, site, fn: where.fn, line: where.line });
    return value;
  }
  function caught(site: number): void {
    const where = catchSites[site];
    emit({ kind: 'catch', text: `${where.fn}: catch at line ${where.line}`, fn: where.fn, line: where.line });
  }

  // ---- the fake clock: timers fire in (due time, insertion) order, one per real macrotask
  const timers: FakeTimer[] = [];
  let nextTimerId = 1;
  let insertion = 0;
  let firings = 0;
  let driverScheduled = false;

  function scheduleDriver(): void {
    if (driverScheduled || timers.length === 0) return;
    driverScheduled = true;
    realSetTimeout(fireNext, 0);
  }
  function fireNext(): void {
    driverScheduled = false;
    if (timers.length === 0) return;
    if (++firings > MAX_TIMER_FIRINGS) {
      emit({ kind: 'note', text: `fake clock stopped after ${MAX_TIMER_FIRINGS} timer callbacks` });
      timers.length = 0;
      return;
    }
    let earliest = 0;
    for (let i = 1; i < timers.length; i++) {
      const a = timers[i];
      const b = timers[earliest];
      if (a.due < b.due || (a.due === b.due && a.order < b.order)) earliest = i;
    }
    const timer = timers[earliest];
    if (timer.repeat === undefined) timers.splice(earliest, 1);
    now = Math.max(now, timer.due);
    if (timer.repeat !== undefined) {
      timer.due = now + timer.repeat;
      timer.order = insertion++;
    }
    emit({ kind: 'timer-fire', text: `${timer.label} fires at ${now} ms`, timer: timer.id });
    // The next timer gets its own macrotask, so microtasks drain in between as in Node.
    scheduleDriver();
    timer.callback(...timer.args);
  }

  function addTimer(callback: TimerCallback, ms: unknown, args: unknown[], repeat: boolean): FakeTimeout {
    const id = nextTimerId++;
    const delay = clampDelay(ms);
    const label = `${repeat ? 'interval' : 'timer'} #${id}`;
    if (typeof callback !== 'function') throw new TypeError('The "callback" argument must be of type function');
    timers.push({ id, due: now + delay, order: insertion++, callback, args, repeat: repeat ? delay : undefined, label });
    emit({ kind: 'timer-set', text: `${label} set for ${delay} ms (due at ${now + delay} ms)`, timer: id });
    scheduleDriver();
    return new FakeTimeout(id);
  }
  function clearTimer(handle: unknown): void {
    const id = handle instanceof FakeTimeout ? handle.id : Number(handle);
    const index = timers.findIndex((timer) => timer.id === id);
    if (index >= 0) timers.splice(index, 1);
  }

  const startedAt = Date.now();
  Date.now = () => startedAt + now;
  if (typeof performance === 'object' && performance) {
    const performanceOrigin = performance.now();
    performance.now = () => performanceOrigin + now;
  }

  emit({ kind: 'script', text: 'script starts (synchronous part)' });
  return {
    observe,
    observeMethod,
    suspend,
    resume,
    caught,
    setTimeout: (callback, ms, ...args) => addTimer(callback, ms, args, false),
    setInterval: (callback, ms, ...args) => addTimer(callback, ms, args, true),
    clearTimeout: clearTimer,
    clearInterval: clearTimer,
  };
}
