/*
 * transformSpeed: times every contender transforming the per-file corpus, in this one process,
 * contenders interleaved (the order rotates each round), after warm-up rounds; reports the median
 * per contender and its ratio to the fastest async lowerer and to Babel's identity transform.
 * The figure compared is CPU time (user + system of this process), which other load on the
 * machine barely moves; wall-clock medians are shown beside it.
 * Must never: reuse an output between rounds, or time anything but the transform calls.
 */
'use strict';
const v8 = require('v8');
const vm = require('vm');
const { median, markdownTable, formatMs, formatRatio, countLines } = require('./util');

/** A gc() we may call between measurements (bench/run.js runs without --expose-gc). */
function getGc() {
  if (typeof global.gc === 'function') return global.gc;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc');
}

function measureTransformSpeed(transformers, files, { rounds, warmupRounds, log = () => {} }) {
  const gc = getGc();
  const samples = new Map(transformers.map((transformer) => [transformer.id, []]));
  const wallSamples = new Map(transformers.map((transformer) => [transformer.id, []]));
  const totalRounds = warmupRounds + rounds;
  for (let round = 0; round < totalRounds; round++) {
    const order = transformers.map((_, i) => transformers[(i + round) % transformers.length]);
    for (const transformer of order) {
      gc();
      const start = process.hrtime.bigint();
      const cpuStart = process.cpuUsage();
      for (const file of files) transformer.transform(file.code, file.name);
      const cpu = process.cpuUsage(cpuStart);
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (round >= warmupRounds) {
        samples.get(transformer.id).push((cpu.user + cpu.system) / 1000);
        wallSamples.get(transformer.id).push(wallMs);
      }
    }
    log(`  transform round ${round + 1}/${totalRounds}${round < warmupRounds ? ' (warm-up)' : ''}`);
  }
  const lines = files.reduce((sum, file) => sum + countLines(file.code), 0);
  const medians = new Map([...samples].map(([id, values]) => [id, median(values)]));
  const lowerers = transformers.filter((transformer) => transformer.lowersAsync);
  const fastest = Math.min(...lowerers.map((transformer) => medians.get(transformer.id)));
  const identity = medians.get('identity');
  const rows = transformers.map((transformer) => {
    const values = samples.get(transformer.id);
    const value = medians.get(transformer.id);
    return [
      transformer.label,
      formatMs(value),
      formatMs(Math.min(...values)),
      formatMs(Math.max(...values)),
      formatMs(median(wallSamples.get(transformer.id))),
      Math.round(lines / (value / 1000)).toLocaleString('en-US'),
      transformer.lowersAsync ? formatRatio(value / fastest) : '—',
      formatRatio(value / identity),
    ];
  });
  return {
    medians,
    samples,
    lines,
    table: markdownTable(['contender', 'median CPU time', 'min', 'max', 'median wall time', 'lines per CPU second', '× fastest lowerer', '× Babel identity'], rows),
  };
}

module.exports = { measureTransformSpeed, getGc };
