/*
 * pipeline.test: the compiled plugin (lib/) inside real pipelines: the repository's
 * babel.config.js (with @babel/preset-env down to IE 11), TypeScript input through
 * @babel/preset-typescript, source maps, a rollup bundle of two modules that import each other,
 * and preset-env left with its own async transforms. Every output that can run is run in a
 * fresh process and its log compared with a native run of the same source.
 * Must never: compare with a hand-typed log, or give the native and rewritten runs different inputs.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as babel from '@babel/core';
import { rollup, type Plugin as RollupPlugin, type RollupLog } from 'rollup';
import { babel as rollupBabel } from '@rollup/plugin-babel';
import { TraceMap, originalPositionFor, type SourceMapInput } from '@jridgewell/trace-mapping';
import { compareLogs, formatEvent, runProgramSync, type ProgramRun } from '../src/trace/runProgram';
import { countAsyncSyntax, countRuntimeCopies, es5SyntaxError, repoRoot, RUNTIME_MODULE_ID, runtimeSourcePath } from './support/pipeline/outputChecks';
import { assertBuiltPluginIsFresh, builtPluginPath } from './support/pipeline/builtPlugin';
import { toCommonJs } from './support/fixtureCorpus';

const inputsDir = path.join(__dirname, 'support', 'pipeline', 'inputs');
const babelConfigPath = path.join(repoRoot, 'babel.config.js');
const MINIMUM_NATIVE_EVENTS = 3;

function readInput(name: string): { filename: string; code: string } {
  const filename = path.join(inputsDir, name);
  return { filename, code: fs.readFileSync(filename, 'utf8') };
}

function babelCode(result: babel.BabelFileResult | null, what: string): string {
  if (!result || result.code == null) throw new Error(`Babel returned no code for ${what}`);
  return result.code;
}

/** Runs both programs in fresh processes; throws with the first difference and the rewritten code. */
function expectSameRun(nativeCode: string, rewrittenCode: string, what: string): ProgramRun {
  const native = runProgramSync(nativeCode, { filename: `${what} (native)` });
  const rewritten = runProgramSync(rewrittenCode, { filename: `${what} (rewritten)` });
  const problems: string[] = [];
  if (!native.failure && native.events.length < MINIMUM_NATIVE_EVENTS) {
    problems.push(`the native run logs only ${native.events.length} events:\n${native.events.map(formatEvent).join('\n')}`);
  }
  const difference = compareLogs(native, rewritten);
  if (difference !== null) problems.push(difference + (rewritten.stderr.trim() ? `\n--- rewritten stderr\n${rewritten.stderr.trim().slice(0, 2000)}` : ''));
  if (problems.length > 0) throw new Error(`${what}\n${problems.join('\n\n')}\n--- rewritten code\n${rewrittenCode}`);
  return native;
}

function expectEs5(code: string, what: string): void {
  const problem = es5SyntaxError(code);
  if (problem !== null) throw new Error(`${what} is not ES5:\n${problem}\n--- code\n${code}`);
}

beforeAll(() => {
  assertBuiltPluginIsFresh();
});

describe('the repository babel.config.js (plugin + preset-env for IE 11)', () => {
  const modernInputs = ['classes-and-loops.js', 'closures-and-templates.js', 'errors-and-finally.js'];

  test.each(modernInputs)('%s: ES5 output that requires the runtime and runs like native', (name) => {
    const { filename, code } = readInput(name);
    const output = babelCode(babel.transformSync(code, { configFile: babelConfigPath, filename }), name);
    expectEs5(output, `${name} through babel.config.js`);
    expect(output).toContain(`require("${RUNTIME_MODULE_ID}")`);
    expect(output).not.toMatch(/regeneratorRuntime|_regenerator|_asyncToGenerator/);
    expect(countAsyncSyntax(output)).toEqual({ asyncFunctions: 0, awaits: 0 });
    expect(countRuntimeCopies(output)).toBe(0);
    expectSameRun(code, output, name);
  });
});

