// A Promise[Symbol.species] getter installed before the runtime loads, as an ordinary function
// (it has a `prototype`, so it is not the engine's): native await never calls it, and the
// runtime must not trust it as the built-in.
var speciesGetter = function () { log('species getter called'); return this; };
Object.defineProperty(Promise, Symbol.species, { get: speciesGetter, configurable: true });
// ---- the runtime loads here ----
async function inner(v) { await null; return v; }
async function main() {
  log("a", await Promise.resolve(1));
  log("b", await inner(2));
  log("c", await { then(r) { r(3); } });
  try { await Promise.reject(new Error("no")); } catch (e) { log("caught", e.message); }
  async function* g() { yield await Promise.resolve(4); }
  for await (const v of g()) log("for await", v);
  log("getter kept", Object.getOwnPropertyDescriptor(Promise, Symbol.species).get === speciesGetter);
}
main();
Promise.resolve().then(() => log("t1")).then(() => log("t2")).then(() => log("t3")).then(() => log("t4"));
