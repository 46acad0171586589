/*
 * runtimeSpeed: native and every contender's output of each runtime case, each run in its own
 * fresh child process (no shared JIT state), variants alternating in a rotating order across
 * rounds, timed after warm-up inside the child; medians and ratios to native. The compared figure
 * is the child's CPU time (user + system: the loop plus its GC), which load from other processes
 * barely moves; wall-clock medians are reported beside it. Also the heap after
 * the 1e6-await loop, per variant. Results must equal native's or the bench fails.
 * Must never: run two variants in one process, or run children in parallel while timing.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { WORK_DIR, ensureDir, runJsonChild, median, markdownTable, formatMs, formatRatio, formatMB } = require('./util');
const { RUNTIME_CASES } = require('./runtimeCases');
const { toRunnable } = require('./codeChecks');

const CHILD = path.join(__dirname, 'runtimeChild.js');

/** Writes each variant's runnable copy of each case; returns { [caseId]: { [variantId]: file } }. */
function prepareCaseFiles(variants) {
  const files = {};
  for (const runtimeCase of RUNTIME_CASES) {
    files[runtimeCase.id] = {};
    for (const variant of variants) {
      const dir = ensureDir(path.join(WORK_DIR, 'runtime', variant.id));
      const file = path.join(dir, runtimeCase.id + '.js');
      const code = variant.transform ? variant.transform(runtimeCase.source, runtimeCase.id + '.js') : runtimeCase.source;
      fs.writeFileSync(file, toRunnable(code, runtimeCase.id + '.js'));
      files[runtimeCase.id][variant.id] = file;
    }
  }
  return files;
}

/**
 * `variants`: [{ id, label, transform? }] with native (no transform) first.
 * Returns { table, ratios: { [caseId]: { [variantId]: ratio } }, medians, problems }.
 */
async function measureRuntimeSpeed(variants, { rounds, reps, quick, log = () => {} }) {
  const files = prepareCaseFiles(variants);
  const problems = [];
  const samples = {};
  const wallSamples = {};
  const results = {};
  for (const runtimeCase of RUNTIME_CASES) {
    samples[runtimeCase.id] = Object.fromEntries(variants.map((variant) => [variant.id, []]));
    wallSamples[runtimeCase.id] = Object.fromEntries(variants.map((variant) => [variant.id, []]));
    results[runtimeCase.id] = {};
    const n = quick ? runtimeCase.quickN : runtimeCase.n;
    const warmupN = runtimeCase.id === 'fibTree' ? Math.max(10, n - 4) : Math.max(1, Math.floor(n / 5));
    for (let round = 0; round < rounds; round++) {
      const order = variants.map((_, i) => variants[(i + round) % variants.length]);
      for (const variant of order) {
        let answer;
        try {
          answer = await runJsonChild(CHILD, { file: files[runtimeCase.id][variant.id], n, warmupN, warmupRuns: 2, reps }, { timeoutMs: 600000 });
        } catch (error) {
          problems.push(`${variant.id} on ${runtimeCase.id}: ${String(error.message).slice(0, 1500)}`);
          continue;
        }
        samples[runtimeCase.id][variant.id].push(median(answer.cpuTimes));
        wallSamples[runtimeCase.id][variant.id].push(median(answer.times));
        results[runtimeCase.id][variant.id] = answer.result;
      }
      log(`  ${runtimeCase.id}: round ${round + 1}/${rounds}`);
    }
    const expected = results[runtimeCase.id].native;
    for (const variant of variants) {
      const got = results[runtimeCase.id][variant.id];
      if (got !== undefined && got !== expected) problems.push(`${variant.id} on ${runtimeCase.id}: result ${got} differs from native ${expected}`);
    }
  }
  const medians = {};
  const ratios = {};
  const spread = (values, middle) => (values.length > 1 ? `, ±${Math.round(((Math.max(...values) - Math.min(...values)) / 2 / middle) * 100)}%` : '');
  const tableOf = (which, keep) =>
    RUNTIME_CASES.map((runtimeCase) => {
      const nativeMedian = median(which[runtimeCase.id].native);
      const cells = variants.map((variant) => {
        const values = which[runtimeCase.id][variant.id];
        const value = median(values);
        if (keep) {
          medians[runtimeCase.id] = medians[runtimeCase.id] || {};
          ratios[runtimeCase.id] = ratios[runtimeCase.id] || {};
          medians[runtimeCase.id][variant.id] = value;
          ratios[runtimeCase.id][variant.id] = value / nativeMedian;
        }
        return variant.id === 'native' ? `${formatMs(value)}${spread(values, value).replace(', ', ' (') + (values.length > 1 ? ')' : '')}` : `${formatMs(value)} (${formatRatio(value / nativeMedian)}${spread(values, value)})`;
      });
      const n = quick ? runtimeCase.quickN : runtimeCase.n;
      return [runtimeCase.label + (quick ? ` [--quick: n=${n}]` : ''), ...cells];
    });
  const header = (what) => [`case (${what}, × native, ± half the range over rounds)`, ...variants.map((variant) => variant.label)];
  return {
    medians,
    ratios,
    problems,
    table: markdownTable(header('median CPU ms'), tableOf(samples, true)),
    wallTable: markdownTable(header('median wall ms'), tableOf(wallSamples, false)),
  };
}

/** Heap used right after one 1e6-await loop (and after a full GC), one fresh child per variant. */
async function measureAwaitLoopHeap(variants, { quick }) {
  const runtimeCase = RUNTIME_CASES.find((candidate) => candidate.id === 'awaitPlain');
  const n = quick ? runtimeCase.quickN : runtimeCase.n;
  const rows = [];
  const figures = {};
  for (const variant of variants) {
    const file = path.join(WORK_DIR, 'runtime', variant.id, runtimeCase.id + '.js');
    try {
      const answer = await runJsonChild(CHILD, { file, n, mode: 'heap' }, { nodeArgs: ['--expose-gc'], timeoutMs: 600000 });
      figures[variant.id] = answer;
      rows.push([variant.label, formatMB(answer.before), formatMB(answer.afterLoop), formatMB(answer.afterGc), formatMB(answer.maxRssKb * 1024)]);
    } catch (error) {
      rows.push([variant.label, '—', '—', '—', 'failed: ' + String(error.message).split('\n')[0]]);
    }
  }
  return {
    figures,
    table: markdownTable([`variant (${n.toLocaleString('en-US')} awaits of plain values)`, 'heap before', 'heap right after the loop', 'heap after full GC', 'peak RSS of the child'], rows),
  };
}

module.exports = { measureRuntimeSpeed, measureAwaitLoopHeap, prepareCaseFiles };
