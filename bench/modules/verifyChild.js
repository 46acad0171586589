#!/usr/bin/env node
/*
 * verifyChild: in a fresh process, loads one contender's outputs (or the native sources) and runs
 * them: each generated module's run(), each real-world file's scenario; prints one JSON line with
 * the canonical result (or error) of every job plus unhandled rejections.
 * Must never: transform code, or let one job's failure hide the results of the others.
 *
 * stdin: { jobs: [{ name, file, kind: 'module' | 'realWorld', originalPath? }] }
 */
'use strict';
const fs = require('fs');
const Module = require('module');
const path = require('path');
const { installRuntimeMapping } = require('./runtimeMapping');
const { canonical } = require('./util');
const { scenarioFor } = require('./realWorld');

installRuntimeMapping();

const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(String((reason && reason.message) || reason)));

/** Compiles `code` as a CommonJS module that believes it lives at `filename`. */
function compileAt(code, filename) {
  const module_ = new Module(filename, null);
  module_.filename = filename;
  module_.paths = Module._nodeModulePaths(path.dirname(filename));
  module_._compile(code, filename);
  return module_.exports;
}

async function runJob(job) {
  const code = fs.readFileSync(job.file, 'utf8');
  if (job.kind === 'module') {
    const exported = compileAt(code, job.file);
    return exported.run();
  }
  const exported = compileAt(code, job.originalPath);
  return scenarioFor(job.name)(exported);
}

const results = [];
let currentJob = null;

// A promise that never settles lets the event loop run dry: report it as that job's failure.
process.on('beforeExit', () => {
  if (!currentJob) return;
  results.push({ name: currentJob.name, ok: false, result: '"<never settled>"', stack: 'the returned promise never settled (event loop ran dry)' });
  process.stdout.write('\n' + JSON.stringify({ results, unhandled, hung: currentJob.name }) + '\n');
  process.exit(0);
});

async function main() {
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  for (const job of input.jobs) {
    currentJob = job;
    try {
      const value = await runJob(job);
      results.push({ name: job.name, ok: true, result: canonical(value) });
    } catch (error) {
      results.push({ name: job.name, ok: false, result: canonical(error), stack: String((error && error.stack) || error).slice(0, 1500) });
    }
  }
  currentJob = null;
  // Give late rejections a chance to be reported before answering.
  await new Promise((resolve) => setTimeout(resolve, 20));
  process.stdout.write('\n' + JSON.stringify({ results, unhandled }) + '\n');
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(String((error && error.stack) || error));
  process.exit(3);
});
