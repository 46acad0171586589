// Written for babel-plugin-async-state-machine's runner tests.
/*---
description: Two async functions interleave one microtask per await
flags: [async]
features: [async-functions]
---*/
var log = [];
async function a() {
  log.push('a1');
  await undefined;
  log.push('a2');
  await undefined;
  log.push('a3');
}
async function b() {
  log.push('b1');
  await undefined;
  log.push('b2');
}
Promise.all([a(), b()]).then(function () {
  assert.sameValue(log.join(','), 'a1,b1,a2,b2,a3');
}).then($DONE, $DONE);
