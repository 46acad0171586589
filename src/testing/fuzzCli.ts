#!/usr/bin/env node
/*
 * fuzzCli: `npm run fuzz -- --count N --seed S [--jobs J] [--mode plugin|native|double-await]
 * [--fixtures DIR | --no-fixtures] [--no-shrink] [--without kinds] [--print]`: runs N generated programs (seeds S..S+N-1)
 * native vs rewritten, shrinks and prints each failure with both logs and its seed, writes it
 * as a fixture, and prints the generator's coverage. Exit status 1 when anything failed.
 * Must never: hide a failure (crashes, divergences and invalid programs are all counted and printed).
 */
import * as os from 'os';
import * as path from 'path';
import type { RewriteMode } from './differential';
import { generateProgram } from './generator';
import { printProgram } from './printer';
import { describeVerdict, formatCoverage, formatShrunk, runFuzz, shrinkFailure, writeFixture } from './fuzzSession';
import { FuzzPool } from './workerPool';

interface CliOptions {
  count: number;
  seed: number;
  jobs: number;
  mode: RewriteMode;
  fixtures: string | null;
  shrink: boolean;
  print: boolean;
  maxReports: number;
  without: string[];
}

function parseArguments(argv: string[]): CliOptions {
  const options: CliOptions = {
    count: 1000, seed: 1, jobs: Math.max(1, os.cpus().length), mode: 'plugin',
    fixtures: path.join(__dirname, '..', '..', 'fixtures', 'fuzz-found'), shrink: true, print: false, maxReports: 20, without: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    const integer = (): number => {
      const text = value();
      const parsed = Number(text);
      if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${flag} needs a non-negative integer, got ${text}`);
      return parsed;
    };
    switch (flag) {
      case '--count': options.count = integer(); break;
      case '--seed': options.seed = integer(); break;
      case '--jobs': options.jobs = Math.max(1, integer()); break;
      case '--max-reports': options.maxReports = integer(); break;
      case '--mode': {
        const mode = value();
        if (mode !== 'plugin' && mode !== 'native' && mode !== 'double-await') throw new Error(`--mode must be plugin, native or double-await, got ${mode}`);
        options.mode = mode;
        break;
      }
      case '--fixtures': options.fixtures = path.resolve(value()); break;
      case '--no-fixtures': options.fixtures = null; break;
      case '--no-shrink': options.shrink = false; break;
      case '--without': options.without.push(...value().split(',').filter(Boolean)); break;
      case '--print': options.print = true; break;
      case '--help':
        process.stdout.write('usage: npm run fuzz -- [--count N] [--seed S] [--jobs J] [--mode plugin|native|double-await] [--fixtures DIR | --no-fixtures] [--no-shrink] [--max-reports N] [--without kind,kind] [--print]\n');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag} (try --help)`);
    }
  }
  if (options.mode !== 'plugin') options.fixtures = null;
  return options;
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  const generator = { without: options.without };
  if (options.print) {
    for (let seed = options.seed; seed < options.seed + options.count; seed++) process.stdout.write(printProgram(generateProgram(seed, generator).program) + '\n');
    return 0;
  }
  const pool = new FuzzPool(options.jobs);
  try {
    let lastReport = Date.now();
    const summary = await runFuzz(pool, {
      firstSeed: options.seed,
      count: options.count,
      mode: options.mode,
      generator,
      onProgress: (done, partial) => {
        if (Date.now() - lastReport < 5000 && done < options.count) return;
        lastReport = Date.now();
        process.stderr.write(`${done}/${options.count} programs, ${partial.failures.length} failing, ${(partial.milliseconds / 1000).toFixed(0)} s\n`);
      },
    });
    const out: string[] = [];
    out.push(`fuzz: seeds ${summary.firstSeed}..${summary.lastSeed} (${summary.programs} programs), mode ${options.mode}${options.without.length ? `, without ${options.without.join(',')}` : ''}, ${options.jobs} workers, ${(summary.milliseconds / 1000).toFixed(1)} s`);
    out.push(`verdicts: ${Object.entries(summary.statusCounts).map(([status, count]) => `${status} ${count}`).join(', ')}`);
    out.push(`divergences: ${summary.statusCounts.divergence ?? 0}, transform crashes: ${summary.statusCounts['transform-crash'] ?? 0}, invalid programs: ${summary.statusCounts.invalid ?? 0}`);
    out.push('coverage (generated nodes, whole run):');
    out.push(formatCoverage(summary.coverage));
    process.stdout.write(out.join('\n') + '\n');
    for (const failure of summary.failures.slice(0, options.maxReports)) {
      if (!options.shrink || failure.verdict.status === 'invalid') {
        process.stdout.write(`\n=== ${failure.verdict.status} for seed ${failure.seed}\n${printProgram(generateProgram(failure.seed, generator).program)}\n${describeVerdict(failure.verdict)}\n`);
        continue;
      }
      const shrunk = await shrinkFailure(pool, failure, options.mode, generator);
      process.stdout.write('\n' + formatShrunk(shrunk) + '\n');
      if (options.fixtures) process.stdout.write(`fixture written: ${writeFixture(options.fixtures, shrunk)}\n`);
    }
    if (summary.failures.length > options.maxReports) {
      process.stdout.write(`\n(${summary.failures.length - options.maxReports} more failing seeds: ${summary.failures.slice(options.maxReports).map((f) => f.seed).join(' ')})\n`);
    }
    return summary.failures.length === 0 ? 0 : 1;
  } finally {
    pool.close();
  }
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`fuzz: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
