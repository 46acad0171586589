// Virtual modules that playground/build.mjs provides.
declare module 'playground:presets' {
  const presets: Array<{ id: string; title: string; section: string; notice: string; file: string; code: string }>;
  export default presets;
}
declare module 'playground:runtime-source' {
  /** the text of lib/runtime/asyncMachine.js (the built runtime), read at build time */
  export function readFileSync(): string;
}
declare module '*/harnessCore.js' {
  export function createHarness(host: {
    macrotask(task: () => void): void;
    queueMicrotask(task: () => void): void;
    isPromise(value: unknown): boolean;
    onTimerError?(error: unknown): void;
  }): {
    events: Array<{ tick: number; kind: string; text: string }>;
    record(kind: string, text: string): void;
    formatValue(value: unknown): string;
    startPump(): void;
    hasPendingTimers(): boolean;
    wrapperParameters: string;
    wrapperArguments(programRequire: (id: string) => unknown, module_: { exports: unknown }): unknown[];
  };
}
declare module '*/asyncMachine.js' {
  const runtime: (...args: never[]) => unknown;
  export default runtime;
}
