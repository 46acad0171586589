/*
 * runtimeBuild.test: what scripts/buildRuntime.js and scripts/build-packages.js produce, beyond
 * "it parses as ES5" (tests/es5.test.ts): the property names the minified build shortens are
 * named by no emitted code; inline mode pastes every piece a file's code uses; and the ES module
 * entry, one module per piece, lets a real bundler (esbuild) keep only the pieces a program
 * imports, with bundles that run exactly like native code.
 * Must never: compare a run with a hand-typed log, or size a bundle built differently from what a
 * user's bundler would build from the package (it resolves the workspace package by its name).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import * as t from '@babel/types';
import { parse } from '@babel/parser';
import * as esbuild from 'esbuild';
import { transformSource } from '../src/transform';
import { RUNTIME_PIECES } from '../src/emission/runtimeSources';
import { compareLogs, runProgramSync } from '../src/trace/runProgram';
import { discoverFixtures, repoRoot } from './support/fixtureCorpus';

// (a plain CommonJS script of the repository: required, not imported, so ts-jest leaves it be)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { INTERNAL_PROPERTIES } = require('../scripts/buildRuntime.js') as { INTERNAL_PROPERTIES: string[] };

const runtimePackage = path.join(repoRoot, 'packages', 'runtime');
const pieceByName = new Map(RUNTIME_PIECES.map((piece) => [piece.name, piece] as const));
const fixtures = discoverFixtures().filter((fixture) => fixture.options.throws === undefined);

function importModeOutput(code: string, filename: string, options: Record<string, unknown> = {}): string {
  return transformSource(code, { ...options, runtime: 'import', filename }).code;
}

/** Every property name the code spells: `a.name`, `{ name: ... }`, `a["name"]`. */
function propertyNames(code: string): Set<string> {
  const names = new Set<string>();
  t.traverseFast(parse(code, { sourceType: 'unambiguous', plugins: ['jsx'] }), (node) => {
    if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && !node.computed && node.property.type === 'Identifier') names.add(node.property.name);
    else if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && node.computed && node.property.type === 'StringLiteral') names.add(node.property.value);
    else if ((node.type === 'ObjectProperty' || node.type === 'ObjectMethod') && !node.computed && node.key.type === 'Identifier') names.add(node.key.name);
    else if ((node.type === 'ObjectProperty' || node.type === 'ObjectMethod') && node.key.type === 'StringLiteral') names.add(node.key.value);
  });
  return names;
}

describe('the minified build shortens internal property names only', () => {
  test('the list is not empty, and no minified piece still spells one of them as a property', () => {
    expect(INTERNAL_PROPERTIES.length).toBeGreaterThan(0);
    for (const piece of RUNTIME_PIECES) {
      const spelled = propertyNames(piece.minified);
      expect(INTERNAL_PROPERTIES.filter((name) => spelled.has(name))).toEqual([]);
      // (and the readable piece does use them: the list names real fields)
    }
    const readable = new Set(RUNTIME_PIECES.flatMap((piece) => [...propertyNames(piece.readable)]));
    expect(INTERNAL_PROPERTIES.filter((name) => !readable.has(name))).toEqual([]);
  });

  test('no runtime member the emitted code may use is in the list', () => {
    const members = RUNTIME_PIECES.flatMap((piece) => piece.members);
    expect(INTERNAL_PROPERTIES.filter((name) => members.includes(name) || ['label', 'sent', 'caught'].includes(name))).toEqual([]);
  });

  // (a name the input spells is the user's: `{ outer: ... }.outer` names the user's function
  // `outer`; shortening the runtime's own `outer` field changes no object of the user's)
  test('no fixture output (runtime "import") names a shortened property that its input does not', () => {
    const found: string[] = [];
    for (const fixture of fixtures) {
      const names = propertyNames(importModeOutput(fixture.input, fixture.relativeInputPath, fixture.options.pluginOptions as Record<string, unknown>));
      for (const name of INTERNAL_PROPERTIES) if (names.has(name) && !new RegExp(`\\b${name}\\b`).test(fixture.input)) found.push(`${fixture.name}: .${name}`);
    }
    expect(found).toEqual([]);
  });
});

