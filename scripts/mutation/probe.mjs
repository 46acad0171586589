#!/usr/bin/env node
/*
 * probe: a quick, in-process stand-in for a Stryker run, to find which programs kill which
 * mutants while judges are being written. It instruments src/runtime with Stryker's own
 * instrumenter (the same mutants, ids and switch as `npm run mutation`), then runs each chosen
 * mutant against a list of programs (the corpus of scripts/mutation/corpus.js, or only the
 * programs of given fixture directories) and stops at the first log that differs from native.
 *   node scripts/mutation/probe.mjs --mutate core.js [--only survivors.json] [--fixtures dir,dir]
 *        [--corpus .mutation/corpus.json] [--out probe.json]
 * Must never: be taken for the score (that is `npm run mutation`, with Stryker), or edit src/.
 */
import fs from 'fs';
import path from 'path';
import { createRequire } from 'module';
import { Instrumenter } from '@stryker-mutator/instrumenter';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const { runInFreshContext } = require(path.join(root, 'lib/testing/vmRunner.js'));
const { formatRun } = require(path.join(root, 'lib/testing/differential.js'));
const RUNTIME_REQUIRE = 'require("async-state-machine-runtime")';

const quiet = () => {};
const logger = { debug: quiet, info: quiet, warn: console.warn, error: console.error, trace: quiet, fatal: console.error, isDebugEnabled: () => false, isTraceEnabled: () => false, isInfoEnabled: () => false, isWarnEnabled: () => true, isErrorEnabled: () => true, isFatalEnabled: () => true };

async function instrumentRuntime(mutateFiles) {
  const runtimeDir = path.join(root, 'src/runtime');
  const manifest = JSON.parse(fs.readFileSync(path.join(runtimeDir, 'modules.json'), 'utf8'));
  const files = manifest.modules.map((module) => ({
    name: path.join(runtimeDir, module.file),
    mutate: mutateFiles.includes(module.file),
    content: fs.readFileSync(path.join(runtimeDir, module.file), 'utf8'),
  }));
  const result = await new Instrumenter(logger).instrument(files, { plugins: null, excludedMutations: [], ignorers: [] });
  const source = `(function (global, undefined) {\n'use strict';\n${result.files.map((f) => f.content).join('\n')}\nreturn asyncMachine;\n})(this)`;
  return { source, mutants: result.mutants };
}

async function fixturePrograms(dirs) {
  const programs = [];
  for (const dir of dirs) {
    const input = fs.readFileSync(path.join(dir, 'input.js'), 'utf8');
    const rewritten = fs.readFileSync(path.join(dir, 'output.js'), 'utf8');
    const native = formatRun(await runInFreshContext(input));
    programs.push({ name: `fixture ${path.relative(path.join(root, 'fixtures'), dir)}`, native, rewritten, beforeRuntime: '', afterRuntime: '' });
  }
  return programs;
}

// loose programs (a directory of .js files) rewritten here with runtime "import", for trying judges out
// (judges of scripts/mutation/corpus.js: `// ---- the runtime loads here ----` splits off the environment)
async function inputPrograms(dir) {
  const { judgeCase } = require('./corpus.js');
  const programs = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
    const judge = judgeCase(root, path.join(dir, file));
    const native = formatRun(await runInFreshContext(judge.input));
    programs.push({ name: file, native, rewritten: judge.rewritten, beforeRuntime: judge.beforeRuntime, afterRuntime: '' });
  }
  return programs;
}

async function run(entry, runtime, active) {
  const switchOn = `var __stryker__ = { activeMutant: ${active === undefined ? 'undefined' : JSON.stringify(active)} };\n`;
  const program = entry.rewritten.split(RUNTIME_REQUIRE).join('__mutationAsyncMachine');
  const directive = /^(?:(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(["'])use strict\1;?)?/.exec(program)[0];
  const code = directive + '\n' + switchOn + entry.beforeRuntime + `var __mutationAsyncMachine = ${runtime};\n` + entry.afterRuntime + program.slice(directive.length);
  return formatRun(await runInFreshContext(code, { macrotaskTimeoutMs: 1000 }));
}

async function main() {
  const mutateFiles = option('mutate', 'core.js').split(',');
  const { source, mutants } = await instrumentRuntime(mutateFiles);
  let programs;
  if (option('inputs', null)) programs = await inputPrograms(option('inputs'));
  else if (option('fixtures', null)) programs = await fixturePrograms(option('fixtures').split(',').map((d) => path.resolve(d)));
  else programs = JSON.parse(fs.readFileSync(option('corpus', path.join(root, '.mutation/corpus.json')), 'utf8')).corpus;
  // programs that differ already without a mutant cannot judge
  // (--usable FILE keeps that list between the processes of one measurement)
  let usable = [];
  const usableFile = option('usable', null);
  if (usableFile && fs.existsSync(usableFile)) {
    const names = new Set(JSON.parse(fs.readFileSync(usableFile, 'utf8')));
    usable = programs.filter((entry) => names.has(entry.name));
  } else {
    for (const entry of programs) {
      if ((await run(entry, source, undefined)) === entry.native) usable.push(entry);
      else console.error(`unusable (differs unmutated): ${entry.name}`);
    }
    if (usableFile) fs.writeFileSync(usableFile, JSON.stringify(usable.map((entry) => entry.name)));
  }
  let chosen = mutants;
  const only = option('only', null);
  if (only) {
    const keys = new Set(JSON.parse(fs.readFileSync(only, 'utf8')).filter((m) => m.status === 'Survived').map((m) => m.key));
    chosen = mutants.filter((m) => keys.has(keyOf(m)));
  }
  // a slice of the mutants (vm contexts pile up in one process: long measurements run slices)
  chosen = chosen.slice(Number(option('from', '0')), Number(option('to', String(chosen.length))));
  const results = [];
  const started = Date.now();
  for (const [index, mutant] of chosen.entries()) {
    const mutantStarted = Date.now();
    let killer = null;
    for (const entry of usable) {
      let log;
      try {
        log = await run(entry, source, mutant.id);
      } catch (error) {
        log = 'crash ' + error;
      }
      if (log !== entry.native) {
        killer = entry.name;
        break;
      }
    }
    const row = { key: keyOf(mutant), id: mutant.id, status: killer ? 'Killed' : 'Survived', killer, file: path.basename(mutant.fileName), line: mutant.location.start.line + 1, column: mutant.location.start.column + 1, base: 1, mutator: mutant.mutatorName, replacement: mutant.replacement };
    results.push(row);
    if (args.includes('--progress')) console.error(`[${index + 1}/${chosen.length}] ${row.status} ${row.file}:${row.line}:${row.column} ${((Date.now() - mutantStarted) / 1000).toFixed(1)} s`);
    if (args.includes('--verbose') || !killer) console.log(`${row.status} ${row.file}:${row.line}:${row.column} ${row.mutator} \`${String(row.replacement).replace(/\s+/g, ' ').slice(0, 80)}\`${killer ? ' by ' + killer : ''}`);
  }
  const killed = results.filter((r) => r.status === 'Killed').length;
  console.log(`${killed}/${results.length} killed by ${usable.length} programs, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  fs.writeFileSync(option('out', path.join(root, '.mutation/probe.json')), JSON.stringify(results, null, 1));
}

// a mutant named by place (as Stryker's report prints it: lines and columns from 1) and replacement
function keyOf(mutant) {
  return `${path.basename(mutant.fileName)}:${mutant.location.start.line + 1}:${mutant.location.start.column + 1}:${mutant.mutatorName}:${mutant.replacement}`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
