/*
 * packed.test: the README's "Use in your build" recipes, as a user would run them. The three
 * packages are packed (npm pack) and installed from their tarballs into fresh projects, one per
 * toolchain, installed in parallel: Babel 7 (webpack 5, rollup, esbuild, Vite, Jest, preset-env,
 * transform-runtime, TypeScript), Babel 8 (babel-plugin-polyfill-corejs3, preset-typescript),
 * webpack 4, strict pnpm (no hoisting: every package sees only what it declares), and the CLI.
 * Each recipe builds the same app (tests/support/packed/app) from the very config files the README
 * shows (tests/readmeRecipes.test.ts checks that they are identical), and the bundle runs in Node,
 * headless Chromium and the ES5 engines duktape and mujs (no native Promise: the polyfill must be in
 * place before the runtime loads). Every log must equal the app's native Node run. Bundle sizes,
 * next to the same app through preset-env + regenerator (tests/support/packed/twins), and the time
 * of each install and build are printed at the end.
 * Must never: use the repository's node_modules inside the projects, or compare with a typed log.
 */
import { spawn, spawnSync, type SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { assertBuiltPluginIsFresh } from './support/pipeline/builtPlugin';
import { countAsyncSyntax, repoRoot } from './support/pipeline/outputChecks';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runIn } = require('./support/packed/app/hosts.cjs') as { runIn(host: string, bundle: string): { ok: boolean; log: string[]; stderr: string } };

jest.setTimeout(15 * 60 * 1000);

