#!/usr/bin/env node
/*
 * bench/scale/run: the scale benchmark (`npm run bench:scale`). For each input shape of
 * shapes.js it transforms 1×, 2×, 4× and 10× the base size, each in a fresh child process, and
 * prints time and peak-memory growth with the slope of a log-log least-squares fit (1.0 is
 * linear) and the ratio of the 10× cost to ten times the 1× cost. Slopes above 1.15 are called
 * out. Writes bench/scale/RESULTS.md.
 * Must never: time anything but the transform, or hide a size that failed.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { SHAPES } = require('./shapes');

const MULTIPLIERS = [1, 2, 4, 10];
const LIMIT = 1.15;
// --lib <dir>: measure another build (e.g. main's lib, for a before/after table); the results
// file is written only for this checkout's own lib
const libIndex = process.argv.indexOf('--lib');
const otherLib = libIndex >= 0 ? path.resolve(process.argv[libIndex + 1]) : null;
const only = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--lib');

function measure(shape, size) {
  const env = otherLib ? { ...process.env, SCALE_LIB: otherLib } : process.env;
  const out = execFileSync(process.execPath, ['--expose-gc', path.join(__dirname, 'child.js'), shape, String(size)], { encoding: 'utf8', maxBuffer: 1 << 26, env });
  return JSON.parse(out.trim().split('\n').pop());
}

/** slope of log(y) against log(x) */
function slope(xs, ys) {
  const lx = xs.map(Math.log);
  const ly = ys.map((y) => Math.log(Math.max(y, 1e-3)));
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

const rows = [];
const callouts = [];
for (const [name, shape] of Object.entries(SHAPES)) {
  if (only.length && !only.includes(name)) continue;
  const results = MULTIPLIERS.map((m) => measure(name, shape.base * m));
  const failed = results.filter((r) => r.error);
  const sizes = results.map((r) => r.inputBytes);
  const times = results.map((r) => r.cpuMs ?? r.ms);
  const memory = results.map((r) => r.peakGrowthMb);
  const timeSlope = failed.length ? NaN : slope(sizes, times);
  const memorySlope = failed.length ? NaN : slope(sizes, memory.map((m) => m + 1));
  const tenfold = failed.length ? NaN : times[3] / (times[0] * (sizes[3] / sizes[0]));
  const row = { name, shape, results, timeSlope, memorySlope, tenfold, failed };
  rows.push(row);
  const line = `${name.padEnd(13)} ${results.map((r, i) => `${MULTIPLIERS[i]}×=${r.error ? 'ERROR' : (r.cpuMs ?? r.ms).toFixed(0) + 'ms/' + r.peakGrowthMb.toFixed(0) + 'MB'}`).join('  ')}  time slope ${timeSlope.toFixed(2)}  memory slope ${memorySlope.toFixed(2)}  10×/(10·1×) ${tenfold.toFixed(2)}`;
  console.log(line);
  if (failed.length) callouts.push(`${name}: ${failed.map((r) => `size ${r.size}: ${r.error}`).join('; ')}`);
  else if (timeSlope > LIMIT) callouts.push(`${name}: time slope ${timeSlope.toFixed(2)} > ${LIMIT}`);
  if (!failed.length && memorySlope > LIMIT) callouts.push(`${name}: memory slope ${memorySlope.toFixed(2)} > ${LIMIT}`);
}
if (callouts.length) console.log(`\nABOVE ${LIMIT} OR FAILED:\n  ${callouts.join('\n  ')}`);
else console.log(`\nall slopes ≤ ${LIMIT}`);

const md = [
  '# Scale benchmark',
  '',
  `\`npm run bench:scale\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ${os.cpus()[0].model} ×${os.cpus().length}, load average ${os.loadavg()[0].toFixed(1)}.`,
  'Each size is transformed in a fresh child (after a warm-up); time is the CPU time of the child for the transform, the best of up to five runs (the machine may be loaded by other jobs: wall time would measure them too), memory the growth of the peak RSS over the warmed-up baseline.',
  `The slope is a log-log least-squares fit of cost against input bytes over 1×, 2×, 4×, 10× (1.0 = linear); "10× / 10·1×" is the 10× cost over ten times the 1× cost (≤ 2 is within 2× of linear). Slopes above ${LIMIT} are called out.`,
  '',
  '| shape | what grows | 1× | 2× | 4× | 10× | time slope | memory slope | 10× / 10·1× |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.name} | ${r.shape.what} (1× = ${r.shape.base}) | ${r.results.map((x) => (x.error ? 'error' : `${(x.cpuMs ?? x.ms).toFixed(0)} ms, ${x.peakGrowthMb.toFixed(0)} MB`)).join(' | ')} | ${r.timeSlope.toFixed(2)}${r.timeSlope > LIMIT ? ' **(> 1.15)**' : ''} | ${r.memorySlope.toFixed(2)}${r.memorySlope > LIMIT ? ' **(> 1.15)**' : ''} | ${r.tenfold.toFixed(2)} |`),
  '',
  callouts.length ? `Called out: ${callouts.join('; ')}.` : `All slopes are at most ${LIMIT}.`,
  '',
];
if (!only.length && !otherLib) fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), md.join('\n'));
