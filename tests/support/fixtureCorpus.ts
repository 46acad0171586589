/*
 * fixtureCorpus: finds the fixture cases under fixtures/<area>/<case>/input.js, resolves their
 * inherited options.json (repo fixtures/ folder, then area, then case) and converts ES-module
 * programs to CommonJS so that the harness (a function wrapper) can run them.
 * Must never: transform async functions itself, or treat a native and a rewritten program differently.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as babel from '@babel/core';
import { parse } from '@babel/parser';
import type { TransformOptions } from '../../src/transform';

/** The plugin's own options (runtime, explain, ...), without the transform's extras. */
export type PluginOptions = Omit<TransformOptions, 'filename' | 'sourceMaps' | 'extraPlugins'>;

export const repoRoot = path.resolve(__dirname, '..', '..');
export const fixturesRoot = path.join(repoRoot, 'fixtures');

/** What a fixture's merged options.json may hold. */
export interface FixtureOptions {
  /** plugin options passed on to transformSource (runtime, explain, ...) */
  pluginOptions: PluginOptions;
  /** when set, the transform must fail with a Babel error whose message contains this text */
  throws?: string;
}

export interface FixtureCase {
  /** "<area>/<case>", the test's name */
  name: string;
  area: string;
  directory: string;
  inputPath: string;
  outputPath: string;
  /** input path relative to the repository, used as Babel's filename */
  relativeInputPath: string;
  input: string;
  options: FixtureOptions;
}

function readOptionsFile(file: string): Record<string, unknown> {
  if (!fs.existsSync(file)) return {};
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${path.relative(repoRoot, file)} must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/** Babel-style inheritance: outer options.json first, inner ones override key by key. */
function resolveOptions(caseDirectory: string): FixtureOptions {
  const chain: string[] = [];
  for (let dir = caseDirectory; ; dir = path.dirname(dir)) {
    chain.unshift(path.join(dir, 'options.json'));
    if (dir === fixturesRoot || dir === path.dirname(dir)) break;
  }
  const merged: Record<string, unknown> = {};
  for (const file of chain) Object.assign(merged, readOptionsFile(file));
  const { throws, ...pluginOptions } = merged;
  if (throws !== undefined && typeof throws !== 'string') {
    throw new Error(`"throws" in the options of ${path.relative(repoRoot, caseDirectory)} must be a string`);
  }
  // The plugin validates its own options; the runner passes them through untouched.
  return { pluginOptions: pluginOptions as PluginOptions, throws };
}

function sortedSubdirectories(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every fixtures/<area>/<case>/input.js, in a stable order. */
export function discoverFixtures(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const area of sortedSubdirectories(fixturesRoot)) {
    for (const caseName of sortedSubdirectories(path.join(fixturesRoot, area))) {
      const directory = path.join(fixturesRoot, area, caseName);
      const inputPath = path.join(directory, 'input.js');
      if (!fs.existsSync(inputPath)) continue;
      cases.push({
        name: `${area}/${caseName}`,
        area,
        directory,
        inputPath,
        outputPath: path.join(directory, 'output.js'),
        relativeInputPath: path.relative(repoRoot, inputPath).split(path.sep).join('/'),
        input: fs.readFileSync(inputPath, 'utf8'),
        options: resolveOptions(directory),
      });
    }
  }
  return cases;
}

/** True when the program uses import/export (Babel's "unambiguous" rule). */
export function isEsModule(code: string): boolean {
  const ast = parse(code, { sourceType: 'unambiguous', errorRecovery: true });
  return ast.program.sourceType === 'module';
}

const modulesCommonJsPlugin = require.resolve('@babel/plugin-transform-modules-commonjs');

/** Rewrites import/export into CommonJS; the same call is applied to native input and rewritten output. */
export function toCommonJs(code: string, filename: string): string {
  const result = babel.transformSync(code, {
    babelrc: false,
    configFile: false,
    filename,
    sourceType: 'module',
    plugins: [modulesCommonJsPlugin],
  });
  if (!result || result.code == null) throw new Error(`modules-commonjs returned no code for ${filename}`);
  return result.code;
}

/** Runs `task` over `items` with at most `limit` in flight; results keep the items' order. */
export function mapWithConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R>[] {
  const results: Promise<R>[] = [];
  let running = 0;
  const waiting: Array<() => void> = [];
  const acquire = (): Promise<void> => {
    if (running < limit) {
      running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  for (const item of items) {
    results.push(
      acquire().then(async () => {
        try {
          return await task(item);
        } finally {
          release();
        }
      }),
    );
  }
  return results;
}
