#!/usr/bin/env node
/*
 * harnessChild: runs ONE program in this fresh Node process and prints its event log as JSON.
 * Native and rewritten code go through exactly this file, so both start from an equal context.
 * Must never: transform code, share state between runs, or print anything but the JSON result.
 *
 * Usage: node harnessChild.js < program.js   (argv[2], optional: a file name for stack traces)
 * The program sees `log(...args)` and the usual globals; `require("async-state-machine-runtime")`
 * resolves to this checkout's runtime. Each event carries the microtask "tick" at which it happened:
 * a counter that re-queues itself with queueMicrotask, started before the program and again when a
 * timer callback runs, so one extra microtask anywhere shifts the ticks of what follows.
 * Timers run on a fake clock (below): deterministic order whatever the load of the machine.
 */
'use strict';
var vm = require('vm');
var path = require('path');
var fs = require('fs');
var util = require('util');

var RUNTIME_ID = 'async-state-machine-runtime';
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

// ---- a fake clock. Timers fire in (due time, insertion) order, each in a real macrotask of its
// own, so microtasks drain between them as in Node, but which timer comes first never depends on
// how loaded the machine is (a 10 ms and a 20 ms timer set a few ms apart cannot swap).
var MAX_TIMER_FIRINGS = 10000;
var TIMEOUT_MAX = 2147483647;
var realSetImmediate = setImmediate;
var now = 0;
var insertion = 0;
var nextTimerId = 1;
var firings = 0;
var timers = [];
var driverScheduled = false;

function scheduleDriver() {
  if (driverScheduled || timers.length === 0) return;
  driverScheduled = true;
  realSetImmediate(fireNextTimer);
}

function fireNextTimer() {
  driverScheduled = false;
  if (timers.length === 0) return;
  if (++firings > MAX_TIMER_FIRINGS) {
    record('note', 'fake clock stopped after ' + MAX_TIMER_FIRINGS + ' timer callbacks');
    timers.length = 0;
    return;
  }
  var earliest = 0;
  for (var i = 1; i < timers.length; i++) {
    var a = timers[i];
    var b = timers[earliest];
    if (a.due < b.due || (a.due === b.due && a.order < b.order)) earliest = i;
  }
  var timer = timers[earliest];
  if (timer.repeat === undefined) timers.splice(earliest, 1);
  now = Math.max(now, timer.due);
  if (timer.repeat !== undefined) {
    timer.due = now + timer.repeat;
    timer.order = insertion++;
  }
  scheduleDriver();
  startPump();
  timer.callback.apply(undefined, timer.args);
}

function timerDelay(ms) {
  var delay = Number(ms);
  return delay >= 1 && delay <= TIMEOUT_MAX ? delay : 1; // Node's coercion
}

function addTimer(callback, delay, args, repeat) {
  if (typeof callback !== 'function') throw new TypeError('The "callback" argument must be of type function. Received ' + formatValue(callback));
  var id = nextTimerId++;
  timers.push({ id: id, due: now + delay, order: insertion++, callback: callback, args: args, repeat: repeat ? delay : undefined });
  scheduleDriver();
  var handle = {
    ref: function () { return handle; },
    unref: function () { return handle; },
    hasRef: function () { return true; },
    refresh: function () {
      for (var i = 0; i < timers.length; i++) if (timers[i].id === id) { timers[i].due = now + delay; timers[i].order = insertion++; }
      return handle;
    },
  };
  handle[Symbol.toPrimitive] = function () { return id; };
  return handle;
}

function clearTimer(handle) {
  if (handle == null) return;
  var id = typeof handle === 'object' ? Number(handle[Symbol.toPrimitive] ? handle[Symbol.toPrimitive]() : NaN) : Number(handle);
  for (var i = 0; i < timers.length; i++) if (timers[i].id === id) { timers.splice(i, 1); return; }
}

var fakeTimers = {
  setTimeout: function (callback, ms) { return addTimer(callback, timerDelay(ms), [].slice.call(arguments, 2), false); },
  setInterval: function (callback, ms) { return addTimer(callback, timerDelay(ms), [].slice.call(arguments, 2), true); },
  setImmediate: function (callback) { return addTimer(callback, 0, [].slice.call(arguments, 1), false); },
  clearTimeout: clearTimer,
  clearInterval: clearTimer,
  clearImmediate: clearTimer,
};

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
var wrapper = '(function (require, module, exports, __filename, __dirname, log, console, setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate) {' + source + '\n})';
// startError: the program could not start (it does not compile, or its first statement threw
// before it logged anything, e.g. a module it requires is missing): a trace must not call two
// such runs a match.
var startError = null;
// (the trace's probe reports through log() with this mark: those lines are not the program's)
var PROBE_MARK = '\u0001async-desugar-probe ';
function isProgramLog(event) {
  return event.kind === 'log' && event.text.indexOf(PROBE_MARK) !== 0;
}

process.on('exit', function () {
  process.stdout.write(JSON.stringify(startError === null ? { events: events } : { events: events, startError: startError }));
});

var fn = null;
try {
  fn = vm.runInThisContext(wrapper, { filename: filename });
} catch (error) {
  startError = formatValue(error);
}
if (fn) {
  startPump();
  try {
    fn.call(module_.exports, programRequire, module_, module_.exports, programFilename, path.dirname(programFilename), log, programConsole,
      fakeTimers.setTimeout, fakeTimers.setInterval, fakeTimers.setImmediate,
      fakeTimers.clearTimeout, fakeTimers.clearInterval, fakeTimers.clearImmediate);
  } catch (error) {
    if (!events.some(isProgramLog) || (error && (error.code === 'MODULE_NOT_FOUND' || error.code === 'ERR_REQUIRE_ESM'))) startError = formatValue(error);
    record('uncaughtException', formatValue(error));
  }
}
