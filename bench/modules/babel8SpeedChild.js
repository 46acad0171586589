#!/usr/bin/env node
/*
 * babel8SpeedChild: the transform-speed column for Babel 8, in a plain Node child (Babel 8 is
 * ESM-only; require() of it works on Node >= 20.19, as in tests/support/pipeline/babel8-transform.cjs).
 * Times our compiled plugin (runtime: "import") and Babel 8's identity transform (parse +
 * generate, no plugin) over the per-file corpus, interleaved, after warm-up; prints one JSON line
 * of CPU-time samples per contender.
 * Must never: time the warm-up, or give Babel 8 options other than those Babel 7 gets in
 * bench/modules/transformers.js (babelOptions).
 *
 * stdin: { pluginPath, quick, rounds, warmupRounds } (the corpus is rebuilt here from its seed,
 * the same per-file inputs bench/run.js times: a large piped stdin can fail with EAGAIN)
 */
'use strict';
const fs = require('fs');
const v8 = require('v8');
const vm = require('vm');
const { babelOptions } = require('./transformers');
const { loadCorpus } = require('./corpus');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const job = JSON.parse(fs.readFileSync(0, 'utf8'));
const files = loadCorpus({ quick: job.quick }).perFile;
const babel = require('babel8');
const plugin = require(job.pluginPath);
const contenders = [
  { id: 'ours', plugins: [[plugin, { runtime: 'import' }]] },
  { id: 'identity', plugins: [] },
];
const samples = { ours: [], identity: [] };
for (let round = 0; round < job.warmupRounds + job.rounds; round++) {
  const order = round % 2 === 0 ? contenders : [...contenders].reverse();
  for (const contender of order) {
    gc();
    const start = process.cpuUsage();
    for (const file of files) babel.transformSync(file.code, babelOptions(file.name, contender.plugins));
    const cpu = process.cpuUsage(start);
    if (round >= job.warmupRounds) samples[contender.id].push((cpu.user + cpu.system) / 1000);
  }
}
process.stdout.write(JSON.stringify({ babelVersion: babel.version, files: files.length, samples }) + '\n');
