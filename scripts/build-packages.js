#!/usr/bin/env node
/*
 * build-packages: after `tsc` has compiled src/ into lib/, lays out the two workspace packages
 * that are built from the same sources: packages/runtime (the runtime's CommonJS and ES module
 * entries, from src/runtime) and packages/cli (async-desugar: the compiled CLI, trace and a copy
 * of the compiled plugin, with the runtime source the trace and `--runtime inline` read).
 * Must never: write outside packages/*, or change what the sources say (copies and one appended
 * `export default` only).
 */
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
// the runtime as scripts/buildRuntime.js assembles it from the pieces in src/runtime
const runtimeSource = path.join(root, 'lib', 'runtime', 'asyncMachine.js');
const runtimeModuleSource = path.join(root, 'lib', 'runtime', 'asyncMachine.mjs');

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function copyTree(from, to, keep) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target, keep);
    else if (keep(source)) write(target, fs.readFileSync(source));
  }
}

// ---- packages/runtime: the seam where the runtime's own build (CJS + ESM) plugs in later.
const runtimeDir = path.join(root, 'packages', 'runtime');
const runtime = fs.readFileSync(runtimeSource, 'utf8');
write(path.join(runtimeDir, 'index.js'), runtime);
write(path.join(runtimeDir, 'index.mjs'), fs.readFileSync(runtimeModuleSource, 'utf8'));
// esm/<piece>.mjs: the ES module entry as one module per piece (scripts/buildRuntime.js), so a
// bundler keeps only the pieces a program imports: `import asyncMachine from
// "async-state-machine-runtime"` is the core; the plugin adds `import
// "async-state-machine-runtime/<piece>"` for each other piece a rewritten file uses. For `require`
// (and resolvers that ignore `exports`) the same subpath is a root-level <piece>.js that loads the
// whole CommonJS runtime, which has every piece.
const esmSource = path.join(root, 'lib', 'runtime', 'esm');
fs.rmSync(path.join(runtimeDir, 'esm'), { recursive: true, force: true });
for (const name of fs.readdirSync(esmSource)) write(path.join(runtimeDir, 'esm', name), fs.readFileSync(path.join(esmSource, name)));
const pieceNames = JSON.parse(fs.readFileSync(path.join(root, 'src', 'runtime', 'modules.json'), 'utf8')).modules.map((module) => module.name).filter((name) => name !== 'core');
for (const name of pieceNames) {
  write(path.join(runtimeDir, `${name}.js`), `'use strict';\n// the "${name}" piece of the runtime: for require, the whole runtime (./index.js) has it\nrequire('./index.js');\n`);
}
// the package's exports must name every piece (tests/runtimeBuild.test.ts checks this too)
const manifest = JSON.parse(fs.readFileSync(path.join(runtimeDir, 'package.json'), 'utf8'));
for (const name of pieceNames) {
  const entry = manifest.exports[`./${name}`];
  if (!entry || entry.import.default !== `./esm/${name}.mjs` || entry.require.default !== `./${name}.js` || !manifest.files.includes(`${name}.js`)) {
    throw new Error(`build-packages: packages/runtime/package.json lacks the export (or file) of the runtime piece "${name}"`);
  }
}
// factory: the same runtime, created from the Promise a file passes in (`createAsyncMachine(Promise)`),
// for pipelines where that `Promise` is polyfilled or replaced per file (core-js-pure through
// transform-runtime, preset-env's usage polyfills). The runtime reads its intrinsics from the
// global object it finds (`globalThis`, ...) when it loads: inside the factory that name is a view
// of the real global object whose own `Promise` is the one given.
const realGlobal = "var realGlobal = typeof globalThis === 'object' && globalThis ? globalThis : typeof self === 'object' && self ? self : typeof window === 'object' && window ? window : typeof global === 'object' && global ? global : {};";
const factory = `${realGlobal}\nfunction createAsyncMachine(Promise) {\n  var module;\n  var globalThis = Object.create(realGlobal);\n  Object.defineProperty(globalThis, 'Promise', { value: Promise });\n${runtime.trimEnd()}\n  return asyncMachine;\n}`;
write(path.join(runtimeDir, 'factory.js'), `'use strict';\n${factory}\nmodule.exports = createAsyncMachine;\nmodule.exports['default'] = createAsyncMachine;\n`);
write(path.join(runtimeDir, 'factory.mjs'), `${factory}\nexport default createAsyncMachine;\n`);

// ---- packages/cli: async-desugar with its own dependencies (the plugin package has none).
const cliDir = path.join(root, 'packages', 'cli');
const lib = path.join(root, 'lib');
fs.rmSync(path.join(cliDir, 'lib'), { recursive: true, force: true });
copyTree(lib, path.join(cliDir, 'lib'), (file) => /\.m?js$/.test(file) && !file.includes(`${path.sep}testing${path.sep}`));
for (const name of ['harnessChild.js', 'harnessCore.js']) write(path.join(cliDir, 'src', 'trace', name), fs.readFileSync(path.join(root, 'src', 'trace', name)));
write(path.join(cliDir, 'bin', 'async-desugar.js'), fs.readFileSync(path.join(root, 'bin', 'async-desugar.js')));
fs.chmodSync(path.join(cliDir, 'bin', 'async-desugar.js'), 0o755);
