/*
 * es5.test: the runtime and the rewrite of every fixtures/es5 case parse as ES5 scripts (acorn,
 * ecmaVersion 5), with the runtime inlined and imported; a negative control shows the check
 * rejects ES2015 syntax, including syntax that survives the transform from the input.
 * Must never: accept output because it merely runs on Node (Node parses far more than ES5).
 */
import * as fs from 'fs';
import * as path from 'path';
import { transformSource } from '../src/transform';
import { discoverFixtures } from './support/fixtureCorpus';
import { countRuntimeCopies, es5SyntaxError, runtimeSourcePath } from './support/pipeline/outputChecks';

const es5Fixtures = discoverFixtures().filter((fixture) => fixture.area === 'es5');

describe('ES5 output', () => {
  test('src/runtime/asyncMachine.js parses as an ES5 script', () => {
    expect(es5SyntaxError(fs.readFileSync(runtimeSourcePath, 'utf8'))).toBeNull();
  });

  test('fixtures/es5 has cases', () => {
    expect(es5Fixtures.length).toBeGreaterThanOrEqual(5);
  });

  describe.each(['inline', 'import'] as const)('runtime: %s', (runtime) => {
    test.each(es5Fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
      const input = fixture.input;
      const { code } = transformSource(input, { ...fixture.options.pluginOptions, runtime, filename: fixture.relativeInputPath });
      const problem = es5SyntaxError(code);
      if (problem !== null) throw new Error(`${fixture.relativeInputPath} rewritten with runtime "${runtime}" is not ES5:\n${problem}\n\n${code}`);
      // The check really saw a rewrite: inline output carries the runtime, import output requires it.
      if (runtime === 'inline') expect(countRuntimeCopies(code)).toBe(1);
      else expect(code).toContain('require("async-state-machine-runtime")');
    });
  });
});

describe('the ES5 check can fail', () => {
  const fixture = es5Fixtures[0];

  test('an arrow function appended to a valid rewrite is rejected', () => {
    const { code } = transformSource(fixture.input, { runtime: 'inline', filename: 'control.js' });
    expect(es5SyntaxError(code)).toBeNull();
    expect(es5SyntaxError(`${code}\nvar late = () => 1;\n`)).toMatch(/Unexpected token/);
  });

  test('let, template literals, classes and for-of are rejected', () => {
    for (const modern of ['let a = 1;', 'var b = `x`;', 'class C {}', 'for (var x of []) {}', 'var { d } = {};']) {
      expect(es5SyntaxError(modern)).not.toBeNull();
    }
  });

  test('ES2015 syntax that the plugin leaves alone (an arrow inside an async function) is reported in its output', () => {
    const input = 'async function f() { var g = (x) => x + 1; log(g(await 1)); }\nf();\n';
    const { code } = transformSource(input, { runtime: 'inline', filename: path.join('control', 'arrow.js') });
    expect(code).toContain('=>');
    expect(es5SyntaxError(code)).not.toBeNull();
  });
});
