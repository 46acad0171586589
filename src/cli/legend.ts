/*
 * legend: the one place that says, in words, what each runtime call in the rewritten code does
 * (the vocabulary of src/runtime/asyncMachine.js), for --explain and --help.
 * Must never: describe a call the runtime does not have (tests/cli.test.ts checks both ways).
 */

export interface LegendEntry {
  /** property of the state object, e.g. "await" in `s.await(value, next)` */
  member: string;
  /** how it is written in the output, with `s` standing for the state object */
  usage: string;
  meaning: string;
}

export const RUNTIME_LEGEND: readonly LegendEntry[] = [
  { member: 'label', usage: 's.label', meaning: 'the case the step function runs next; `switch (s.label)` is the whole machine' },
  { member: 'await', usage: 'return s.await(value, next)', meaning: 'suspend at an `await`: resume at case `next` in a microtask (more for thenables), or throw the rejection into the function there' },
  { member: 'awaitCall', usage: 'return s.awaitCall(f(), next)', meaning: 'like s.await, for a call of an async function of this file: its own promise, seen by nobody else, so the two machines may be linked (same microtasks, less work)' },
  { member: 'sent', usage: 's.sent', meaning: 'the value the last `await` resumed with' },
  { member: 'goto', usage: 'return s.goto(label, leave)', meaning: 'jump to case `label`, first leaving `leave` try/loop regions (their finally blocks run, for-of iterators close)' },
  { member: 'enterTry', usage: 's.enterTry(catchLabel, finallyLabel)', meaning: 'open a try region; a throw or rejected await inside goes to the catch case (or the finally case); -1 = none' },
  { member: 'caught', usage: 's.caught', meaning: 'the error a catch case received' },
  { member: 'endFinally', usage: 'return s.endFinally()', meaning: 'end of a finally block: carry on with what was pending (a jump, a return or a throw)' },
  { member: 'fail', usage: 'return s.fail(error)', meaning: 'the code before the first await (run by the function itself after `var s = asyncMachine.start(step)`) threw: reject, or go to its catch case' },
  { member: 'return', usage: 'return s.return(value)', meaning: 'complete the async function with `value`, running pending finally blocks first; falling off the switch returns undefined' },
  { member: 'iterateCall', usage: 's.iterateCall(fn, object, [args], source)', meaning: 'for-of over a call of something that may not be a function: the runtime makes the call, so a non-function fails with V8\'s message for the loop head' },
  { member: 'iterate', usage: 's.iterate(iterable, source)', meaning: 'for (x of iterable): get the iterator once; returns the record that s.nextValue steps' },
  { member: 'nextValue', usage: 's.nextValue(record, head)', meaning: 'next for-of step: false when done, else record.value is the value (leaving the loop early closes the iterator)' },
  { member: 'keys', usage: 's.keys(object)', meaning: 'for (k in object): the keys, taken once before the first iteration' },
  { member: 'nextKey', usage: 's.nextKey(record)', meaning: 'next for-in key in record.key, skipping keys deleted meanwhile; false when done' },
  { member: 'uninitialized', usage: 's.uninitialized', meaning: 'the marker of a `let`/`const` that is not initialised yet (its temporal dead zone)' },
  { member: 'check', usage: 's.check(value, name)', meaning: 'read such a variable: throw the ReferenceError native code throws if it is still uninitialised' },
  { member: 'checkWrite', usage: 's.checkWrite(current, name, value)', meaning: 'an assignment that may run in the temporal dead zone: the value is computed first, then the ReferenceError is thrown' },
  { member: 'writeTarget', usage: 's.writeTarget(current, name, write).value', meaning: 'a destructuring target that may be in its temporal dead zone: checked when the value is put' },
  { member: 'readOnly', usage: 's.readOnly(name, value).value = ...', meaning: 'an assignment to a `const`: throws "Assignment to constant variable." where native code does' },
  { member: 'coercible', usage: 's.coercible(value)', meaning: 'object destructuring spelled out (a default value awaits): throw the TypeError native code throws for null/undefined' },
  { member: 'rest', usage: 's.rest(source, excludedKeys)', meaning: 'the `...rest` of such a destructuring: own enumerable properties except the named ones' },
  { member: 'yield', usage: 'return s.yield(value, next)', meaning: 'async generators: await `value`, answer the oldest next() with it, and suspend until the next request (resume at case `next`)' },
  { member: 'delegate', usage: 'return s.delegate(iterable, next)', meaning: 'async generators: `yield*` — forward next/throw/return to the inner iterator until it is done; its result is s.sent at case `next`' },
  { member: 'asyncIterateCall', usage: 's.asyncIterateCall(fn, object, [args], source)', meaning: 'for await over a call of something that may not be a function: the runtime makes the call, so a non-function fails with V8\'s message for the loop head' },
  { member: 'asyncIterate', usage: 's.asyncIterate(iterable, source)', meaning: 'for await (x of iterable): Symbol.asyncIterator, or the sync iterator wrapped so each value is awaited' },
  { member: 'callNext', usage: 's.callNext(record)', meaning: 'for await: call next() on the iterator; the result is awaited' },
  { member: 'asyncNextValue', usage: 's.asyncNextValue(record, head)', meaning: 'for await: read the awaited next() result: false when done, else record.value (leaving the loop early awaits return())' },
  { member: 'enterPattern', usage: 's.enterPattern(record)', meaning: 'array destructuring spelled out (a default value awaits): from here a throw closes the iterator' },
  { member: 'patternStep', usage: 's.patternStep(record)', meaning: 'the next element of such a destructuring (undefined once the iterator is done)' },
  { member: 'patternRest', usage: 's.patternRest(record)', meaning: 'the `...rest` elements of such a destructuring' },
  { member: 'exitPattern', usage: 's.exitPattern(record)', meaning: 'end of such a destructuring: close the iterator unless it is exhausted' },
  { member: 'call', usage: 's.call(fn, thisValue, "o.m is not a function", [args])', meaning: 'a call whose function was read before an await in its arguments (or whose callee is a rewritten value): checks it is callable after the arguments, like the call itself, and fails with the message the written call gives' },
  { member: 'bindTag', usage: 's.bindTag(method, object)', meaning: 'a method used as a template tag whose substitutions await: read before the await, called with this = object' },
  { member: 'spread', usage: 's.spread(copy)', meaning: 'a spread before a later await: iterated at its own position into a copy, which is spread again after the await without running user code' },
  { member: 'key', usage: 's.key(value)', meaning: 'convert a computed property key (ToPropertyKey) where native code converts it, around an await' },
];

