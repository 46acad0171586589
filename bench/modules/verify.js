/*
 * verify: before anything is timed, every contender's output must run and return the same
 * results as the native source (each contender in its own fresh child), and its ES5 claims are
 * checked with acorn. For our plugin, also an exact microtask-tick comparison through the
 * project's trace harness (src/trace/harnessChild.js).
 * Must never: soften a mismatch into a warning: the caller exits 1 when `ok` is false.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { WORK_DIR, RUNTIME_PATH, ROOT, ensureDir, runJsonChild, mapLimit, markdownTable } = require('./util');
const { toRunnable, es5Problem, leftoverAsyncSyntax, lowerRestToEs5 } = require('./codeChecks');
const { runtimeFilesNeeded } = require('./transformers');

const HARNESS_PATH = path.join(ROOT, 'src', 'trace', 'harnessChild.js');

function safeName(name) {
  return name.replace(/[^A-Za-z0-9.]+/g, '_');
}

/** Writes runnable (CommonJS) copies of one variant's outputs and returns the child's jobs. */
function writeJobs(variantId, corpus, codeFor) {
  const dir = ensureDir(path.join(WORK_DIR, 'verify', variantId));
  const jobs = [];
  for (const file of corpus.allInputs) {
    const code = codeFor(file);
    if (code == null) continue;
    const target = path.join(dir, safeName(file.name));
    fs.writeFileSync(target, toRunnable(code, file.name));
    jobs.push(file.realWorld ? { name: file.name, file: target, kind: 'realWorld', originalPath: file.absolutePath } : { name: file.name, file: target, kind: 'module' });
  }
  return jobs;
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 60);
  return `at char ${i}:\n    native:    ${from ? '…' : ''}${a.slice(from, i + 100)}\n    rewritten: ${from ? '…' : ''}${b.slice(from, i + 100)}`;
}

/** Our output of each generated module vs native, event by event with tick numbers (two concurrent runs each). */
function tickExactCheck(corpus, oursOutputs) {
  if (!fs.existsSync(HARNESS_PATH)) return { ok: false, problems: ['harness missing: ' + HARNESS_PATH] };
  const driver = `
;(function () {
  var run = module.exports.run;
  Promise.all([run(), run()]).then(function (values) {
    log('both done', JSON.stringify(values).length);
  });
  run().then(function (value) { log('third done', JSON.stringify(value)); }, function (error) { log('third failed', error && error.message); });
})();
`;
  const problems = [];
  for (const file of corpus.generatedFiles) {
    const runOnce = (code) => {
      const child = spawnSync(process.execPath, [HARNESS_PATH, file.name], { input: code + driver, encoding: 'utf8', timeout: 60000, maxBuffer: 64 << 20 });
      try {
        return JSON.parse(child.stdout).events;
      } catch {
        return { failure: `harness failed (status ${child.status}): ${String(child.stderr).slice(0, 1500)}` };
      }
    };
    const native = runOnce(file.code);
    const ours = runOnce(toRunnable(oursOutputs.files.get(file.name), file.name));
    if (native.failure || ours.failure) {
      problems.push(`${file.name}: ${native.failure || ours.failure}`);
      continue;
    }
    const length = Math.max(native.length, ours.length);
    for (let i = 0; i < length; i++) {
      const a = native[i] ? `${native[i].tick} ${native[i].kind} ${native[i].text}` : '(none)';
      const b = ours[i] ? `${ours[i].tick} ${ours[i].kind} ${ours[i].text}` : '(none)';
      if (a !== b) {
        problems.push(`${file.name}: event ${i} differs ${firstDifference(a, b)}`);
        break;
      }
    }
  }
  return { ok: problems.length === 0, problems, modules: corpus.generatedFiles.length };
}

