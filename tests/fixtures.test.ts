/*
 * fixtures.test: for every fixtures/<area>/<case>/input.js, rewrites it with transformSource,
 * compares the result with the reviewed output.js, then runs the native input and the rewritten
 * output in fresh child processes and requires identical event logs (microtask ticks included).
 * Must never: hand-type an expected log, or run native and rewritten code in different conditions.
 *
 * Usage:  npx jest tests/fixtures.test.ts                  check every fixture
 *         npx jest tests/fixtures.test.ts -t 'ticks/'      check one area (or one case by name)
 *         UPDATE_FIXTURES=1 npx jest tests/fixtures.test.ts   (re)write output.js files
 * A missing output.js is written on the first run; the run comparison still happens.
 * options.json (fixtures/, then the area, then the case) holds plugin options, plus
 * "throws": "text" for constructs the transform must reject with a code-framed Babel error.
 */
import * as fs from 'fs';
import { stripVTControlCharacters } from 'util';
import { createTwoFilesPatch } from 'diff';
import { transformSource } from '../src/transform';
import { compareLogs, formatEvent, runProgram, type ProgramRun } from '../src/trace/runProgram';
import { discoverFixtures, isEsModule, mapWithConcurrency, toCommonJs, type FixtureCase } from './support/fixtureCorpus';

const CHILD_PROCESSES_AT_ONCE = 4;
const MINIMUM_NATIVE_EVENTS = 3;
const updateOutputs = process.env.UPDATE_FIXTURES === '1';

/** Everything a case needs for its assertions, computed ahead in the process pool. */
interface CaseOutcome {
  transformed?: string;
  transformError?: unknown;
  /** the conversion to CommonJS or the child process launch failed */
  setupError?: unknown;
  native?: ProgramRun;
  rewritten?: ProgramRun;
}

const fixtures = discoverFixtures();

// One limiter for all child processes: each native or rewritten run takes one slot.
const runSlots = { free: CHILD_PROCESSES_AT_ONCE, waiting: [] as Array<() => void> };
async function runInPool(code: string, filename: string): Promise<ProgramRun> {
  if (runSlots.free > 0) runSlots.free--;
  else await new Promise<void>((resolve) => runSlots.waiting.push(resolve));
  try {
    return await runProgram(code, { filename, timeoutMs: 20000 });
  } finally {
    const next = runSlots.waiting.shift();
    if (next) next();
    else runSlots.free++;
  }
}

async function computeOutcome(fixture: FixtureCase): Promise<CaseOutcome> {
  const outcome: CaseOutcome = {};
  try {
    outcome.transformed = transformSource(fixture.input, {
      ...fixture.options.pluginOptions,
      filename: fixture.relativeInputPath,
    }).code;
  } catch (error) {
    outcome.transformError = error;
    return outcome;
  }
  if (fixture.options.throws !== undefined) return outcome;
  try {
    let nativeProgram = fixture.input;
    let rewrittenProgram = outcome.transformed;
    if (isEsModule(fixture.input)) {
      nativeProgram = toCommonJs(nativeProgram, fixture.relativeInputPath);
      rewrittenProgram = toCommonJs(rewrittenProgram, fixture.relativeInputPath);
    }
    const outputName = fixture.relativeInputPath.replace(/input\.js$/, 'output.js');
    [outcome.native, outcome.rewritten] = await Promise.all([
      runInPool(nativeProgram, fixture.relativeInputPath),
      runInPool(rewrittenProgram, outputName),
    ]);
  } catch (error) {
    outcome.setupError = error;
  }
  return outcome;
}

// Outcomes are started when a test asks for its own, together with the next few cases, so that the
// pool works ahead of the tests in order, while a run filtered with -t computes little it does not need.
const CASES_STARTED_AHEAD = 6;
const outcomes = new Map<string, Promise<CaseOutcome>>();
function outcomeOf(fixture: FixtureCase): Promise<CaseOutcome> {
  const index = fixtures.indexOf(fixture);
  const toStart = fixtures.slice(index, index + 1 + CASES_STARTED_AHEAD).filter((f) => !outcomes.has(f.name));
  const started = mapWithConcurrency(toStart, CHILD_PROCESSES_AT_ONCE, computeOutcome);
  toStart.forEach((f, k) => outcomes.set(f.name, started[k]));
  return outcomes.get(fixture.name)!; // set just above, or by an earlier test
}

