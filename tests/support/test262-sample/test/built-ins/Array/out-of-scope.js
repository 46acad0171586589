// Written for babel-plugin-async-state-machine's runner tests.
/*---
description: Not in an async folder, so never selected
---*/
throw new Test262Error('the runner selected a test outside its folders');