describe('TypeScript input through @babel/preset-typescript', () => {
  test('inventory.ts runs like its type-stripped native version', () => {
    const { filename, code } = readInput('inventory.ts');
    const common: babel.TransformOptions = {
      babelrc: false,
      configFile: false,
      filename,
      sourceType: 'unambiguous',
      presets: [require.resolve('@babel/preset-typescript')],
    };
    const stripped = babelCode(babel.transformSync(code, common), 'inventory.ts (types stripped)');
    const rewritten = babelCode(babel.transformSync(code, { ...common, plugins: [[builtPluginPath, { runtime: 'import' }]] }), 'inventory.ts');
    // The stripped version still has its async functions; the rewrite has none left.
    expect(countAsyncSyntax(stripped).asyncFunctions).toBeGreaterThanOrEqual(4);
    expect(countAsyncSyntax(rewritten)).toEqual({ asyncFunctions: 0, awaits: 0 });
    expect(rewritten).toContain(`require("${RUNTIME_MODULE_ID}")`);
    expectSameRun(stripped, rewritten, 'inventory.ts');
  });
});

describe('an ES module in TypeScript (@babel/preset-typescript removes imports it sees unused)', () => {
  test('the runtime import survives the preset, and the program runs like its type-stripped native version', () => {
    const { filename, code } = readInput('module-with-types.ts');
    const common: babel.TransformOptions = {
      babelrc: false,
      configFile: false,
      filename,
      sourceType: 'module',
      presets: [require.resolve('@babel/preset-typescript')],
    };
    const stripped = babelCode(babel.transformSync(code, common), 'module-with-types.ts (types stripped)');
    const rewritten = babelCode(babel.transformSync(code, { ...common, plugins: [[builtPluginPath, { runtime: 'import' }]] }), 'module-with-types.ts');
    expect(countAsyncSyntax(rewritten)).toEqual({ asyncFunctions: 0, awaits: 0 });
    expect(rewritten).toMatch(new RegExp(`^import _asyncMachine from "${RUNTIME_MODULE_ID}";$`, 'm'));
    expectSameRun(toCommonJs(stripped, filename), toCommonJs(rewritten, filename), 'module-with-types.ts');
  });
});

