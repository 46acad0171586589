/*
 * assumptions.test: the Babel compiler assumptions the plugin honours (ignoreFunctionLength,
 * iterableIsArray) change the output as the README says, and the output still runs exactly like
 * native on programs that satisfy the assumption (fresh vm contexts, same assumptions on both
 * sides); where an assumption cannot be used safely (a function that names `arguments`) or does
 * not apply to what the plugin emits, the output is byte-identical to the default one.
 * Must never: compare with a typed log, or run a program that breaks the assumption it tests.
 */
import * as babel from '@babel/core';
import { spawnSync } from 'child_process';
import * as path from 'path';
import asyncStateMachine from '../src/index';
import { NO_ASSUMPTIONS, readAssumptions } from '../src/integration/assumptions';
import { compareWithNative } from './support/nativeCompare';

type Shape = 'es2015' | 'es5';

function rewrite(code: string, assumptions: Record<string, boolean>, functionShape: Shape = 'es2015'): string {
  const result = babel.transformSync(code, {
    babelrc: false,
    configFile: false,
    filename: 'input.js',
    sourceType: 'script',
    assumptions,
    plugins: [[asyncStateMachine, { runtime: 'import', functionShape }]],
  });
  if (!result || result.code == null) throw new Error('no code');
  return result.code;
}

async function expectNative(code: string, assumptions: Record<string, boolean>, functionShape: Shape): Promise<void> {
  const result = await compareWithNative(code, { assumptions, pluginOptions: { runtime: 'inline', functionShape }, sourceType: 'script' });
  if (result.status !== 'same') throw new Error(JSON.stringify(result, null, 1).slice(0, 4000));
  expect(result.native.events.length).toBeGreaterThanOrEqual(4);
}

const PARAMETERS = `
async function declared(a, b = a + 1, { c } = { c: 3 }, ...rest) { await null; log("declared", a, b, c, rest.length, rest[1]); return b; }
const arrow = async (x, y = 2, [z] = [x], ...more) => { await x; log("arrow", x, y, z, more.join("+")); };
const object = { async method(p, q = p * 2) { log("method", p, q); await p; return this === object; } };
class K { static async stat(a, b = (() => a)()) { await 0; log("stat", a, b); } }
async function defaultThrows(a, b = a.missing.deep) { log("never", b); }
async function laterParam(a = later, later) { log("never", a); }
declared(1).then((v) => log("declared result", v));
declared(1, 5, { c: 9 }, "r0", "r1");
arrow(7); arrow(7, undefined, [8], "m", "n");
object.method(3).then((v) => log("method this", v));
K.stat(4);
defaultThrows().catch((e) => log("defaultThrows", e.constructor.name));
laterParam().catch((e) => log("laterParam", e.constructor.name));
`;

const ARRAYS = `
async function walk(list) {
  for (const x of list) { await null; if (x === 2) continue; if (x === 4) break; log("x", x); }
  const fns = [];
  for (const y of list) { fns.push(() => y); await y; }
  log("closures", fns.map((f) => f()).join(","));
  outer: for (const row of [[1, 2], [3, 4]]) {
    for (const cell of row) { try { await cell; if (cell === 3) break outer; } finally { log("finally", cell); } }
  }
  let z;
  for (z of list) { if (z > 2) return await z; }
}
async function patterns(value) {
  const [a = await "da", , b = 2, [c, d = await "dd"] = [], ...rest] = value;
  log("pattern", a, b, c, d, rest.join("|"));
  let p, q;
  [p, q = await 9] = [await 1];
  log("assigned", p, q);
  const [, ...[first, ...others]] = [0, await 1, 2, 3];
  log("nested rest", first, others.join(","));
}
async function spreads(list) {
  log("spread", [...list, await list.length, ...list].join());
  log("call", Math.max(...list, await 0));
}
spreads([3, 1, 2]);
walk([1, 2, 3, 4, 5]).then((v) => log("walk", v));
walk([]).then((v) => log("walk empty", v));
patterns([undefined, "hole", undefined, ["c"], "r1", "r2"]);
patterns([]);
`;

