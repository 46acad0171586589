/*
 * options.test: the plugin's options and its behaviour at the edges: invalid options fail with
 * an error naming the option; runtime "inline" / "import" add the runtime exactly once (and only
 * where needed); files without async functions come back as an identity transform would print
 * them; explain comments; syntax errors as code-framed Babel errors; very deep and very large
 * async functions transform quickly, without a stack overflow, and run exactly like native.
 * Must never: hand-type an expected log or expected output code (identity transforms and native
 * runs are the references).
 */
import * as babel from '@babel/core';
import { stripVTControlCharacters } from 'util';
import { parse } from '@babel/parser';
import * as t from '@babel/types';
import { transformSource, type TransformOptions } from '../src/transform';
import asyncStateMachine from '../src/index';
import { compareLogs, formatEvent, runProgram } from '../src/trace/runProgram';
import { countRuntimeCopies, RUNTIME_MODULE_ID } from './support/pipeline/outputChecks';

function transformError(code: string, options: TransformOptions): Error & { code?: string } {
  try {
    transformSource(code, options);
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`the transform threw a non-Error: ${String(error)}`);
  }
  throw new Error(`the transform accepted ${JSON.stringify(options)}`);
}

/** The same Babel 7 settings as transformSource, with no plugin at all. */
function identityTransform(code: string, filename: string): string {
  const result = babel.transformSync(code, {
    babelrc: false,
    configFile: false,
    filename,
    sourceType: 'unambiguous',
    retainLines: false,
    compact: false,
    parserOpts: { allowReturnOutsideFunction: false },
  });
  if (!result || result.code == null) throw new Error('the identity transform returned no code');
  return result.code;
}

/** Runs native and rewritten in fresh processes at once; throws with the first difference. */
async function expectSameRun(native: string, rewritten: string, what: string, minimumEvents: number): Promise<void> {
  const [nativeRun, rewrittenRun] = await Promise.all([
    runProgram(native, { filename: `${what}.js`, timeoutMs: 30000 }),
    runProgram(rewritten, { filename: `${what}.output.js`, timeoutMs: 30000 }),
  ]);
  if (!nativeRun.failure && nativeRun.events.length < minimumEvents) {
    throw new Error(`${what}: the native run logs only ${nativeRun.events.length} events:\n${nativeRun.events.map(formatEvent).join('\n')}`);
  }
  const difference = compareLogs(nativeRun, rewrittenRun);
  if (difference !== null) throw new Error(`${what}: ${difference}\n${rewrittenRun.stderr.slice(0, 2000)}`);
}

function runtimeImports(code: string): { requires: string[]; imports: string[] } {
  const file = parse(code, { sourceType: 'unambiguous' });
  const found = { requires: [] as string[], imports: [] as string[] };
  t.traverseFast(file, (node) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'StringLiteral') {
      found.requires.push(node.arguments[0].value);
    }
    if (node.type === 'ImportDeclaration') found.imports.push(node.source.value);
  });
  return found;
}

const threeAsyncFunctions = `
async function first() { await null; log('first'); return 1; }
const second = async (x) => { log('second', await x); };
const holder = { async third() { log('third', await first()); } };
first().then((v) => log('first resolved', v));
second(Promise.resolve(2));
holder.third();
Promise.resolve().then(() => log('tick 1')).then(() => log('tick 2'));
`;

const noAsyncFunctions = `
// A file with no async function: classes, generators, getters and words that look like keywords.
var async = function (await) { return await + 1; };
class Counter {
  #count = 0;
  get value() { return this.#count; }
  *steps(limit) { for (let i = 0; i < limit; i++) yield async(i); }
}
const wait = { await: 1, async: () => 2 };
var total = [...new Counter().steps(3)].reduce((a, b) => a + b, wait.await);
`;