const supportDir = path.join(__dirname, 'support', 'packed');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asm-packed-'));
const bundles = path.join(work, 'bundles');
const tarballs: Record<string, string> = {};
const sizes: string[] = [];
const timings: string[] = [];
const pnpmBin = path.join(repoRoot, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
const INSTALL_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

function failure(command: string, args: string[], cwd: string, status: number | null, stdout: string, stderr: string): Error {
  return new Error(`${command} ${args.join(' ')} (in ${cwd}) failed with ${status}:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
}

function sh(command: string, args: string[], cwd: string, options: SpawnSyncOptions = {}): string {
  const started = Date.now();
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 8 * 60 * 1000, maxBuffer: 64 * 1024 * 1024, ...options });
  if (run.status !== 0) throw failure(command, args, cwd, run.status, String(run.stdout), String(run.stderr));
  timings.push(`${((Date.now() - started) / 1000).toFixed(1)} s  ${path.relative(work, cwd) || '.'}: ${path.basename(command)} ${args.join(' ')}`.slice(0, 160));
  return String(run.stdout);
}

/** The same as sh, without blocking: the projects install side by side. */
function shAsync(command: string, args: string[], cwd: string, label = `install ${path.basename(cwd)} (${path.basename(command)})`): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout = (stdout + chunk.toString()).slice(-6000); });
    child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-6000); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10 * 60 * 1000);
    child.on('close', (status) => {
      clearTimeout(timer);
      if (status !== 0) return reject(failure(command, args, cwd, status, stdout, stderr));
      timings.push(`${((Date.now() - started) / 1000).toFixed(1)} s  ${label}, in parallel`);
      resolve();
    });
  });
}

function copy(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

/** A project directory with the app's sources (in `dir` and in the given subfolders) and recipe files. */
function projectFiles(name: string, recipeDirs: string[], appDirs: string[] = ['.']): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `user-${name}`, version: '1.0.0', private: true }, null, 2));
  for (const recipes of recipeDirs) copy(path.join(supportDir, recipes), dir);
  for (const appDir of appDirs) {
    copy(path.join(supportDir, 'app', 'src'), path.join(dir, appDir, 'src'));
    copy(path.join(supportDir, 'app', 'src-ts'), path.join(dir, appDir, 'src-ts'));
    fs.writeFileSync(path.join(dir, appDir, 'src', 'package.json'), '{ "type": "module" }\n');
  }
  return dir;
}

function npmProject(name: string, recipeDirs: string[], dependencies: string[], options: { appDirs?: string[]; flags?: string[] } = {}): { dir: string; installed: Promise<void> } {
  const dir = projectFiles(name, recipeDirs, options.appDirs);
  return { dir, installed: shAsync('npm', ['install', ...INSTALL_FLAGS, ...(options.flags ?? []), tarballs.plugin, tarballs.runtime, ...dependencies], dir) };
}

let native: string[] = [];
let project7 = '';
let modern = '';
let project8 = '';
let webpack4 = '';
let strictPnpm = '';
let cliProject = '';

beforeAll(async () => {
  assertBuiltPluginIsFresh();
  fs.mkdirSync(bundles);
  for (const [key, dir] of [['plugin', repoRoot], ['runtime', path.join(repoRoot, 'packages', 'runtime')], ['cli', path.join(repoRoot, 'packages', 'cli')]] as const) {
    const file = sh('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], dir).trim().split('\n').pop()!;
    tarballs[key] = path.join(work, file);
  }
  const nativeRun = spawnSync(process.execPath, ['--input-type=module', '-e', `globalThis.report = (...parts) => console.log(parts.join(' ')); await import(${JSON.stringify(path.join(supportDir, 'app', 'src', 'main.js'))});`], {
    encoding: 'utf8',
    cwd: path.join(supportDir, 'app'),
  });
  native = nativeRun.stdout.trim().split('\n');

  const babel7 = npmProject('babel7', ['recipes7'], [
    '@babel/core@7', '@babel/preset-env@7', '@babel/preset-typescript@7', '@babel/plugin-transform-runtime@7', '@babel/runtime-corejs3@7', 'core-js@3',
    'webpack@5', 'webpack-cli@5', 'babel-loader@9', 'rollup@4', '@rollup/plugin-babel@6', '@rollup/plugin-node-resolve@15', 'esbuild@0', 'vite@7',
    'jest@29', 'babel-jest@29', 'typescript@5', '@types/babel__core', '@arethetypeswrong/cli@0',
  ], { appDirs: ['.', 'modern'] });
  project7 = babel7.dir;
  modern = path.join(project7, 'modern');
  for (const file of ['dep.js', 'loader.js', 'loader.spec.js', 'factory-scope.spec.js']) {
    fs.copyFileSync(path.join(__dirname, 'support', 'jest-project', file), path.join(project7, 'jest-app', file));
  }
  const babel8 = npmProject('babel8', ['recipes8'], ['@babel/core@8', '@babel/preset-env@8', '@babel/preset-typescript@8', 'babel-plugin-polyfill-corejs3', 'core-js@3', 'esbuild@0', 'typescript@5'], { flags: ['--strict-peer-deps'] });
  project8 = babel8.dir;
  const w4 = npmProject('webpack4', ['recipes-webpack4'], ['@babel/core@7', '@babel/preset-env@7', 'core-js@3', 'webpack@4', 'webpack-cli@3', 'babel-loader@8']);
  webpack4 = w4.dir;
  fs.copyFileSync(path.join(supportDir, 'recipes7', 'babel.config.js'), path.join(webpack4, 'babel.config.js'));

  // strict pnpm: the project declares the plugin, the runtime, @babel/core and the bundler, nothing else
  strictPnpm = projectFiles('pnpm', ['recipes-pnpm']);
  fs.copyFileSync(path.join(supportDir, 'recipes7', 'modern', 'esbuild.mjs'), path.join(strictPnpm, 'esbuild.mjs'));
  fs.writeFileSync(path.join(strictPnpm, 'package.json'), JSON.stringify({
    name: 'user-pnpm',
    version: '1.0.0',
    private: true,
    dependencies: { 'async-state-machine-runtime': `file:${tarballs.runtime}` },
    devDependencies: { '@babel/core': '^7.29.0', '@babel/preset-typescript': '^7.29.0', 'babel-plugin-async-state-machine': `file:${tarballs.plugin}`, esbuild: '^0.28.0' },
    pnpm: { onlyBuiltDependencies: ['esbuild'] },
  }, null, 2));
  const pnpmInstalled = shAsync(process.execPath, [pnpmBin, 'install', '--prefer-offline', '--reporter=silent'], strictPnpm);

  cliProject = path.join(work, 'cli');
  fs.mkdirSync(cliProject);
  fs.writeFileSync(path.join(cliProject, 'package.json'), '{ "name": "cli-user", "private": true }');
  const cliInstalled = shAsync('npm', ['install', ...INSTALL_FLAGS, tarballs.cli], cliProject);

  await Promise.all([babel7.installed, babel8.installed, w4.installed, pnpmInstalled, cliInstalled]);
});

afterAll(() => {
  if (sizes.length) process.stdout.write(`bundle sizes (bytes, minified / gzip):\n${sizes.join('\n')}\n`);
  if (timings.length) process.stdout.write(`packed test steps:\n${timings.join('\n')}\n`);
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

/** Moves a build's output out of the project's dist (the next build may empty it). */
function keep(file: string, name: string): string {
  const kept = path.join(bundles, name);
  fs.copyFileSync(file, kept);
  return kept;
}

/**
 * The twin (preset-env + regenerator) is measured, and run in `host` only to say whether its log
 * equals native: regenerator's promise chains take other ticks than native async functions do.
 */
function recordSize(what: string, ours: string, regenerator: string | null, host = 'node'): void {
  const size = (file: string) => `${fs.statSync(file).size} / ${gzipSync(fs.readFileSync(file)).length}`;
  let twinNote = '';
  if (regenerator) {
    expect(countAsyncSyntax(fs.readFileSync(regenerator, 'utf8'))).toEqual({ asyncFunctions: 0, awaits: 0 });
    const run = runIn(host, fs.readFileSync(regenerator, 'utf8'));
    const verdict = !run.ok ? `fails in ${host}` : run.log.join('\n') === native.join('\n') ? `log = native in ${host}` : `log differs from native in ${host}`;
    twinNote = `  (preset-env + regenerator: ${size(regenerator)}; ${verdict})`;
  }
  sizes.push(`${what}: ${size(ours)}${twinNote}`);
}

/** The project's babel.config.js replaced by `configFile` for one build (babel-loader reads the root config). */
function withBabelConfig<T>(project: string, configFile: string, build: () => T): T {
  const target = path.join(project, 'babel.config.js');
  const original = fs.readFileSync(target);
  fs.copyFileSync(configFile, target);
  try {
    return build();
  } finally {
    fs.writeFileSync(target, original);
  }
}

function webpack(project: string, name: string, env: NodeJS.ProcessEnv = process.env): string {
  sh(path.join(project, 'node_modules', '.bin', 'webpack'), ['--config', 'webpack.config.js'], project, { env });
  return keep(path.join(project, 'dist', 'bundle.js'), name);
}

const twin = (name: string) => path.join(supportDir, 'twins', name);
const bin = (name: string) => path.join(project7, 'node_modules', '.bin', name);

describe('Babel 7 project from the packed tarballs', () => {
  test('webpack 5 + preset-env (IE 11, useBuiltIns: "usage"): ES5 bundle runs in duktape, Chromium and Node', () => {
    const ours = webpack(project7, 'webpack5-usage.js');
    const regenerator = withBabelConfig(project7, twin('babel.regenerator.config.js'), () => webpack(project7, 'webpack5-usage-regenerator.js'));
    expect(fs.readFileSync(ours, 'utf8')).not.toMatch(/regeneratorRuntime|_regenerator|asyncToGenerator/);
    // (mujs: core-js's Symbol polyfill fails there with preset-env + regenerator as well)
    expectRuns(ours, ['duk', 'chromium', 'node']);
    recordSize('webpack 5, preset-env usage polyfills (ES5)', ours, regenerator, 'duk');
  });

  test('webpack 5 + transform-runtime { corejs: 3 }: core-js-pure Promise, no global polyfill, runs in duktape and mujs', () => {
    const ours = withBabelConfig(project7, path.join(project7, 'babel.runtime-corejs.config.js'), () => webpack(project7, 'webpack5-pure.js'));
    const regenerator = withBabelConfig(project7, twin('babel.pure-regenerator.config.js'), () => webpack(project7, 'webpack5-pure-regenerator.js'));
    expectRuns(ours, ['duk', 'mujs', 'node']);
    recordSize('webpack 5, transform-runtime corejs 3 (ES5)', ours, regenerator, 'duk');
  });

  test('rollup + @rollup/plugin-babel + node-resolve, without @rollup/plugin-commonjs: runs in Chromium and Node', () => {
    sh(bin('rollup'), ['-c', 'rollup.config.mjs'], modern);
    const ours = keep(path.join(modern, 'dist', 'bundle.js'), 'rollup.js');
    fs.copyFileSync(twin('rollup.regenerator.config.mjs'), path.join(modern, 'rollup.regenerator.config.mjs'));
    sh(bin('rollup'), ['-c', 'rollup.regenerator.config.mjs'], modern);
    const regenerator = keep(path.join(modern, 'dist', 'bundle.js'), 'rollup-regenerator.js');
    expectRuns(ours, ['chromium', 'node']);
    recordSize('rollup (plugin only, modern output)', ours, regenerator);
  });

  test('esbuild with a Babel onLoad plugin: runs in Chromium and Node', () => {
    sh('node', ['esbuild.mjs'], modern);
    const ours = keep(path.join(modern, 'dist', 'bundle.js'), 'esbuild.js');
    fs.copyFileSync(twin('esbuild.regenerator.mjs'), path.join(modern, 'esbuild.regenerator.mjs'));
    sh('node', ['esbuild.regenerator.mjs'], modern);
    const regenerator = keep(path.join(modern, 'dist', 'bundle.js'), 'esbuild-regenerator.js');
    expectRuns(ours, ['chromium', 'node']);
    recordSize('esbuild (plugin only, modern output)', ours, regenerator);
  });

  test('Vite (vite build, @rollup/plugin-babel in build.rollupOptions): runs in Chromium and Node', () => {
    sh(bin('vite'), ['build', '--logLevel', 'warn'], modern);
    const ours = keep(path.join(modern, 'dist', 'bundle.js'), 'vite.js');
    expect(countAsyncSyntax(fs.readFileSync(ours, 'utf8'))).toEqual({ asyncFunctions: 0, awaits: 0 });
    fs.copyFileSync(twin('vite.regenerator.config.mjs'), path.join(modern, 'vite.regenerator.config.mjs'));
    sh(bin('vite'), ['build', '--logLevel', 'warn', '--config', 'vite.regenerator.config.mjs'], modern);
    const regenerator = keep(path.join(modern, 'dist', 'bundle.js'), 'vite-regenerator.js');
    expectRuns(ours, ['chromium', 'node']);
    recordSize('Vite (plugin only, modern output)', ours, regenerator);
  });

  test('TypeScript ES modules through preset-typescript (esbuild recipe): the runtime import survives, runs like native', () => {
    sh('node', ['esbuild.mjs', 'src-ts/main.ts', 'dist/typescript.js'], modern);
    expectRuns(keep(path.join(modern, 'dist', 'typescript.js'), 'typescript.js'), ['node']);
  });

  test('Jest (jest + babel-jest from the registry): jest.mock factories with async functions pass as they do natively', () => {
    const jestApp = path.join(project7, 'jest-app');
    const jestBin = path.join(project7, 'node_modules', 'jest', 'bin', 'jest.js');
    const run = (name: string, extra: string[]) => {
      const outputFile = path.join(work, `jest-${name}.json`);
      sh(process.execPath, [jestBin, '--ci', '--runInBand', '--cacheDirectory', path.join(work, `jest-cache-${name}`), '--json', '--outputFile', outputFile, ...extra], jestApp);
      const report = JSON.parse(fs.readFileSync(outputFile, 'utf8')) as { success: boolean; testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[] };
      expect(report.success).toBe(true);
      return report.testResults.flatMap((file) => file.assertionResults.map((result) => `${path.basename(file.name)} > ${result.fullName}: ${result.status}`)).sort();
    };
    const nativeConfig = { rootDir: jestApp, transform: { '\\.js$': ['babel-jest', { configFile: path.join(jestApp, 'native.babel.config.js') }] } };
    const nativeSummary = run('native', ['--config', JSON.stringify(nativeConfig)]);
    const rewritten = run('plugin', []);
    expect(nativeSummary.length).toBeGreaterThanOrEqual(4);
    expect(rewritten).toEqual(nativeSummary);
    // (the project's own config really lowers every async function of the spec files)
    const script = "const babel = require('@babel/core'); process.stdout.write(babel.transformFileSync('loader.spec.js', { caller: { name: 'babel-jest', supportsStaticESM: false } }).code);";
    expect(countAsyncSyntax(sh(process.execPath, ['-e', script], jestApp))).toEqual({ asyncFunctions: 0, awaits: 0 });
  });

  test('publishing a library: its rewritten files need only async-state-machine-runtime at run time', () => {
    const libDir = path.join(project7, 'lib-out');
    fs.mkdirSync(libDir, { recursive: true });
    const script = `const babel = require('@babel/core'); const fs = require('fs');
      for (const name of ['main.js', 'steps.js']) fs.writeFileSync('lib-out/' + name, babel.transformFileSync('src/' + name, { configFile: './library.babel.config.json' }).code);`;
    sh('node', ['-e', script], project7);
    const consumer = path.join(work, 'consumer');
    fs.mkdirSync(path.join(consumer, 'node_modules'), { recursive: true });
    copy(libDir, path.join(consumer, 'lib'));
    fs.writeFileSync(path.join(consumer, 'package.json'), '{ "type": "module" }\n');
    copy(path.join(project7, 'node_modules', 'async-state-machine-runtime'), path.join(consumer, 'node_modules', 'async-state-machine-runtime'));
    expect(fs.readFileSync(path.join(consumer, 'lib', 'main.js'), 'utf8')).toMatch(/from "async-state-machine-runtime"/);
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', "globalThis.report = (...parts) => console.log(parts.join(' ')); await import('./lib/main.js');"], { cwd: consumer, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toEqual(native);
  });

  test('types: a typed config compiles under module commonjs and nodenext against @types/babel__core; attw finds no problem', async () => {
    await Promise.all([
      shAsync(bin('tsc'), ['--noEmit', '--strict', '--module', 'commonjs', '--moduleResolution', 'node10', '--target', 'es2020', 'types-check.ts'], project7, 'babel7: tsc commonjs'),
      shAsync(bin('tsc'), ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2020', 'types-check.mts'], project7, 'babel7: tsc nodenext'),
      ...(['plugin', 'runtime'] as const).map((key) => shAsync(bin('attw'), ['--profile', 'node16', tarballs[key]], project7, `attw ${key}`)),
    ]);
  });

  test('the CLI tarball: async-desugar runs with its own dependencies', () => {
    const out = sh(path.join(cliProject, 'node_modules', '.bin', 'async-desugar'), [path.join(supportDir, 'app', 'src', 'steps.js')], cliProject);
    expect(out).toContain('_asyncMachine');
  });
});

describe('package hygiene (what the tarballs hold)', () => {
  const listing = (key: string) => sh('tar', ['-tzf', tarballs[key]], work).trim().split('\n').map((line) => line.replace(/^package\//, ''));
  const manifest = (key: string) => JSON.parse(sh('tar', ['-xzOf', tarballs[key], 'package/package.json'], work)) as Record<string, Record<string, string> | undefined>;
  const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

  test('the plugin: a LICENSE, its types, no test-only or CLI code, no dependencies, no install-time scripts, engines that hold here', () => {
    const files = listing('plugin');
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'lib/index.js', 'types/index.d.ts']));
    expect(files.filter((file) => /^lib\/(testing|cli|trace)\//.test(file) || file.startsWith('src/'))).toEqual([]);
    const pkg = manifest('plugin');
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(Object.keys(pkg.scripts ?? {}).filter((name) => INSTALL_SCRIPTS.includes(name))).toEqual([]);
    const minimum = /^>=(\d+)\.(\d+)$/.exec(pkg.engines?.node ?? '');
    expect(minimum).not.toBeNull();
    const [major, minor] = process.versions.node.split('.').map(Number);
    expect(major > Number(minimum![1]) || (major === Number(minimum![1]) && minor >= Number(minimum![2]))).toBe(true);
  });

  test('the runtime: a LICENSE, no dependencies, CJS and ESM entries with types, root-level files for resolvers that ignore `exports`', () => {
    expect(listing('runtime')).toEqual(expect.arrayContaining(['LICENSE', 'index.js', 'index.mjs', 'index.d.ts', 'factory.js', 'factory.mjs', 'factory.d.ts']));
    const pkg = manifest('runtime');
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(Object.keys(pkg.scripts ?? {}).filter((name) => INSTALL_SCRIPTS.includes(name))).toEqual([]);
  });

  test('the CLI: a package of its own, with a LICENSE; its dependencies are not the plugin\'s', () => {
    expect(listing('cli')).toEqual(expect.arrayContaining(['LICENSE', 'bin/async-desugar.js']));
    expect(Object.keys(manifest('cli').dependencies ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys(manifest('plugin').dependencies ?? {})).toEqual([]);
  });
});

describe('webpack 4 project from the packed tarballs (it ignores `exports`)', () => {
  test('babel-loader 8 + preset-env usage polyfills: the runtime resolves through its root-level files; the ES5 bundle runs in duktape, Chromium and Node', () => {
    // (webpack 4 hashes with md4, which Node 17+ has only in OpenSSL's legacy provider)
    const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --openssl-legacy-provider`.trim() };
    const ours = webpack(webpack4, 'webpack4-usage.js', env);
    const regenerator = withBabelConfig(webpack4, twin('babel.regenerator.config.js'), () => webpack(webpack4, 'webpack4-usage-regenerator.js', env));
    expect(JSON.parse(fs.readFileSync(path.join(webpack4, 'node_modules', 'webpack', 'package.json'), 'utf8')).version).toMatch(/^4\./);
    expect(fs.readFileSync(ours, 'utf8')).not.toMatch(/regeneratorRuntime|_regenerator|asyncToGenerator/);
    expectRuns(ours, ['duk', 'chromium', 'node']);
    recordSize('webpack 4, preset-env usage polyfills (ES5)', ours, regenerator, 'duk');
  });
});

