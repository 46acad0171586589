/*
 * report: turns the per-file results of a run into counts (per Babel major and runtime mode, per
 * strictness, per folder; early-error verdicts; exclusions by reason; failures by class) and
 * writes summary.json, failures.json and summary.md.
 * Must never: count a run that failed natively as applicable, or a failing run as excluded
 * unless exclusions.js gave its test a reason.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { REASONS } = require('./exclusions');
const { CLASSES, classify } = require('./classify');

/** the folder a test is counted under: built-ins/X, or the first four segments of its directory */
function folderOf(relative) {
  const segments = relative.split('/').slice(0, -1);
  if (segments[0] === 'built-ins') return segments.slice(0, 2).join('/');
  return segments.slice(0, 4).join('/');
}

function counter() {
  return { passed: 0, failed: 0, excluded: 0, applicable: 0 };
}

function bump(map, key) {
  if (!map[key]) map[key] = counter();
  return map[key];
}

/**
 * results: one entry per file from the workers; variants: ['7/inline', ...].
 * Returns { totals, byMode, byFolder, early, exclusions, notApplicable, failures, crashes, classes }.
 */
function aggregate(results, variants) {
  const totals = {};
  const byMode = {};
  const byFolder = {};
  const early = {};
  const exclusions = {};
  const notApplicable = [];
  const notRun = [];
  const failures = [];
  const crashes = [];
  const classes = {};
  const files = { total: results.length, runs: 0, applicableRuns: 0 };
  for (const variant of variants) {
    totals[variant] = counter();
    byMode[variant] = {};
    early[variant] = { total: 0, 'babel-parser': 0, 'code-frame': 0, 'output-invalid': 0, accepted: 0, crash: 0 };
  }
  for (const result of results) {
    if (result.crash) {
      crashes.push({ file: result.relative, message: result.crash });
      continue;
    }
    const folder = folderOf(result.relative);
    for (const run of result.runs) {
      files.runs++;
      if (run.native.status === 'not-run' || run.native.status === 'skip') {
        notRun.push({ file: result.relative, mode: run.mode, reason: run.native.message });
        continue;
      }
      if (run.native.status !== 'pass') {
        notApplicable.push({ file: result.relative, mode: run.mode, reason: run.native.message || run.native.status, features: result.meta.features });
        continue;
      }
      files.applicableRuns++;
      const isNegative = Boolean(result.meta.negative && result.meta.negative.phase !== 'runtime');
      const failing = [];
      for (const outcome of run.variants) {
        const variant = outcome.variant;
        const cells = [totals[variant], bump(byMode[variant], run.mode), bump((byFolder[folder] = byFolder[folder] || {}), variant)];
        for (const cell of cells) cell.applicable++;
        if (isNegative) {
          early[variant].total++;
          early[variant][outcome.early] = (early[variant][outcome.early] || 0) + 1;
        }
        if (outcome.status === 'pass') {
          for (const cell of cells) cell.passed++;
          continue;
        }
        if (result.exclusion && result.exclusion.length > 0) {
          for (const cell of cells) cell.excluded++;
          for (const key of result.exclusion) {
            exclusions[key] = exclusions[key] || { reason: REASONS[key], runs: 0, files: new Set() };
            exclusions[key].runs++;
            exclusions[key].files.add(result.relative);
          }
          continue;
        }
        for (const cell of cells) cell.failed++;
        failing.push(outcome);
      }
      if (failing.length > 0) {
        const message = failing[0].message || '';
        const cls = classify(result.relative, message);
        classes[cls] = classes[cls] || { description: CLASSES[cls], runs: 0, files: new Set() };
        classes[cls].runs += failing.length;
        classes[cls].files.add(result.relative);
        failures.push({
          file: result.relative,
          mode: run.mode,
          class: cls,
          description: result.meta.description,
          features: result.meta.features,
          variants: failing.map((outcome) => outcome.variant),
          messages: Object.fromEntries(failing.map((outcome) => [outcome.variant, outcome.message || outcome.phase || 'failed'])),
        });
      }
    }
  }
  const setsToCounts = (map) =>
    Object.fromEntries(Object.entries(map).map(([key, value]) => [key, { ...value, files: [...value.files].sort(), fileCount: value.files.size }]));
  return {
    files,
    totals,
    byMode,
    byFolder,
    early,
    exclusions: setsToCounts(exclusions),
    classes: setsToCounts(classes),
    notApplicable,
    notRun,
    failures,
    crashes,
  };
}

