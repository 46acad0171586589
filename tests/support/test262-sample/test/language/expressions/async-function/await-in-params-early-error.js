// Written for babel-plugin-async-state-machine's runner tests.
/*---
description: await in the parameters of an async function is an early SyntaxError
negative:
  phase: parse
  type: SyntaxError
flags: [async]
---*/
$DONOTEVALUATE();
async function f(x = await 1) {}
