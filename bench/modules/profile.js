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

async function profileAwaitLoop(variantId, { quick, top = 14 }) {
  const runtimeCase = RUNTIME_CASES.find((candidate) => candidate.id === 'awaitPlain');
  const dir = ensureDir(path.join(WORK_DIR, 'profiles', variantId));
  for (const stale of fs.readdirSync(dir)) fs.rmSync(path.join(dir, stale));
  const file = path.join(WORK_DIR, 'runtime', variantId, runtimeCase.id + '.js');
  const n = quick ? runtimeCase.quickN : runtimeCase.n;
  await runJsonChild(CHILD, { file, n, warmupN: n / 5, warmupRuns: 1, reps: 5 }, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`], timeoutMs: 600000 });
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

module.exports = { profileAwaitLoop, summariseProfile };
