// Written for babel-plugin-async-state-machine's runner tests.
/*---
description: Fails natively (stands for a feature this Node lacks), so it is not applicable
flags: [async]
features: [some-future-feature]
---*/
(async function () {
  for await (var x of [1]) {
    assert.sameValue(x, 2, 'a value this Node does not produce');
  }
})().then($DONE, $DONE);
