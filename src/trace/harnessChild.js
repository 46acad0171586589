#!/usr/bin/env node
/*
 * harnessChild: runs ONE program in this fresh Node process and prints its event log as JSON.
 * Native and rewritten code go through exactly this file, so both start from an equal context.
 * Must never: transform code, share state between runs, or print anything but the JSON result.
 *
 * Usage: node harnessChild.js < program.js   (argv[2], optional: a file name for stack traces)
 * The program sees `log(...args)` and the usual globals; `require("babel-plugin-async-state-machine/runtime")`
 * resolves to this checkout's runtime. Each event carries the microtask "tick" at which it happened:
 * a counter that re-queues itself with queueMicrotask, started before the program and again when a
 * timer callback runs, so one extra microtask anywhere shifts the ticks of what follows.
 */
'use strict';
var vm = require('vm');
var path = require('path');
var fs = require('fs');
var util = require('util');

var RUNTIME_ID = 'babel-plugin-async-state-machine/runtime';
var runtimePath = path.join(__dirname, '..', 'runtime', 'asyncMachine.js');
if (!fs.existsSync(runtimePath)) runtimePath = path.join(__dirname, '..', '..', 'src', 'runtime', 'asyncMachine.js');

var events = [];
var tick = 0;
var budget = 0;
var pumping = false;
var TICKS_PER_MACROTASK = 2000;

function pump() {
  tick++;
  if (--budget > 0) queueMicrotask(pump);
  else pumping = false;
}
function startPump() {
  budget = TICKS_PER_MACROTASK;
  if (!pumping) {
    pumping = true;
    queueMicrotask(pump);
  }
}

function formatValue(value, depth) {
  if (depth === undefined) depth = 0;
  if (value instanceof Error || (value && typeof value === 'object' && typeof value.message === 'string' && typeof value.name === 'string' && 'stack' in value)) {
    return value.name + ': ' + value.message;
  }
  if (typeof value === 'string') return depth === 0 ? value : JSON.stringify(value);
  if (typeof value === 'function') return '[function ' + (value.name || 'anonymous') + ']';
  if (typeof value === 'symbol') return value.toString();
  if (value && typeof value === 'object') {
    if (depth > 3) return '[deep]';
    var isPromise = false;
    try { isPromise = util.types.isPromise(value); } catch (e) { /* proxies */ }
    if (isPromise) return '[Promise]';
    if (Array.isArray(value)) return '[' + value.map(function (v) { return formatValue(v, depth + 1); }).join(', ') + ']';
    var keys;
    try { keys = Object.keys(value); } catch (e) { return '[object]'; }
    return '{' + keys.map(function (k) {
      var v;
      try { v = value[k]; } catch (e) { v = '[getter threw]'; }
      return k + ': ' + formatValue(v, depth + 1);
    }).join(', ') + '}';
  }
  return String(value);
}

function record(kind, text) {
  events.push({ tick: tick, kind: kind, text: text });
}

function log() {
  var parts = [];
  for (var i = 0; i < arguments.length; i++) parts.push(formatValue(arguments[i]));
  record('log', parts.join(' '));
}

// console.log/error inside programs are events too (the tutorial's examples use console).
var programConsole = {
  log: log,
  info: log,
  warn: function () { log.apply(null, ['[warn]'].concat([].slice.call(arguments))); },
  error: function () { log.apply(null, ['[error]'].concat([].slice.call(arguments))); },
};

function wrapTimer(original) {
  return function (callback) {
    var rest = [].slice.call(arguments, 1);
    if (typeof callback !== 'function') return original.apply(null, arguments);
    return original.apply(null, [function () {
      startPump();
      return callback.apply(this, arguments);
    }].concat(rest));
  };
}

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
var wrapper = '(function (require, module, exports, log, console, setTimeout, setInterval, setImmediate) {' + source + '\n})';

process.on('exit', function () {
  process.stdout.write(JSON.stringify({ events: events }));
});

var fn = vm.runInThisContext(wrapper, { filename: filename });
startPump();
try {
  fn.call(module_.exports, programRequire, module_, module_.exports, log, programConsole,
    wrapTimer(setTimeout), wrapTimer(setInterval), wrapTimer(setImmediate));
} catch (error) {
  record('uncaughtException', formatValue(error));
}
