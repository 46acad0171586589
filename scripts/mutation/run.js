#!/usr/bin/env node
/*
 * run: `npm run mutation` — mutation testing of src/runtime/ with StrykerJS.
 *   1. builds the corpus (scripts/mutation/corpus.js): fixtures + fuzz programs with native logs;
 *   2. runs Stryker (stryker.config.json, command test runner = scripts/mutation/killer.js);
 *   3. prints the score per runtime piece and writes scripts/mutation/RESULTS.md from Stryker's
 *      JSON report (reports/mutation/mutation.json).
 * Options: --fuzz-count N (default 150), --fuzz-seed S, --mutate GLOB (e.g. src/runtime/core.js),
 * --concurrency N. Needs `npm run build` first (it uses lib/testing).
 * Must never: run as part of `npm test` (a full run takes CPU-hours on 2 cores), or edit src/.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { buildCorpus } = require('./corpus');

const root = path.resolve(__dirname, '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};

async function main() {
  const fuzzCount = Number(option('fuzz-count', '150'));
  const fuzzSeed = Number(option('fuzz-seed', '50000001'));
  const corpusDir = path.join(root, '.mutation');
  fs.mkdirSync(corpusDir, { recursive: true });
  const corpusFile = path.join(corpusDir, 'corpus.json');
  const started = Date.now();
  const { corpus, skipped } = await buildCorpus(root, { fuzzSeed, fuzzCount });
  fs.writeFileSync(corpusFile, JSON.stringify({ fuzzSeed, fuzzCount, corpus }));
  console.log(`corpus: ${corpus.length} programs (${skipped} skipped: native run failed or logged < 3 events), ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const stryker = path.join(path.dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
  const strykerArgs = [stryker, 'run', path.join(root, 'stryker.config.json')];
  const mutate = option('mutate', null);
  if (mutate) strykerArgs.push('--mutate', mutate);
  const concurrency = option('concurrency', null);
  if (concurrency) strykerArgs.push('--concurrency', concurrency);
  const result = spawnSync(process.execPath, strykerArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, MUTATION_CORPUS: corpusFile } });
  if (result.status !== 0) process.exit(result.status ?? 1);
  require('./report').writeResults(root, { corpusSize: corpus.length, fuzzSeed, fuzzCount, seconds: (Date.now() - started) / 1000 });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
