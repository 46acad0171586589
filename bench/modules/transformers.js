/*
 * transformers: the contenders, each as `transform(code, filename) => code` driven through its
 * programmatic API with equal settings: our plugin (built, from ../lib/index.js), the regenerator
 * pipeline, TypeScript transpileModule at ES5, babel-plugin-transform-async-to-promises, and Babel
 * with no plugin (parse + generate, the floor). Also: which runtime files an output needs.
 * Must never: cache outputs between calls, or give one contender options the others do not get
 * (beyond what that tool needs to produce correct code).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { ROOT, RUNTIME_ID, RUNTIME_PATH } = require('./util');

const OUR_PLUGIN_PATH = path.join(ROOT, 'lib', 'index.js');

/** Loads our built plugin; returns { plugin } or { error } so the bench can run without it. */
function loadOurPlugin() {
  try {
    const exported = require(OUR_PLUGIN_PATH);
    const plugin = exported && exported.__esModule ? exported.default : exported.default || exported;
    if (typeof plugin !== 'function') return { error: `${OUR_PLUGIN_PATH} exports no plugin function` };
    if (!fs.existsSync(RUNTIME_PATH)) return { error: `runtime missing: ${RUNTIME_PATH}` };
    return { plugin };
  } catch (error) {
    return { error: String((error && error.message) || error).split('\n')[0] };
  }
}

// Loaded on first use, so that a child measuring one contender's memory loads only that tool.
let babelModule = null;
let typescriptModule = null;
const babel = () => babelModule || (babelModule = require('@babel/core'));
const typescript = () => typescriptModule || (typescriptModule = require('typescript'));

/** Options every Babel-driven contender shares (no config files, same parser and generator). */
function babelOptions(filename, plugins) {
  return {
    babelrc: false,
    configFile: false,
    browserslistConfigFile: false,
    filename,
    sourceType: 'unambiguous',
    compact: false,
    sourceMaps: false,
    ast: false,
    code: true,
    plugins,
  };
}

function babelTransformer(plugins) {
  return (code, filename) => babel().transformSync(code, babelOptions(filename, plugins)).code;
}

function tsCompilerOptions() {
  const ts = typescript();
  return {
    target: ts.ScriptTarget.ES5,
    module: ts.ModuleKind.CommonJS,
    importHelpers: false,
    removeComments: false,
    sourceMap: false,
    // Without it, ES5 output spreads and iterates Sets/Maps/iterators as if empty (emittery then hangs).
    downlevelIteration: true,
  };
}

const REGENERATOR_PIPELINE = [
  '@babel/plugin-transform-async-to-generator',
  '@babel/plugin-transform-regenerator',
  '@babel/plugin-transform-for-of',
  '@babel/plugin-transform-destructuring',
  '@babel/plugin-transform-block-scoping',
  '@babel/plugin-transform-parameters',
  '@babel/plugin-transform-template-literals',
  '@babel/plugin-transform-nullish-coalescing-operator',
];

/**
 * The contenders. `claimsEs5`: the tool promises ES5 output by itself (checked with acorn);
 * the Babel plugins only lower async functions (the rest is preset-env's job, checked after it).
 */
function createTransformers({ ours = true } = {}) {
  const list = [];
  const loaded = ours ? loadOurPlugin() : { error: 'disabled by --no-ours' };
  if (loaded.plugin) {
    list.push({
      id: 'ours',
      label: 'async-state-machine (ours)',
      claimsEs5: false,
      lowersAsync: true,
      transform: babelTransformer([[loaded.plugin, { runtime: 'import' }]]),
      transformInline: babelTransformer([[loaded.plugin, { runtime: 'inline' }]]),
    });
  }
  list.push(
    {
      id: 'regenerator',
      label: 'async-to-generator + regenerator',
      claimsEs5: false,
      lowersAsync: true,
      // regenerator cannot run alone: preset-env always pairs it with these (it crashes on
      // for-of, destructuring, template literals and `??` around an await, and without block-scoping closures in loops see one binding).
      transform: babelTransformer(REGENERATOR_PIPELINE.map((name) => require.resolve(name))),
    },
    {
      id: 'typescript',
      label: 'TypeScript transpileModule ES5',
      claimsEs5: true,
      lowersAsync: true,
      transform: (code, filename) =>
        typescript().transpileModule(code, { compilerOptions: tsCompilerOptions(), fileName: filename, reportDiagnostics: false }).outputText,
    },
    {
      id: 'asyncToPromises',
      label: 'transform-async-to-promises',
      claimsEs5: false,
      lowersAsync: true,
      transform: babelTransformer([require.resolve('babel-plugin-transform-async-to-promises')]),
    },
    {
      id: 'identity',
      label: 'Babel, no plugin (floor)',
      claimsEs5: false,
      lowersAsync: false,
      transform: babelTransformer([]),
    },
  );
  return { transformers: list, oursError: loaded.error };
}

/** Runtime files an output pulls in by require/import, to count in its size. */
const KNOWN_RUNTIMES = [
  { id: RUNTIME_ID, file: RUNTIME_PATH },
  { id: 'regenerator-runtime', file: require.resolve('regenerator-runtime') },
  { id: 'tslib', file: require.resolve('tslib') },
  { id: 'babel-plugin-transform-async-to-promises/helpers', file: require.resolve('babel-plugin-transform-async-to-promises/helpers') },
];

function runtimeFilesNeeded(outputCode) {
  const needed = [];
  for (const runtime of KNOWN_RUNTIMES) {
    const quoted = new RegExp(`["']${runtime.id.replace(/[/.]/g, (c) => '\\' + c)}["']`);
    if (quoted.test(outputCode)) needed.push(runtime);
  }
  // regenerator's old output may use a global instead of a require.
  if (/\bregeneratorRuntime\b/.test(outputCode) && !/function _regeneratorRuntime\b/.test(outputCode) && !needed.some((r) => r.id === 'regenerator-runtime')) {
    needed.push(KNOWN_RUNTIMES[1]);
  }
  return needed;
}

module.exports = { REGENERATOR_PIPELINE, createTransformers, runtimeFilesNeeded, babelOptions, loadOurPlugin, OUR_PLUGIN_PATH, KNOWN_RUNTIMES };
