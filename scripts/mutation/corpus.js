/*
 * corpus: the programs that judge a mutant of the runtime, and their native event logs.
 * Built once per mutation run (scripts/mutation/run.js), before Stryker starts: every fixture whose
 * reviewed output.js imports the runtime, a seeded batch of fuzzer programs transformed by the
 * plugin (runtime "import"), the program of tests/hostile.test.ts in each of its hostile
 * environments, patched before the runtime loads and after it, and the judges of
 * scripts/mutation/judges/ (programs whose environment is set up before the runtime loads, which
 * a fixture cannot do: its runtime import comes first). Each native log comes from a real native run, in a fresh vm context with
 * its own microtask queue and fake clock (lib/testing/vmRunner.js), made here, never typed by hand.
 * Must never: keep a program whose native run fails or logs fewer than 3 events (it could not kill
 * anything), or transform code with a mutated runtime (the plugin is not what is mutated).
 */
'use strict';
const fs = require('fs');
const path = require('path');

const RUNTIME_REQUIRE = 'require("async-state-machine-runtime")';

function fixtureCases(root) {
  const cases = [];
  const fixturesDir = path.join(root, 'fixtures');
  for (const area of fs.readdirSync(fixturesDir).sort()) {
    const areaDir = path.join(fixturesDir, area);
    if (!fs.statSync(areaDir).isDirectory()) continue;
    for (const name of fs.readdirSync(areaDir).sort()) {
      const dir = path.join(areaDir, name);
      const output = path.join(dir, 'output.js');
      if (!fs.existsSync(output)) continue;
      const rewritten = fs.readFileSync(output, 'utf8');
      if (!rewritten.includes(RUNTIME_REQUIRE)) continue;
      cases.push({ name: `fixture ${area}/${name}`, input: fs.readFileSync(path.join(dir, 'input.js'), 'utf8'), rewritten });
    }
  }
  return cases;
}

function fuzzCases(root, firstSeed, count) {
  const { generateProgram } = require(path.join(root, 'lib/testing/generator.js'));
  const { printProgram } = require(path.join(root, 'lib/testing/printer.js'));
  const { transformSource } = require(path.join(root, 'lib/transform.js'));
  const cases = [];
  for (let seed = firstSeed; seed < firstSeed + count; seed++) {
    const input = printProgram(generateProgram(seed).program);
    let rewritten;
    try {
      rewritten = transformSource(input, { runtime: 'import' }).code;
    } catch {
      continue;
    }
    cases.push({ name: `fuzz seed ${seed}`, input, rewritten });
  }
  return cases;
}

function hostileCases(root) {
  const { PROGRAM, HELPERS, PATCHES } = require(path.join(root, 'tests/support/hostileEnvironments.js'));
  const { transformSource } = require(path.join(root, 'lib/transform.js'));
  const rewritten = transformSource(PROGRAM, { runtime: 'import' }).code;
  const cases = [{ name: 'hostile: no patch', input: HELPERS + PROGRAM, rewritten, beforeRuntime: HELPERS }];
  for (const [name, patch] of Object.entries(PATCHES)) {
    const input = `${HELPERS}${patch};\n${PROGRAM}`;
    cases.push({ name: `hostile: ${name}, before load`, input, rewritten, beforeRuntime: `${HELPERS}${patch};\n` });
    cases.push({ name: `hostile: ${name}, after load`, input, rewritten, beforeRuntime: HELPERS, afterRuntime: `${patch};\n` });
  }
  return cases;
}

// A judge: a program, and optionally (above a line `// ---- the runtime loads here ----`) the
// environment it sets up before the runtime loads. The native run is the whole file; the rewrite
// runs the part above the line, then loads the runtime, then runs the rewritten rest.
const RUNTIME_LOADS = /^\/\/ ---- the runtime loads here ----$/m;
function judgeCase(root, file) {
  const { transformSource } = require(path.join(root, 'lib/transform.js'));
  const input = fs.readFileSync(file, 'utf8');
  const marker = RUNTIME_LOADS.exec(input);
  const beforeRuntime = marker ? input.slice(0, marker.index) : '';
  const program = marker ? input.slice(marker.index) : input;
  return { name: `judge ${path.basename(file)}`, input, rewritten: transformSource(program, { runtime: 'import' }).code, beforeRuntime };
}
function judgeCases(root) {
  const dir = path.join(root, 'scripts/mutation/judges');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((file) => file.endsWith('.js')).sort().map((file) => judgeCase(root, path.join(dir, file)));
}

async function buildCorpus(root, { fuzzSeed, fuzzCount }) {
  const { runInFreshContext } = require(path.join(root, 'lib/testing/vmRunner.js'));
  const { formatRun } = require(path.join(root, 'lib/testing/differential.js'));
  // the order is only a matter of time (a mutant's run stops at the first program that differs):
  // the programs that target the runtime's hardening paths first, the broad ones after them
  const fixtures = fixtureCases(root);
  const targeted = fixtures.filter((entry) => entry.name.startsWith('fixture hostile-prototypes/'));
  const candidates = [...judgeCases(root), ...targeted, ...hostileCases(root), ...fixtures.filter((entry) => !targeted.includes(entry)), ...fuzzCases(root, fuzzSeed, fuzzCount)];
  const corpus = [];
  let skipped = 0;
  for (const candidate of candidates) {
    const native = await runInFreshContext(candidate.input);
    if (native.failure || native.events.length < 3) {
      skipped++;
      continue;
    }
    corpus.push({ name: candidate.name, native: formatRun(native), rewritten: candidate.rewritten, beforeRuntime: candidate.beforeRuntime || '', afterRuntime: candidate.afterRuntime || '' });
  }
  return { corpus, skipped };
}

module.exports = { buildCorpus, judgeCase, RUNTIME_REQUIRE };