/** ES5 facts about one contender's outputs (and the runtime files they need). */
function es5Facts(transformer, entry, corpus) {
  const facts = { leftover: 0, es5AsEmitted: 0, es5AfterEnv: 0, total: 0, runtimeEs5: [], firstProblem: null };
  const runtimes = new Map();
  for (const file of [...corpus.perFile, corpus.oneFile]) {
    const code = file === corpus.oneFile ? entry.oneFile : entry.files.get(file.name);
    if (code == null) continue;
    facts.total++;
    const counts = leftoverAsyncSyntax(code);
    if (counts.async + counts.await + counts.generator > 0) {
      facts.leftover++;
      facts.firstProblem = facts.firstProblem || `${file.name}: ${JSON.stringify(counts)} left`;
    }
    const runnable = toRunnable(code, file.name);
    if (!es5Problem(runnable)) facts.es5AsEmitted++;
    else if (transformer.claimsEs5 && !facts.firstProblem) facts.firstProblem = `${file.name}: ${es5Problem(runnable)}`;
    if (!transformer.claimsEs5) {
      const lowered = lowerRestToEs5(code, file.name);
      const problem = es5Problem(lowered);
      if (!problem) facts.es5AfterEnv++;
      else facts.firstProblem = facts.firstProblem || `${file.name} after preset-env: ${problem}`;
    }
    for (const runtime of runtimeFilesNeeded(code)) runtimes.set(runtime.id, runtime.file);
  }
  for (const [id, file] of runtimes) {
    const problem = es5Problem(fs.readFileSync(file, 'utf8'));
    facts.runtimeEs5.push(`${id}: ${problem ? 'NOT ES5 (' + problem + ')' : 'ES5'}`);
  }
  return facts;
}

/**
 * Runs native and every contender; returns { ok, table, problems, es5Table }.
 * `outputs` comes from corpus.transformAll.
 */
