// Written for babel-plugin-async-state-machine's runner tests.
/*---
description: An include is prepended; onlyStrict means one strict run
includes:
  - sampleHelper.js
flags: [onlyStrict, async]
---*/
var log = [];
async function f() {
  log.push(this === undefined ? 'strict' : 'sloppy');
  await null;
  log.push('after');
}
f().then(function () {
  assert.sameValue(joinLog(log), 'strict > after');
}).then($DONE, $DONE);
