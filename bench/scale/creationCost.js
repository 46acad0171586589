#!/usr/bin/env node
/*
 * bench/scale/creationCost: what creating a rewritten async function costs, against native: a
 * loop makes 1,000,000 async arrows and async function expressions (closures over the loop
 * variable), each program in a fresh node child, timed with process.hrtime around the loop
 * (median of rounds). The rewrite is measured as emitted (asyncMachine.mark gives each function
 * %AsyncFunction.prototype%) and with `mark` replaced by the identity, so that the share of the
 * [[Prototype]] step is visible. Prints nanoseconds per creation (`node bench/scale/creationCost.js [rounds]`).
 * Must never: compare runs made with different flags or programs.
 */
'use strict';

const path = require('path');
const { execFileSync } = require('child_process');
const { transformSource } = require(path.join(__dirname, '..', '..', 'lib', 'transform.js'));

const PROGRAM = `
const count = 1000000;
let keep = null;
const start = process.hrtime.bigint();
for (let i = 0; i < count; i++) {
  const arrow = async () => i;
  const expression = async function (x) { return x + i; };
  keep = i % 1000 === 0 ? [arrow, expression] : keep;
}
const ns = Number(process.hrtime.bigint() - start);
console.log(JSON.stringify({ nsPerCreation: ns / (2 * count), kept: keep.length }));
`;

function runChild(code) {
  const out = execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

const rounds = Number(process.argv[2] || 5);
const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
const measure = (code) => median(Array.from({ length: rounds }, () => runChild(code).nsPerCreation));
const rewritten = transformSource(PROGRAM, { runtime: 'inline' }).code;
if (!/\.mark\(/.test(rewritten)) throw new Error('creationCost: the rewrite has no mark call');
// the same output with mark as the identity (the function keeps Function.prototype)
const identity = rewritten.replace(/(\w+)\.mark\(/g, '(function (f) { return f; })(');

const native = measure(PROGRAM);
const marked = measure(rewritten);
const unmarked = measure(identity);
console.log(`async function creation (1,000,000 arrows + 1,000,000 expressions in a loop, median of ${rounds}):`);
console.log(`  native ${native.toFixed(1)} ns, rewritten ${marked.toFixed(1)} ns, rewritten with mark as identity ${unmarked.toFixed(1)} ns per creation`);
console.log(`  mark (the [[Prototype]] step) costs ${(marked - unmarked).toFixed(1)} ns per creation`);
