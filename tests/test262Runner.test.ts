/*
 * test262Runner.test: the conformance-suite runner (scripts/test262/) on a sample checkout written
 * for this project (tests/support/test262-sample): a test that passes, one that fails rewritten,
 * a negative parse test, one with an include (onlyStrict), one excluded by its reason, one that
 * fails natively (not applicable) and one outside the selected folders. The real plugin (lib/),
 * both Babel majors, both runtime modes, real worker processes; no network, no test262 checkout.
 * Must never: accept a summary whose counts were not produced by the run it just made.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const repoRoot = path.join(__dirname, '..');
const runner = path.join(repoRoot, 'scripts', 'test262', 'run.js');
const sample = path.join(__dirname, 'support', 'test262-sample');
const DIR = 'language/expressions/async-function';

interface Counts {
  passed: number;
  failed: number;
  excluded: number;
  applicable: number;
}
interface Summary {
  info: { test262: { commit: string }; plugin: { branch: string; commit: string }; variants: string[] };
  totals: Record<string, Counts>;
  byMode: Record<string, Record<string, Counts>>;
  early: Record<string, Record<string, number>>;
  exclusions: Record<string, { files: string[]; runs: number }>;
  notApplicable: { file: string; mode: string; reason: string }[];
  crashes: unknown[];
}
interface Failure {
  file: string;
  mode: string;
  class: string;
  variants: string[];
  messages: Record<string, string>;
}
interface FileResult {
  relative: string;
  runs: { mode: string; native: { status: string }; variants: { variant: string; status: string; early?: string }[] }[];
}

function run(args: string[]): { summary: Summary; failures: Failure[]; results: FileResult[]; markdown: string; stderr: string } {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'test262-runner-'));
  try {
    const child = spawnSync(process.execPath, [runner, '--test262', sample, '--out', out, '--jobs', '2', ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 110000,
    });
    if (child.status !== 0) throw new Error(`runner exited ${child.status}: ${child.stderr}`);
    const read = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(out, name), 'utf8'));
    return {
      summary: read('summary.json') as Summary,
      failures: (read('failures.json') as { failures: Failure[] }).failures,
      results: (read('results.json') as { results: FileResult[] }).results,
      markdown: fs.readFileSync(path.join(out, 'summary.md'), 'utf8'),
      stderr: child.stderr,
    };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

describe('test262 runner on the sample checkout', () => {
  let full: ReturnType<typeof run>;
  beforeAll(() => {
    full = run([]);
  });

  test('selects the async folders only, and runs each test in the strictness its flags ask', () => {
    const runsByFile = Object.fromEntries(full.results.map((result) => [result.relative, result.runs.map((r) => r.mode)]));
    expect(runsByFile).toEqual({
      [`${DIR}/async-stack-trace-fails.js`]: ['sloppy', 'strict'],
      [`${DIR}/await-in-params-early-error.js`]: ['sloppy', 'strict'],
      [`${DIR}/await-order-passes.js`]: ['sloppy', 'strict'],
      [`${DIR}/includes-helper-strict.js`]: ['strict'],
      [`${DIR}/to-string-excluded.js`]: ['sloppy', 'strict'],
      'language/statements/for-await-of/native-fails-not-applicable.js': ['sloppy', 'strict'],
    });
  });

  test('counts passed / failed / excluded per Babel major and runtime mode', () => {
    expect(full.summary.info.variants).toEqual(['7/inline', '7/import', '8/inline', '8/import']);
    for (const variant of full.summary.info.variants) {
      // 9 applicable runs: 2 pass (await order) + 2 early errors + 1 include + 2 fail + 2 excluded
      expect(full.summary.totals[variant]).toEqual({ applicable: 9, passed: 5, failed: 2, excluded: 2 });
      expect(full.summary.byMode[variant].strict).toEqual({ applicable: 5, passed: 3, failed: 1, excluded: 1 });
      expect(full.summary.early[variant]).toMatchObject({ total: 2, 'babel-parser': 2, crash: 0, accepted: 0 });
    }
    expect(full.summary.crashes).toEqual([]);
  });

  test('a test that fails natively is not applicable, and no rewritten variant of it runs', () => {
    expect(full.summary.notApplicable.map((entry) => `${entry.file} ${entry.mode}`)).toEqual([
      'language/statements/for-await-of/native-fails-not-applicable.js sloppy',
      'language/statements/for-await-of/native-fails-not-applicable.js strict',
    ]);
    expect(full.summary.notApplicable[0].reason).toContain('a value this Node does not produce');
    const notApplicable = full.results.find((result) => result.relative.endsWith('native-fails-not-applicable.js'));
    expect(notApplicable?.runs.every((r) => r.native.status === 'fail' && r.variants.length === 0)).toBe(true);
  });

  test('a failure carries its message, its variants and a class; an exclusion its reason', () => {
    expect(full.failures.map((failure) => `${failure.file} ${failure.mode}`)).toEqual([
      `${DIR}/async-stack-trace-fails.js sloppy`,
      `${DIR}/async-stack-trace-fails.js strict`,
    ]);
    for (const failure of full.failures) {
      expect(failure.variants).toEqual(['7/inline', '7/import', '8/inline', '8/import']);
      expect(failure.messages['8/inline']).toContain('the stack names the awaiting function');
      expect(['function-shape', 'parameter-scope', 'protocol-reads', 'names', 'other']).toContain(failure.class);
    }
    expect(full.summary.exclusions['to-string'].files).toEqual([`${DIR}/to-string-excluded.js`]);
    expect(full.summary.exclusions['to-string'].runs).toBe(8);
  });

  test('the Markdown summary names the plugin commit and has the totals table', () => {
    expect(full.markdown).toContain(`commit \`${full.summary.info.plugin.commit}\``);
    expect(full.markdown).toMatch(/\| Babel 8, runtime inline \| 5 \| 7 \| 2 \| 2 \| 71\.4% \|/);
    expect(full.markdown).toContain('async-stack-trace-fails.js');
  });

  test('--filter, --babel and --runtime narrow the run', () => {
    const narrow = run(['--filter', '**/async-function/await-*', '--babel', '8', '--runtime', 'import']);
    expect(narrow.results.map((result) => result.relative)).toEqual([`${DIR}/await-in-params-early-error.js`, `${DIR}/await-order-passes.js`]);
    expect(Object.keys(narrow.summary.totals)).toEqual(['8/import']);
    expect(narrow.summary.totals['8/import']).toEqual({ applicable: 4, passed: 4, failed: 0, excluded: 0 });
  });
});

