/*
 * badInputs.test: feeds the bad-input corpus (tests/support/bad-inputs/cases.ts, 200+ cases) to
 * the plugin and classifies every outcome automatically:
 *   correct output  the rewrite ran in a fresh vm context and logged exactly what the native
 *                   program (through the same presets) logged, at the same microtask ticks;
 *   clear error     a Babel error with a code frame: the parser's (Babel alone refuses the input
 *                   too) or this plugin's, naming the construct; or an option error naming the
 *                   option;
 *   failure         anything else: a crash, an error without a code frame, a divergence, a
 *                   native run that did not complete.
 * The test asserts 0 failures and prints the counts by class; each class must be non-empty.
 * Must never: take an expected outcome from the case, or accept an error by its type alone.
 */
import { stripVTControlCharacters } from 'util';
import { BAD_INPUTS, type BadInput } from './support/bad-inputs/cases';
import { compareWithNative, nativeCode } from './support/nativeCompare';

type Outcome = { kind: 'correct'; detail: string } | { kind: 'clear-error'; detail: string } | { kind: 'failure'; detail: string };

const PLUGIN = 'babel-plugin-async-state-machine: ';
const CODE_FRAME = /^\s*>\s*\d+\s*\|/m;

function messageOf(error: unknown): string {
  return stripVTControlCharacters(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}

function classifyError(input: BadInput, error: unknown): Outcome {
  const message = messageOf(error);
  const firstLine = message.split('\n')[0];
  if (message.includes(PLUGIN)) {
    const optionError = /option "\w+"|unknown option "|options must be an object/.test(message);
    if (optionError) return { kind: 'clear-error', detail: `option: ${firstLine}` };
    if (CODE_FRAME.test(message)) return { kind: 'clear-error', detail: `refused: ${firstLine}` };
    return { kind: 'failure', detail: `plugin error without a code frame: ${message}` };
  }
  // not ours: acceptable only if Babel alone (same presets, no plugin) refuses the input as well
  let babelAlone: unknown = null;
  try {
    nativeCode(input.code, input.options);
  } catch (nativeError) {
    babelAlone = nativeError;
  }
  if (babelAlone === null) return { kind: 'failure', detail: `the plugin failed where Babel alone succeeds: ${message}` };
  if (!CODE_FRAME.test(message)) return { kind: 'failure', detail: `error without a code frame: ${message}` };
  if (/Maximum call stack/.test(message)) return { kind: 'failure', detail: `stack overflow: ${firstLine}` };
  return { kind: 'clear-error', detail: `syntax: ${firstLine}` };
}

async function classify(input: BadInput): Promise<Outcome> {
  let comparison;
  try {
    comparison = await compareWithNative(input.code, input.options);
  } catch (error) {
    return { kind: 'failure', detail: `harness error: ${messageOf(error)}` };
  }
  switch (comparison.status) {
    case 'same':
      return { kind: 'correct', detail: `${comparison.native.events.length} events` };
    case 'transform-error':
      return classifyError(input, comparison.error);
    case 'native-failed':
      return { kind: 'failure', detail: `the native run did not complete: ${comparison.native.failure}` };
    case 'different':
      return { kind: 'failure', detail: `${comparison.difference}` };
  }
}

describe('bad-input corpus', () => {
  test('has at least 200 cases with unique names', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(BAD_INPUTS.map((c) => c.name)).size).toBe(BAD_INPUTS.length);
  });

  test('every case is correct output or a clear error (0 failures)', async () => {
    const counts = { correct: 0, 'clear-error': 0, failure: 0 };
    const failures: string[] = [];
    const lines: string[] = [];
    for (const input of BAD_INPUTS) {
      const started = Date.now();
      const outcome = await classify(input);
      counts[outcome.kind]++;
      lines.push(`${String(Date.now() - started).padStart(6)} ms ${outcome.kind.padEnd(12)} ${input.name}: ${outcome.detail.slice(0, 160)}`);
      if (outcome.kind === 'failure') failures.push(`${input.name}\n${outcome.detail}`);
    }
    if (process.env.BAD_INPUTS_VERBOSE) console.log(lines.join('\n'));
    console.log(`bad inputs: ${BAD_INPUTS.length} cases: ${counts.correct} correct output, ${counts['clear-error']} clear error, ${counts.failure} failure`);
    expect(failures).toEqual([]);
    // each class is real
    expect(counts.correct).toBeGreaterThan(50);
    expect(counts['clear-error']).toBeGreaterThan(50);
  }, 300000);
});
