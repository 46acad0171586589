/*
 * harnessCore: the part of the trace harness that both hosts share, the Node child
 * (harnessChild.js) and the playground's browser worker: the microtask "tick" counter, the
 * event log, the program's console and its fake clock. Plain ES5 in CommonJS form, no Node API:
 * everything host-specific (a real macrotask, how to recognise a promise) is passed in.
 * Must never: transform code, touch a host API directly, or treat native and rewritten runs
 * differently.
 *
 * Each event carries the microtask "tick" at which it happened: a counter that re-queues itself
 * with queueMicrotask, started before the program and again when a timer callback runs, so one
 * extra microtask anywhere shifts the ticks of what follows.
 */
'use strict';

var TICKS_PER_MACROTASK = 2000;
var MAX_TIMER_FIRINGS = 10000;
var TIMEOUT_MAX = 2147483647;

/**
 * host.macrotask(fn): run fn in a later macrotask, after the microtasks drain (Node: setImmediate)
 * host.queueMicrotask(fn); host.isPromise(value): true for a real promise, reading nothing user-visible
 * host.onTimerError(error), optional: a timer callback threw (default: rethrow to the host)
 */
function createHarness(host) {
  var events = [];
  var tick = 0;
  var budget = 0;
  var pumping = false;

  function pump() {
    tick++;
    if (--budget > 0) host.queueMicrotask(pump);
    else pumping = false;
  }
  function startPump() {
    budget = TICKS_PER_MACROTASK;
    if (!pumping) {
      pumping = true;
      host.queueMicrotask(pump);
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
      try { isPromise = host.isPromise(value); } catch (e) { /* proxies */ }
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
  var now = 0;
  var insertion = 0;
  var nextTimerId = 1;
  var firings = 0;
  var timers = [];
  var driverScheduled = false;

  function scheduleDriver() {
    if (driverScheduled || timers.length === 0) return;
    driverScheduled = true;
    host.macrotask(fireNextTimer);
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
    if (!host.onTimerError) {
      timer.callback.apply(undefined, timer.args);
      return;
    }
    try {
      timer.callback.apply(undefined, timer.args);
    } catch (error) {
      host.onTimerError(error);
    }
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
    if (typeof Symbol === 'function') handle[Symbol.toPrimitive] = function () { return id; };
    return handle;
  }

  function clearTimer(handle) {
    if (handle == null) return;
    var id = typeof handle === 'object' ? Number(typeof Symbol === 'function' && handle[Symbol.toPrimitive] ? handle[Symbol.toPrimitive]() : NaN) : Number(handle);
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

  return {
    events: events,
    record: record,
    log: log,
    formatValue: formatValue,
    console: programConsole,
    timers: fakeTimers,
    startPump: startPump,
    /** true while a fake timer is waiting to fire */
    hasPendingTimers: function () { return timers.length > 0 && firings <= MAX_TIMER_FIRINGS; },
    /** the parameter list the program is wrapped in, and the matching arguments */
    wrapperParameters: 'require, module, exports, log, console, setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate',
    wrapperArguments: function (programRequire, module_) {
      return [programRequire, module_, module_.exports, log, programConsole,
        fakeTimers.setTimeout, fakeTimers.setInterval, fakeTimers.setImmediate,
        fakeTimers.clearTimeout, fakeTimers.clearInterval, fakeTimers.clearImmediate];
    },
  };
}

module.exports = { createHarness: createHarness, TICKS_PER_MACROTASK: TICKS_PER_MACROTASK };