describe('ignoreFunctionLength', () => {
  test('wrappers take one placeholder per parameter: no rest array, no arguments reads', () => {
    const plain = rewrite(PARAMETERS, {});
    const assumed = rewrite(PARAMETERS, { ignoreFunctionLength: true });
    expect(plain).toMatch(/\.\.\._args/);
    expect(plain).toMatch(/arguments\[1\]/);
    expect(assumed).not.toMatch(/_args|arguments/);
    expect(assumed).toMatch(/= _param === undefined \? a \+ 1 : _param/);
    expect(assumed.length).toBeLessThan(plain.length);
    const es5 = rewrite(PARAMETERS, { ignoreFunctionLength: true }, 'es5');
    expect(rewrite(PARAMETERS, {}, 'es5')).toMatch(/_arguments = arguments/);
    expect(es5).not.toMatch(/_arguments/);
  });

  test.each(['es2015', 'es5'] as const)('runs like native (%s shape), errors of defaults included', async (shape) => {
    await expectNative(PARAMETERS, { ignoreFunctionLength: true }, shape);
  });

  test('a function that names `arguments` keeps its reads (a simple list would make `arguments` mapped)', async () => {
    // (a program that writes a parameter or arguments[i] there differs from native with or without
    // the assumption: reported to the lowering's owners; this one only reads)
    const code = 'async function f(a, b = 1) { log(arguments[0], arguments.length, b); await null; log(arguments[1]); }\nconst o = { async m(a, b = 1) { log(a, b, arguments.length); } };\nf(1); f(1, 2, 3); o.m(2);';
    expect(rewrite(code, { ignoreFunctionLength: true })).toBe(rewrite(code, {}));
    expect(rewrite(code, { ignoreFunctionLength: true }, 'es5')).toBe(rewrite(code, {}, 'es5'));
    await expectNative(code, { ignoreFunctionLength: true }, 'es2015');
    await expectNative(code, { ignoreFunctionLength: true }, 'es5');
  });
});

describe('iterableIsArray', () => {
  test('for-of and array patterns that await read the array by index, spreads before an await copy into a plain array: no iterator, no region', () => {
    const plain = rewrite(ARRAYS, {});
    const assumed = rewrite(ARRAYS, { iterableIsArray: true });
    for (const member of ['iterate', 'nextValue', 'enterPattern', 'patternStep', 'patternRest', 'exitPattern', 'spread']) {
      expect(plain).toContain(`state.${member}(`);
      expect(assumed).not.toContain(`state.${member}(`);
    }
    expect(assumed).toMatch(/_array\[_index\+\+\]/);
    expect(assumed).toMatch(/\.slice\(4\)/);
    expect(assumed.length).toBeLessThan(plain.length);
  });

  test.each(['es2015', 'es5'] as const)('runs like native on arrays (%s shape): break, continue, labels, finally, closures, holes, rest', async (shape) => {
    await expectNative(ARRAYS, { iterableIsArray: true }, shape);
  });

  test('for await stays on the async iteration protocol', () => {
    const code = 'async function f(list) { for await (const x of list) log(x); }';
    expect(rewrite(code, { iterableIsArray: true })).toBe(rewrite(code, {}));
  });
});

describe('assumptions that do not change what the plugin emits', () => {
  // (each is honoured by the plugin that emits what it is about, e.g. preset-env's spread, for-of
  // and arrow transforms on the syntax this plugin leaves in place; see the README)
  const others = ['arrayLikeIsIterable', 'skipForOfIteratorClosing', 'noNewArrows', 'objectRestNoSymbols', 'pureGetters',
    'setSpreadProperties', 'noClassCalls', 'constantSuper', 'setComputedProperties'];
  test.each(others)('%s: output byte-identical to the default', (name) => {
    const code = `${PARAMETERS}\n${ARRAYS}\nasync function more(o) { const { a, ...r } = await o; return [...r.list, await o?.b?.(), { ...o }, await o.c ?? 1]; }`;
    expect(rewrite(code, { [name]: true })).toBe(rewrite(code, {}));
    expect(rewrite(code, { [name]: true }, 'es5')).toBe(rewrite(code, {}, 'es5'));
  });

  test('Babel 8 passes them too (built plugin, child process: Babel 8 does not load in Jest)', () => {
    const script = `import * as babel from 'babel8';
      import plugin from ${JSON.stringify(path.join(__dirname, '..', 'lib', 'index.js'))};
      const code = 'async function f(a, b = 1) { for (const x of a) await x; return b; }';
      const run = (assumptions) => babel.transformSync(code, { babelrc: false, configFile: false, sourceType: 'script', assumptions, plugins: [[plugin.default ?? plugin, { functionShape: 'es2015' }]] }).code;
      console.log(JSON.stringify([run({}), run({ ignoreFunctionLength: true, iterableIsArray: true })]));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: path.join(__dirname, '..'), encoding: 'utf8' });
    expect(child.stderr).toBe('');
    const [plain, assumed] = JSON.parse(child.stdout) as [string, string];
    expect(plain).toMatch(/\.\.\._args[\s\S]*state\.iterate\(/);
    expect(assumed).not.toMatch(/_args|state\.iterate|nextValue/);
    expect(assumed).toMatch(/_array\[_index\+\+\]/);
  });

  test('a Babel without api.assumption (before 7.13) gets none; only `true` turns one on', () => {
    expect(readAssumptions({})).toBe(NO_ASSUMPTIONS);
    expect(readAssumptions({ assumption: () => undefined })).toBe(NO_ASSUMPTIONS);
    expect(readAssumptions({ assumption: (name) => name === 'iterableIsArray' })).toEqual({ ignoreFunctionLength: false, iterableIsArray: true, noDocumentAll: false });
  });
});
