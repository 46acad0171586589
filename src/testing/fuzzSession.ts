/*
 * fuzzSession: one fuzzing run over a range of seeds through the worker pool: collects the
 * verdicts and coverage, shrinks each failure to a minimal program, formats reports and writes
 * fixtures. Shared by the CLI (npm run fuzz) and tests/fuzz.test.ts.
 * Must never: stop at the first failure without counting the rest, or write fixtures outside
 * the directory it is given.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compareRuns, formatRun, type RewriteMode, type Verdict } from './differential';
import { generateProgram, type GeneratorOptions } from './generator';
import { printProgram } from './printer';
import type { ProgramModel } from './programModel';
import { countStatements, shrinkProgram } from './shrinker';
import type { FuzzPool } from './workerPool';

export interface FuzzFailure {
  seed: number;
  verdict: Verdict;
}

export interface FuzzSummary {
  programs: number;
  firstSeed: number;
  lastSeed: number;
  statusCounts: Record<string, number>;
  failures: FuzzFailure[];
  coverage: Map<string, number>;
  milliseconds: number;
}

export interface FuzzRunOptions {
  firstSeed: number;
  count: number;
  mode: RewriteMode;
  generator?: GeneratorOptions;
  /** seeds per request to a worker */
  batchSize?: number;
  onProgress?: (done: number, summary: FuzzSummary) => void;
}

export function isFailure(verdict: Verdict): boolean {
  return verdict.status === 'divergence' || verdict.status === 'transform-crash' || verdict.status === 'invalid';
}

export async function runFuzz(pool: FuzzPool, options: FuzzRunOptions): Promise<FuzzSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 20;
  const summary: FuzzSummary = {
    programs: 0, firstSeed: options.firstSeed, lastSeed: options.firstSeed + options.count - 1,
    statusCounts: {}, failures: [], coverage: new Map(), milliseconds: 0,
  };
  const batches: number[][] = [];
  for (let offset = 0; offset < options.count; offset += batchSize) {
    const size = Math.min(batchSize, options.count - offset);
    batches.push(Array.from({ length: size }, (_, i) => options.firstSeed + offset + i));
  }
  await Promise.all(batches.map(async (seeds) => {
    const { results, coverage } = await pool.fuzz(seeds, options.mode, options.generator ?? {});
    for (const [key, count] of coverage) summary.coverage.set(key, (summary.coverage.get(key) ?? 0) + count);
    for (const result of results) {
      summary.programs++;
      summary.statusCounts[result.verdict.status] = (summary.statusCounts[result.verdict.status] ?? 0) + 1;
      if (isFailure(result.verdict)) summary.failures.push(result);
    }
    summary.milliseconds = Date.now() - started;
    options.onProgress?.(summary.programs, summary);
  }));
  summary.failures.sort((a, b) => a.seed - b.seed);
  summary.milliseconds = Date.now() - started;
  return summary;
}

export interface ShrunkFailure {
  seed: number;
  status: Verdict['status'];
  program: ProgramModel;
  code: string;
  verdict: Verdict;
  statementsBefore: number;
  statementsAfter: number;
  attempts: number;
  /** the command that reruns the original (unshrunk) program */
  reproduce: string;
}

/** Shrinks the program of a failing seed while it keeps failing with the same status. */
export async function shrinkFailure(pool: FuzzPool, failure: FuzzFailure, mode: RewriteMode, generator: GeneratorOptions = {}, maxAttempts = 1500): Promise<ShrunkFailure> {
  const original = generateProgram(failure.seed, generator).program;
  const status = failure.verdict.status;
  const signature = errorSignature(failure.verdict);
  let lastVerdict = failure.verdict;
  const result = await shrinkProgram(original, async (candidate) => {
    const verdict = await pool.check(printProgram(candidate), mode);
    if (verdict.status !== status) return false;
    // do not slip from one bug to another: keep the kind of error the first difference shows
    if (errorSignature(verdict) !== signature) return false;
    lastVerdict = verdict;
    return true;
  }, maxAttempts);
  const code = printProgram(result.program);
  // the verdict of the accepted candidate is the one for the final program (re-check to be sure)
  const finalVerdict = result.accepted > 0 ? await pool.check(code, mode) : lastVerdict;
  return {
    seed: failure.seed, status, program: result.program, code, verdict: finalVerdict,
    statementsBefore: countStatements(original), statementsAfter: countStatements(result.program), attempts: result.attempts,
    reproduce: `npm run fuzz -- --seed ${failure.seed} --count 1${generator.without?.length ? ` --without ${generator.without.join(',')}` : ''}${mode === 'plugin' ? '' : ` --mode ${mode}`}`,
  };
}

