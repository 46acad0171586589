// shims/assert: Node's assert, as far as Babel's module helpers call it (internal invariants).
// CommonJS on purpose: Babel's packages `require("assert")` and call the result itself
// (`_assert(cond)`), which an ES module's namespace object is not.
// Must never: swallow a failed check.
function assert(value, message) {
  if (!value) throw new Error(message || 'assertion failed');
}
assert.ok = assert;
assert.equal = (a, b, message) => assert(a == b, message);
assert.strictEqual = (a, b, message) => assert(a === b, message);
assert.fail = (message) => {
  throw new Error(message || 'failed');
};
module.exports = assert;