describe('strict pnpm project from the packed tarballs (hoist=false)', () => {
  test('nothing undeclared is reachable: no hoisted @babel/types, no .pnpm/node_modules', () => {
    expect(fs.existsSync(path.join(strictPnpm, 'node_modules', '@babel', 'types'))).toBe(false);
    expect(fs.existsSync(path.join(strictPnpm, 'node_modules', '.pnpm', 'node_modules'))).toBe(false);
    expect(fs.existsSync(path.join(strictPnpm, 'node_modules', 'babel-plugin-async-state-machine', 'lib', 'index.js'))).toBe(true);
  });

  test('the esbuild recipe builds JavaScript and TypeScript, and both run like native', () => {
    sh('node', ['esbuild.mjs', 'src/main.js', 'dist/pnpm.js'], strictPnpm);
    sh('node', ['esbuild.mjs', 'src-ts/main.ts', 'dist/pnpm-ts.js'], strictPnpm);
    expectRuns(path.join(strictPnpm, 'dist', 'pnpm.js'), ['node']);
    expectRuns(path.join(strictPnpm, 'dist', 'pnpm-ts.js'), ['node']);
  });
});

describe('Babel 8 project from the packed tarballs (npm install --strict-peer-deps)', () => {
  test('no Babel 7 package is installed and npm ls --all is clean', () => {
    sh('npm', ['ls', '--all'], project8);
    const tree = sh('npm', ['ls', '--all', '--json'], project8);
    expect(tree).not.toMatch(/"version": "7\.\d+\.\d+"[^}]*"resolved": "[^"]*@babel/);
    expect(JSON.parse(fs.readFileSync(path.join(project8, 'node_modules', '@babel', 'core', 'package.json'), 'utf8')).version).toMatch(/^8\./);
  });

  test('babel-plugin-polyfill-corejs3 (usage-global) + preset-env: the ES5 bundle runs in duktape, Chromium and Node', () => {
    sh('node', ['build.mjs', 'src', 'out-es5', 'main.js', 'dist/babel8-es5.js', 'es5'], project8);
    expect(fs.readFileSync(path.join(project8, 'out-es5', 'main.js'), 'utf8')).toMatch(/core-js\/modules\/es\.promise/);
    // (mujs: core-js's global Symbol polyfill fails there, whatever lowers the async functions)
    expectRuns(path.join(project8, 'dist', 'babel8-es5.js'), ['duk', 'chromium', 'node']);
  });

  test('TypeScript ES modules through Babel 8 preset-typescript run like native in Chromium and Node', () => {
    sh('node', ['build.mjs', 'src-ts', 'out-ts', 'main.js', 'dist/babel8-ts.js', 'typescript'], project8);
    expect(fs.readFileSync(path.join(project8, 'out-ts', 'main.js'), 'utf8')).toMatch(/from "async-state-machine-runtime"/);
    expectRuns(path.join(project8, 'dist', 'babel8-ts.js'), ['chromium', 'node']);
  });

  test('types: the typed config compiles against Babel 8 own types (commonjs and nodenext)', async () => {
    // (esModuleInterop: Babel 8's own declarations default-import gensync)
    const tsc = path.join(project8, 'node_modules', '.bin', 'tsc');
    await Promise.all([
      shAsync(tsc, ['--noEmit', '--strict', '--esModuleInterop', '--module', 'commonjs', '--moduleResolution', 'node10', '--target', 'es2020', 'types-check.ts'], project8, 'babel8: tsc commonjs'),
      shAsync(tsc, ['--noEmit', '--strict', '--esModuleInterop', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2020', 'types-check.mts'], project8, 'babel8: tsc nodenext'),
    ]);
  });
});
