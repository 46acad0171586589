/*
 * rescope.test: after the plugin, the scope information Babel holds (what later plugins such as
 * block scoping, preset-env and preset-typescript's import elision read) misses no reference and
 * no reassignment that a fresh crawl of the whole program finds. The lowering crawls each piece
 * of code once (src/lowering/rescope.ts), skipping nested functions it crawled already; this
 * checks that skipping against Babel's own full crawl, on every fixture input and on nested
 * shapes written for it, for the bindings of functions and blocks.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as babel from '@babel/core';
import type { NodePath } from '@babel/traverse';
import type * as BT from '@babel/types';
import plugin from '../src/index';

type Snapshot = Map<BT.Node, Map<string, { references: Set<BT.Node>; violations: Set<BT.Node> }>>;

function snapshot(program: NodePath<BT.Program>): Snapshot {
  const out: Snapshot = new Map();
  const add = (scope: NodePath['scope']) => {
    for (const [name, binding] of Object.entries(scope.bindings)) {
      if (!out.has(scope.block)) out.set(scope.block, new Map());
      out.get(scope.block)!.set(name, {
        references: new Set(binding.referencePaths.map((p) => p.node)),
        violations: new Set(binding.constantViolations.map((p) => p.node)),
      });
    }
  };
  // (the scopes of functions and blocks: the program's bindings are not crawled by the lowering
  // (a hoisted declaration keeps the reference paths Babel had, and the runtime's binding is
  // added after the functions that use it were lowered), before this file's changes as after)
  program.traverse({ Scopable(p) { if (!p.isProgram()) add(p.scope); } });
  return out;
}

/** The references and reassignments a fresh crawl finds that the held bindings lack. */
function missing(code: string, filename: string): string[] {
  const problems: string[] = [];
  let checked = 0;
  const checker = () => ({
    visitor: {
      Program: {
        exit(program: NodePath<BT.Program>) {
          const held = snapshot(program);
          program.scope.crawl();
          for (const [block, names] of snapshot(program)) {
            for (const [name, fresh] of names) {
              const kept = held.get(block)?.get(name);
              checked += fresh.references.size + fresh.violations.size;
              if (!kept) continue;
              for (const node of fresh.references) if (!kept.references.has(node)) problems.push(`${filename}: a reference to ${name} (line ${node.loc?.start.line ?? '?'})`);
              for (const node of fresh.violations) if (!kept.violations.has(node)) problems.push(`${filename}: a reassignment of ${name} (${node.type})`);
            }
          }
        },
      },
    },
  });
  babel.transformSync(code, { filename, babelrc: false, configFile: false, sourceType: 'unambiguous', plugins: [[plugin, { runtime: 'import' }], checker] });
  if (checked === 0 && /\basync\b/.test(code)) problems.push(`${filename}: nothing was checked`);
  return problems;
}

const NESTED = {
  'nested async arrows refer to the outer function': 'async function outer(a) { let x = 1; const inner = async () => { await 0; x++; return x + a; }; for (let i = 0; i < 2; i++) { await inner(); } var y = async () => { let z = await inner(); return () => z + x; }; return [x, await y()]; }',
  'arrows nested three deep': 'const f = async () => (await null, async () => (await null, async (q) => { let k = q; await k; k = 2; return () => k; }));',
  'a plain function between two async ones': 'async function o() { let t = 0; function plain() { return async () => { await 1; t += 1; return t; }; } await plain()(); { let b = 3; await b; const c = async function named() { await 0; return b + t; }; return c(); } }',
  'writes of every kind from a nested async arrow': 'async function o2(p) { var v = 1; const g = async () => { await 0; [v, p] = [p, v]; delete v.x; for (v of [1]) ; return v; }; await g(); return v; }',
  'no lexical binding, so the inner arrow is skipped': 'async function o3(p) { var v = 1; var w = async () => { await p; v = v + 1; return async () => { await v; return w; }; }; return (await w())(); }',
};

describe('scope information after lowering is what a full crawl gives', () => {
  for (const [name, code] of Object.entries(NESTED)) {
    test(name, () => {
      expect(missing(code, 'input.js')).toEqual([]);
    });
  }

  test('every fixture input', () => {
    const inputs: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name === 'input.js') inputs.push(file);
      }
    };
    walk(path.join(__dirname, '..', 'fixtures'));
    expect(inputs.length).toBeGreaterThan(300);
    const problems: string[] = [];
    let transformed = 0;
    for (const file of inputs) {
      try {
        problems.push(...missing(fs.readFileSync(file, 'utf8'), path.relative(path.join(__dirname, '..'), file)));
        transformed++;
      } catch {
        // (inputs the plugin refuses, or that need a fixture's presets to parse, have no output to check)
      }
    }
    expect(transformed).toBeGreaterThan(300);
    expect(problems).toEqual([]);
  });
});
