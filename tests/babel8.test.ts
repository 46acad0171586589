/*
 * babel8.test: the compiled plugin under Babel 8. A plain Node child process (Jest on Node 20
 * cannot load the ESM-only @babel/core 8) transforms every fixture with Babel 8; each output
 * must be identical to Babel 7's (transformSource, same compiled plugin, same options), fixtures
 * marked "throws" must fail under Babel 8 too, and a sample of Babel 8 outputs must run exactly
 * like the native input.
 * Must never: normalise the two outputs before comparing them, or hand-type an expected log.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stripVTControlCharacters } from 'util';
import { createTwoFilesPatch } from 'diff';
import { compareLogs, formatEvent, runProgram, type ProgramRun } from '../src/trace/runProgram';
import { discoverFixtures, isEsModule, mapWithConcurrency, toCommonJs, repoRoot, type FixtureCase } from './support/fixtureCorpus';
import { assertBuiltPluginIsFresh, builtPluginPath, builtTransformPath } from './support/pipeline/builtPlugin';

const childScript = path.join(__dirname, 'support', 'pipeline', 'babel8-transform.cjs');
const SAMPLE_SIZE = 24;
const CHILD_PROCESSES_AT_ONCE = 4;
const MINIMUM_NATIVE_EVENTS = 3;

interface Babel8Result {
  name: string;
  code?: string;
  error?: { message: string; code: string | null };
}

interface Babel8Run {
  babelVersion: string;
  results: Babel8Result[];
}

const fixtures = discoverFixtures();

/** The Babel 7 side: transformSource from lib/, so that both Babels run the same compiled plugin. */
type TransformSource = typeof import('../src/transform').transformSource;
function babel7Transform(): TransformSource {
  // require() on purpose: lib/transform.js is the compiled twin of ../src/transform.
  return (require(builtTransformPath) as { transformSource: TransformSource }).transformSource;
}

let babel8: Babel8Run | null = null;
let babel8Failure = '';
const babel8ByName = new Map<string, Babel8Result>();

beforeAll(() => {
  assertBuiltPluginIsFresh();
  const request = {
    pluginPath: builtPluginPath,
    cases: fixtures.map((fixture) => ({
      name: fixture.name,
      code: fixture.input,
      filename: fixture.relativeInputPath,
      pluginOptions: fixture.options.pluginOptions,
    })),
  };
  // the request goes through a file: a large piped stdin can make the child's read fail (EAGAIN)
  const requestDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asm-babel8-'));
  const requestFile = path.join(requestDir, 'request.json');
  fs.writeFileSync(requestFile, JSON.stringify(request));
  const child = spawnSync(process.execPath, [childScript, requestFile], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60000,
    maxBuffer: 256 * 1024 * 1024,
  });
  fs.rmSync(requestDir, { recursive: true, force: true });
  try {
    babel8 = JSON.parse(child.stdout) as Babel8Run;
    for (const result of babel8.results) babel8ByName.set(result.name, result);
  } catch {
    babel8Failure = `the Babel 8 child process failed (status ${child.status}, ${child.error?.message ?? 'no spawn error'}):\n${child.stderr.slice(0, 4000)}`;
  }
});

function babel8Result(fixture: FixtureCase): Babel8Result {
  if (!babel8) throw new Error(babel8Failure);
  const result = babel8ByName.get(fixture.name);
  if (!result) throw new Error(`the Babel 8 child returned nothing for ${fixture.name}`);
  return result;
}

function firstLines(text: string, count: number): string {
  return text.split('\n').slice(0, count).join('\n');
}

describe('Babel 8', () => {
  test('the child process loads @babel/core 8 and answers for every fixture', () => {
    if (!babel8) throw new Error(babel8Failure);
    expect(babel8.babelVersion).toMatch(/^8\./);
    expect(babel8.results.map((result) => result.name)).toEqual(fixtures.map((fixture) => fixture.name));
  });

  test.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s: same output as Babel 7', (_name, fixture) => {
    const result = babel8Result(fixture);
    const expectedFailure = fixture.options.throws;
    if (expectedFailure !== undefined) {
      if (!result.error) throw new Error(`${fixture.relativeInputPath} must fail with "${expectedFailure}" under Babel 8 too, but it produced:\n${result.code}`);
      // The child inherits the environment: with FORCE_COLOR (as on CI) Babel colours the code frame.
      const message = stripVTControlCharacters(result.error.message);
      expect(message).toContain(expectedFailure);
      expect(result.error.code ?? '').toMatch(/^BABEL_/);
      expect(message).toMatch(/^\s*>\s*\d+\s*\|/m);
      return;
    }
    if (result.error) {
      throw new Error(`${fixture.relativeInputPath}: Babel 8 failed (${result.error.code}):\n${firstLines(result.error.message, 40)}`);
    }
    const babel7Code = babel7Transform()(fixture.input, { ...fixture.options.pluginOptions, filename: fixture.relativeInputPath }).code;
    if (result.code !== babel7Code) {
      const patch = createTwoFilesPatch('Babel 7', 'Babel 8', babel7Code, result.code ?? '', '', '', { context: 2 });
      throw new Error(`${fixture.relativeInputPath}: Babel 8 output differs from Babel 7:\n${patch}`);
    }
  });

  test(`a sample of ${SAMPLE_SIZE} Babel 8 outputs runs exactly like native`, async () => {
    const runnable = fixtures.filter((fixture) => fixture.options.throws === undefined);
    expect(runnable.length).toBeGreaterThanOrEqual(SAMPLE_SIZE);
    // Evenly spaced over the sorted corpus, so that every area is represented.
    const sample = Array.from({ length: SAMPLE_SIZE }, (_, k) => runnable[Math.floor((k * runnable.length) / SAMPLE_SIZE)]);
    const problems = await Promise.all(
      mapWithConcurrency(sample, CHILD_PROCESSES_AT_ONCE, async (fixture): Promise<string | null> => {
        const result = babel8Result(fixture);
        if (result.code === undefined) return `${fixture.name}: Babel 8 failed: ${firstLines(result.error?.message ?? '', 8)}`;
        let nativeProgram = fixture.input;
        let rewrittenProgram = result.code;
        if (isEsModule(fixture.input)) {
          nativeProgram = toCommonJs(nativeProgram, fixture.relativeInputPath);
          rewrittenProgram = toCommonJs(rewrittenProgram, fixture.relativeInputPath);
        }
        const native: ProgramRun = await runProgram(nativeProgram, { filename: fixture.relativeInputPath });
        const rewritten = await runProgram(rewrittenProgram, { filename: fixture.relativeInputPath.replace(/input\.js$/, 'output.babel8.js') });
        if (!native.failure && native.events.length < MINIMUM_NATIVE_EVENTS) {
          return `${fixture.name}: trivial native run:\n${native.events.map(formatEvent).join('\n')}`;
        }
        const difference = compareLogs(native, rewritten);
        return difference === null ? null : `${fixture.name}: ${difference}`;
      }),
    );
    const failures = problems.filter((problem): problem is string => problem !== null);
    if (failures.length > 0) throw new Error(`${failures.length} of ${SAMPLE_SIZE} Babel 8 outputs do not run like native:\n\n${failures.join('\n\n')}`);
  });
});
