// An engine without Object.setPrototypeOf when the runtime loads (ES5 with Annex B): async
// functions and async generator functions still get their intrinsic prototypes, through the
// __proto__ setter captured at load.
var savedSetPrototypeOf = Object.setPrototypeOf;
delete Object.setPrototypeOf;
// ---- the runtime loads here ----
Object.setPrototypeOf = savedSetPrototypeOf;
async function f() { await null; return 1; }
const g = async () => 2;
async function* h() { yield 3; }
function describe(fn) {
  const proto = Object.getPrototypeOf(fn);
  return [proto[Symbol.toStringTag], proto === Function.prototype, Object.getPrototypeOf(proto) === Function.prototype, typeof proto.constructor].join();
}
log('async function', describe(f));
log('async arrow', describe(g));
log('async generator function', describe(h), Object.getPrototypeOf(h.prototype)[Symbol.toStringTag]);
f().then((v) => log('called', v));
h().next().then((r) => log('generated', r.value));
