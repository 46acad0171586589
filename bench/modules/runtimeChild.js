#!/usr/bin/env node
/*
 * runtimeChild: runs ONE runtime case for ONE variant in this fresh process: loads the case file,
 * warms it up, then times `reps` runs (wall and CPU time) and prints one JSON line.
 * Must never: load another variant, or time the warm-up.
 *
 * stdin: { file, n, warmupN, warmupRuns, reps, mode: 'time' | 'heap' }
 *   mode 'heap': no warm-up, one run of n, then heap used right after and after a full GC
 *   (run with --expose-gc).
 */
'use strict';
const fs = require('fs');
const { installRuntimeMapping } = require('./runtimeMapping');
const { canonical } = require('./util');

installRuntimeMapping();

async function main() {
  const job = JSON.parse(fs.readFileSync(0, 'utf8'));
  const { run } = require(job.file);
  if (job.mode === 'heap') {
    if (typeof global.gc === 'function') global.gc();
    const before = process.memoryUsage().heapUsed;
    const result = await run(job.n);
    const afterLoop = process.memoryUsage().heapUsed;
    if (typeof global.gc === 'function') global.gc();
    const afterGc = process.memoryUsage().heapUsed;
    process.stdout.write(JSON.stringify({ result: canonical(result), before, afterLoop, afterGc, maxRssKb: process.resourceUsage().maxRSS }) + '\n');
    return;
  }
  for (let i = 0; i < job.warmupRuns; i++) await run(job.warmupN);
  const times = [];
  const cpuTimes = [];
  let result;
  for (let i = 0; i < job.reps; i++) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    result = await run(job.n);
    const cpu = process.cpuUsage(cpuStart);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  process.stdout.write(JSON.stringify({ times, cpuTimes, result: canonical(result) }) + '\n');
}

main().catch((error) => {
  process.stderr.write(String((error && error.stack) || error));
  process.exit(3);
});
