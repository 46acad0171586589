// test262-sample harness: a minimal assert (truthiness, SameValue, throws).
function assert(value, message) {
  if (value !== true) throw new Test262Error(message || 'expected true');
}
assert.sameValue = function (actual, expected, message) {
  var same = actual === expected ? actual !== 0 || 1 / actual === 1 / expected : actual !== actual && expected !== expected;
  if (!same) throw new Test262Error((message ? message + ': ' : '') + 'got ' + String(actual) + ', expected ' + String(expected));
};
assert.throws = function (ErrorType, fn, message) {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof ErrorType)) throw new Test262Error((message || 'wrong error') + ': ' + String(error));
    return;
  }
  throw new Test262Error((message || 'nothing thrown') + ': expected ' + ErrorType.name);
};
