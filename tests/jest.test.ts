/*
 * jest.test: the plugin in a real Jest project's Babel config (tests/support/jest-project, run by
 * Jest in a child process): jest.mock factories whose mock implementations are async functions,
 * an async generator and for-await, in both runtime modes. babel-plugin-jest-hoist rejects a
 * factory that references an out-of-scope variable, so it must see the factory as written. The
 * same project with the plugin off (native async functions) is the oracle: every test must pass
 * there, and the rewritten runs must report exactly the same tests with the same results.
 * Must never: run the project in this Jest process, or accept a run that executed no test.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stripVTControlCharacters } from 'util';
import { assertBuiltPluginIsFresh } from './support/pipeline/builtPlugin';
import * as babel from '@babel/core';
import { countAsyncSyntax, repoRoot, runtimeSourcePath } from './support/pipeline/outputChecks';

const projectDir = path.join(__dirname, 'support', 'jest-project');
const jestBin = path.join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');

interface JestReport {
  success: boolean;
  numTotalTests: number;
  testResults: { name: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

function runProject(mode: 'off' | 'import' | 'inline'): { report: JestReport; summary: string[] } {
  const cacheDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'asm-jest-cache-'));
  const outputFile = path.join(cacheDirectory, 'report.json');
  try {
    const child = spawnSync(process.execPath, [jestBin, '--config', path.join(projectDir, 'jest.config.js'), '--cacheDirectory', cacheDirectory, '--json', '--outputFile', outputFile, '--runInBand'], {
      cwd: projectDir,
      encoding: 'utf8',
      timeout: 120000,
      env: { ...process.env, ASYNC_STATE_MACHINE: mode, ASYNC_STATE_MACHINE_RUNTIME: runtimeSourcePath },
    });
    if (!fs.existsSync(outputFile)) throw new Error(`jest (${mode}) wrote no report (status ${child.status}):\n${stripVTControlCharacters(child.stderr).slice(0, 4000)}`);
    const report = JSON.parse(fs.readFileSync(outputFile, 'utf8')) as JestReport;
    const summary = report.testResults
      .flatMap((file) => file.assertionResults.map((result) => `${path.basename(file.name)} > ${result.fullName}: ${result.status}`))
      .sort();
    if (!report.success) {
      const failures = report.testResults.flatMap((file) => file.assertionResults.flatMap((result) => result.failureMessages));
      const fileErrors = stripVTControlCharacters(child.stderr).slice(0, 4000);
      throw new Error(`jest (${mode}) failed:\n${summary.join('\n')}\n${failures.map(stripVTControlCharacters).join('\n').slice(0, 4000)}\n${fileErrors}`);
    }
    return { report, summary };
  } finally {
    fs.rmSync(cacheDirectory, { recursive: true, force: true });
  }
}

let native: { report: JestReport; summary: string[] };

beforeAll(() => {
  assertBuiltPluginIsFresh();
  native = runProject('off');
});

describe('a Jest project with the plugin in its Babel config', () => {
  test('natively (plugin off) every test of the project passes', () => {
    expect(native.report.numTotalTests).toBeGreaterThanOrEqual(4);
    expect(native.summary.every((line) => line.endsWith(': passed'))).toBe(true);
  });

  test.each(['import'] as const)('runtime "%s": jest.mock factories with async functions are accepted and the same tests pass', (mode) => {
    // (the project's own config with this mode really removes every async function)
    const previous = { mode: process.env.ASYNC_STATE_MACHINE, runtime: process.env.ASYNC_STATE_MACHINE_RUNTIME };
    process.env.ASYNC_STATE_MACHINE = mode;
    process.env.ASYNC_STATE_MACHINE_RUNTIME = runtimeSourcePath;
    try {
      const transformed = babel.transformFileSync(path.join(projectDir, 'loader.spec.js'), { cwd: projectDir, root: projectDir });
      expect(countAsyncSyntax(transformed?.code ?? 'async () => {}')).toEqual({ asyncFunctions: 0, awaits: 0 });
    } finally {
      for (const [key, value] of [['ASYNC_STATE_MACHINE', previous.mode], ['ASYNC_STATE_MACHINE_RUNTIME', previous.runtime]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    const rewritten = runProject(mode);
    expect(rewritten.summary).toEqual(native.summary);
  });

  test('runtime "inline": an async function created in a jest.mock factory of an ES module is refused with a code frame (the factory can run while the imports load, before the inline copy is set up); a CommonJS test file is rewritten', () => {
    // (explicit options: the project's babel.config.js is cached with the mode it was first loaded with)
    const transform = (file: string) => babel.transformFileSync(path.join(projectDir, file), {
      babelrc: false, configFile: false,
      plugins: [[path.join(repoRoot, 'lib', 'index.js'), { runtime: 'inline' }]],
      presets: [['@babel/preset-env', { targets: { node: 'current' } }]],
    });
    let message = '';
    try {
      transform('loader.spec.js');
    } catch (error) {
      message = stripVTControlCharacters(String((error as Error).message));
    }
    expect(message).toContain('an async function created in a jest.mock() factory needs runtime: "import"');
    // the code frame points at the async arrow of the factory
    expect(message).toMatch(/> +\d+ \|\s+load: async \(\) => 'mocked'/);
    // factory-scope.spec.js requires the mocked module from its body, after the inline copy
    expect(countAsyncSyntax(transform('factory-scope.spec.js')?.code ?? 'async () => {}')).toEqual({ asyncFunctions: 0, awaits: 0 });
  });
});
