// shims/assert: Node's assert, as far as Babel's module helpers call it (internal invariants).
// Must never: swallow a failed check.
function assert(value, message) {
  if (!value) throw new Error(message || 'assertion failed');
}
assert.ok = assert;
assert.equal = (a, b, message) => assert(a == b, message);
assert.strictEqual = (a, b, message) => assert(a === b, message);
export default assert;
