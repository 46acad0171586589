/*
 * leapTargets: the jump-target stack of one state machine. Loops, switches and labeled
 * statements push an entry while their body is lowered, so that `break`, `continue` (with or
 * without a label) find their destination and the number of runtime regions (try blocks,
 * for-of iterations) the jump leaves on its way.
 * Must never: emit code.
 */
import type { Label } from './emitter';

export interface LeapTarget {
  kind: 'loop' | 'switch' | 'block';
  /** user labels naming this statement (`outer: for (...)`) */
  labels: string[];
  /** where `break` goes */
  breakLabel: Label;
  /** where `continue` goes (loops only) */
  continueLabel: Label | null;
  /** runtime region depth at the statement itself */
  depth: number;
  /** `break`/`continue` from inside this loop body also leave its per-iteration region */
  iterationRegion: boolean;
}

export class LeapStack {
  private readonly entries: LeapTarget[] = [];

  push(entry: LeapTarget): void {
    this.entries.push(entry);
  }

  pop(): void {
    this.entries.pop();
  }

  /** The target of `break` / `break label`, or null when no entry matches. */
  breakTarget(label: string | null): LeapTarget | null {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i];
      if (label === null ? entry.kind !== 'block' : entry.labels.includes(label)) return entry;
    }
    return null;
  }

  /** The target of `continue` / `continue label`: a loop. */
  continueTarget(label: string | null): LeapTarget | null {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i];
      if (entry.continueLabel === null) continue;
      if (label === null || entry.labels.includes(label)) return entry;
    }
    return null;
  }
}
