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
import { parse } from '@babel/parser';
import traverse from '@babel/traverse';
import { countRuntimeCopies, es5SyntaxError, repoRoot, runtimeSourcePath } from './support/pipeline/outputChecks';
import { FACTORY, RUNTIME_PIECES } from '../src/emission/runtimeSources';

/** Names read in `code` that no declaration in it binds (besides the top-level `asyncMachine`). */
function freeNames(code: string): string[] {
  const names = new Set<string>();
  traverse(parse(code, { sourceType: 'script' }), {
    ReferencedIdentifier(p) {
      if (p.node.name !== 'arguments' && !p.scope.hasBinding(p.node.name, true)) names.add(p.node.name);
    },
  });
  return [...names].sort();
}

const es5Fixtures = discoverFixtures().filter((fixture) => fixture.area === 'es5');

describe('ES5 output', () => {
  test.each(RUNTIME_PIECES.map((piece) => [piece.name, piece] as const))('runtime piece %s parses as an ES5 script, readable and minified', (_name, piece) => {
    expect(es5SyntaxError(piece.readable)).toBeNull();
    expect(es5SyntaxError(piece.minified)).toBeNull();
    // the source file itself, as written
    expect(es5SyntaxError(fs.readFileSync(path.join(repoRoot, 'src', 'runtime', `${piece.name}.js`), 'utf8'))).toBeNull();
  });

  test.each(['asyncMachine.js', 'asyncMachine.min.js'])('the built CommonJS runtime lib/runtime/%s parses as an ES5 script', (file) => {
    expect(es5SyntaxError(fs.readFileSync(path.join(path.dirname(runtimeSourcePath), file), 'utf8'))).toBeNull();
  });

  // No globals, no eval: the factory reads nothing but its parameters (the global object and
  // a private undefined), readable and minified, whatever subset of pieces a file gets.
  test.each(['readable', 'minified'] as const)('the %s runtime reads no free name and never calls eval or Function', (style) => {
    const body = RUNTIME_PIECES.map((piece) => piece[style]).join('\n');
    const code = `var asyncMachine = ${FACTORY[style].head}${body}${FACTORY[style].tail}(this);`;
    const free = freeNames(code);
    expect(free).toEqual([]);
    expect(code).not.toMatch(/\beval\b|\bFunction\s*\(/);
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
      else expect(code).toContain('require("babel-plugin-async-state-machine/runtime")');
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
