/*
 * runtimeMapping: makes `require("async-state-machine-runtime")` resolve to this
 * checkout's src/runtime/asyncMachine.js in a bench child, wherever the requiring file lives
 * (outputs written under bench/.work, real-world files compiled at their node_modules path).
 * Must never: redirect any other module id.
 */
'use strict';
const Module = require('module');
const { RUNTIME_ID, RUNTIME_PATH } = require('./util');

let installed = false;

function installRuntimeMapping() {
  if (installed) return;
  installed = true;
  const originalResolve = Module._resolveFilename;
  Module._resolveFilename = function resolveWithRuntime(request, parent, isMain, options) {
    if (request === RUNTIME_ID) return RUNTIME_PATH;
    return originalResolve.call(this, request, parent, isMain, options);
  };
}

module.exports = { installRuntimeMapping };
