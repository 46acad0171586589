/*
 * documentAll: `?.` and `??` split by an await treat only null and undefined as nullish, as
 * natively. A browser's `document.all` is an object that `== null` calls nullish (an
 * "undetectable" object); V8 makes one with %GetUndetectable() under --allow-natives-syntax, so
 * each side runs in a child Node with that flag: the program natively, then rewritten (runtime
 * "import", required from the built runtime), and the two logs must be equal. With Babel's
 * noDocumentAll assumption the rewrite may test `== null`, and then does.
 * Must never: compare with a log typed here, or run the two sides with different flags.
 */
import * as babel from '@babel/core';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import asyncStateMachine from '../src/index';
import { runtimeSourcePath } from '../src/emission/runtimePath';

const PROGRAM = `
const undetectable = globalThis.undetectable;
const out = [];
const log = (...parts) => out.push(parts.map(String).join(' '));
async function chain(o) {
  log('typeof', typeof o, 'loose null?', o == null);
  log('optional member', (await o)?.length, typeof (await o)?.item);
  log('optional call', typeof (await o)?.item?.(0));
  log('coalesce', typeof ((await o) ?? 'fallback'));
  let target = o;
  target ??= await 'assigned';
  log('coalescing assignment', typeof target);
  log('plain null', (await null)?.x, (await undefined) ?? 'dflt');
}
chain(undetectable).then(() => console.log(JSON.stringify(out)), (e) => console.log(JSON.stringify(['rejected', String(e)])));
`;

function runWithUndetectable(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asm-document-all-'));
  try {
    const file = path.join(dir, 'program.js');
    const setup = "globalThis.undetectable = new Function('return %GetUndetectable()')();\n";
    fs.writeFileSync(file, setup + code.split('require("async-state-machine-runtime")').join(`require(${JSON.stringify(runtimeSourcePath())})`));
    const child = spawnSync(process.execPath, ['--allow-natives-syntax', file], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`child failed (${child.status}): ${child.stderr}`);
    return child.stdout.trim();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const rewrite = (assumptions: Record<string, boolean>) => babel.transformSync(PROGRAM, {
  babelrc: false, configFile: false, sourceType: 'script', assumptions,
  plugins: [[asyncStateMachine, { runtime: 'import' }]],
})!.code!;

describe('document.all-like objects across an await', () => {
  test('natively the undetectable object is == null but not nullish for ?. and ??', () => {
    const native = JSON.parse(runWithUndetectable(PROGRAM)) as string[];
    expect(native).toContain('typeof undefined loose null? true');
    expect(native).toContain('coalesce undefined');
  });

  test('the rewrite treats it as natively', () => {
    const rewritten = rewrite({});
    expect(rewritten).not.toMatch(/_\w+ [!=]= null/);
    expect(runWithUndetectable(rewritten)).toBe(runWithUndetectable(PROGRAM));
    // (the test can fail: the loose test, which noDocumentAll allows, does differ on this object)
    expect(runWithUndetectable(rewrite({ noDocumentAll: true }))).not.toBe(runWithUndetectable(PROGRAM));
  });

  test('with the noDocumentAll assumption the rewrite tests == null', () => {
    const assumed = rewrite({ noDocumentAll: true });
    expect(assumed).toMatch(/_\w+ == null/);
    expect(assumed).toMatch(/!= null/);
    // (what the user promised: with no such object, the two rewrites behave alike)
    const withoutUndetectable = (code: string) => code.replace('chain(undetectable)', 'chain({ length: 2, item: (i) => i })');
    expect(runWithUndetectable(withoutUndetectable(assumed))).toBe(runWithUndetectable(withoutUndetectable(PROGRAM)));
  });
});
