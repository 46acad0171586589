#!/usr/bin/env node
/*
 * bench/abTransform: a quick A/B of the transform's CPU time. Transforms the bench's per-file
 * corpus (bench/modules/corpus.js) with Babel's identity (parse + generate, no plugin) and with
 * two or more builds of the plugin, interleaved in one process (rotating order, gc between
 * contenders), and prints the median CPU time per pass and each build's ratio to identity. Also
 * says how many files' outputs differ between the first build and each other one.
 * Must never: time the warm-up, or give a build options other than bench/run.js gives ours.
 *
 *   node bench/abTransform.js [--babel 7|8] [--rounds 5] [--quick] label=path/to/lib/index.js ...
 * e.g. node bench/abTransform.js --babel 8 base=bench/.work/base-lib/index.js new=lib/index.js
 */
'use strict';
const path = require('path');
const v8 = require('v8');
const vm = require('vm');
const { babelOptions } = require('./modules/transformers');
const { loadCorpus } = require('./modules/corpus');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const major = Number(flag('--babel', '7'));
const rounds = Number(flag('--rounds', '5'));
const builds = args.filter((a) => a.includes('=')).map((a) => {
  const [label, file] = a.split('=');
  return { id: label, plugins: [[require(path.resolve(file)), { runtime: 'import' }]] };
});
if (builds.length === 0) throw new Error('give at least one label=path/to/lib/index.js');
const babel = major === 8 ? require('babel8') : require('@babel/core');
const files = loadCorpus({ quick: args.includes('--quick') }).perFile;
const contenders = [{ id: 'identity', plugins: [] }, ...builds];

const outputs = new Map();
for (const contender of contenders) {
  outputs.set(contender.id, files.map((file) => babel.transformSync(file.code, babelOptions(file.name, contender.plugins)).code));
}
const samples = Object.fromEntries(contenders.map((c) => [c.id, []]));
for (let round = 0; round < rounds + 1; round++) {
  const shift = round % contenders.length;
  const order = [...contenders.slice(shift), ...contenders.slice(0, shift)];
  for (const contender of order) {
    gc();
    const start = process.cpuUsage();
    for (const file of files) babel.transformSync(file.code, babelOptions(file.name, contender.plugins));
    const cpu = process.cpuUsage(start);
    if (round > 0) samples[contender.id].push((cpu.user + cpu.system) / 1000);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const identity = median(samples.identity);
console.log(`Babel ${babel.version}, ${files.length} files, ${rounds} rounds (CPU ms per pass; median [min..max])`);
for (const contender of contenders) {
  const xs = samples[contender.id];
  const m = median(xs);
  let note = '';
  if (contender !== contenders[0] && contender !== contenders[1]) {
    const first = outputs.get(contenders[1].id);
    const differing = outputs.get(contender.id).filter((code, i) => code !== first[i]).length;
    note = `  outputs differing from ${contenders[1].id}: ${differing}/${files.length}`;
  }
  console.log(`${contender.id.padEnd(10)} ${m.toFixed(0).padStart(6)} ms [${Math.min(...xs).toFixed(0)}..${Math.max(...xs).toFixed(0)}]  ${(m / identity).toFixed(2)}x identity${note}`);
}
