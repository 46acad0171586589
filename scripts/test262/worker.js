/*
 * worker: a child process of the pool. For each test file it is sent, it runs the test natively
 * and, where native passes, transformed by each requested Babel major and runtime mode, in every
 * strictness the test's flags ask for, each run in a fresh realm; it answers one result per file.
 * Must never: keep state from one test to the next beyond compiled harness and runtime scripts,
 * or run a transformed variant of a test that fails natively (those are "not applicable").
 */
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { parseFrontmatter } = require('./frontmatter');
const { runTest, compiles } = require('./realm');
const { transform, loadPlugin } = require('./transformers');

let config = null;
let plugin = null;
let runtimeScript = null;

/** the strictness modes a test runs in, from its flags */
function modesOf(flags) {
  if (flags.includes('module')) return ['module'];
  if (flags.includes('raw') || flags.includes('noStrict')) return ['sloppy'];
  if (flags.includes('onlyStrict')) return ['strict'];
  return ['sloppy', 'strict'];
}

/** harness files in the order test262 prepends them */
function includesOf(flags, includes) {
  if (flags.includes('raw')) return [];
  const list = ['assert.js', 'sta.js'];
  if (flags.includes('async')) list.push('doneprintHandle.js');
  for (const name of includes) if (!list.includes(name)) list.push(name);
  return list;
}

function runVariant(test, source, variant, mode) {
  const babelName = `${variant.babel}/${variant.runtime}`;
  const transformed = transform(variant.babel, plugin, source, {
    filename: test.relative,
    runtime: variant.runtime,
    sourceType: mode === 'module' ? 'module' : 'script',
    targets: config.targets,
    functionShape: config.functionShape,
  });
  const negativeParse = test.meta.negative && test.meta.negative.phase !== 'runtime';
  if (transformed.error) {
    const error = transformed.error;
    if (negativeParse) {
      const pass = error.verdict !== 'crash';
      return { variant: babelName, status: pass ? 'pass' : 'fail', early: error.verdict, message: pass ? undefined : `plugin crashed: ${error.name}: ${firstLines(error.message, 6)}` };
    }
    return { variant: babelName, status: 'fail', phase: 'transform', message: `transform failed (${error.verdict}): ${error.name}: ${firstLines(error.message, 8)}` };
  }
  if (negativeParse) {
    // Babel accepted it: the early error must at least survive in the output
    const result = compiles(transformed.code, test.relative);
    if (!result.ok && result.type === test.meta.negative.type) return { variant: babelName, status: 'pass', early: 'output-invalid' };
    return { variant: babelName, status: 'fail', early: 'accepted', message: result.ok ? `Babel accepted a program with an early ${test.meta.negative.type} and the output compiles` : `output fails with ${result.message}, expected ${test.meta.negative.type}` };
  }
  const outcome = runTest(
    {
      harnessDir: test.harnessDir,
      includes: test.includes,
      strict: mode !== 'sloppy',
      source: transformed.code,
      filename: test.relative,
      isAsync: test.meta.flags.includes('async'),
      negative: test.meta.negative,
      timeoutMs: config.timeoutMs,
    },
    variant.runtime === 'import' ? { runtimeScript: runtimeScript, runtimeModule: config.runtimeModule } : {},
  );
  return { variant: babelName, ...outcome };
}

function firstLines(text, count) {
  const lines = String(text).split('\n');
  return lines.length > count ? `${lines.slice(0, count).join('\n')}\n...` : text;
}

function runFile(relative) {
  const file = path.join(config.root, 'test', ...relative.split('/'));
  const original = fs.readFileSync(file, 'utf8');
  const meta = parseFrontmatter(original, relative);
  const test = { relative, meta, harnessDir: path.join(config.root, 'harness'), includes: includesOf(meta.flags, meta.includes) };
  const runs = [];
  for (const mode of modesOf(meta.flags)) {
    const source = mode === 'strict' ? `"use strict";\n${original}` : original;
    if (mode === 'module') {
      runs.push({ mode, native: { status: 'not-run', message: 'module test: this runner runs scripts only (vm modules need --experimental-vm-modules)' }, variants: [] });
      continue;
    }
    const native = runTest(
      {
        harnessDir: test.harnessDir,
        includes: test.includes,
        strict: mode === 'strict',
        source,
        filename: relative,
        isAsync: meta.flags.includes('async'),
        negative: meta.negative,
        timeoutMs: config.timeoutMs,
      },
      {},
    );
    const variants = native.status === 'pass' ? config.variants.map((variant) => runVariant(test, source, variant, mode)) : [];
    runs.push({ mode, native, variants });
  }
  return {
    relative,
    meta: { flags: meta.flags, features: meta.features, includes: meta.includes, negative: meta.negative, description: meta.description },
    runs,
  };
}

process.on('message', (message) => {
  if (message.type === 'init') {
    config = message.config;
    plugin = loadPlugin(config.pluginPath);
    const runtimeSource = fs.readFileSync(config.runtimeSourcePath, 'utf8');
    runtimeScript = new vm.Script(`(function (module, exports) {\n${runtimeSource}\n})`, { filename: 'asyncMachine.js' });
    process.send({ type: 'ready' });
    return;
  }
  if (message.type === 'run') {
    let reply;
    try {
      reply = { type: 'result', id: message.id, result: runFile(message.relative) };
    } catch (error) {
      reply = { type: 'result', id: message.id, result: { relative: message.relative, crash: String(error && error.stack ? error.stack : error) } };
    }
    process.send(reply);
  }
});
process.on('disconnect', () => process.exit(0));
// A test may leave a promise rejected without a handler; test262 does not judge that, and Node's
// default (throw) would end this worker.
process.on('unhandledRejection', () => undefined);
