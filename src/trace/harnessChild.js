#!/usr/bin/env node
/*
 * harnessChild: runs ONE program in this fresh Node process and prints its event log as JSON.
 * Native and rewritten code go through exactly this file, so both start from an equal context.
 * Must never: transform code, share state between runs, or print anything but the JSON result.
 *
 * Usage: node harnessChild.js < program.js   (argv[2], optional: a file name for stack traces)
 * The program sees `log(...args)` and the usual globals; `require("babel-plugin-async-state-machine/runtime")`
 * resolves to this checkout's runtime. The microtask "tick" of each event, the log and the fake
 * clock come from harnessCore.js (shared with the browser playground); this file adds what only
 * Node has: the fresh process, stdin/stdout, vm, require and the process-level error events.
 */
'use strict';
var vm = require('vm');
var path = require('path');
var fs = require('fs');
var util = require('util');

var RUNTIME_ID = 'babel-plugin-async-state-machine/runtime';
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

function programRequire(id) {
  if (id === RUNTIME_ID) return require(runtimePath);
  return require(id);
}

var source = fs.readFileSync(0, 'utf8');
var filename = process.argv[2] || 'program.js';
var module_ = { exports: {} };
var wrapper = '(function (' + harness.wrapperParameters + ') {' + source + '\n})';

process.on('exit', function () {
  process.stdout.write(JSON.stringify({ events: harness.events }));
});

var fn = vm.runInThisContext(wrapper, { filename: filename });
harness.startPump();
try {
  fn.apply(module_.exports, harness.wrapperArguments(programRequire, module_));
} catch (error) {
  record('uncaughtException', formatValue(error));
}