describe('source maps', () => {
  const { filename, code } = readInput('source-map.js');
  const inputLines = code.split('\n');

  /** Every `log("mark <name>"` in the output must map back to the input line that holds it. */
  function checkMarks(output: string, map: SourceMapInput, what: string): number {
    const traced = new TraceMap(map);
    const outputLines = output.split('\n');
    let checked = 0;
    const problems: string[] = [];
    outputLines.forEach((line, index) => {
      const match = /log\("mark ([a-z-]+)"/.exec(line);
      if (!match) return;
      const expectedLine = inputLines.findIndex((inputLine) => inputLine.includes(`log("mark ${match[1]}"`)) + 1;
      const original = originalPositionFor(traced, { line: index + 1, column: match.index });
      checked++;
      if (original.line !== expectedLine || original.source !== path.basename(filename)) {
        problems.push(`"mark ${match[1]}" at output line ${index + 1} maps to ${original.source}:${original.line}, expected ${path.basename(filename)}:${expectedLine}`);
      }
    });
    if (problems.length > 0) throw new Error(`${what}:\n${problems.join('\n')}\n--- output\n${output}`);
    return checked;
  }

  function checkMapShape(map: babel.BabelFileResult['map'], what: string): SourceMapInput {
    if (!map) throw new Error(`${what}: no source map`);
    expect(map.version).toBe(3);
    expect(map.sources).toEqual([path.basename(filename)]);
    expect(map.mappings.length).toBeGreaterThan(0);
    if (map.sourcesContent) expect(map.sourcesContent[0]).toBe(code);
    return map as SourceMapInput;
  }

  test('the plugin alone: marks map back to their original lines', () => {
    const result = babel.transformSync(code, {
      babelrc: false,
      configFile: false,
      filename,
      sourceType: 'unambiguous',
      sourceMaps: true,
      plugins: [[builtPluginPath, { runtime: 'import' }]],
    });
    const output = babelCode(result, 'source-map.js');
    const map = checkMapShape(result!.map, 'plugin alone');
    expect(checkMarks(output, map, 'plugin alone')).toBe(6);
  });

  test('through babel.config.js (preset-env to ES5): marks still map back, and the output runs like native', () => {
    const result = babel.transformSync(code, { configFile: babelConfigPath, filename, sourceMaps: true });
    const output = babelCode(result, 'source-map.js');
    const map = checkMapShape(result!.map, 'babel.config.js');
    expect(checkMarks(output, map, 'babel.config.js')).toBe(6);
    expectSameRun(code, output, 'source-map.js');
  });
});

describe('rollup with @rollup/plugin-babel', () => {
  const entry = path.join(inputsDir, 'bundle-a.js');
  const runtimeWrapperId = '\0async-state-machine-runtime';

  /** Serves the CommonJS runtime to rollup as an ES module whose default export is the driver
   * (it has every piece: the piece subpaths an ES module also imports are empty modules here). */
  const runtimeAsEsModule: RollupPlugin = {
    name: 'async-state-machine-runtime',
    resolveId(id) {
      if (id.startsWith(`${RUNTIME_MODULE_ID}/`)) return `${runtimeWrapperId}/piece`;
      return id === RUNTIME_MODULE_ID ? runtimeWrapperId : null;
    },
    load(id) {
      if (id === `${runtimeWrapperId}/piece`) return 'export {};\n';
      if (id !== runtimeWrapperId) return null;
      const source = fs.readFileSync(runtimeSourcePath, 'utf8');
      return `var module = { exports: {} };\n(function (module, exports) {\n${source}\n})(module, module.exports);\nexport default module.exports;\n`;
    },
  };

  /** The two modules import each other on purpose; any other warning is a failure. */
  function collectWarnings(warnings: string[]) {
    return (warning: RollupLog) => {
      if (warning.code !== 'CIRCULAR_DEPENDENCY') warnings.push(`${warning.code}: ${warning.message}`);
    };
  }

  async function bundle(plugins: RollupPlugin[]): Promise<string> {
    const warnings: string[] = [];
    const build = await rollup({ input: entry, plugins, onwarn: collectWarnings(warnings) });
    try {
      const { output } = await build.generate({ format: 'cjs' });
      expect(warnings).toEqual([]);
      expect(output).toHaveLength(1);
      return output[0].code;
    } finally {
      await build.close();
    }
  }

  function babelPlugin(runtime: 'import' | 'inline'): RollupPlugin {
    return rollupBabel({ babelHelpers: 'bundled', babelrc: false, configFile: false, plugins: [[builtPluginPath, { runtime }]] });
  }

  let nativeBundle = '';
  beforeAll(async () => {
    nativeBundle = await bundle([]);
    expect(countAsyncSyntax(nativeBundle).asyncFunctions).toBe(3);
  });

  test('runtime "import": the bundler resolves the runtime once, the bundle is ES5 and runs like native', async () => {
    const code = await bundle([runtimeAsEsModule, babelPlugin('import')]);
    expect(countAsyncSyntax(code)).toEqual({ asyncFunctions: 0, awaits: 0 });
    expect(code).not.toContain(RUNTIME_MODULE_ID);
    expect(countRuntimeCopies(code)).toBe(1);
    expectEs5(code, 'the rollup bundle');
    expectSameRun(nativeBundle, code, 'rollup bundle (runtime import)');
  });

  test('runtime "inline": one copy of the runtime per input file, and it runs like native', async () => {
    const code = await bundle([babelPlugin('inline')]);
    expect(countAsyncSyntax(code)).toEqual({ asyncFunctions: 0, awaits: 0 });
    expect(countRuntimeCopies(code)).toBe(2);
    expectSameRun(nativeBundle, code, 'rollup bundle (runtime inline)');
  });
});

describe('plugin ordering with an unrestricted @babel/preset-env', () => {
  test('our plugin lowers async functions before preset-env could (no regenerator, no asyncToGenerator)', () => {
    const { filename, code } = readInput('errors-and-finally.js');
    const output = babelCode(
      babel.transformSync(code, {
        babelrc: false,
        configFile: false,
        filename,
        sourceType: 'unambiguous',
        plugins: [[builtPluginPath, { runtime: 'import' }]],
        presets: [[require.resolve('@babel/preset-env'), { targets: { ie: '11' }, modules: 'commonjs' }]],
      }),
      'errors-and-finally.js',
    );
    expect(output).toContain('asyncMachine');
    expect(output).not.toMatch(/regeneratorRuntime|_regenerator|_asyncToGenerator/);
    expect(countAsyncSyntax(output)).toEqual({ asyncFunctions: 0, awaits: 0 });
    expectEs5(output, 'errors-and-finally.js through an unrestricted preset-env');
    expectSameRun(code, output, 'errors-and-finally.js (unrestricted preset-env)');
  });
});