describe('inline mode pastes the pieces a file uses', () => {
  // Checked by running the copy: the pasted runtime is evaluated alone in a fresh context, and
  // every `<state>.<member>` / `<runtime>.<member>` the rest of the output names (by the names the
  // lowering gives them) must be there; `yield` and `delegate` live on generator machines, so
  // for them the generator piece must be.
  const pieceOfMember = new Map(RUNTIME_PIECES.flatMap((piece) => piece.members.map((member) => [member, piece.name] as const)));

  function missingMembers(code: string): string[] {
    const file = parse(code, { sourceType: 'unambiguous', plugins: ['jsx'] });
    let runtimeName: string | null = null;
    let runtimeText = '';
    const statements = file.program.body;
    for (const statement of statements) {
      if (statement.type !== 'VariableDeclaration' || statement.declarations.length !== 1) continue;
      const declarator = statement.declarations[0];
      if (declarator.id.type === 'Identifier' && /^_asyncMachine\d*$/.test(declarator.id.name) && declarator.init?.type === 'CallExpression') {
        runtimeName = declarator.id.name;
        runtimeText = code.slice(statement.start!, statement.end!);
        break;
      }
    }
    if (runtimeName === null) return ['no inline runtime found'];
    const context = vm.createContext({});
    vm.runInContext(`${runtimeText}\nvar runtime = ${runtimeName}, state; runtime(function (s) { state = s; });`, context);
    const runtime = context.runtime as Record<string, unknown>;
    const state = context.state as Record<string, unknown>;
    const missing = new Set<string>();
    t.traverseFast(file, (node) => {
      if (node.type !== 'MemberExpression' || node.computed || node.object.type !== 'Identifier' || node.property.type !== 'Identifier') return;
      const member = node.property.name;
      const piece = pieceOfMember.get(member);
      if (piece === undefined) return;
      const isState = /^_?state\d*$/.test(node.object.name);
      if (!isState && node.object.name !== runtimeName) return;
      const present = piece === 'asyncGenerators' ? 'generator' in runtime : isState ? member in state : member in runtime;
      if (!present) missing.add(`${node.object.name}.${member} (${piece})`);
    });
    return [...missing];
  }

  test('for every fixture, the inline copy has every member its code uses, and most copies are not the whole runtime', () => {
    const missing: string[] = [];
    let fewer = 0;
    const full = RUNTIME_PIECES.reduce((sum, piece) => sum + piece.minified.length, 0);
    for (const fixture of fixtures) {
      const options = { ...(fixture.options.pluginOptions as Record<string, unknown>), runtime: 'inline' as const, readableRuntime: false };
      let code: string;
      try {
        code = transformSource(fixture.input, { ...options, filename: fixture.relativeInputPath }).code;
      } catch {
        continue; // (a file the inline mode refuses: tests/options.test.ts)
      }
      if (!/_asyncMachine/.test(code)) continue;
      for (const problem of missingMembers(code)) missing.push(`${fixture.name}: ${problem}`);
      if (code.length < full) fewer++;
    }
    expect(missing).toEqual([]);
    expect(fewer).toBeGreaterThan(fixtures.length / 2);
  });

  test('a file with plain async functions gets the core and the function kinds, minified, and no more', () => {
    const source = 'async function one(x) { var y = await x; return y + 1; }\nvar two = async (x) => (await one(x)) * 2;\ntwo(1).then(function (v) { log(v); });\n';
    const code = transformSource(source, { runtime: 'inline', filename: 'plain.js' }).code;
    const core = pieceByName.get('core')!.minified;
    const kinds = pieceByName.get('functionKinds')!.minified;
    // (Babel prints the pasted copy again: count what it holds, not its bytes)
    expect(code).toContain('get [Symbol.species]');
    expect(code).toContain('"AsyncFunction"');
    expect(code).not.toMatch(/AsyncGenerator|asyncIterator|enterTry|nextValue/);
    expect(code.length).toBeLessThan(2 * (core.length + kinds.length));
    const readable = transformSource(source, { runtime: 'inline', readableRuntime: true, filename: 'plain.js' }).code;
    expect(readable).toContain('// ---- intrinsics, captured once, when the runtime loads ----');
    expect(readable).not.toMatch(/function asyncGenerator|proto\.enterTry|proto\.nextValue/);
  });
});

