/*
 * hostile.test: every intrinsic and prototype the runtime touches, patched (wrapped to log its
 * use), replaced, frozen, or given accessors on a prototype, before the runtime loads and after
 * it, with the runtime imported and inlined; a program that exercises every runtime path
 * (awaits of values, promises and thenables, throws and catches, for-of, for-in, for await,
 * async generators, destructuring, spreads, calls through the runtime, TDZ and const errors)
 * must log exactly what the native program logs in the same environment.
 * The cases that differ (all inherent: patched before load) are listed in KNOWN_PAIRS: the test
 * checks that the failing set is exactly that list, so a fix shows up as a list entry to remove
 * and a regression as a new failure.
 * Must never: patch one side only, or patch what the test program itself needs to log.
 */
import { compareWithNative } from './support/nativeCompare';

const PROGRAM = String.raw`
async function inner(x) { return x; }
async function main() {
  log('await value', await 1);
  log('await call', await inner(2));
  log('await thenable', await { then(resolve) { resolve(3); } });
  log('await promise', await Promise.resolve(4));
  try { await Promise.reject(new TypeError('boom')); } catch (e) { log('caught', e.name, e.message); }
  try { await 0; throw new RangeError('thrown'); } catch (e) { log('caught', e.name); } finally { log('finally', await 'f'); }
  for (const v of [5, 6]) log('for of', await v);
  for (const k in { p: 1, q: 2 }) log('for in', k, await k);
  const [d1, d2 = await 7] = [6];
  log('array pattern', d1, d2);
  const { a, ...rest } = { a: 1, b: await 2, c: 3 };
  let restKeys = ''; for (const k in rest) restKeys += k;
  log('object rest', a, restKeys);
  log('spread', [...[1, 2], await 3].length);
  function Count(...v) { this.n = v.length; }
  log('call spread', ((...v) => v.length)(...[1, 2], await 3), new Count(...[4], await 5).n);
  let spreadKeys = ''; for (const k in { ...{ p: 1 }, q: await 2 }) spreadKeys += k;
  log('object spread', spreadKeys);
  const o = { m(x) { return this === o && x; } };
  log('method call', o.m(await 8));
  for await (const v of [Promise.resolve(9), 10]) log('for await', v);
  async function* g() { yield 1; const y = yield await 2; log('sent to generator', y); return 3; }
  for await (const v of g()) log('generator', v);
  const it = g(); log('manual next', (await it.next()).value, (await it.next()).value, (await it.next('x')).done);
  let u; try { u.m(await 0); } catch (e) { log('call error', e.name, e.message); }
  try { const c = 1; c = await 2; } catch (e) { log('const', e.name, e.message); }
  try { log(z); let z = await 1; } catch (e) { log('tdz', e.name, e.message); }
  const s = '' + await 'str';
  TAGGED_TEMPLATE
  log('optional', (await null)?.x, o?.m?.(await 11));
  return 'end';
}
main().then((v) => log('done', v), (e) => log('rejected', String(e && e.message)));
Promise.resolve().then(() => log('tick 1')).then(() => log('tick 2')).then(() => log('tick 3')).then(() => log('tick 4'));
`.replace('TAGGED_TEMPLATE', "log('tagged', ((q, ...v) => q.raw.join('|') + v.join())`a${await 1}b`);");

/** `w(obj, key)` wraps a function so each call logs `use <label>` and then runs the original. */
const HELPERS = String.raw`
var __apply = Reflect.apply, __log = log, __define = Object.defineProperty, __getDesc = Object.getOwnPropertyDescriptor;
function w(obj, key, label) {
  var original = obj[key];
  __define(obj, key, { configurable: true, writable: true, value: function () { __log('use ' + label); return __apply(original, this, arguments); } });
}
function trap(obj, key, label) {
  var slot = { has: false, value: undefined };
  __define(obj, key, { configurable: true, get: function () { __log('get ' + label); return slot.value; }, set: function (v) { __log('set ' + label); slot.value = v; } });
}
`;

