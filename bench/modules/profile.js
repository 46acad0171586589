/*
 * profile: runs the 1e6-await loop of one variant under `node --cpu-prof` in a fresh child and
 * summarises the profile: self time per function (name, file:line), biggest first.
 * Must never: be counted as a timing figure (profiling slows the code it watches).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { WORK_DIR, ROOT, ensureDir, runJsonChild, markdownTable } = require('./util');
const { RUNTIME_CASES } = require('./runtimeCases');

const CHILD = path.join(__dirname, 'runtimeChild.js');

/** Self time per function from a .cpuprofile (samples × their time deltas). */
function summariseProfile(profile, top) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) || 0) + (profile.timeDeltas[i] || 0));
  }
  const byFunction = new Map();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id).callFrame;
    const file = frame.url ? path.relative(ROOT, frame.url.replace(/^file:\/\//, '')) : '';
    // Node's own JS (bootstrap, module loader, streams) is start-up noise here: one bucket.
    const key = frame.url.startsWith('node:')
      ? '(node internals: start-up, module loading, stdio)'
      : `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
    byFunction.set(key, (byFunction.get(key) || 0) + us);
    totalUs += us;
  }
  const rows = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { totalUs, rows: rows.map(([key, us]) => ({ key, ms: us / 1000, share: us / totalUs })) };
}

async function profileAwaitLoop(variantId, { quick, top = 14, caseId = 'awaitPlain' }) {
  const runtimeCase = RUNTIME_CASES.find((candidate) => candidate.id === caseId);
  const dir = ensureDir(path.join(WORK_DIR, 'profiles', variantId, caseId));
  for (const stale of fs.readdirSync(dir)) fs.rmSync(path.join(dir, stale));
  const file = path.join(WORK_DIR, 'runtime', variantId, runtimeCase.id + '.js');
  const n = quick ? runtimeCase.quickN : runtimeCase.n;
  const warmupN = runtimeCase.id === 'fibTree' ? Math.max(10, n - 4) : Math.max(1, Math.floor(n / 5));
  await runJsonChild(CHILD, { file, n, warmupN, warmupRuns: 1, reps: 5 }, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`], timeoutMs: 600000 });
  const profileFile = fs.readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  const summary = summariseProfile(JSON.parse(fs.readFileSync(path.join(dir, profileFile), 'utf8')), top);
  return {
    file: path.relative(ROOT, path.join(dir, profileFile)),
    summary,
    table: markdownTable(
      ['function (self time)', 'ms', 'share'],
      summary.rows.map((row) => [row.key, row.ms.toFixed(1), (row.share * 100).toFixed(1) + '%']),
    ),
  };
}

/**
 * Time per function including its callees, for the functions of files under `under` (our
 * compiled plugin): which of our steps the transform's time goes to (Babel's traversal
 * functions show up inside them).
 */
function inclusiveProfile(profile, under, top) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children || []) parent.set(child, node.id);
  const selfUs = new Map();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) || 0) + (profile.timeDeltas[i] || 0));
    totalUs += profile.timeDeltas[i] || 0;
  }
  const inclusive = new Map();
  for (const [id, us] of selfUs) {
    const seen = new Set();
    for (let current = id; current !== undefined; current = parent.get(current)) {
      const frame = byId.get(current).callFrame;
      const file = frame.url.replace(/^file:\/\//, '');
      if (!file.startsWith(under)) continue;
      const key = `${frame.functionName || '(anonymous)'} ${path.relative(ROOT, file)}:${frame.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) || 0) + us);
    }
  }
  const rows = [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { totalUs, rows: rows.map(([key, us]) => ({ key, ms: us / 1000, share: us / totalUs })) };
}

/** `node --cpu-prof` of our plugin transforming the per-file corpus 3 times (Babel 7, or 8 in a child of its own). */
async function profileTransform(babelMajor, { quick, top = 14 }) {
  const dir = ensureDir(path.join(WORK_DIR, 'profiles', `transform-babel${babelMajor}`));
  for (const stale of fs.readdirSync(dir)) fs.rmSync(path.join(dir, stale));
  await runJsonChild(path.join(__dirname, 'transformProfileChild.js'), { babelMajor, quick }, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`], timeoutMs: 900000 });
  const profileFile = fs.readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  const profile = JSON.parse(fs.readFileSync(path.join(dir, profileFile), 'utf8'));
  const self = summariseProfile(profile, top);
  const ourSteps = inclusiveProfile(profile, path.join(ROOT, 'lib') + path.sep, top);
  const table = (summary, what) => markdownTable([what, 'ms', 'share'], summary.rows.map((row) => [row.key, row.ms.toFixed(0), (row.share * 100).toFixed(1) + '%']));
  return {
    file: path.relative(ROOT, path.join(dir, profileFile)),
    selfTable: table(self, 'function (self time)'),
    inclusiveTable: table(ourSteps, 'our plugin\'s function (time including callees)'),
  };
}

module.exports = { profileAwaitLoop, profileTransform, summariseProfile };