describe('invalid options', () => {
  test('an unknown option is named in the error', () => {
    // A deliberately wrong option: the cast lets the test pass what the types forbid.
    const error = transformError('async function f() { await 1; }', { runtmie: 'inline' } as unknown as TransformOptions);
    expect(error.message).toContain('babel-plugin-async-state-machine');
    expect(error.message).toMatch(/unknown option/i);
    expect(error.message).toContain('runtmie');
  });

  test('runtime: "foo" is rejected, naming the option, the value and the choices', () => {
    const error = transformError('async function f() { await 1; }', { runtime: 'foo' } as unknown as TransformOptions);
    expect(error.message).toContain('runtime');
    expect(error.message).toContain('foo');
    expect(error.message).toContain('inline');
    expect(error.message).toContain('import');
  });

  test('explain: "yes" is rejected, naming the option and the value', () => {
    const error = transformError('async function f() { await 1; }', { explain: 'yes' } as unknown as TransformOptions);
    expect(error.message).toContain('explain');
    expect(error.message).toContain('yes');
  });

  test('functionShape: "es6" and keepNative: "yes" are rejected, naming the option and the value', () => {
    const shape = transformError('async function f() { await 1; }', { functionShape: 'es6' } as unknown as TransformOptions);
    expect(shape.message).toContain('functionShape');
    expect(shape.message).toContain('es6');
    expect(shape.message).toContain('es2015');
    const keep = transformError('async function f() { await 1; }', { keepNative: 'yes' } as unknown as TransformOptions);
    expect(keep.message).toContain('keepNative');
    expect(keep.message).toContain('yes');
  });

  test('the options are checked even in a file without async functions', () => {
    const error = transformError('var x = 1;', { runtime: 'foo' } as unknown as TransformOptions);
    expect(error.message).toContain('runtime');
  });
});

