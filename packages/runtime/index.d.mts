/*
 * Types of async-state-machine-runtime (ES module entry): the same driver, as the default export.
 */
/** What a step function receives: the machine's state and the calls that hand control back. */
export interface State {
  /** the case the step resumes at */
  readonly label: number;
  /** the value the last suspension resumed with */
  readonly sent: unknown;
  /** the error a catch case was entered with */
  readonly caught: unknown;
  [call: string]: unknown;
}
/** One step of a lowered async function: a `switch (state.label)` over its cases. */
export type Step = (this: unknown, state: State) => unknown;
export interface AsyncMachine {
  /** Runs a lowered async function; `self` is its `this` when the function reads it. */
  (step: Step, self?: unknown): Promise<unknown>;
  /** Runs a lowered async generator function and returns its async generator object. */
  generator(step: Step, self?: unknown): AsyncGenerator<unknown, unknown, unknown>;
  asyncMachine: AsyncMachine;
  default: AsyncMachine;
}
declare const asyncMachine: AsyncMachine;
export default asyncMachine;
