/*
 * emitter: collects the statements of one state machine into numbered cases. Labels are
 * created as placeholders and get their case number only when the code reaches them
 * (late-bound, so forward jumps need no patch table); cases are numbered in source order.
 * Must never: know about particular statements or expressions (that is explode*'s job).
 */
import type * as BT from '@babel/types';

export type Types = typeof BT;

/** A location in the machine: becomes `case N:` once marked. */
export class Label {
  /** numeric literals in the output that name this label, patched by `finish` */
  readonly references: BT.NumericLiteral[] = [];
  caseIndex = -1;
  constructor(readonly debugName: string) {}
}

interface PendingCase {
  labels: Label[];
  body: BT.Statement[];
}

export class CaseEmitter {
  private readonly cases: PendingCase[] = [];
  private current: PendingCase;

  constructor(private readonly t: Types) {
    this.current = { labels: [], body: [] };
    this.cases.push(this.current);
  }

  newLabel(debugName: string): Label {
    return new Label(debugName);
  }

  /** A numeric literal that will read the label's case number. */
  ref(label: Label): BT.NumericLiteral {
    // a placeholder: finish() writes the case number
    const literal = this.t.numericLiteral(0);
    label.references.push(literal);
    return literal;
  }

  /** Starts the case that `label` names (shares the current case while it is still empty). */
  mark(label: Label): void {
    if (label.caseIndex >= 0) throw new Error(`internal: label ${label.debugName} marked twice`);
    if (this.current.body.length > 0) {
      this.current = { labels: [], body: [] };
      this.cases.push(this.current);
    }
    this.current.labels.push(label);
    label.caseIndex = this.cases.length - 1;
  }

  emit(statement: BT.Statement): void {
    this.current.body.push(statement);
  }

  /** True when the last emitted statement hands control to the runtime (nothing after it runs). */
  endsWithTransfer(): boolean {
    const last = this.current.body[this.current.body.length - 1];
    return !!last && (last.type === 'ReturnStatement' || last.type === 'ThrowStatement');
  }

  get caseCount(): number {
    return this.cases.length;
  }

  /** Numbers the cases and returns them as switch cases (case 0 is the entry). */
  finish(): BT.SwitchCase[] {
    const t = this.t;
    // Drop a trailing empty case nobody jumps to.
    const cases = this.cases.filter((c, i) => c.body.length > 0 || i === 0 || c.labels.some((l) => l.references.length > 0));
    cases.forEach((c, index) => {
      for (const label of c.labels) {
        label.caseIndex = index;
        for (const literal of label.references) literal.value = index;
      }
    });
    for (const c of this.cases) {
      if (!cases.includes(c)) for (const label of c.labels) if (label.references.length) throw new Error('internal: dropped a referenced case');
    }
    return cases.map((c, index) => t.switchCase(t.numericLiteral(index), c.body));
  }

  /** Does a jump target case 0 (so that it is more than the entry, run once per call)? */
  entryIsJumpTarget(): boolean {
    return this.cases[0].labels.some((label) => label.references.length > 0);
  }

  /** The statements when the machine needs no switch at all (a single case). */
  singleCaseBody(): BT.Statement[] | null {
    const referenced = this.cases.some((c) => c.labels.some((l) => l.references.length > 0));
    if (this.cases.length === 1 && !referenced) return this.cases[0].body;
    return null;
  }
}