/**
 * The error names in the first differing events of a divergence ("" when none), e.g.
 * "ReferenceError|ReferenceError": a shrink step must keep it, so that a divergence in
 * ordering does not turn into an unrelated error-message difference while shrinking.
 */
export function errorSignature(verdict: Verdict): string {
  if (verdict.status !== 'divergence') return '';
  const native = verdict.native.events;
  const rewritten = verdict.rewritten.events;
  let i = 0;
  while (i < native.length && i < rewritten.length && native[i].text === rewritten[i].text && native[i].kind === rewritten[i].kind && native[i].tick === rewritten[i].tick) i++;
  const errorName = (text: string | undefined): string => /\b([A-Z]\w*Error):/.exec(text ?? '')?.[1] ?? '';
  return `${errorName(native[i]?.text)}|${errorName(rewritten[i]?.text)}`;
}

export function describeVerdict(verdict: Verdict): string {
  switch (verdict.status) {
    case 'same':
      return 'same logs';
    case 'unsupported':
      return `transform refused: ${verdict.error}`;
    case 'transform-crash':
      return `transform crashed: ${verdict.error}`;
    case 'invalid':
      return `native run failed (generator bug): ${verdict.native.failure ?? ''}\n--- native log\n${formatRun(verdict.native)}`;
    case 'divergence':
      return `${compareRuns(verdict.native, verdict.rewritten) ?? verdict.difference}\n--- full native log\n${formatRun(verdict.native)}\n--- full rewritten log\n${formatRun(verdict.rewritten)}`;
  }
}

export function formatShrunk(shrunk: ShrunkFailure): string {
  return [
    `=== ${shrunk.status} for seed ${shrunk.seed} (reproduce: ${shrunk.reproduce})`,
    `shrunk from ${shrunk.statementsBefore} to ${shrunk.statementsAfter} statements in ${shrunk.attempts} attempts`,
    '--- minimal program',
    shrunk.code.trimEnd(),
    describeVerdict(shrunk.verdict),
  ].join('\n');
}

/** Writes fixtures/fuzz-found/seed-<seed>/input.js with a header saying where it came from. */
export function writeFixture(directory: string, shrunk: ShrunkFailure): string {
  const folder = path.join(directory, `seed-${shrunk.seed}`);
  fs.mkdirSync(folder, { recursive: true });
  const header = `// Found by the differential fuzzer (${shrunk.reproduce}), shrunk; ${shrunk.status}.\n`;
  const file = path.join(folder, 'input.js');
  fs.writeFileSync(file, header + shrunk.code.replace(/^\/\/ fuzz program, seed \d+\n/, ''));
  return file;
}

/** Coverage grouped by prefix (statement, awaited, position, ...), counts descending. */
export function formatCoverage(coverage: Map<string, number>): string {
  const groups = new Map<string, [string, number][]>();
  for (const [key, count] of coverage) {
    const [group, name] = key.includes(':') ? [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)] : ['other', key];
    if (!groups.has(group)) groups.set(group, []);
    (groups.get(group) as [string, number][]).push([name, count]);
  }
  const lines: string[] = [];
  for (const group of [...groups.keys()].sort()) {
    const entries = (groups.get(group) as [string, number][]).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    lines.push(`${group} (${entries.length} kinds): ${entries.map(([name, count]) => `${name} ${count}`).join(', ')}`);
  }
  return lines.join('\n');
}
