#!/usr/bin/env node
/*
 * killer: Stryker's test command. Assembles the runtime from the pieces in ./src/runtime (in the
 * sandbox Stryker prepared, where one mutant is switched on by __STRYKER_ACTIVE_MUTANT__), runs every
 * program of the corpus rewritten against it in a fresh vm context, and compares each event log with
 * the program's native log. Exit 0: every log matched (the mutant survived); exit 1 at the first
 * difference (the mutant is killed; the program that killed it is printed).
 * The initial run (no mutant active) checks the corpus against the instrumented runtime: a program
 * whose log already differs there (a hostile fixture that logs every Function.prototype.apply, which
 * Stryker's own switch calls) cannot judge mutants; it is listed in excluded.json next to the corpus
 * and skipped by every mutant run. That run fails if such a program is not a hostile fixture.
 * Must never: read the runtime from lib/ (that is the unmutated build), or compare with anything but
 * the native logs of the corpus.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { RUNTIME_REQUIRE } = require('./corpus');

const sandbox = process.cwd();
const corpusFile = process.env.MUTATION_CORPUS;
if (!corpusFile || !fs.existsSync(corpusFile)) {
  console.error('killer: MUTATION_CORPUS must name the corpus file written by scripts/mutation/run.js');
  process.exit(2);
}
const { runInFreshContext } = require(path.join(sandbox, 'lib/testing/vmRunner.js'));
const { formatRun } = require(path.join(sandbox, 'lib/testing/differential.js'));

function assembleRuntime() {
  const runtimeDir = path.join(sandbox, 'src/runtime');
  const manifest = JSON.parse(fs.readFileSync(path.join(runtimeDir, 'modules.json'), 'utf8'));
  const pieces = manifest.modules.map((module) => fs.readFileSync(path.join(runtimeDir, module.file), 'utf8'));
  // the same factory shape as scripts/buildRuntime.js: the global object and a private undefined
  return `(function (global, undefined) {\n'use strict';\n${pieces.join('\n')}\nreturn asyncMachine;\n})(this)`;
}

async function main() {
  const { corpus } = JSON.parse(fs.readFileSync(corpusFile, 'utf8'));
  const active = process.env.__STRYKER_ACTIVE_MUTANT__;
  // the vm context has no `process`: hand the active mutant to Stryker's switch through its namespace
  const switchOn = `var __stryker__ = { activeMutant: ${active === undefined ? 'undefined' : JSON.stringify(active)} };\n`;
  const runtime = `var __mutationAsyncMachine = ${assembleRuntime()};\n`;
  const excludedFile = path.join(path.dirname(corpusFile), 'excluded.json');
  const dryRun = active === undefined;
  const excluded = dryRun ? [] : JSON.parse(fs.readFileSync(excludedFile, 'utf8'));
  for (const entry of corpus) {
    if (excluded.includes(entry.name)) continue;
    const program = entry.rewritten.split(RUNTIME_REQUIRE).join('__mutationAsyncMachine');
    // a "use strict" directive must stay the program's first statement
    const directive = /^(?:(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(["'])use strict\1;?)?/.exec(program)[0];
    const code = directive + '\n' + switchOn + entry.beforeRuntime + runtime + entry.afterRuntime + program.slice(directive.length);
    const run = await runInFreshContext(code, { macrotaskTimeoutMs: 1000 });
    const log = formatRun(run);
    if (log !== entry.native) {
      if (dryRun && (entry.name.startsWith('fixture hostile') || entry.name.startsWith('hostile: '))) {
        excluded.push(entry.name);
        continue;
      }
      console.log(`killed by ${entry.name}`);
      process.exit(1);
    }
  }
  if (dryRun) {
    fs.writeFileSync(excludedFile, JSON.stringify(excluded, null, 2));
    if (excluded.length) console.log(`excluded (they differ from native with the unmutated, instrumented runtime: patched before load, or they log Stryker's own calls): ${excluded.join(', ')}`);
  }
  console.log(`survived all ${corpus.length} programs`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