describe('the ES module entry: one module per piece, for bundlers', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(runtimePackage, 'package.json'), 'utf8')) as {
    exports: Record<string, { import: unknown; require: unknown }>;
    files: string[];
    sideEffects: string[];
  };

  test('the package exports the core as its ES module entry and every other piece as a subpath', () => {
    expect(manifest.exports['.'].import).toEqual({ types: './index.d.mts', default: './esm/core.mjs' });
    for (const piece of RUNTIME_PIECES) {
      expect(fs.existsSync(path.join(runtimePackage, 'esm', `${piece.name}.mjs`))).toBe(true);
      if (piece.name === 'core') continue;
      expect(manifest.exports[`./${piece.name}`]).toEqual({
        import: { types: './piece.d.mts', default: `./esm/${piece.name}.mjs` },
        require: { types: './piece.d.ts', default: `./${piece.name}.js` },
      });
      expect(fs.existsSync(path.join(runtimePackage, `${piece.name}.js`))).toBe(true);
    }
    expect(manifest.files).toContain('esm');
    // a bundler must keep a piece imported for its effect
    expect(manifest.sideEffects).toContain('./esm/*.mjs');
  });

  /** esbuild, minified, resolving the runtime package by name from the repository. */
  function bundle(code: string): string {
    const result = esbuild.buildSync({
      stdin: { contents: code, resolveDir: repoRoot, sourcefile: 'app.mjs', loader: 'js' },
      bundle: true,
      minify: true,
      write: false,
      format: 'iife',
      platform: 'neutral',
      // (no lowering by esbuild: the native side must stay native)
      target: 'esnext',
      logLevel: 'silent',
    });
    return result.outputFiles[0].text;
  }

  function expectSameRun(source: string, rewritten: string, what: string): void {
    const native = runProgramSync(bundle(source), { filename: `${what} (native)` });
    const ours = runProgramSync(rewritten, { filename: `${what} (rewritten)` });
    expect(native.events.length).toBeGreaterThan(3);
    expect(compareLogs(native, ours)).toBeNull();
  }

  test('a program with plain async functions bundles the core and the function kinds alone, and runs like native', () => {
    const source = [
      'export async function one(x) { log("one", x); var y = await x; log("one resumed", y); return y + 1; }',
      'export const two = async (x) => { const r = await one(x); return r * 2; };',
      'two(Promise.resolve(1)).then((v) => log("two", v));',
      'Promise.resolve().then(() => log("tick 1")).then(() => log("tick 2")).then(() => log("tick 3"));',
      'log("sync end");',
      '',
    ].join('\n');
    const output = importModeOutput(source, 'plain.mjs');
    expect(output).toMatch(/^import _asyncMachine from "async-state-machine-runtime";\nimport "async-state-machine-runtime\/functionKinds";\n/);
    const code = bundle(output);
    expect(code).not.toMatch(/AsyncGenerator|asyncIterator|@@piece/);
    const core = pieceByName.get('core')!.minified.length;
    const kinds = pieceByName.get('functionKinds')!.minified.length;
    const all = RUNTIME_PIECES.reduce((sum, piece) => sum + piece.minified.length, 0);
    // the program's own code is a few hundred bytes; esbuild re-minifies the runtime
    expect(code.length).toBeLessThanOrEqual(core + kinds + 1000);
    expect(code.length).toBeLessThan(all / 2);
    expectSameRun(source, code, 'plain async functions');
  });

  test('a program that uses every piece bundles them all through their subpaths, and runs like native', () => {
    const source = [
      'async function* numbers(limit) { try { for (let i = 0; i < limit; i++) yield await i; } finally { log("numbers closed"); } }',
      'async function* outer() { yield* numbers(2); yield* [10, 11]; }',
      'export async function main(object) {',
      '  for (const key in object) log("key", key, await object[key]);',
      '  for await (const n of outer()) { log("got", n); }',
      '  const [first, ...rest] = await Promise.resolve([1, 2, 3]);',
      '  log("pattern", first, rest.length, ...[await 4]);',
      '  try { await Promise.reject(new Error("no")); } catch (error) { log("caught", error.message); } finally { log("finally"); }',
      '  return first;',
      '}',
      'main({ a: 1, b: Promise.resolve(2) }).then((v) => log("main", v));',
      'Promise.resolve().then(() => log("tick 1")).then(() => log("tick 2")).then(() => log("tick 3"));',
      '',
    ].join('\n');
    const output = importModeOutput(source, 'every.mjs');
    for (const piece of ['functionKinds', 'tryRegions', 'iteration', 'forIn', 'asyncIteration', 'asyncGenerators']) {
      expect(output).toContain(`import "async-state-machine-runtime/${piece}";`);
    }
    const code = bundle(output);
    expect(code).toContain('AsyncGenerator');
    expectSameRun(source, code, 'every piece');
  });
});
