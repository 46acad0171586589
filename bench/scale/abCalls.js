#!/usr/bin/env node
/*
 * bench/scale/abCalls: an A/B of the call-heavy runtime cases (the fib tree, 1e5 calls) between
 * builds of the plugin, in one run: native and each build's `runtime: "inline"` output, every
 * variant in a fresh child per sample (bench/modules/runtimeChild.js), the order rotating across
 * rounds, CPU time compared. For per-call work on a loaded machine, where two separate runs of
 * `npm run bench` cannot be compared.
 *   [AB_CASES=fibTree,manyCalls,awaitResolved,...] node bench/scale/abCalls.js [rounds] [label=path/to/lib/transform.js ...]
 * (default: this checkout's lib/ only). Must never: time variants in one process, or in parallel.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runJsonChild, median } = require('../modules/util');
const { RUNTIME_CASES } = require('../modules/runtimeCases');

const rounds = Number(process.argv[2] || 5);
const builds = process.argv.slice(3).map((arg) => {
  const at = arg.indexOf('=');
  return { label: arg.slice(0, at), transform: require(path.resolve(arg.slice(at + 1))).transformSource };
});
if (builds.length === 0) builds.push({ label: 'this', transform: require('../../lib/transform.js').transformSource });
const variants = [{ label: 'native', transform: null }, ...builds];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ab-calls-'));
const CHILD = path.join(__dirname, '..', 'modules', 'runtimeChild.js');

async function main() {
  for (const id of (process.env.AB_CASES || 'fibTree,manyCalls').split(',')) {
    const runtimeCase = RUNTIME_CASES.find((candidate) => candidate.id === id);
    const files = variants.map((variant, index) => {
      const file = path.join(dir, `${id}-${index}.js`);
      fs.writeFileSync(file, variant.transform ? variant.transform(runtimeCase.source, { runtime: "inline", filename: `${id}.js` }).code : runtimeCase.source);
      return file;
    });
    const samples = variants.map(() => []);
    const warmupN = id === 'fibTree' ? runtimeCase.n - 4 : runtimeCase.n / 5;
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < variants.length; k++) {
        const index = (k + round) % variants.length;
        const answer = await runJsonChild(CHILD, { file: files[index], n: runtimeCase.n, warmupN, warmupRuns: 2, reps: 3 });
        samples[index].push(median(answer.cpuTimes));
      }
    }
    const base = median(samples[0]);
    console.log(`${runtimeCase.label}: ` + variants.map((variant, index) => `${variant.label} ${median(samples[index]).toFixed(1)} ms (${(median(samples[index]) / base).toFixed(2)}x)`).join(', '));
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
