/*
 * probe: the Node host of the trace probe (the logic is probeCore.ts). It is the module that the
 * instrumented program requires in a Node child: it sees the settlement of each observed call's
 * promise through V8's promise hooks, at the moment it happens, without attaching a reaction.
 * Must never: create a promise, queue a microtask, attach a reaction to a user's promise (that
 * would mark a rejection as handled), or treat the native and the rewritten program differently.
 */
import * as util from 'util';
import * as v8 from 'v8';
import { installProbe, type AwaitSite, type LogFunction, type ProbeApi, type RealSetTimeout, type SettlementWatcher } from './probeCore';

export { PROBE_MARK, describeSent, type AwaitSite, type ProbeApi, type ProbeEvent } from './probeCore';

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

/** Settlements through v8.promiseHooks.onSettled: the settle event lands exactly when it happens. */
function hookWatcher(): SettlementWatcher {
  const watched = new WeakMap<object, (state: 'fulfilled' | 'rejected') => void>();
  v8.promiseHooks.onSettled((promise: Promise<unknown>) => {
    const settled = watched.get(promise);
    if (!settled) return;
    watched.delete(promise);
    settled(settledStateAfterHook(promise));
  });
  return {
    isPromise: (value): value is Promise<unknown> => util.types.isPromise(value),
    watch(promise, settled) {
      const state = describeState(promise);
      if (state === 'pending') watched.set(promise, settled);
      else settled(state);
    },
  };
}

/** Called once at the top of the traced program (see instrument.ts). */
export function install(log: LogFunction, realSetTimeout: RealSetTimeout, sites: AwaitSite[], catchSites: Array<{ fn: string; line: number }>): ProbeApi {
  return installProbe(log, realSetTimeout, sites, catchSites, hookWatcher());
}