const PATCHES: Record<string, string> = {
  'Promise.prototype.then wrapped': "w(Promise.prototype, 'then', 'then')",
  'Promise.resolve wrapped': "w(Promise, 'resolve', 'Promise.resolve')",
  'Promise.reject wrapped': "w(Promise, 'reject', 'Promise.reject')",
  'Promise.prototype.catch wrapped': "w(Promise.prototype, 'catch', 'catch')",
  'Promise.prototype.finally wrapped': "w(Promise.prototype, 'finally', 'finally')",
  'global Promise replaced': "globalThis.Promise = function FakePromise() { __log('FakePromise'); }",
  'Promise[Symbol.species] getter': "__define(Promise, Symbol.species, { configurable: true, get: function () { __log('get species'); return Promise; } })",
  'Promise.prototype.constructor getter': "(function () { var P = Promise; __define(Promise.prototype, 'constructor', { configurable: true, get: function () { __log('get constructor'); return P; } }); })()",
  'Function.prototype.call wrapped': "w(Function.prototype, 'call', 'call')",
  'Function.prototype.apply wrapped': "w(Function.prototype, 'apply', 'apply')",
  'Function.prototype.bind wrapped': "w(Function.prototype, 'bind', 'bind')",
  'Function.prototype.toString wrapped': "w(Function.prototype, 'toString', 'toString')",
  'Array.prototype.push wrapped': "w(Array.prototype, 'push', 'push')",
  'Array.prototype.slice wrapped': "w(Array.prototype, 'slice', 'slice')",
  'Array.prototype.concat wrapped': "w(Array.prototype, 'concat', 'concat')",
  'Array.prototype.join wrapped': "w(Array.prototype, 'join', 'join')",
  'Array.prototype.indexOf wrapped': "w(Array.prototype, 'indexOf', 'indexOf')",
  'Array.prototype.pop and shift wrapped': "w(Array.prototype, 'pop', 'pop'); w(Array.prototype, 'shift', 'shift')",
  'Array.prototype.splice wrapped': "w(Array.prototype, 'splice', 'splice')",
  'Array.prototype[Symbol.iterator] wrapped': "w(Array.prototype, Symbol.iterator, 'array iterator')",
  'ArrayIteratorPrototype.next wrapped': "w(Object.getPrototypeOf([][Symbol.iterator]()), 'next', 'array iterator next')",
  'Array.prototype index 0 setter': "trap(Array.prototype, '0', 'Array.prototype[0]')",
  'Array.prototype length-like accessor 1': "trap(Array.prototype, '1', 'Array.prototype[1]')",
  'Object.prototype label accessor': "trap(Object.prototype, 'label', 'label')",
  'Object.prototype sent accessor': "trap(Object.prototype, 'sent', 'sent')",
  'Object.prototype value accessor': "trap(Object.prototype, 'value', 'value')",
  'Object.prototype done accessor': "trap(Object.prototype, 'done', 'done')",
  'Object.prototype next accessor': "trap(Object.prototype, 'next', 'next')",
  'Object.prototype state-like names accessors': "trap(Object.prototype, 'error', 'error'); trap(Object.prototype, 'completion', 'completion'); trap(Object.prototype, 'resume', 'resume'); trap(Object.prototype, 'queue', 'queue')",
  'Object.prototype get and set accessors': "trap(Object.prototype, 'get', 'get'); trap(Object.prototype, 'set', 'set')",
  'Object.prototype then accessor returning undefined': "__define(Object.prototype, 'then', { configurable: true, get: function () { return undefined; } })",
  'Object.keys wrapped': "w(Object, 'keys', 'Object.keys')",
  'Object.defineProperty wrapped': "w(Object, 'defineProperty', 'Object.defineProperty')",
  'Object.getOwnPropertyDescriptor wrapped': "w(Object, 'getOwnPropertyDescriptor', 'Object.getOwnPropertyDescriptor')",
  'Object.getPrototypeOf wrapped': "w(Object, 'getPrototypeOf', 'Object.getPrototypeOf')",
  'Object.create wrapped': "w(Object, 'create', 'Object.create')",
  'Object.getOwnPropertyNames and Symbols wrapped': "w(Object, 'getOwnPropertyNames', 'getOwnPropertyNames'); w(Object, 'getOwnPropertySymbols', 'getOwnPropertySymbols')",
  'Object.prototype.hasOwnProperty wrapped': "w(Object.prototype, 'hasOwnProperty', 'hasOwnProperty')",
  'Object.prototype.propertyIsEnumerable wrapped': "w(Object.prototype, 'propertyIsEnumerable', 'propertyIsEnumerable')",
  'Object.assign wrapped': "w(Object, 'assign', 'Object.assign')",
  'global Object replaced': "globalThis.Object = function FakeObject() { __log('FakeObject'); }",
  'global TypeError replaced': "globalThis.TypeError = function FakeTypeError(m) { this.message = m; this.name = 'FakeTypeError'; }",
  'global ReferenceError replaced': "globalThis.ReferenceError = function FakeReferenceError(m) { this.message = m; this.name = 'FakeReferenceError'; }",
  'global String replaced': "globalThis.String = function FakeString(v) { __log('FakeString'); return 'fake'; }",
  'global Array replaced': "globalThis.Array = function FakeArray() { __log('FakeArray'); }",
  'global Symbol replaced': "globalThis.Symbol = function FakeSymbol() { __log('FakeSymbol'); }",
  'Symbol.iterator deleted from Symbol': "(function () { var S = Symbol; globalThis.Symbol = function () {}; globalThis.Symbol.iterator = S.iterator; })()",
  'global Reflect replaced': "globalThis.Reflect = {}",
  'queueMicrotask wrapped': "(function () { var q = queueMicrotask; globalThis.queueMicrotask = function (f) { __log('queueMicrotask'); return q(f); }; })()",
  'Error.prototype.toString wrapped': "w(Error.prototype, 'toString', 'Error toString')",
  'Error.captureStackTrace wrapped': "w(Error, 'captureStackTrace', 'captureStackTrace')",
  'String.prototype methods wrapped': "w(String.prototype, 'slice', 'String slice'); w(String.prototype, 'indexOf', 'String indexOf'); w(String.prototype, 'charAt', 'charAt')",
  'RegExp.prototype.test and exec wrapped': "w(RegExp.prototype, 'test', 'RegExp test'); w(RegExp.prototype, 'exec', 'RegExp exec')",
  'Promise.prototype frozen': "Object.freeze(Promise.prototype)",
  'Promise frozen': "Object.freeze(Promise)",
  'Object.prototype frozen': "Object.freeze(Object.prototype)",
  'Array.prototype frozen': "Object.freeze(Array.prototype)",
  'Function.prototype frozen': "Object.freeze(Function.prototype)",
  'all of them frozen': "[Object, Array, Function, Promise, Symbol, Error, TypeError].forEach(function (c) { Object.freeze(c); Object.freeze(c.prototype); })",
  'Object.prototype made non-extensible': "Object.preventExtensions(Object.prototype)",
  'Object.prototype __proto__ accessor removed': "delete Object.prototype.__proto__",
};