/** The error's text without terminal colours: Babel colours its code frames whenever the environment supports colour (CI sets FORCE_COLOR). */
function errorText(error: unknown): string {
  return stripVTControlCharacters(error instanceof Error ? error.message : String(error));
}

const codeFrameLine = /^\s*>\s*\d+\s*\|/m;

function checkExpectedFailure(fixture: FixtureCase, outcome: CaseOutcome): string[] {
  const expected = fixture.options.throws!; // only called for "throws" fixtures
  if (outcome.transformError === undefined) {
    return [`expected the transform to fail with "${expected}", but it produced:\n${outcome.transformed}`];
  }
  const problems: string[] = [];
  const error = outcome.transformError;
  const message = errorText(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('BABEL_')) {
    problems.push(`expected a Babel error (code BABEL_*), got code ${String(code)}: ${message}`);
  }
  if (!message.includes(expected)) problems.push(`expected the error to contain "${expected}", got:\n${message}`);
  if (!codeFrameLine.test(message)) problems.push(`expected a code frame in the error, got:\n${message}`);
  if (fs.existsSync(fixture.outputPath)) problems.push(`a failing fixture must not have an output.js: ${fixture.outputPath}`);
  return problems;
}

function checkOutputFile(fixture: FixtureCase, transformed: string): string[] {
  const actual = transformed.trimEnd() + '\n';
  if (updateOutputs || !fs.existsSync(fixture.outputPath)) {
    fs.writeFileSync(fixture.outputPath, actual);
    return [];
  }
  const expected = fs.readFileSync(fixture.outputPath, 'utf8');
  if (expected === actual) return [];
  const patch = createTwoFilesPatch('output.js (reviewed)', 'output.js (now)', expected, actual, '', '', { context: 2 });
  return [`the rewrite differs from output.js (UPDATE_FIXTURES=1 to accept):\n${patch}`];
}

function checkRuns(outcome: CaseOutcome): string[] {
  if (outcome.setupError !== undefined) return [`could not run the fixture: ${errorText(outcome.setupError)}`];
  const native = outcome.native!; // set whenever setupError is not
  const rewritten = outcome.rewritten!;
  const problems: string[] = [];
  if (!native.failure && native.events.length < MINIMUM_NATIVE_EVENTS) {
    problems.push(
      `trivial fixture: the native run logs ${native.events.length} events (at least ${MINIMUM_NATIVE_EVENTS} needed):\n` +
        native.events.map(formatEvent).join('\n'),
    );
  }
  const difference = compareLogs(native, rewritten);
  if (difference !== null) {
    const stderr = rewritten.stderr.trim() ? `\n--- rewritten stderr\n${rewritten.stderr.trim().slice(0, 2000)}` : '';
    problems.push(`${difference}${stderr}`);
  }
  return problems;
}

describe('fixtures', () => {
  // Cases started ahead (see outcomeOf) must finish before Jest tears the environment down.
  afterAll(async () => {
    await Promise.all(outcomes.values());
  });

  test('the corpus is not empty', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  test.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', async (_name, fixture) => {
    const outcome = await outcomeOf(fixture);
    let problems: string[];
    if (fixture.options.throws !== undefined) {
      problems = checkExpectedFailure(fixture, outcome);
    } else if (outcome.transformError !== undefined) {
      // A Babel error's message already holds the code frame; anything else is a crash: show its stack.
      const error = outcome.transformError;
      const code = (error as { code?: unknown } | null)?.code;
      const isBabelError = typeof code === 'string' && code.startsWith('BABEL_');
      const details = error instanceof Error && !isBabelError && error.stack ? error.stack : errorText(error);
      problems = [`the transform failed: ${details}`];
    } else {
      problems = [...checkRuns(outcome), ...checkOutputFile(fixture, outcome.transformed!)];
    }
    if (problems.length > 0) throw new Error(`${fixture.relativeInputPath}\n${problems.join('\n\n')}`);
  });
});