async function verifyAll(transformers, corpus, outputs, { log = console.log } = {}) {
  const problems = [];
  const knownFailures = [];
  const inputsByName = new Map(corpus.allInputs.map((file) => [file.name, file]));
  /** A failure a probe lists for this contender is reported, not fatal. */
  const isKnown = (variantId, name) => {
    const file = inputsByName.get(name);
    return Boolean(file && file.knownFailures && file.knownFailures.includes(variantId));
  };
  const report = (variantId, name, message) => {
    if (isKnown(variantId, name)) knownFailures.push({ variantId, name, message, why: inputsByName.get(name).why });
    else problems.push(message);
  };
  const variants = [{ id: 'native', label: 'native (input)', codeFor: (file) => file.code }];
  for (const transformer of transformers) {
    const entry = outputs[transformer.id];
    for (const error of entry.errors) report(transformer.id, error.name, `${transformer.id} could not transform ${error.name}: ${error.message}`);
    variants.push({ id: transformer.id, label: transformer.label, codeFor: (file) => (file === corpus.oneFile ? entry.oneFile : entry.files.get(file.name)) });
    if (entry.inline) {
      for (const error of entry.inline.errors) problems.push(`${transformer.id} (runtime: inline) could not transform ${error.name}: ${error.message}`);
      variants.push({ id: transformer.id + '-inline', label: transformer.label + ', runtime inline', codeFor: (file) => (file === corpus.oneFile ? entry.inline.oneFile : entry.inline.files.get(file.name)) });
    }
  }
  const expectedJobs = corpus.allInputs.length;
  log(`verifying ${variants.length} variants × ${expectedJobs} inputs (corpus, one-file corpus, probes) in fresh child processes…`);
  const runs = await mapLimit(variants, 2, async (variant) => {
    const jobs = writeJobs(variant.id, corpus, variant.codeFor);
    try {
      return await runJsonChild(path.join(__dirname, 'verifyChild.js'), { jobs }, { timeoutMs: 180000 });
    } catch (error) {
      return { crashed: String(error.message) };
    }
  });
  const native = runs[0];
  if (native.crashed) throw new Error('the NATIVE run itself failed; the bench corpus is broken:\n' + native.crashed);
  const nativeByName = new Map(native.results.map((result) => [result.name, result]));
  for (const result of native.results) if (!result.ok) problems.push(`native run of ${result.name} threw (corpus bug): ${result.stack}`);

  const rows = [];
  variants.forEach((variant, index) => {
    const run = runs[index];
    if (run.crashed) {
      problems.push(`${variant.id}: child crashed: ${run.crashed.slice(0, 2000)}`);
      rows.push([variant.label, '—', '—', 'child crashed']);
      return;
    }
    let matching = 0;
    const mismatches = [];
    const known = [];
    const ran = new Set();
    for (const result of run.results) {
      ran.add(result.name);
      const expected = nativeByName.get(result.name);
      if (expected && expected.result === result.result && expected.ok === result.ok) {
        matching++;
        continue;
      }
      const message = `${variant.id}: ${result.name} differs from native ${firstDifference(expected ? expected.result : '', result.result)}${result.ok ? '' : '\n    ' + String(result.stack).split('\n').slice(0, 4).join('\n    ')}`;
      (isKnown(variant.id, result.name) ? known : mismatches).push(result.name);
      report(variant.id, result.name, message);
    }
    for (const file of corpus.allInputs) {
      if (ran.has(file.name)) continue;
      if (isKnown(variant.id, file.name)) known.push(file.name);
      else if (run.hung) problems.push(`${variant.id}: did not run ${file.name} (an earlier job never settled: ${run.hung})`);
      else mismatches.push(file.name);
    }
    if (run.unhandled.join('\n') !== native.unhandled.join('\n')) {
      problems.push(`${variant.id}: unhandled rejections differ: native [${native.unhandled}] vs [${run.unhandled}]`);
    }
    const timedInputs = corpus.perFile.length + 1;
    const timedMatching = run.results.filter((result) => !inputsByName.get(result.name).probe && nativeByName.get(result.name).result === result.result).length;
    rows.push([
      variant.label,
      `${timedMatching}/${timedInputs}`,
      `${corpus.probes.length - known.length - mismatches.filter((name) => inputsByName.get(name).probe).length}/${corpus.probes.length}`,
      mismatches.length ? 'MISMATCH: ' + mismatches.join(', ') : known.length ? 'same as native; known failures: ' + known.map((name) => name.replace(/^.*\//, '')).join(', ') : 'same results as native',
    ]);
  });

  // ES5 and leftover-syntax facts, per contender.
  const es5Rows = [];
  for (const transformer of transformers) {
    if (!transformer.lowersAsync) continue;
    const facts = es5Facts(transformer, outputs[transformer.id], corpus);
    es5Rows.push([
      transformer.label,
      transformer.claimsEs5 ? 'yes' : 'no (lowers async only)',
      `${facts.total - facts.leftover}/${facts.total}`,
      `${facts.es5AsEmitted}/${facts.total}`,
      transformer.claimsEs5 ? '(n/a)' : `${facts.es5AfterEnv}/${facts.total}`,
      facts.runtimeEs5.join('; ') || 'inline helpers only',
    ]);
    if (facts.leftover > 0) problems.push(`${transformer.id}: async syntax left in output: ${facts.firstProblem}`);
    if (transformer.claimsEs5 && facts.es5AsEmitted !== facts.total) problems.push(`${transformer.id} claims ES5 but: ${facts.firstProblem}`);
    if (!transformer.claimsEs5 && facts.es5AfterEnv !== facts.total) problems.push(`${transformer.id} + preset-env (rest) is not ES5: ${facts.firstProblem}`);
    if (facts.runtimeEs5.some((line) => line.includes('NOT ES5'))) problems.push(`${transformer.id}: runtime is not ES5: ${facts.runtimeEs5.join('; ')}`);
  }

  let tickCheck = null;
  if (outputs.ours) {
    log('tick-exact check of our output against native through src/trace/harnessChild.js…');
    tickCheck = tickExactCheck(corpus, outputs.ours);
    for (const problem of tickCheck.problems) problems.push('ours (tick-exact): ' + problem);
  }

  return {
    ok: problems.length === 0,
    problems,
    tickCheck,
    knownFailures,
    table: markdownTable(['variant', 'corpus files matching native', 'probes passed', 'verdict'], rows),
    es5Table: markdownTable(
      ['contender', 'claims ES5', 'files with no async/await/generator left', 'files that parse as ES5 as emitted (acorn ecmaVersion 5)', 'files ES5 after preset-env (IE 11, async transforms off)', 'runtime file'],
      es5Rows,
    ),
    runtimePath: RUNTIME_PATH,
  };
}

module.exports = { verifyAll, safeName };
