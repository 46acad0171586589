// Written for babel-plugin-async-state-machine's runner tests.
/*---
description: >
  V8's async stack traces name the awaiting async function ("at async outer"); a rewritten
  function is resumed by promise callbacks, so its frames are not there. This passes natively and
  fails rewritten, and it is not one of the runner's exclusion reasons.
flags: [async]
---*/
async function inner() {
  await null;
  throw new Error('boom');
}
async function outer() {
  await inner();
}
outer().then(function () {
  throw new Test262Error('outer() should reject');
}, function (error) {
  assert(/at async outer/.test(String(error.stack)), 'the stack names the awaiting function');
}).then($DONE, $DONE);