describe('test262 runner pieces', () => {
  // require(): plain JavaScript modules of the runner script, typed here by what the test uses
  const { parseFrontmatter } = require('../scripts/test262/frontmatter') as {
    parseFrontmatter(source: string): { flags: string[]; includes: string[]; features: string[]; negative: { phase: string; type: string } | null };
  };
  const { inScope, makeFilter } = require('../scripts/test262/select') as { inScope(file: string): boolean; makeFilter(filter?: string): (file: string) => boolean };

  test('frontmatter: inline and block lists, negative, unknown keys', () => {
    const meta = parseFrontmatter(
      ['/*---', 'esid: x', 'description: >', '  two', '  lines', 'includes:', '  - a.js', '  - b.js', 'flags: [async, onlyStrict]', 'negative:', '  phase: parse', '  type: SyntaxError', 'features: [async-iteration]', '---*/', 'code();'].join('\n'),
    );
    expect(meta).toMatchObject({ flags: ['async', 'onlyStrict'], includes: ['a.js', 'b.js'], features: ['async-iteration'], negative: { phase: 'parse', type: 'SyntaxError' } });
    expect(parseFrontmatter('no metadata').flags).toEqual([]);
  });

  test('selection: the folders of issue 12, never fixtures', () => {
    expect(inScope('language/statements/for-await-of/a.js')).toBe(true);
    expect(inScope('language/expressions/await/a.js')).toBe(true);
    expect(inScope('language/statements/class/async-gen-method/a.js')).toBe(true);
    expect(inScope('language/statements/class/dstr/async-gen-meth-a.js')).toBe(true);
    expect(inScope('language/arguments-object/cls-decl-async-gen-meth-a.js')).toBe(true);
    expect(inScope('built-ins/AsyncGeneratorPrototype/next/a.js')).toBe(true);
    expect(inScope('built-ins/AsyncFromSyncIteratorPrototype/next/a.js')).toBe(true);
    expect(inScope('language/statements/class/dstr/gen-meth-a.js')).toBe(false);
    expect(inScope('built-ins/Promise/a.js')).toBe(false);
    expect(inScope('language/module-code/top-level-await/x_FIXTURE.js')).toBe(false);
    expect(makeFilter('**/await/*.js')('language/expressions/await/a.js')).toBe(true);
    expect(makeFilter('language/*/await/*.js')('language/expressions/await/sub/a.js')).toBe(false);
    expect(makeFilter('for-await-of')('language/statements/for-await-of/a.js')).toBe(true);
  });
});
