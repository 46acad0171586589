/*
 * realm: one fresh ECMAScript realm per test run (a `vm` context with its own microtask queue,
 * drained after each evaluation), with the host hooks test262 expects: print() and $262
 * (global, createRealm, evalScript, detachArrayBuffer, gc). The harness files run first as
 * their own scripts, then the test, under a wall-clock limit that covers its microtasks.
 * Must never: give a test anything of the outer realm but the hook functions (no console, no
 * timers, no require unless the runtime "import" mode asks for it), or transform code.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');

const BOOTSTRAP = new vm.Script(
  `(function (host) {
  var global = this;
  function define(name, value) {
    Object.defineProperty(global, name, { value: value, writable: true, enumerable: false, configurable: true });
  }
  var $262 = {
    global: global,
    createRealm: function () { return host.createRealm(); },
    evalScript: function (source) { return host.evalScript(String(source)); },
    detachArrayBuffer: function (buffer) { host.detachArrayBuffer(buffer); return null; },
    gc: function () { return host.gc(); },
  };
  define('$262', $262);
  define('print', function print(message) { host.print(String(message)); });
  return $262;
})`,
  { filename: 'test262-host.js' },
);

/** harness files compiled once per process: the same vm.Script runs in any context */
const harnessCache = new Map();

function harnessScript(harnessDir, name, strict) {
  const key = `${harnessDir}\0${name}\0${strict}`;
  let script = harnessCache.get(key);
  if (!script) {
    const file = path.join(harnessDir, name);
    const source = fs.readFileSync(file, 'utf8');
    script = new vm.Script(strict ? `"use strict";\n${source}` : source, { filename: `harness/${name}` });
    harnessCache.set(key, script);
  }
  return script;
}

/** "Name: message" of a value thrown inside a realm, without letting a getter throw at us. */
function describeThrown(value) {
  try {
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
      let name;
      let message;
      try {
        name = value.constructor && value.constructor.name;
      } catch {
        name = undefined;
      }
      try {
        if (typeof value.name === 'string') name = value.name;
        message = value.message;
      } catch {
        message = undefined;
      }
      if (name !== undefined || message !== undefined) return `${name === undefined ? 'Error' : String(name)}: ${message === undefined ? '' : String(message)}`;
    }
    return String(value);
  } catch {
    return '(a thrown value that cannot be printed)';
  }
}

/** The constructor name of a thrown value ("SyntaxError"), or null. */
function thrownTypeName(value) {
  try {
    if (value !== null && (typeof value === 'object' || typeof value === 'function') && value.constructor) return String(value.constructor.name);
  } catch {
    return null;
  }
  return null;
}

function isTimeout(error) {
  return Boolean(error && typeof error === 'object' && error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT');
}

/**
 * A fresh realm. `options.runtimeScript`, when given, is a vm.Script whose value is
 * `function (module, exports) { <runtime source> }`: it runs in this realm and `require(spec)`
 * of `options.runtimeModule` answers its exports (the plugin's runtime "import" mode).
 */
function createRealm(options = {}) {
  const prints = [];
  const context = vm.createContext({}, { microtaskMode: 'afterEvaluate', codeGeneration: { strings: true, wasm: true } });
  const host = {
    print: (message) => prints.push(message),
    createRealm: () => createRealm({}).$262,
    evalScript: (source) => {
      let script;
      try {
        script = new vm.Script(source, { filename: 'evalScript.js' });
      } catch (error) {
        // the host compiled it: rethrow as the realm's own SyntaxError
        const RealmSyntaxError = vm.runInContext('SyntaxError', context);
        throw new RealmSyntaxError(error && error.message);
      }
      return script.runInContext(context);
    },
    detachArrayBuffer: (buffer) => {
      structuredClone(buffer, { transfer: [buffer] });
    },
    gc: () => {
      if (typeof global.gc === 'function') return global.gc();
      throw new Error('gc() is not available in this host');
    },
  };
  const $262 = BOOTSTRAP.runInContext(context).call(undefined, host);
  if (options.runtimeScript) {
    const factory = options.runtimeScript.runInContext(context);
    const module = { exports: {} };
    factory.call(undefined, module, module.exports);
    const runtimeModule = options.runtimeModule;
    const requireRuntime = (specifier) => {
      if (specifier === runtimeModule) return module.exports;
      throw new Error(`require(${JSON.stringify(specifier)}): only the plugin's runtime can be required here`);
    };
    Object.defineProperty(vm.runInContext('this', context), 'require', { value: requireRuntime, writable: true, enumerable: false, configurable: true });
  }
  return { context, prints, $262 };
}

/**
 * Runs one test: harness includes (each its own script, strict when the test is), then the test
 * source. Returns { status: 'pass' | 'fail', message?, phase? } judged the way test262 says:
 * an async test passes when it printed Test262:AsyncTestComplete (and no failure), a negative
 * runtime test when it threw its error type, any other test when it completed.
 */
function runTest(test, options) {
  const { harnessDir, includes, strict, source, filename, isAsync, negative, timeoutMs } = test;
  const realm = createRealm(options);
  for (const name of includes) {
    try {
      harnessScript(harnessDir, name, strict).runInContext(realm.context, { timeout: timeoutMs });
    } catch (error) {
      if (isTimeout(error)) return { status: 'fail', phase: 'timeout', message: `harness ${name} timed out` };
      return { status: 'fail', phase: 'harness', message: `harness ${name} threw ${describeThrown(error)}` };
    }
  }
  let script;
  try {
    script = new vm.Script(source, { filename });
  } catch (error) {
    if (negative && negative.phase !== 'runtime') {
      const type = thrownTypeName(error);
      if (type === negative.type || (error && error.name === negative.type)) return { status: 'pass', phase: 'parse' };
      return { status: 'fail', phase: 'parse', message: `expected ${negative.type} while parsing, got ${describeThrown(error)}` };
    }
    return { status: 'fail', phase: 'parse', message: `does not compile: ${describeThrown(error)}` };
  }
  if (negative && negative.phase !== 'runtime') return { status: 'fail', phase: 'parse', message: `expected a ${negative.type} while parsing; it compiled` };
  try {
    script.runInContext(realm.context, { timeout: timeoutMs });
  } catch (error) {
    if (isTimeout(error)) return { status: 'fail', phase: 'timeout', message: `timed out after ${timeoutMs} ms` };
    if (negative && negative.phase === 'runtime') {
      if (thrownTypeName(error) === negative.type) return { status: 'pass', phase: 'runtime' };
      return { status: 'fail', phase: 'runtime', message: `expected ${negative.type}, got ${describeThrown(error)}` };
    }
    return { status: 'fail', phase: 'runtime', message: describeThrown(error) };
  }
  if (negative && negative.phase === 'runtime') return { status: 'fail', phase: 'runtime', message: `expected ${negative.type} to be thrown; it completed` };
  if (isAsync) {
    const failure = realm.prints.find((line) => line.startsWith('Test262:AsyncTestFailure:'));
    if (failure) return { status: 'fail', phase: 'async', message: failure.slice('Test262:AsyncTestFailure:'.length) };
    if (!realm.prints.includes('Test262:AsyncTestComplete')) return { status: 'fail', phase: 'async', message: '$DONE was never called' };
  }
  return { status: 'pass' };
}

/** Compiles `source` only (negative parse tests of transformed output). */
function compiles(source, filename) {
  try {
    new vm.Script(source, { filename });
    return { ok: true };
  } catch (error) {
    return { ok: false, type: thrownTypeName(error), message: describeThrown(error) };
  }
}

module.exports = { runTest, compiles, createRealm, describeThrown };
