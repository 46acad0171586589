#!/usr/bin/env node
/*
 * bench/scale/callCost: the per-call cost of a rewritten async function against native, each
 * measured in a fresh `node --expose-gc` child: the heap held by 100,000 calls suspended on a
 * promise that never settles, and the deepest synchronous recursion of an async function
 * (each call makes the next before its first await) before the stack runs out. Prints both
 * ratios (`npm run bench:calls`); the per-call object layout itself belongs to src/runtime.
 * Must never: compare runs made with different flags or programs.
 */
'use strict';

const path = require('path');
const { execFileSync } = require('child_process');
const { transformSource } = require(path.join(__dirname, '..', '..', 'lib', 'transform.js'));

const PENDING = `
const calls = 100000;
const never = new Promise(() => {});
async function pending(i) { const local = i; await never; return local; }
globalThis.gc(); globalThis.gc();
const before = process.memoryUsage().heapUsed;
const keep = [];
for (let i = 0; i < calls; i++) keep.push(pending(i));
globalThis.gc(); globalThis.gc();
const after = process.memoryUsage().heapUsed;
console.log(JSON.stringify({ heldMb: (after - before) / 1048576, bytesPerCall: (after - before) / calls }));
`;

const RECURSION = `
let deepest = 0;
async function recurse(n) {
  deepest = n;
  await recurse(n + 1);
}
recurse(0).catch(() => {});
console.log(JSON.stringify({ depth: deepest }));
`;

function runChild(code) {
  const out = execFileSync(process.execPath, ['--expose-gc', '-e', code], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

const rewrite = (code) => transformSource(code, { runtime: 'inline' }).code;
const rounds = Number(process.argv[2] || 3);
const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
const measure = (code, key) => median(Array.from({ length: rounds }, () => runChild(code)[key]));

const nativeHeld = measure(PENDING, 'heldMb');
const rewrittenHeld = measure(rewrite(PENDING), 'heldMb');
const nativeDepth = measure(RECURSION, 'depth');
const rewrittenDepth = measure(rewrite(RECURSION), 'depth');
console.log(`100,000 pending calls: native ${nativeHeld.toFixed(1)} MB, rewritten ${rewrittenHeld.toFixed(1)} MB (${(rewrittenHeld / nativeHeld).toFixed(2)}×; ${((rewrittenHeld * 1048576) / 100000).toFixed(0)} vs ${((nativeHeld * 1048576) / 100000).toFixed(0)} bytes per call)`);
console.log(`synchronous recursion depth: native ${nativeDepth}, rewritten ${rewrittenDepth} (native/rewritten ${(nativeDepth / rewrittenDepth).toFixed(2)}×)`);
