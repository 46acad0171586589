#!/usr/bin/env node
/*
 * babel8-transform: runs in a plain Node process (Jest cannot load the ESM-only @babel/core 8)
 * and transforms a list of programs with Babel 8 (the `babel8` package) and the compiled plugin,
 * with exactly the options that src/transform.ts gives Babel 7.
 * Must never: change the options per case, or print anything on stdout but the JSON result.
 *
 * argv[2] (a JSON file) or stdin: {"pluginPath": "/abs/lib/index.js", "cases": [{"name", "code", "filename", "pluginOptions"}]}
 * (a file, because readFileSync(0) of a large piped input can fail with EAGAIN when the child
 * reads before the parent has written it all)
 * stdout: {"babelVersion": "8.x", "results": [{"name", "code"} | {"name", "error": {"message", "code"}}]}
 */
'use strict';
const fs = require('fs');

// require() of an ES module works on Node >= 20.19 without a flag; older versions need it.
const babel = require('babel8');

const request = JSON.parse(fs.readFileSync(process.argv[2] || 0, 'utf8'));
const plugin = require(request.pluginPath);

const results = request.cases.map((testCase) => {
  try {
    const result = babel.transformSync(testCase.code, {
      babelrc: false,
      configFile: false,
      filename: testCase.filename,
      sourceType: 'unambiguous',
      sourceMaps: false,
      retainLines: false,
      compact: false,
      parserOpts: { allowReturnOutsideFunction: false },
      plugins: [[plugin, testCase.pluginOptions]],
    });
    if (!result || result.code == null) return { name: testCase.name, error: { message: 'Babel 8 returned no code', code: null } };
    return { name: testCase.name, code: result.code };
  } catch (error) {
    return {
      name: testCase.name,
      error: { message: error && error.message ? String(error.message) : String(error), code: error && typeof error.code === 'string' ? error.code : null },
    };
  }
});

process.stdout.write(JSON.stringify({ babelVersion: babel.version, results }));