/**
 * Which entries the given rewritten code uses, with `s` replaced by the state variable's name.
 * State variables are the names used with `.label` or `.await(` (one per machine, maybe several).
 */
export function legendFor(code: string): Array<LegendEntry & { shown: string }> {
  const counts = new Map<string, number>();
  for (const match of code.matchAll(/\b([A-Za-z_$][\w$]*)\.(?:label\b|await\s*\()/g)) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
  if (counts.size === 0) return [];
  const stateNames = [...counts.keys()];
  const shownName = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const escaped = stateNames.map((name) => name.replace(/\$/g, '\\$')).join('|');
  return RUNTIME_LEGEND.filter((entry) => new RegExp(`(?<![\\w$.])(?:${escaped})\\.${entry.member}\\b`).test(code)).map((entry) => ({
    ...entry,
    shown: entry.usage.replace(/\bs\./g, `${shownName}.`),
    meaning: entry.meaning.replace(/\bs\./g, `${shownName}.`),
  }));
}

/** The legend as comment lines, aligned. */
export function formatLegend(entries: ReadonlyArray<LegendEntry & { shown?: string }>): string[] {
  const width = Math.max(...entries.map((entry) => (entry.shown ?? entry.usage).length));
  return entries.map((entry) => `${(entry.shown ?? entry.usage).padEnd(width)}  ${entry.meaning}`);
}
