#!/usr/bin/env node
/*
 * harnessChild: runs ONE program in this fresh Node process and prints its event log as JSON.
 * Native and rewritten code go through exactly this file, so both start from an equal context.
 * Must never: transform code, share state between runs, or print anything but the JSON result.
 *
 * Usage: node harnessChild.js < program.js   (argv[2], optional: a file name for stack traces)
 * The program sees `log(...args)` and the usual globals; `require("async-state-machine-runtime")`
 * resolves to this checkout's runtime. The microtask "tick" of each event, the log and the fake
 * clock come from harnessCore.js (shared with the browser playground); this file adds what only
 * Node has: the fresh process, stdin/stdout, vm, require and the process-level error events.
 */
'use strict';
var vm = require('vm');
var path = require('path');
var fs = require('fs');
var util = require('util');

var RUNTIME_ID = 'async-state-machine-runtime';
var runtimePath = path.join(__dirname, '..', 'runtime', 'asyncMachine.js');
if (!fs.existsSync(runtimePath)) runtimePath = path.join(__dirname, '..', '..', 'lib', 'runtime', 'asyncMachine.js');

// The tick counter, the log, the console and the fake clock are shared with the browser
// playground's worker: harnessCore.js. Timers fire in real macrotasks (setImmediate) here.
var harness = require('./harnessCore').createHarness({
  macrotask: setImmediate,
  queueMicrotask: queueMicrotask,
  isPromise: function (value) { return util.types.isPromise(value); },
});
var record = harness.record;
var formatValue = harness.formatValue;

process.on('unhandledRejection', function (reason) {
  record('unhandledRejection', formatValue(reason));
});
process.on('uncaughtException', function (error) {
  record('uncaughtException', formatValue(error));
});

// The program's own require: relative to the program's file (sibling modules, packages next to it).
var programFilename = path.resolve(process.argv[2] || 'program.js');
var requireFromProgram = require('module').createRequire(programFilename);
function programRequire(id) {
  if (id === RUNTIME_ID) return require(runtimePath);
  return requireFromProgram(id);
}
programRequire.resolve = function (id) { return id === RUNTIME_ID ? runtimePath : requireFromProgram.resolve(id); };

var source = fs.readFileSync(0, 'utf8');
var filename = process.argv[2] || 'program.js';
var module_ = { exports: {} };
var wrapper = '(function (__filename, __dirname, ' + harness.wrapperParameters + ') {' + source + '\n})';
// startError: the program could not start (it does not compile, or its first statement threw
// before it logged anything, or a module it requires is missing): a trace must not call two such
// runs a match.
var startError = null;
// (the trace's probe reports through log() with this mark: those lines are not the program's)
var PROBE_MARK = '\u0001async-desugar-probe ';
function isProgramLog(event) {
  return event.kind === 'log' && event.text.indexOf(PROBE_MARK) !== 0;
}

process.on('exit', function () {
  process.stdout.write(JSON.stringify(startError === null ? { events: harness.events } : { events: harness.events, startError: startError }));
});

var fn = null;
try {
  fn = vm.runInThisContext(wrapper, { filename: filename });
} catch (error) {
  startError = formatValue(error);
}
if (fn) {
  harness.startPump();
  try {
    fn.apply(module_.exports, [programFilename, path.dirname(programFilename)].concat(harness.wrapperArguments(programRequire, module_)));
  } catch (error) {
    if (!harness.events.some(isProgramLog) || (error && (error.code === 'MODULE_NOT_FOUND' || error.code === 'ERR_REQUIRE_ESM'))) startError = formatValue(error);
    record('uncaughtException', formatValue(error));
  }
}
