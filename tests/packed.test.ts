/*
 * packed.test: the README's "Use in your build" recipes, as a user would run them. The three
 * packages are packed (npm pack) and installed from their tarballs into two fresh projects
 * (Babel 7 with webpack 5, rollup, esbuild, preset-env, transform-runtime, TypeScript; Babel 8
 * with babel-plugin-polyfill-corejs3 and preset-typescript); each recipe builds the same app
 * (tests/support/packed/app) and the bundle runs in Node, headless Chromium and the ES5 engines
 * duktape and mujs (no native Promise: the polyfill must be in place before the runtime loads).
 * Every log must equal the app's native Node run. Bundle sizes (and the same app through
 * preset-env + regenerator) are written to tests/support/packed/SIZES.md's temp twin and printed.
 * Must never: use the repository's node_modules inside the projects, or compare with a typed log.
 */
import { spawnSync, type SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assertBuiltPluginIsFresh } from './support/pipeline/builtPlugin';
import { repoRoot } from './support/pipeline/outputChecks';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runIn } = require('./support/packed/app/hosts.cjs') as { runIn(host: string, bundle: string): { ok: boolean; log: string[]; stderr: string } };

jest.setTimeout(15 * 60 * 1000);

const supportDir = path.join(__dirname, 'support', 'packed');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asm-packed-'));
const tarballs: Record<string, string> = {};
const sizes: string[] = [];

