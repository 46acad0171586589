/*
 * hostileEnvironments: the program and the environment patches of tests/hostile.test.ts, in plain
 * JavaScript so that scripts (scripts/mutation, which judges runtime mutants with them) share them.
 * PROGRAM exercises every runtime path; HELPERS defines `w` (wrap a function so each call logs) and
 * `trap` (an accessor that logs); each PATCHES entry is one hostile environment.
 * Must never: patch what the program itself needs to log, or depend on the plugin or the runtime.
 */
'use strict';
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

const PATCHES = {
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

module.exports = { PROGRAM, HELPERS, PATCHES };