/**
 * `patch, timing` pairs that differ with either runtime mode (both are listed as failing). All
 * are inherent: the intrinsic was patched BEFORE the runtime loaded, so the runtime captured the
 * patched one (native await calls no user-visible function); only a pristine realm could avoid it.
 * No longer listed, because they now behave as native:
 * - async generator requests, `for await` closings and every property descriptor the runtime
 *   passes to defineProperty have null prototypes, so `value` / `next` / `get` accessors on
 *   Object.prototype never run;
 * - `[...a, await b]` (and calls, `new`): the copy made before the await is spread again through
 *   the runtime's own iterable (s.spread), so the array iterator runs once, as natively;
 * - a Promise[Symbol.species] getter installed before load: the runtime did read it (then()
 *   reads the species, native await never does). A getter that plainly is not the built-in
 *   (an ordinary function with a `prototype`, or another name) is never trusted: a stand-in
 *   that returns `this` takes its place for each then() call. Still inherent: a user's accessor
 *   method named `get [Symbol.species]` installed before load looks exactly like the built-in.
 */
const KNOWN_PAIRS: ReadonlyArray<[string, string]> = [
  // inherent: patched or replaced before load, so the runtime captured the user's version
  ['Promise.prototype.then wrapped', 'before load'],
  ['Promise.resolve wrapped', 'before load'],
  ['global Promise replaced', 'before load'],
  ['global Symbol replaced', 'before load'],
  ['global Object replaced', 'before load'],
  ['global TypeError replaced', 'before load'],
  ['global ReferenceError replaced', 'before load'],
  ['Function.prototype.call wrapped', 'before load'],
  ['Function.prototype.apply wrapped', 'before load'],
  ['Function.prototype.bind wrapped', 'before load'],
  ['Object.create wrapped', 'before load'],
  ['Object.defineProperty wrapped', 'before load'],
  ['Object.getOwnPropertyDescriptor wrapped', 'before load'],
  ['Object.getPrototypeOf wrapped', 'before load'],
  ['Object.prototype.hasOwnProperty wrapped', 'before load'],
];
const KNOWN_DIVERGENCES: ReadonlySet<string> = new Set(
  KNOWN_PAIRS.flatMap(([name, timing]) => [`${name}, ${timing}, runtime import`, `${name}, ${timing}, runtime inline`]),
);

