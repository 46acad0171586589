/*
 * explain: the comments of `explain: true`. While a machine is emitted, the context records a
 * fact for every runtime call that carries a number (the labels and region counts it was built
 * from); once the cases are numbered, each call in the step function gets one short sentence in
 * plain words, on the statement that holds it. Calls without numbers get their member's sentence.
 * Must never: change the code (only comments are added), or read a number back from the output.
 */
import type * as BT from '@babel/types';
import type { Label, Types } from './emitter';

/** A runtime region open at some depth of the machine (what a `goto` leaves on its way). */
export type OpenRegion =
  | { kind: 'try'; catchLabel: Label | null; finallyLabel: Label | null }
  | { kind: 'iteration'; async: boolean; head: Label }
  | { kind: 'pattern' };

/** What the emitter knew when it wrote a runtime call. */
export type CallFact =
  | { member: 'await' | 'awaitCall' | 'yield' | 'delegate'; ordinal: number; line: number | null; resume: Label }
  | { member: 'goto'; target: Label; leaving: OpenRegion[] }
  | { member: 'enterTry'; catchLabel: Label | null; finallyLabel: Label | null }
  | { member: 'return'; hasValue: boolean; generator: boolean; pendingFinally: Label[] }
  | { member: 'nextValue' | 'asyncNextValue'; head: Label };

/** One sentence per runtime call that carries no number of its own. */
const PLAIN: Readonly<Record<string, string>> = {
  endFinally: 'end of the finally block: carry on with what was pending (the jump, return or throw that ran it)',
  iterate: 'get the iterator once (GetIterator); a value that is not iterable throws here',
  iterateCall: 'make the loop head\'s call here and get its iterator (a non-function fails as the loop head does)',
  asyncIterate: 'get the async iterator once (or wrap the sync one, so each value is awaited)',
  asyncIterateCall: 'make the loop head\'s call here and get its async iterator (a non-function fails as the loop head does)',
  callNext: 'call next() on the iterator; its result is awaited',
  keys: 'take the for-in keys once, before the first iteration',
  nextKey: 'the next key that still exists, in .key; false when there are none left',
  enterPattern: 'from here to exitPattern a throw closes the destructuring\'s iterator (1 region)',
  patternStep: 'the next element of the destructuring (undefined once the iterator is done)',
  patternRest: 'the remaining elements, for ...rest',
  exitPattern: 'the destructuring is done: close its iterator unless it is exhausted (leaves its region)',
  coercible: 'throw the TypeError native destructuring throws for null or undefined',
  rest: 'own enumerable properties except the keys named before, for ...rest',
  call: 'call the function read before the await, failing with the message the written call gives',
  bindTag: 'the tag method, bound to its object before the await',
  spread: 'the spread element is iterated here, at its own position; the copy is spread again after the await without running user code',
  key: 'convert the computed key to a property key here, where native code converts it',
  check: 'throw the ReferenceError of the temporal dead zone if the variable is not initialised yet',
  checkWrite: 'the value is computed first; then the ReferenceError if the variable is not initialised yet',
  writeTarget: 'a destructuring target still in its temporal dead zone throws when it is written',
  readOnly: 'assignment to a const: throws "Assignment to constant variable." here',
  fail: 'the code before the first await threw: a rejection, or its catch case',
};

/** The members that have a sentence (for the test that compares with the CLI legend). */
export const EXPLAINED_MEMBERS: readonly string[] = [
  'await', 'awaitCall', 'yield', 'delegate', 'goto', 'enterTry', 'return', 'nextValue', 'asyncNextValue', ...Object.keys(PLAIN),
];

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function regionWords(region: OpenRegion, target: Label): string {
  switch (region.kind) {
    case 'try':
      return region.finallyLabel ? `a try, whose finally at case ${region.finallyLabel.caseIndex} runs first` : 'a try';
    case 'iteration': {
      const loop = region.async ? 'for await' : 'for-of';
      if (region.head === target) return `the ${loop} iteration, the loop goes on`;
      return region.async ? 'the for await loop, whose iterator\'s return() is awaited' : 'the for-of loop, whose iterator is closed';
    }
    case 'pattern':
      return 'the destructuring, whose iterator is closed';
  }
}

