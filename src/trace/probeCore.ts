/*
 * probeCore: the probe's logic, shared by its two hosts: Node (probe.ts, settlements seen through
 * V8's promise hooks) and the browser playground (probeBrowser.ts, which has no such hook). It is
 * loaded INSIDE a traced program (native or rewritten, identically) by the one line that
 * src/trace/instrument.ts prepends. It reports call / suspend / resume / catch / settle / timer
 * events through the harness's `log`, and replaces setTimeout/setInterval and Date.now with a
 * fake clock so that timer-driven programs give the same timeline on every run.
 * Must never: create a promise, queue a microtask, use a host API (the host passes in how it sees
 * settlements), or treat the native and the rewritten program differently.
 */

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
  /** resume events: what the await received, described without reading it (describeSent) */
  sent?: string;
}

export type LogFunction = (text: string) => void;
type TimerCallback = (...args: unknown[]) => void;
export type RealSetTimeout = (callback: () => void, ms: number) => unknown;

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

/**
 * How the host sees the promise an observed call returned settle. `watch` is called once per
 * call whose result is a promise; it calls `settled` when (and as soon as) the host can tell.
 */
export interface SettlementWatcher {
  isPromise(value: unknown): value is Promise<unknown>;
  watch(promise: Promise<unknown>, settled: (state: 'fulfilled' | 'rejected') => void): void;
}

/** What a resumed await received, described without reading any property of it (a getter is an observer). */
export function describeSent(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value);
    case 'function':
      return 'a function';
    case 'object':
      return value === null ? 'null' : 'an object';
    case 'symbol':
      return 'a symbol';
    default:
      return String(value);
  }
}

export interface ProbeApi {
  observe<F extends (...args: never[]) => unknown>(fn: F, inferredName: string, shownName?: string): F;
  observeMethod(target: object, key: string, name: string): void;
  enter(name: string): number;
  suspend<T>(site: number, value: T, call?: number): T;
  resume<T>(site: number, value: T, call?: number): T;
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
export function installProbe(
  log: LogFunction,
  realSetTimeout: RealSetTimeout,
  sites: AwaitSite[],
  catchSites: Array<{ fn: string; line: number }>,
  settlements: SettlementWatcher,
): ProbeApi {
  let now = 0;
  const emit = (event: Omit<ProbeEvent, 'time'>): void => log(PROBE_MARK + JSON.stringify({ ...event, time: now }));

  const callCounts = new Map<string, number>();
  function watchResult(result: unknown, name: string, call: number): void {
    if (!settlements.isPromise(result)) return;
    settlements.watch(result, (state) => emit({ kind: 'settle', text: `${name}() #${call} ${state}`, fn: name, call, state }));
  }

  // The calls whose synchronous part is running, innermost last: the first statement of an
  // observed body asks which call it belongs to (enter), so that its awaits can say so.
  const running: Array<{ name: string; call: number; claimed: boolean }> = [];

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
        running.push({ name, call, claimed: false });
        let result: unknown;
        try {
          result = fn.apply(this, args);
        } finally {
          running.pop();
        }
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

  /** The number of the call whose body starts now, or 0 when the function was not observed. */
  function enter(name: string): number {
    const top = running[running.length - 1];
    if (!top || top.claimed || top.name !== name) return 0;
    top.claimed = true;
    return top.call;
  }
  function suspend<T>(site: number, value: T, call?: number): T {
    const where = sites[site];
    emit({ kind: 'suspend', text: `${where.fn}: await #${where.index} (line ${where.line}) suspends`, site, fn: where.fn, line: where.line, ...(call ? { call } : {}) });
    return value;
  }
  function resume<T>(site: number, value: T, call?: number): T {
    const where = sites[site];
    emit({ kind: 'resume', text: `${where.fn}: await #${where.index} resumes`, site, fn: where.fn, line: where.line, ...(call ? { call } : {}), sent: describeSent(value) });
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
    enter,
    suspend,
    resume,
    caught,
    setTimeout: (callback, ms, ...args) => addTimer(callback, ms, args, false),
    setInterval: (callback, ms, ...args) => addTimer(callback, ms, args, true),
    clearTimeout: clearTimer,
    clearInterval: clearTimer,
  };
}
