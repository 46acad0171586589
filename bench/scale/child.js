/*
 * bench/scale/child: transforms ONE generated input in a fresh process and prints, as JSON,
 * the transform time (best of a few runs for small inputs) and the growth of the peak resident
 * set over the process's baseline after Babel and the plugin are loaded and warmed up.
 * Must never: measure anything but the plugin's transform (through lib/transform).
 */
'use strict';

const path = require('path');
const { SHAPES } = require('./shapes');
// (SCALE_LIB: another build's lib directory, for a before/after run of bench/scale/run.js --lib)
const { transformSource } = require(path.join(process.env.SCALE_LIB || path.join(__dirname, '..', '..', 'lib'), 'transform.js'));

const [shapeName, sizeText] = process.argv.slice(2);
const shape = SHAPES[shapeName];
const size = Number(sizeText);
const code = shape.make(size);

// warm up: load every Babel module on the path and compile the hot functions
for (let i = 0; i < 3; i++) transformSource(shape.make(Math.max(1, Math.floor(shape.base / 10))));
if (global.gc) global.gc();
const baselineKb = process.resourceUsage().maxRSS;

let best = Infinity;
// CPU time of this process (the machine may be loaded: wall time then measures the other jobs too)
let bestCpu = Infinity;
let outputBytes = 0;
let error = null;
const deadline = Date.now() + 1500;
for (let round = 0; round < 5; round++) {
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  try {
    outputBytes = transformSource(code).code.length;
  } catch (e) {
    error = String(e && e.message).split('\n')[0].slice(0, 200);
    break;
  }
  const cpu = process.cpuUsage(cpuStart);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  best = Math.min(best, ms);
  bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
  if (Date.now() > deadline) break;
}
const peakKb = process.resourceUsage().maxRSS;
process.stdout.write(JSON.stringify({ shape: shapeName, size, inputBytes: code.length, outputBytes, ms: best, cpuMs: bestCpu, peakGrowthMb: Math.max(0, (peakKb - baselineKb) / 1024), error }) + '\n');
