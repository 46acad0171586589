#!/usr/bin/env node
/*
 * async-desugar: the command-line shim; all the work is in lib/cli/main.js (built from src/cli).
 * Must never: do anything but load the compiled CLI, or explain that it has not been built.
 */
'use strict';
var path = require('path');
var entry = path.join(__dirname, '..', 'lib', 'cli', 'main.js');
var cli;
try {
  cli = require(entry);
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).indexOf(entry) !== -1) {
    process.stderr.write('async-desugar: the CLI is not built yet (' + entry + ' is missing); run `npm run build` first\n');
    process.exit(1);
  }
  throw error;
}
cli.main();
