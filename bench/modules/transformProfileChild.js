#!/usr/bin/env node
/*
 * transformProfileChild: runs under `node --cpu-prof` (bench/modules/profile.js): transforms the
 * per-file corpus with our compiled plugin (runtime: "import") three times, on Babel 7
 * (@babel/core) or Babel 8 (the `babel8` package, ESM-only, loaded by require() on Node >= 20.19).
 * Must never: be timed (profiling slows the code it watches); it only feeds the profile.
 *
 * stdin: { babelMajor: 7 | 8, quick }
 */
'use strict';
const fs = require('fs');
const { loadCorpus } = require('./corpus');
const { babelOptions, OUR_PLUGIN_PATH } = require('./transformers');

const job = JSON.parse(fs.readFileSync(0, 'utf8'));
const babel = job.babelMajor === 8 ? require('babel8') : require('@babel/core');
const pluginModule = require(OUR_PLUGIN_PATH);
const plugin = pluginModule.default || pluginModule;
const corpus = loadCorpus({ quick: job.quick });
let lines = 0;
for (let round = 0; round < 3; round++) {
  for (const file of corpus.perFile) {
    const out = babel.transformSync(file.code, babelOptions(file.name, [[plugin, { runtime: 'import' }]]));
    lines += out.code.length > 0 ? 1 : 0;
  }
}
process.stdout.write(JSON.stringify({ babelVersion: babel.version, files: lines }) + '\n');