type Timing = 'before load' | 'after load';
type RuntimeMode = 'import' | 'inline';

interface HostileCase {
  name: string;
  patch: string;
  timing: Timing;
  runtime: RuntimeMode;
}

const CASES: HostileCase[] = [];
for (const [name, patch] of Object.entries(PATCHES)) {
  for (const timing of ['before load', 'after load'] as const) {
    for (const runtime of ['import', 'inline'] as const) CASES.push({ name: `${name}, ${timing}, runtime ${runtime}`, patch, timing, runtime });
  }
}

describe('hostile environments', () => {
  test('the program runs natively without an environment patch and logs every section', async () => {
    const result = await compareWithNative(PROGRAM, { prelude: HELPERS, pluginOptions: { runtime: 'import' } });
    if (result.status !== 'same') throw new Error(JSON.stringify(result, null, 1).slice(0, 3000));
    expect(result.native.events.map((e) => e.text)).toEqual(expect.arrayContaining(['done end', 'tdz ReferenceError Cannot access \'z\' before initialization']));
  });

  test('every patched environment behaves as native, except exactly the known divergences', async () => {
    const failing: string[] = [];
    const details: string[] = [];
    for (const hostile of CASES) {
      const options = hostile.timing === 'before load'
        ? { prelude: HELPERS + hostile.patch + ';', pluginOptions: { runtime: hostile.runtime } }
        : { prelude: HELPERS, afterRuntime: hostile.patch + ';', pluginOptions: { runtime: hostile.runtime } };
      const result = await compareWithNative(PROGRAM, options);
      if (result.status === 'same') continue;
      failing.push(hostile.name);
      const why = result.status === 'different' ? result.difference : result.status === 'native-failed' ? `native run failed: ${result.native.failure}` : String(result.error);
      details.push(`${hostile.name}\n${why}`);
    }
    for (const [name] of KNOWN_PAIRS) if (!(name in PATCHES)) throw new Error(`known divergence names no patch: ${name}`);
    const same = CASES.length - failing.length;
    console.log(`hostile environments: ${CASES.length} setups, ${same} behave as native, ${failing.length} differ (known: ${KNOWN_DIVERGENCES.size})`);
    if (process.env.HOSTILE_VERBOSE) console.log(details.join('\n\n'));
    if (process.env.HOSTILE_LIST) require('fs').writeFileSync(process.env.HOSTILE_LIST, failing.join('\n') + '\n');
    const unexpected = failing.filter((name) => !KNOWN_DIVERGENCES.has(name));
    const fixed = [...KNOWN_DIVERGENCES].filter((name) => !failing.includes(name));
    expect({ unexpected: unexpected.map((name) => details[failing.indexOf(name)].slice(0, 1500)).slice(0, 20), unexpectedCount: unexpected.length, fixed })
      .toEqual({ unexpected: [], unexpectedCount: 0, fixed: [] });
  }, 600000);
});