function sh(command: string, args: string[], cwd: string, options: SpawnSyncOptions = {}): string {
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 8 * 60 * 1000, maxBuffer: 64 * 1024 * 1024, ...options });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed with ${run.status}:\n${String(run.stdout).slice(-3000)}\n${String(run.stderr).slice(-3000)}`);
  return String(run.stdout);
}

function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

function makeProject(name: string, recipes: string, dependencies: string[], installFlags: string[] = []): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `user-${name}`, version: '1.0.0', private: true }, null, 2));
  copyDir(path.join(supportDir, 'app', 'src'), path.join(dir, 'src'));
  copyDir(path.join(supportDir, 'app', 'src-ts'), path.join(dir, 'src-ts'));
  fs.writeFileSync(path.join(dir, 'src', 'package.json'), '{ "type": "module" }\n');
  copyDir(path.join(supportDir, recipes), dir);
  sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...installFlags, tarballs.plugin, tarballs.runtime, ...dependencies], dir);
  return dir;
}

let native: string[] = [];
let project7 = '';
let project8 = '';

beforeAll(() => {
  assertBuiltPluginIsFresh();
  for (const [key, dir] of [['plugin', repoRoot], ['runtime', path.join(repoRoot, 'packages', 'runtime')], ['cli', path.join(repoRoot, 'packages', 'cli')]] as const) {
    const file = sh('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], dir).trim().split('\n').pop()!;
    tarballs[key] = path.join(work, file);
  }
  const nativeRun = spawnSync(process.execPath, ['--input-type=module', '-e', `globalThis.report = (...parts) => console.log(parts.join(' ')); await import(${JSON.stringify(path.join(supportDir, 'app', 'src', 'main.js'))});`], {
    encoding: 'utf8',
    cwd: path.join(supportDir, 'app'),
  });
  native = nativeRun.stdout.trim().split('\n');
  project7 = makeProject('babel7', 'recipes7', [
    '@babel/core@7', '@babel/preset-env@7', '@babel/preset-typescript@7', '@babel/plugin-transform-runtime@7', '@babel/runtime-corejs3@7', 'core-js@3',
    'webpack@5', 'webpack-cli@5', 'babel-loader@9', 'rollup@4', '@rollup/plugin-babel@6', '@rollup/plugin-node-resolve@15', 'esbuild@0', 'typescript@5', '@types/babel__core', '@arethetypeswrong/cli@0',
  ]);
  project8 = makeProject('babel8', 'recipes8', ['@babel/core@8', '@babel/preset-env@8', '@babel/preset-typescript@8', 'babel-plugin-polyfill-corejs3', 'core-js@3', 'esbuild@0', 'typescript@5'], ['--strict-peer-deps']);
});

afterAll(() => {
  if (sizes.length) process.stdout.write(`bundle sizes (bytes):\n${sizes.join('\n')}\n`);
  if (process.env.KEEP_PACKED_PROJECTS !== '1') fs.rmSync(work, { recursive: true, force: true });
});

function expectRuns(bundleFile: string, hosts: string[]): void {
  const bundle = fs.readFileSync(bundleFile, 'utf8');
  expect(native.length).toBeGreaterThanOrEqual(8);
  for (const host of hosts) {
    const run = runIn(host, bundle);
    if (!run.ok || run.log.join('\n') !== native.join('\n')) {
      throw new Error(`${path.basename(bundleFile)} in ${host}:\n--- native\n${native.join('\n')}\n--- ${host}\n${run.log.join('\n')}\n${run.stderr}`);
    }
  }
}

function webpack(bundle: string, babelConfig: string): string {
  sh('npx', ['webpack', '--config', 'webpack.config.js'], project7, { env: { ...process.env, BUNDLE: bundle, BABEL_CONFIG: babelConfig } });
  return path.join(project7, 'dist', bundle);
}

function recordSize(what: string, ours: string, regenerator: string | null): void {
  const size = (file: string) => fs.statSync(file).size;
  sizes.push(`${what}: ${size(ours)}${regenerator ? ` (preset-env + regenerator: ${size(regenerator)})` : ''}`);
}

describe('Babel 7 project from the packed tarballs', () => {
  test('webpack 5 + preset-env (IE 11, useBuiltIns: "usage"): ES5 bundle runs in duktape, Chromium and Node', () => {
    const ours = webpack('usage.js', './babel.config.js');
    fs.writeFileSync(path.join(project7, 'babel.regenerator.config.js'), "module.exports = { presets: [['@babel/preset-env', { targets: 'ie 11', useBuiltIns: 'usage', corejs: '3.40' }]] };\n");
    const regenerator = webpack('usage-regenerator.js', './babel.regenerator.config.js');
    expect(fs.readFileSync(ours, 'utf8')).not.toMatch(/regeneratorRuntime|_regenerator|asyncToGenerator/);
    // (mujs: core-js's Symbol polyfill fails there with preset-env + regenerator as well)
    // (the regenerator build is measured only: with core-js's Promise in duktape its log differs
    // from native, 'countdown closed' before 'first done')
    expectRuns(ours, ['duk', 'chromium', 'node']);
    expect(fs.existsSync(regenerator)).toBe(true);
    recordSize('webpack 5, preset-env usage polyfills (ES5)', ours, regenerator);
  });

  test('webpack 5 + transform-runtime { corejs: 3 }: core-js-pure Promise, no global polyfill, runs in duktape and mujs', () => {
    const ours = webpack('pure.js', './babel.runtime-corejs.config.js');
    fs.writeFileSync(path.join(project7, 'babel.pure-regenerator.config.js'), "module.exports = { plugins: [['@babel/plugin-transform-runtime', { corejs: 3 }]], presets: [['@babel/preset-env', { targets: 'ie 11' }]] };\n");
    const regenerator = webpack('pure-regenerator.js', './babel.pure-regenerator.config.js');
    expectRuns(ours, ['duk', 'mujs', 'node']);
    recordSize('webpack 5, transform-runtime corejs 3 (ES5)', ours, regenerator);
  });

  test('rollup + @rollup/plugin-babel + node-resolve, without @rollup/plugin-commonjs: runs in Chromium and Node', () => {
    sh('npx', ['rollup', '-c', 'rollup.config.mjs'], project7);
    const bundle = path.join(project7, 'dist', 'rollup.js');
    expectRuns(bundle, ['chromium', 'node']);
    recordSize('rollup (plugin only, modern targets)', bundle, null);
  });

  test('esbuild with a Babel onLoad plugin: runs in Chromium and Node', () => {
    sh('node', ['esbuild.mjs', 'src/main.js', 'dist/esbuild.js'], project7);
    const bundle = path.join(project7, 'dist', 'esbuild.js');
    expectRuns(bundle, ['chromium', 'node']);
    recordSize('esbuild (plugin only, modern targets)', bundle, null);
  });

  test('TypeScript ES modules through preset-typescript (esbuild recipe): the runtime import survives, runs like native', () => {
    sh('node', ['esbuild.mjs', 'src-ts/main.ts', 'dist/typescript.js'], project7);
    expectRuns(path.join(project7, 'dist', 'typescript.js'), ['node']);
  });

  test('publishing a library: its rewritten files need only async-state-machine-runtime at run time', () => {
    const libDir = path.join(project7, 'lib-out');
    fs.mkdirSync(libDir, { recursive: true });
    const script = `const babel = require('@babel/core'); const fs = require('fs');
      for (const name of ['main.js', 'steps.js']) fs.writeFileSync('lib-out/' + name, babel.transformFileSync('src/' + name, { configFile: './library.babel.config.json' }).code);`;
    sh('node', ['-e', script], project7);
    const consumer = path.join(work, 'consumer');
    fs.mkdirSync(path.join(consumer, 'node_modules'), { recursive: true });
    copyDir(libDir, path.join(consumer, 'lib'));
    fs.writeFileSync(path.join(consumer, 'package.json'), '{ "type": "module" }\n');
    copyDir(path.join(project7, 'node_modules', 'async-state-machine-runtime'), path.join(consumer, 'node_modules', 'async-state-machine-runtime'));
    expect(fs.readFileSync(path.join(consumer, 'lib', 'main.js'), 'utf8')).toMatch(/from "async-state-machine-runtime"/);
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', "globalThis.report = (...parts) => console.log(parts.join(' ')); await import('./lib/main.js');"], { cwd: consumer, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toEqual(native);
  });

  test('types: a typed config compiles under module commonjs and nodenext against @types/babel__core; attw finds no problem', () => {
    sh('npx', ['tsc', '--noEmit', '--strict', '--module', 'commonjs', '--moduleResolution', 'node10', '--target', 'es2020', 'types-check.ts'], project7);
    sh('npx', ['tsc', '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2020', 'types-check.mts'], project7);
    for (const key of ['plugin', 'runtime'] as const) sh('npx', ['attw', '--profile', 'node16', tarballs[key]], project7);
  });

  test('the CLI tarball: async-desugar runs with its own dependencies', () => {
    const cliProject = path.join(work, 'cli');
    fs.mkdirSync(cliProject);
    fs.writeFileSync(path.join(cliProject, 'package.json'), '{ "name": "cli-user", "private": true }');
    sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarballs.cli], cliProject);
    const out = sh('npx', ['async-desugar', path.join(supportDir, 'app', 'src', 'steps.js')], cliProject);
    expect(out).toContain('_asyncMachine');
  });
});

describe('Babel 8 project from the packed tarballs (npm install --strict-peer-deps)', () => {
  test('no Babel 7 package is installed and npm ls --all is clean', () => {
    sh('npm', ['ls', '--all'], project8);
    const tree = sh('npm', ['ls', '--all', '--json'], project8);
    expect(tree).not.toMatch(/"version": "7\.\d+\.\d+"[^}]*"resolved": "[^"]*@babel/);
    expect(JSON.parse(fs.readFileSync(path.join(project8, 'node_modules', '@babel', 'core', 'package.json'), 'utf8')).version).toMatch(/^8\./);
  });

  test('babel-plugin-polyfill-corejs3 (usage-global) + preset-env: the ES5 bundle runs in duktape', () => {
    sh('node', ['build.mjs', 'src', 'out-es5', 'main.js', 'dist/babel8-es5.js', 'es5'], project8);
    expect(fs.readFileSync(path.join(project8, 'out-es5', 'main.js'), 'utf8')).toMatch(/core-js\/modules\/es\.promise/);
    // (mujs: core-js's global Symbol polyfill fails there, whatever lowers the async functions)
    expectRuns(path.join(project8, 'dist', 'babel8-es5.js'), ['duk', 'node']);
  });

  test('TypeScript ES modules through Babel 8 preset-typescript run like native', () => {
    sh('node', ['build.mjs', 'src-ts', 'out-ts', 'main.js', 'dist/babel8-ts.js', 'typescript'], project8);
    expect(fs.readFileSync(path.join(project8, 'out-ts', 'main.js'), 'utf8')).toMatch(/from "async-state-machine-runtime"/);
    expectRuns(path.join(project8, 'dist', 'babel8-ts.js'), ['node']);
  });

  test('types: the typed config compiles against Babel 8 own types (commonjs and nodenext)', () => {
    // (esModuleInterop: Babel 8's own declarations default-import gensync)
    sh('npx', ['tsc', '--noEmit', '--strict', '--esModuleInterop', '--module', 'commonjs', '--moduleResolution', 'node10', '--target', 'es2020', 'types-check.ts'], project8);
    sh('npx', ['tsc', '--noEmit', '--strict', '--esModuleInterop', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2020', 'types-check.mts'], project8);
  });
});