describe('functionShape and keepNative follow Babel\'s targets', () => {
  // (an ES2015 file: an ES5 one stays ES5 whatever the targets)
  const source = 'const one = 1;\nasync function f(a) { await a; }\nasync function* g() { yield one; }\n';
  const withTargets = (targets: Record<string, string>, options: Record<string, unknown> = {}) => babel.transformSync(source, {
    babelrc: false, configFile: false, filename: 'input.js', sourceType: 'script', targets,
    plugins: [[asyncStateMachine, options]],
  })!.code!;

  test('ES2015 targets get an arrow / method; ES5 targets a function that throws on new', () => {
    // (marked with %AsyncFunction.prototype% where it is created; named by the property)
    expect(withTargets({ chrome: '60' })).toMatch(/var f = _asyncMachine\.mark\(\{\n\s*f: a =>/);
    const es5 = withTargets({ ie: '11' });
    expect(es5).toMatch(/function f\(a\)/);
    expect(es5).toContain('if (_asyncMachine.constructing(this)) throw new TypeError("f is not a constructor")');
    expect(es5).toContain('_asyncMachine.markFunction(f);');
    expect(es5).not.toContain('=>');
    const es5File = babel.transformSync('async function f(a) { await a; }', { babelrc: false, configFile: false, filename: 'input.js', sourceType: 'script', targets: { chrome: '60' }, plugins: [asyncStateMachine] })!.code!;
    expect(es5File).toContain('if (_asyncMachine.constructing(this))');
  });

  test('keepNative leaves async functions alone only where every target runs them natively', () => {
    const kept = withTargets({ chrome: '100', node: '18' }, { keepNative: true });
    expect(kept).toContain('async function f(a)');
    expect(kept).toContain('async function* g()');
    const generatorsTooNew = withTargets({ chrome: '60' }, { keepNative: true });
    expect(generatorsTooNew).toContain('async function f(a)');
    expect(generatorsTooNew).not.toContain('async function* g()');
    expect(withTargets({ ie: '11' }, { keepNative: true })).not.toContain('async function');
  });
});

describe('runtime: "inline"', () => {
  test('a file with three async functions holds exactly one copy of the runtime, and runs like native', async () => {
    const { code } = transformSource(threeAsyncFunctions, { runtime: 'inline', filename: 'three.js' });
    expect(countRuntimeCopies(code)).toBe(1);
    expect(runtimeImports(code)).toEqual({ requires: [], imports: [] });
    await expectSameRun(threeAsyncFunctions, code, 'three-async-functions', 5);
  });

  test('a file without async functions gets no runtime', () => {
    const { code } = transformSource(noAsyncFunctions, { runtime: 'inline', filename: 'none.js' });
    expect(countRuntimeCopies(code)).toBe(0);
  });

  test('the copy counter sees a second copy (control)', () => {
    const { code } = transformSource(threeAsyncFunctions, { runtime: 'inline', filename: 'three.js' });
    expect(countRuntimeCopies(code)).toBe(1);
    expect(countRuntimeCopies(`${code}\n(function () {\n${code}\n})();`)).toBe(2);
  });
});

describe('runtime: "import"', () => {
  test('a script requires the runtime once', () => {
    const { code } = transformSource(threeAsyncFunctions, { runtime: 'import', filename: 'script.js' });
    expect(runtimeImports(code)).toEqual({ requires: [RUNTIME_MODULE_ID], imports: [] });
    expect(countRuntimeCopies(code)).toBe(0);
  });

  test('an ES module imports the runtime once', () => {
    const moduleSource = `${threeAsyncFunctions}\nexport { first };\n`;
    const { code } = transformSource(moduleSource, { runtime: 'import', filename: 'module.js' });
    // the core, then each other piece the file uses (the package's ES module entry is one module
    // per piece: tests/runtimeBuild.test.ts); `mark` is the function kinds, `state.call` the bindings
    expect(runtimeImports(code)).toEqual({ requires: [], imports: [RUNTIME_MODULE_ID, `${RUNTIME_MODULE_ID}/functionKinds`, `${RUNTIME_MODULE_ID}/bindings`] });
    expect(parse(code, { sourceType: 'unambiguous' }).program.sourceType).toBe('module');
  });

  test('runtimeModule changes the specifier', () => {
    const { code } = transformSource(threeAsyncFunctions, { runtime: 'import', runtimeModule: 'my-async-runtime', filename: 'script.js' });
    expect(runtimeImports(code)).toEqual({ requires: ['my-async-runtime'], imports: [] });
  });

  test('an ES module importing a custom runtimeModule imports that one module (no piece subpaths)', () => {
    const { code } = transformSource(`${threeAsyncFunctions}\nexport { first };\n`, { runtime: 'import', runtimeModule: 'my-async-runtime', filename: 'module.js' });
    expect(runtimeImports(code)).toEqual({ requires: [], imports: ['my-async-runtime'] });
  });

  test('the default is "import"', () => {
    const { code } = transformSource(threeAsyncFunctions, { filename: 'script.js' });
    expect(runtimeImports(code).requires).toEqual([RUNTIME_MODULE_ID]);
  });
});

describe('files without async functions', () => {
  test.each(['import', 'inline'] as const)('come back exactly as an identity transform prints them (runtime: %s)', (runtime) => {
    const { code } = transformSource(noAsyncFunctions, { runtime, filename: 'none.js' });
    expect(code).toBe(identityTransform(noAsyncFunctions, 'none.js'));
  });

  test('the identity comparison notices a change (control)', () => {
    const { code } = transformSource(threeAsyncFunctions, { filename: 'three.js' });
    expect(code).not.toBe(identityTransform(threeAsyncFunctions, 'three.js'));
  });
});

describe('explain: true', () => {
  const source = [
    'async function explained(read) {',
    '  log("start");',
    '  var a = await read(1);',
    '  if (a) {',
    '    log("middle", await read(2));',
    '  }',
    '  return (await read(3)) + a;',
    '}',
    'explained(async (n) => n).then((v) => log("done", v));',
  ].join('\n');
  const awaitLines = source.split('\n').flatMap((line, index) => (line.includes('await read(') ? [index + 1] : []));

  test('numbers every await in order with its source line', () => {
    const { code } = transformSource(source, { explain: true, filename: 'explain.js' });
    // (in ordinal order: the entry segment, with the first await, comes after the step's cases)
    const comments = [...code.matchAll(/await #(\d+) at line (\d+)/g)].map((match) => [Number(match[1]), Number(match[2])]).sort((a, b) => a[0] - b[0]);
    expect(comments).toEqual(awaitLines.map((line, index) => [index + 1, line]));
  });

  test('adds nothing without explain, and does not change behaviour', async () => {
    const plain = transformSource(source, { filename: 'explain.js' }).code;
    const explained = transformSource(source, { explain: true, filename: 'explain.js' }).code;
    expect(plain).not.toMatch(/await #\d+/);
    const withoutComments = (code: string) => babel.transformSync(code, { babelrc: false, configFile: false, comments: false })!.code;
    expect(withoutComments(explained)).toBe(withoutComments(plain));
    await expectSameRun(source, explained, 'explain', 3);
  });
});

describe('errors', () => {
  test('a syntax error is a Babel parse error with a code frame, not a crash', () => {
    const error = transformError('async function broken() {\n  await (1 +);\n}\n', { filename: 'broken.js' });
    expect(error.code).toBe('BABEL_PARSE_ERROR');
    // Babel colours the frame when the environment supports colour (CI sets FORCE_COLOR); compare the text.
    const text = stripVTControlCharacters(error.message);
    expect(text).toContain('broken.js');
    expect(text).toMatch(/^>\s*2\s*\|\s*await \(1 \+\);/m);
  });
});

describe('size and depth', () => {
  const DEPTH = 300;
  const STATEMENTS = 5000;
  const AWAITS = 1000;
  const TRANSFORM_BUDGET_MS = 15000;

  function timed<T>(work: () => T): { value: T; ms: number } {
    const started = process.hrtime.bigint();
    const value = work();
    return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  }

  /** `DEPTH` nested ifs, each inside a block, each with an await before the next level. */
  function deeplyNested(): string {
    const lines = ['async function deep(n) {', '  log("enter");'];
    for (let level = 0; level < DEPTH; level++) {
      lines.push(`${' '.repeat(level)}{ if (n > ${level}) { var v${level} = await ${level % 3 === 0 ? `Promise.resolve(${level})` : level};`);
      if (level % 50 === 0) lines.push(`log("level", v${level});`);
    }
    lines.push('log("bottom", v0 + v299);');
    for (let level = DEPTH - 1; level >= 0; level--) lines.push(`${' '.repeat(level)}} }`);
    lines.push('  return "deep done";', '}');
    lines.push('deep(1000).then(log);', 'deep(120).then(log);', 'Promise.resolve().then(() => log("tick"));');
    return lines.join('\n');
  }

  /** `STATEMENTS` statements in one function, one in five an await of a varied value. */
  function huge(): string {
    const lines = ['async function step(k) { if (k % 7 === 0) await null; return k; }', 'async function huge() {', '  var total = 0;'];
    let awaits = 0;
    for (let index = 0; index < STATEMENTS; index++) {
      if (index % 5 === 0) {
        const kinds = [`await ${index}`, `await Promise.resolve(${index})`, `await step(${index})`, `await { then(r) { r(${index}); } }`];
        lines.push(`  total += ${kinds[awaits % kinds.length]};`);
        awaits++;
      } else if (index % 500 === 1) {
        lines.push(`  log("checkpoint", ${index}, total);`);
      } else {
        lines.push(`  total = (total + ${index}) % 1000003;`);
      }
    }
    if (awaits !== AWAITS) throw new Error(`the generator made ${awaits} awaits, not ${AWAITS}`);
    lines.push('  return total;', '}');
    lines.push('huge().then((v) => log("huge", v));');
    lines.push('(async () => { for (var i = 0; i < 40; i++) { await null; if (i % 10 === 0) log("concurrent", i); } })();');
    return lines.join('\n');
  }

  test(`${DEPTH} nested blocks and ifs with awaits: transformed in time, without a stack overflow, and run like native`, async () => {
    const source = deeplyNested();
    const { value, ms } = timed(() => transformSource(source, { filename: 'deep.js' }));
    expect(ms).toBeLessThan(TRANSFORM_BUDGET_MS);
    await expectSameRun(source, value.code, 'deep', 8);
  });

  test('an expression nested deeper than the stack allows: either correct output or a clear Babel error with a code frame, never a bare RangeError', async () => {
    // 1,000 awaits in one left-nested `+` chain: Babel itself parses, traverses and prints it (1,500 overflow
    // inside @babel/core), the recursive lowering may not
    const terms = Array.from({ length: 1000 }, (_, i) => `await v(${i})`);
    const source = [
      'function v(i) { return i % 500 === 0 ? Promise.resolve(i) : i; }',
      `async function chain() { log("start"); const total = ${terms.join(' + ')}; log("total", total); return total; }`,
      'chain().then(log);',
      'Promise.resolve().then(() => log("tick"));',
    ].join('\n');
    let output: string | null = null;
    let failure: unknown = null;
    try {
      output = transformSource(source, { filename: 'chain.js' }).code;
    } catch (error) {
      failure = error;
    }
    if (output !== null) {
      await expectSameRun(source, output, 'chain', 4);
      return;
    }
    expect(failure).toBeInstanceOf(Error);
    const error = failure as Error & { code?: string };
    const text = stripVTControlCharacters(error.message);
    expect(error.code).toBe('BABEL_TRANSFORM_ERROR');
    expect(text).toContain('chain.js');
    expect(text).toContain('nested too deeply to rewrite');
    expect(text).toMatch(/^>\s*2\s*\|\s*async function chain\(\)/m);
  });

  test(`${STATEMENTS} statements with ${AWAITS} awaits: transformed in time and run exactly like native`, async () => {
    const source = huge();
    const { value, ms } = timed(() => transformSource(source, { filename: 'huge.js' }));
    expect(ms).toBeLessThan(TRANSFORM_BUDGET_MS);
    await expectSameRun(source, value.code, 'huge', 10);
  });
});
