/*
 * moduleFormat.test: how the runtime is brought in, and top-level await, by the kind of module
 * the file is and stays. A plain script under "type": "commonjs" gets `require` (Babel parses it
 * as a module by default, and an `import` fails in Node); top-level await in an ES module that no
 * plugin turns into CommonJS is passed through and runs as natively (real `node` ES module runs);
 * when modules-commonjs is in the pipeline, or Babel's caller says supportsTopLevelAwait: false
 * (the output runs as a script), it is refused with a code frame.
 * Must never: compare with a typed log: each rewritten run is compared with the native run.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stripVTControlCharacters } from 'util';
import * as babel from '@babel/core';
import { assertBuiltPluginIsFresh, builtPluginPath } from './support/pipeline/builtPlugin';
import { repoRoot } from './support/pipeline/outputChecks';

let dir = '';
beforeAll(() => {
  assertBuiltPluginIsFresh();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asm-module-format-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function transform(code: string, filename: string, plugins: babel.PluginItem[] = [], caller?: babel.TransformCaller): string {
  // Babel's defaults (sourceType "module"), as a user's config gets them.
  const result = babel.transformSync(code, {
    babelrc: false,
    configFile: false,
    filename,
    ...(caller ? { caller } : {}),
    plugins: [[builtPluginPath, { absoluteRuntime: repoRoot }], ...plugins],
  });
  return result?.code ?? '';
}

function runNode(file: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 20000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const SCRIPT = `async function step(name) {\n  console.log(name, 'start');\n  await null;\n  console.log(name, 'end');\n}\nstep('a');\nstep('b');\nconsole.log('sync');\n`;

const TOP_LEVEL = `console.log('module start');\nconst value = await Promise.resolve('top-level value');\nconsole.log('after top-level await', value);\nasync function later() {\n  await null;\n  console.log('later ran');\n}\nlater();\nfor await (const x of [1, Promise.resolve(2)]) console.log('for await', x);\nconsole.log('module end');\nexport {};\n`;

test('a plain script under "type": "commonjs" requires the runtime and runs like native', () => {
  const project = path.join(dir, 'cjs');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), '{ "type": "commonjs" }\n');
  const nativeFile = path.join(project, 'native.js');
  const rewrittenFile = path.join(project, 'script.js');
  fs.writeFileSync(nativeFile, SCRIPT);
  const output = transform(SCRIPT, rewrittenFile);
  expect(output).not.toMatch(/^import /m);
  expect(output).toMatch(/require\(/);
  fs.writeFileSync(rewrittenFile, output);
  const native = runNode(nativeFile);
  const rewritten = runNode(rewrittenFile);
  expect(native.stdout.split('\n').length).toBeGreaterThan(4);
  expect(rewritten).toEqual(native);
});

test('top-level await in an ES module that stays one is passed through and runs like native', () => {
  const nativeFile = path.join(dir, 'native.mjs');
  const rewrittenFile = path.join(dir, 'rewritten.mjs');
  fs.writeFileSync(nativeFile, TOP_LEVEL);
  const output = transform(TOP_LEVEL, rewrittenFile);
  expect(output).toContain("await Promise.resolve('top-level value')");
  expect(output).not.toMatch(/async function later/);
  fs.writeFileSync(rewrittenFile, output);
  const native = runNode(nativeFile);
  const rewritten = runNode(rewrittenFile);
  expect(native.stdout).toContain('module end');
  expect(rewritten).toEqual(native);
});

test.each([
  ['top-level await', TOP_LEVEL.replace(/for await.*\n/, '')],
  ['top-level `for await`', "for await (const x of [1, 2]) console.log(x);\nexport {};\n"],
])('%s with modules-commonjs in the pipeline: a clear error with a code frame', (what, code) => {
  let message = '';
  try {
    transform(code, path.join(dir, 'to-cjs.js'), ['@babel/plugin-transform-modules-commonjs']);
  } catch (error) {
    message = stripVTControlCharacters(error instanceof Error ? error.message : String(error));
  }
  expect(message).toContain(`${what} is not supported`);
  expect(message).toMatch(/^\s*>\s*\d+\s*\|/m);
});

test.each([
  ['top-level await', TOP_LEVEL.replace(/for await.*\n/, '')],
  ['top-level `for await`', "for await (const x of [1, 2]) console.log(x);\nexport {};\n"],
])('%s when Babel\'s caller says supportsTopLevelAwait: false: the same clear error', (what, code) => {
  let message = '';
  try {
    transform(code, path.join(dir, 'to-script.mjs'), [], { name: 'a-script-runner', supportsTopLevelAwait: false });
  } catch (error) {
    message = stripVTControlCharacters(error instanceof Error ? error.message : String(error));
  }
  expect(message).toContain(`${what} is not supported`);
  expect(message).toMatch(/^\s*>\s*\d+\s*\|/m);
});

test('a caller that supports top-level await (or says nothing of it) leaves it in the ES module', () => {
  for (const caller of [{ name: 'a-bundler', supportsTopLevelAwait: true }, { name: 'a-tool' }]) {
    const output = transform(TOP_LEVEL, path.join(dir, 'kept.mjs'), [], caller);
    expect(output).toContain("await Promise.resolve('top-level value')");
    expect(output).not.toMatch(/async function later/);
  }
});