export function describeCall(fact: CallFact): string {
  switch (fact.member) {
    case 'await':
    case 'awaitCall':
    case 'yield':
    case 'delegate': {
      const kind = fact.member === 'delegate' ? 'yield*' : fact.member === 'awaitCall' ? 'await' : fact.member;
      const at = fact.line === null ? '' : ` at line ${fact.line}`;
      return `${kind} #${fact.ordinal}${at}: suspends here; resumes at case ${fact.resume.caseIndex}${kind === 'await' ? ' in a microtask' : ''}`;
    }
    case 'goto': {
      const to = `go to case ${fact.target.caseIndex}`;
      if (fact.leaving.length === 0) return to;
      // innermost first, as the runtime leaves them
      const words = fact.leaving.map((region) => regionWords(region, fact.target));
      const listed = words.length === 1 ? words[0] : words.map((w, i) => `${i + 1}: ${w}`).join('; ');
      return `leave ${plural(fact.leaving.length, 'region')} (${listed}), then ${to}`;
    }
    case 'enterTry': {
      const finallyAt = fact.finallyLabel ? `the finally at case ${fact.finallyLabel.caseIndex}` : null;
      if (fact.catchLabel && finallyAt) return `a throw in here goes to case ${fact.catchLabel.caseIndex}; ${finallyAt} runs on every way out`;
      if (fact.catchLabel) return `a throw in here goes to case ${fact.catchLabel.caseIndex}; no finally`;
      return `no catch; ${finallyAt ?? 'no finally'} runs on every way out, a throw included`;
    }
    case 'return': {
      const what = fact.hasValue ? (fact.generator ? 'await this value, then complete with it' : 'complete with this value') : 'complete with undefined';
      if (fact.pendingFinally.length === 0) return what;
      const cases = fact.pendingFinally.map((l) => `case ${l.caseIndex}`).join(', then ');
      return `${what}, after the pending finally ${fact.pendingFinally.length === 1 ? 'block' : 'blocks'} (${cases})`;
    }
    case 'nextValue':
    case 'asyncNextValue': {
      const step = fact.member === 'asyncNextValue' ? 'read the awaited next() result' : 'step the iterator';
      return `${step}: false when done; else .value holds the value and the iteration region opens (its loop head is case ${fact.head.caseIndex})`;
    }
  }
}

/** Calls that have their sentence (an inner machine is explained before the one around it). */
const explained = new WeakSet<BT.CallExpression>();

/** Records facts while one machine is emitted, then writes the comments. */
export class ExplainRecorder {
  private readonly facts = new WeakMap<BT.CallExpression, CallFact>();
  /** the region open at each depth, as the emitter opened them */
  private readonly regions: OpenRegion[] = [];

  constructor(private readonly t: Types, private readonly stateName: string) {}

  record(call: BT.CallExpression, fact: CallFact): void {
    this.facts.set(call, fact);
  }

  /** A region opens at `depth` (the depth before it is entered). */
  openRegion(depth: number, region: OpenRegion): void {
    this.regions[depth] = region;
  }

  /** The regions a jump from `depth` to `targetDepth` leaves, innermost first. */
  regionsBetween(targetDepth: number, depth: number): OpenRegion[] {
    return this.regions.slice(Math.max(0, targetDepth), depth).reverse();
  }

  /** The finally labels still pending at `depth`, innermost first. */
  pendingFinally(depth: number): Label[] {
    const labels: Label[] = [];
    for (const region of this.regionsBetween(0, depth)) if (region.kind === 'try' && region.finallyLabel) labels.push(region.finallyLabel);
    return labels;
  }

  /** Adds a comment to each statement (of a statement list) that holds runtime calls. */
  annotate(statements: BT.Statement[]): void {
    for (const statement of statements) this.annotateListStatement(statement);
  }

  private annotateListStatement(statement: BT.Statement): void {
    const sentences: string[] = [];
    this.visit(statement, sentences);
    if (sentences.length === 0) return;
    const comments = (statement.leadingComments ??= []);
    for (let i = 0; i < sentences.length; i++) {
      // the same sentence for consecutive calls is written once, with a count
      let count = 1;
      while (i + 1 < sentences.length && sentences[i + 1] === sentences[i]) {
        count++;
        i++;
      }
      comments.push({ type: 'CommentLine', value: ` ${sentences[i]}${count > 1 ? ` (${count} calls)` : ''}` } as BT.CommentLine);
    }
  }

  /** Collects the sentences of the calls in `node`; nested statement lists get their own comments. */
  private visit(node: BT.Node, sentences: string[]): void {
    const t = this.t;
    // (nested functions too: a nested machine's calls are explained already and skipped, but this
    // machine may have added some there since, e.g. the TDZ check of one of its own variables)
    const keys = t.VISITOR_KEYS[node.type] ?? [];
    for (const key of keys) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        const isList = (node.type === 'BlockStatement' && key === 'body') || (node.type === 'SwitchCase' && key === 'consequent');
        for (const item of child as (BT.Node | null)[]) {
          if (!item) continue;
          if (isList) this.annotateListStatement(item as BT.Statement);
          else this.visit(item, sentences);
        }
      } else if (child && typeof child === 'object' && typeof (child as BT.Node).type === 'string') {
        this.visit(child as BT.Node, sentences);
      }
    }
    // after its operands: the sentences read in evaluation order
    if (node.type === 'CallExpression') {
      const sentence = this.sentenceFor(node);
      if (sentence !== null) sentences.push(sentence);
    }
  }

  private sentenceFor(call: BT.CallExpression): string | null {
    const callee = call.callee;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.object.type !== 'Identifier' || callee.object.name !== this.stateName) return null;
    if (callee.property.type !== 'Identifier') return null;
    if (explained.has(call)) return null;
    explained.add(call);
    const fact = this.facts.get(call);
    if (fact) return describeCall(fact);
    return PLAIN[callee.property.name] ?? null;
  }
}
