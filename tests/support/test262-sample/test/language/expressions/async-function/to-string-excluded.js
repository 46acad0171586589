// Written for babel-plugin-async-state-machine's runner tests.
/*---
description: The source text of an async function (no rewrite keeps it)
---*/
async function f() { await 1; }
assert(f.toString().indexOf('await 1') !== -1, 'toString shows the written source');