function pct(part, whole) {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

function cell(counts) {
  if (!counts || counts.applicable === 0) return '-';
  const excluded = counts.excluded ? ` (+${counts.excluded} excl.)` : '';
  return `${counts.passed}/${counts.applicable - counts.excluded}${excluded}`;
}

function escapeCell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ⏎ ');
}

function truncate(text, length) {
  const flat = String(text);
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

/** The Markdown summary. `info`: run metadata (plugin, test262 commit, timing, options). */
function markdown(report, info, variants) {
  const lines = [];
  lines.push('# test262 results for babel-plugin-async-state-machine');
  lines.push('');
  if (info.partial) {
    lines.push(`**PARTIAL: ${info.partial}.**`);
    lines.push('');
  }
  if (info.plugin.label) lines.push(`- plugin label: **${info.plugin.label}**`);
  lines.push(`- plugin: \`${info.plugin.path}\` — branch \`${info.plugin.branch}\`, commit \`${info.plugin.commit}\`${info.plugin.dirty ? ' (uncommitted changes in the checkout)' : ''}${info.plugin.staleBuild ? ' — WARNING: lib/ is older than src/ (run npm run build there)' : ''}`);
  lines.push(`- test262: \`${info.test262.path}\` at commit \`${info.test262.commit}\``);
  lines.push(`- Babel targets: ${info.targets === undefined || info.targets === null ? "none given (each Babel major's default)" : `\`${JSON.stringify(info.targets)}\``}`);
  if (info.functionShape && info.functionShape !== 'auto') lines.push(`- plugin option functionShape: \`${info.functionShape}\``);
  lines.push(`- Node ${info.node}, @babel/core ${info.babel['7'] || '-'} (Babel 7), babel8 ${info.babel['8'] || '-'} (Babel 8)`);
  lines.push(`- started ${info.startedAt}, ${info.durationSeconds.toFixed(0)} s with ${info.jobs} workers${info.filter ? `, filter \`${info.filter}\`` : ''}, time limit ${info.timeoutMs} ms per run`);
  lines.push(`- ${report.files.total} files, ${report.files.runs} runs (a file runs once per strictness its flags allow), ${report.files.applicableRuns} applicable (pass natively on this Node), ${report.notApplicable.length} not applicable${report.notRun.length ? `, ${report.notRun.length} not run (module tests)` : ''}${report.crashes.length ? `, ${report.crashes.length} runner crashes` : ''}`);
  lines.push('');
  lines.push('Counts are runs (file × strictness). "passed/applicable": applicable = passes natively, minus excluded;');
  lines.push('excluded = fails, for a reason no source transform can overcome (table below). Negative (early error) tests are included and also counted on their own.');
  lines.push('');
  lines.push('## Totals per Babel major and runtime mode');
  lines.push('');
  lines.push('| variant | passed | applicable | failed | excluded | pass rate |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const variant of variants) {
    const t = report.totals[variant];
    lines.push(`| Babel ${variant.replace('/', ', runtime ')} | ${t.passed} | ${t.applicable - t.excluded} | ${t.failed} | ${t.excluded} | ${pct(t.passed, t.applicable - t.excluded)} |`);
  }
  lines.push('');
  lines.push('## Strict and sloppy');
  lines.push('');
  const modes = [...new Set(variants.flatMap((variant) => Object.keys(report.byMode[variant])))].sort();
  lines.push(`| variant | ${modes.join(' | ')} |`);
  lines.push(`|---|${modes.map(() => '---:').join('|')}|`);
  for (const variant of variants) lines.push(`| ${variant} | ${modes.map((mode) => cell(report.byMode[variant][mode])).join(' | ')} |`);
  lines.push('');
  lines.push('## Early errors (negative parse tests)');
  lines.push('');
  lines.push('babel-parser: Babel\'s parser reports it; code-frame: a Babel/plugin error with a code frame; output-invalid: Babel accepted it but the output still fails to compile with the same error; accepted and crash are failures.');
  lines.push('');
  lines.push('| variant | tests | babel-parser | code-frame | output-invalid | accepted | crash |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const variant of variants) {
    const e = report.early[variant];
    lines.push(`| ${variant} | ${e.total} | ${e['babel-parser']} | ${e['code-frame']} | ${e['output-invalid']} | ${e.accepted} | ${e.crash} |`);
  }
  lines.push('');
  lines.push('## Excluded (fails, and no source transform could pass it)');
  lines.push('');
  const exclusionKeys = Object.keys(report.exclusions);
  if (exclusionKeys.length === 0) lines.push('None.');
  else {
    lines.push('| reason | runs (all variants) | files |');
    lines.push('|---|---:|---|');
    for (const key of exclusionKeys) {
      const e = report.exclusions[key];
      lines.push(`| ${escapeCell(e.reason)} | ${e.runs} | ${e.fileCount}: ${e.files.slice(0, 6).map((file) => `\`${file.split('/').pop()}\``).join(', ')}${e.fileCount > 6 ? ', …' : ''} |`);
    }
  }
  lines.push('');
  lines.push('## Failure classes');
  lines.push('');
  const classKeys = Object.keys(CLASSES).filter((key) => report.classes[key]);
  if (classKeys.length === 0) lines.push('No failures.');
  else {
    lines.push('| class | files | failing runs (all variants) | examples |');
    lines.push('|---|---:|---:|---|');
    for (const key of classKeys) {
      const c = report.classes[key];
      lines.push(`| ${escapeCell(c.description)} | ${c.fileCount} | ${c.runs} | ${c.files.slice(0, 5).map((file) => `\`${file}\``).join('<br>')}${c.fileCount > 5 ? '<br>…' : ''} |`);
    }
  }
  lines.push('');
  lines.push('## Per folder (passed/applicable)');
  lines.push('');
  lines.push(`| folder | ${variants.join(' | ')} |`);
  lines.push(`|---|${variants.map(() => '---:').join('|')}|`);
  for (const folder of Object.keys(report.byFolder).sort()) {
    lines.push(`| ${folder} | ${variants.map((variant) => cell(report.byFolder[folder][variant])).join(' | ')} |`);
  }
  lines.push('');
  lines.push(`## Failures (${report.failures.length} runs${report.failures.length > 400 ? ', the first 400; all in failures.json' : ''})`);
  lines.push('');
  if (report.failures.length === 0) lines.push('None.');
  else {
    lines.push('| file | mode | class | variants | message |');
    lines.push('|---|---|---|---|---|');
    for (const failure of report.failures.slice(0, 400)) {
      const messages = [...new Set(Object.values(failure.messages))];
      lines.push(`| \`${failure.file}\` | ${failure.mode} | ${failure.class} | ${failure.variants.join(', ')} | ${escapeCell(truncate(messages.join(' // '), 300))} |`);
    }
  }
  lines.push('');
  lines.push(`## Not applicable (${report.notApplicable.length} runs fail natively on Node ${info.node})`);
  lines.push('');
  const naByReason = new Map();
  for (const entry of report.notApplicable) {
    const key = truncate(entry.reason, 160);
    if (!naByReason.has(key)) naByReason.set(key, []);
    naByReason.get(key).push(`${entry.file} (${entry.mode})`);
  }
  if (naByReason.size === 0) lines.push('None.');
  else {
    lines.push('| native failure | runs | tests |');
    lines.push('|---|---:|---|');
    for (const [reason, entries] of [...naByReason.entries()].sort((a, b) => b[1].length - a[1].length)) {
      lines.push(`| ${escapeCell(reason)} | ${entries.length} | ${entries.slice(0, 4).map((entry) => `\`${entry}\``).join('<br>')}${entries.length > 4 ? '<br>…' : ''} |`);
    }
  }
  if (report.notRun.length > 0) {
    lines.push('');
    lines.push(`## Not run (${report.notRun.length})`);
    lines.push('');
    for (const entry of report.notRun) lines.push(`- \`${entry.file}\` (${entry.mode}): ${escapeCell(entry.reason)}`);
  }
  if (report.crashes.length > 0) {
    lines.push('');
    lines.push('## Runner crashes');
    lines.push('');
    for (const crash of report.crashes) lines.push(`- \`${crash.file}\`: ${escapeCell(truncate(crash.message, 400))}`);
  }
  lines.push('');
  return lines.join('\n');
}

function writeReports(outDir, report, info, variants) {
  fs.mkdirSync(outDir, { recursive: true });
  const summary = { info, variants, ...report, failures: undefined, failureCount: report.failures.length };
  fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'failures.json'), JSON.stringify({ info, failures: report.failures, crashes: report.crashes }, null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'summary.md'), markdown(report, info, variants));
}

module.exports = { aggregate, markdown, writeReports, folderOf };
