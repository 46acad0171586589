/*
 * report: turns Stryker's JSON report (reports/mutation/mutation.json, mutation-testing-report-schema)
 * into scripts/mutation/RESULTS.md: the score per runtime piece and every surviving mutant with its
 * place and replacement, so each survivor can be reviewed (killed by a new test, or shown equivalent).
 * Must never: count a mutant that did not run (NoCoverage, CompileError, RuntimeError, Ignored) as
 * killed; the score is killed + timed out over killed + timed out + survived + no coverage.
 */
'use strict';
const fs = require('fs');
const path = require('path');

function summarise(report) {
  const rows = [];
  const survivors = [];
  const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0 };
  for (const [file, { mutants }] of Object.entries(report.files).sort()) {
    const row = { file, killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0 };
    for (const mutant of mutants) {
      if (mutant.status === 'Killed') row.killed++;
      else if (mutant.status === 'Timeout') row.timeout++;
      else if (mutant.status === 'Survived') {
        row.survived++;
        survivors.push({ file, line: mutant.location.start.line, column: mutant.location.start.column, mutator: mutant.mutatorName, replacement: mutant.replacement });
      } else if (mutant.status === 'NoCoverage') row.noCoverage++;
      else row.errors++;
    }
    for (const key of Object.keys(total)) total[key] += row[key];
    rows.push(row);
  }
  return { rows, total, survivors };
}

const score = (row) => {
  const detected = row.killed + row.timeout;
  const valid = detected + row.survived + row.noCoverage;
  return valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(1)}%`;
};

function writeResults(root, run) {
  const report = JSON.parse(fs.readFileSync(path.join(root, 'reports/mutation/mutation.json'), 'utf8'));
  const { rows, total, survivors } = summarise(report);
  const line = (row, name) => `| ${name} | ${row.killed} | ${row.timeout} | ${row.survived} | ${row.noCoverage} | ${row.errors} | ${score(row)} |`;
  const text = [
    '# Mutation testing of the runtime',
    '',
    `Written by \`npm run mutation\` (scripts/mutation/run.js) on ${new Date().toISOString()}, ${(run.seconds / 60).toFixed(1)} min.`,
    `Mutants: StrykerJS over src/runtime/*.js. Judge: ${run.corpusSize} programs (every fixture whose output imports the runtime, the program of tests/hostile.test.ts in each of its environments before and after load, and ${run.fuzzCount} fuzz programs from seed ${run.fuzzSeed}), each run rewritten against the mutated runtime and compared, event by event and tick by tick, with its native run.`,
    '',
    '| piece | killed | timed out | survived | no coverage | errors | score |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((row) => line(row, row.file)),
    line(total, '**all**'),
    '',
    'Score = (killed + timed out) / (killed + timed out + survived + no coverage). Errors (mutants that do not compile) are left out, as Stryker does.',
    '',
    `## Surviving mutants (${survivors.length})`,
    '',
    ...survivors.map((s) => `- ${s.file}:${s.line}:${s.column} ${s.mutator}: \`${String(s.replacement).replace(/\s+/g, ' ').slice(0, 120)}\``),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(root, 'scripts/mutation/RESULTS.md'), text);
  console.log(`mutation score: ${score(total)} (${total.killed} killed, ${total.timeout} timed out, ${total.survived} survived, ${total.noCoverage} no coverage)`);
}

module.exports = { writeResults, summarise };
