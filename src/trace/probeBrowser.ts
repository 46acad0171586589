/*
 * probeBrowser: the browser host of the trace probe (the logic is probeCore.ts), required by the
 * instrumented program inside a playground Web Worker. A browser has no promise hook, so the
 * settlement of an observed call's promise is seen through a reaction (the `then` captured when
 * the probe was installed, before any user code): the settle event then lands when that reaction
 * runs, one microtask after the settlement and after the jobs already queued, on both sides
 * alike. Such a reaction marks a rejection as handled: the unobserved runs, which have no
 * observed calls, are the ones that see unhandled rejections.
 * Must never: create a promise other than that reaction's, or treat the native and the rewritten
 * program differently.
 */
import { installProbe, type AwaitSite, type LogFunction, type ProbeApi, type RealSetTimeout } from './probeCore';

export { PROBE_MARK } from './probeCore';

export function install(log: LogFunction, realSetTimeout: RealSetTimeout, sites: AwaitSite[], catchSites: Array<{ fn: string; line: number }>): ProbeApi {
  const NativePromise = Promise;
  const then = Promise.prototype.then;
  return installProbe(log, realSetTimeout, sites, catchSites, {
    isPromise: (value): value is Promise<unknown> => value instanceof NativePromise,
    watch(promise, settled) {
      then.call(
        promise,
        () => settled('fulfilled'),
        () => settled('rejected'),
      );
    },
  });
}
