// test262-sample harness: the error class tests throw, and the guard of negative tests.
function Test262Error(message) {
  this.message = message || '';
}
Test262Error.prototype.name = 'Test262Error';
Test262Error.prototype.toString = function () {
  return 'Test262Error: ' + this.message;
};
function $DONOTEVALUATE() {
  throw 'this negative test was evaluated';
}
