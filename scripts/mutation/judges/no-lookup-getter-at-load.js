// An engine without Annex B's __lookupGetter__ when the runtime loads: the runtime tells a
// plain Promise.prototype.constructor (and the species getter) by their descriptors instead.
// Awaits, linked calls and then prototype constructors replaced after load behave as native.
var savedLookupGetter = Object.prototype.__lookupGetter__;
delete Object.prototype.__lookupGetter__;
// ---- the runtime loads here ----
Object.prototype.__lookupGetter__ = savedLookupGetter;
async function inner(v) { await null; return v; }
async function quick(v) { return v; }
class LoggingSub extends Promise {
  constructor(executor) { log('LoggingSub constructed'); super(executor); }
}
async function main() {
  log('a', await Promise.resolve(1), await inner(2), await quick(3));
  const saved = Object.getOwnPropertyDescriptor(Promise.prototype, 'constructor');
  Promise.prototype.constructor = LoggingSub;
  log('data constructor', await Promise.resolve('d'), await inner('e'), await quick('f'));
  let reads = 0;
  Object.defineProperty(Promise.prototype, 'constructor', { configurable: true, get() { reads++; return Promise; } });
  log('getter constructor', await Promise.resolve('g'), await inner('h'), 'reads', reads);
  Object.defineProperty(Promise.prototype, 'constructor', saved);
  const speciesSaved = Object.getOwnPropertyDescriptor(Promise, Symbol.species);
  Object.defineProperty(Promise, Symbol.species, { configurable: true, get() { log('species read'); return Promise; } });
  log('species getter', await Promise.resolve('i'), await inner('j'));
  Object.defineProperty(Promise, Symbol.species, speciesSaved);
  log('restored', await inner('k'));
}
main();
Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4')).then(() => log('t5')).then(() => log('t6')).then(() => log('t7')).then(() => log('t8'));
