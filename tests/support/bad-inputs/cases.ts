/*
 * bad-inputs/cases: the bad-input corpus: syntax errors of every kind, every invalid option,
 * unsupported constructs, huge and deeply nested inputs at sizes Babel itself handles, shadowed
 * intrinsics and runtime names, unicode, BOM, CRLF, U+2028, JSX/TypeScript/Flow with their
 * presets, decorators, and odd but valid programs. A case says only what to feed the plugin:
 * tests/badInputs.test.ts classifies the outcome itself (correct output compared with a native
 * run, clear error, or failure).
 * Must never: state an expected outcome (the classification is automatic), or build a program
 * larger than Babel alone can parse and print.
 */
import type { CompareOptions } from '../nativeCompare';

export interface BadInput {
  name: string;
  code: string;
  options?: CompareOptions;
}

const cases: BadInput[] = [];
const add = (name: string, code: string, options?: CompareOptions): void => {
  cases.push({ name, code, options });
};
const repeat = (n: number, make: (i: number) => string, separator = '\n'): string => Array.from({ length: n }, (_, i) => make(i)).join(separator);
/** a program that runs `body` in an async function and logs around it */
const run = (body: string, params = ''): string => `async function main(${params}) {\n${body}\n}\nmain().then((v) => log('done', v), (e) => log('rejected', e));\nPromise.resolve().then(() => log('tick 1')).then(() => log('tick 2'));`;

// ---- syntax errors of every kind (Babel's parser refuses them with a code frame)
const syntaxErrors: Record<string, string> = {
  'unclosed parameter list': 'async function f( { await 1; }',
  'unclosed block': 'async function f() { await 1;',
  'await without operand': 'async function f() { await; }',
  'await in a plain function': 'function f() { await x; }',
  'await as a parameter name of an async function': 'async function f(await) {}',
  'await in an async parameter default': 'async function f(a = await 1) {}',
  'await in an async arrow parameter': 'async (a = await 1) => a;',
  'yield in an async arrow': 'async () => { yield 1; };',
  'for await with in': 'async function f() { for await (const x in y) {} }',
  'for await without parentheses': 'async function f() { for await const x of y {} }',
  'for await in a plain function': 'function f() { for await (const x of y) {} }',
  'async getter': 'const o = { async get x() { return 1; } };',
  'async constructor': 'class A { async constructor() {} }',
  'async setter in a class': 'class A { async set x(v) {} }',
  'line break after async in an arrow': 'const f = async\n() => 1;',
  'duplicate parameters in strict code': '"use strict"; async function f(a, a) {}',
  'duplicate parameters in an arrow': 'const f = async (a, a) => 1;',
  'let let': 'let let = 1;',
  'const without initialiser': 'async function f() { const x; }',
  'unterminated string': 'async function f() { return "abc; }',
  'unterminated template': 'async function f() { return `abc${await x}; }',
  'unterminated regular expression': 'async function f() { return /abc; }',
  'unterminated comment': 'async function f() { /* await x; }',
  'invalid regular expression flags': 'async function f() { return /a/gg; }',
  'class without a name': 'class { async m() {} }',
  'private name outside a class': 'async function f() { return this.#x; }',
  'undeclared private name': 'class A { async m() { return this.#y; } }',
  'new.target at top level': 'const t = new.target;',
  'super call outside a constructor': 'class A { async m() { super(); } }',
  'super outside a method': 'async function f() { return super.x; }',
  'return at top level': 'return 1;',
  'break outside a loop': 'async function f() { await 1; break; }',
  'continue outside a loop': 'async function f() { await 1; continue; }',
  'undefined label': 'async function f() { while (1) { break nowhere; } }',
  'duplicate label': 'async function f() { a: a: await 1; }',
  'invalid unicode escape': 'const x = "\\u{110000}";',
  'legacy octal in strict code': '"use strict"; async function f() { return 017; }',
  'octal escape in a template': 'async function f() { return `\\07${await 1}`; }',
  'delete of a name in strict code': '"use strict"; async function f(x) { await 1; delete x; }',
  'with in strict code': '"use strict"; async function f(o) { with (o) { await 1; } }',
  'assignment to a call': 'async function f() { g() = await 1; }',
  'assignment to await': 'async function f() { await x = 1; }',
  'invalid destructuring target': 'async function f() { [await x] = [1]; }',
  'rest element not last': 'async function f(...a, b) {}',
  'rest with a default': 'async function f(...a = []) {}',
  'trailing comma after rest': 'async function f(...a,) {}',
  'missing catch or finally': 'async function f() { try { await 1; } }',
  'catch parameter redeclared by let': 'async function f() { try {} catch (e) { let e; } }',
  'let redeclared': 'async function f() { let a = 1; let a = await 2; }',
  'lexical declaration as a single statement': 'async function f() { if (1) let x = await 1; }',
  'async function declaration as a single statement': 'if (1) async function f() {}',
  'await as an identifier in a module': 'const await = 1;\nexport {};',
  'top-level await in a script with a label': 'await: 1; await x;',
  'html open comment in a module': '<!-- comment\nexport const a = 1;',
  'numeric separator at the end': 'const n = 1_;',
  'bigint with a decimal point': 'const n = 1.5n;',
  'optional chain as a call target of new': 'async function f() { new a?.b(); }',
  'optional chain in a template tag': 'async function f() { a?.b`x`; }',
  'assignment to an optional chain': 'async function f() { a?.b = await 1; }',
  'mixed ?? and || without parentheses': 'async function f() { return a ?? b || await c; }',
  'exponent of a unary operand': 'async function f() { return -await x ** 2; }',
  'getter with a parameter': 'const o = { get x(a) { return a; } };',
  'setter without a parameter': 'const o = { set x() {} };',
  'import outside a module at the top of a script with await': 'async function f() { import x from "y"; }',
  'export inside a function': 'async function f() { export const a = await 1; }',
  'escaped keyword await': 'async function f() { aw\\u0061it x; }',
  'escaped keyword async before function': '\\u0061sync function f() {}',
  'invalid character': 'async function f() { return 1 @ 2; }',
  'generator arrow': 'const f = async *() => {};',
  'yield in a generator parameter': 'async function* f(a = yield) {}',
  'for-in with an initialiser in strict code': '"use strict"; async function f() { for (var x = 0 in {}) {} }',
  'for-of with let as a target': 'async function f() { for (let of x) {} }',
};
for (const [name, code] of Object.entries(syntaxErrors)) add(`syntax: ${name}`, code);

// ---- every invalid option (an error naming the option), and the valid edge values
const optionCases: Array<[string, unknown]> = [
  ['options an array', []],
  ['options a string', 'inline'],
  ['options a number', 1],
  ['options true', true],
  ['unknown option runTime', { runTime: 'inline' }],
  ['unknown option module', { module: 'x' }],
  ['unknown option __proto__-like name', { constructor: 1 }],
  ['runtime misspelled value', { runtime: 'inlined' }],
  ['runtime a number', { runtime: 1 }],
  ['runtime true', { runtime: true }],
  ['runtime null', { runtime: null }],
  ['runtime an object', { runtime: {} }],
  ['runtime upper case', { runtime: 'INLINE' }],
  ['runtimeModule empty', { runtimeModule: '' }],
  ['runtimeModule a number', { runtimeModule: 3 }],
  ['runtimeModule an array', { runtimeModule: ['a'] }],
  ['runtimeModule null', { runtimeModule: null }],
  ['explain a string', { explain: 'yes' }],
  ['explain a number', { explain: 1 }],
  ['explain null', { explain: null }],
  ['explain an object', { explain: {} }],
  ['valid: explain true', { explain: true }],
  ['valid: runtime import', { runtime: 'import' }],
  ['valid: undefined values', { runtime: undefined, explain: undefined }],
  ['valid: empty object', {}],
];
for (const [name, pluginOptions] of optionCases) {
  add(`option: ${name}`, run('const a = await 1;\nreturn a + 1;'), { pluginOptions: pluginOptions as CompareOptions['pluginOptions'] });
}

// ---- constructs the plugin refuses (with a code frame naming them)
add('unsupported: top-level await in a module', 'const v = await Promise.resolve(1);\nlog(v);\nexport {};', { sourceType: 'module' });
add('unsupported: top-level for await in a module', 'for await (const x of []) log(x);\nexport {};', { sourceType: 'module' });
add('unsupported: await inside with', 'async function f(o) { with (o) { log(await x); } }\nf({ x: 1 });');
add('unsupported: super method tag with await', 'class A { t() {} }\nclass B extends A { async m() { return super.t`a${await 1}`; } }\nnew B().m();');
add('unsupported: direct eval declaring a var', run('eval("var v = 1");\nawait null;\nreturn typeof v;'));
add('unsupported: direct eval reading state', run('await null;\nreturn eval("typeof state");'));
add('unsupported: direct eval in a nested arrow', run('const x = await 1;\nreturn (() => eval("x"))();'));
add('unsupported: direct eval in a nested function', run('const x = await 1;\nreturn (function () { return eval("x"); })();'));
add('unsupported: direct eval in a parameter default', 'async function f(a = eval("1")) { return a; }\nf().then(log);');
add('unsupported: parenthesised direct eval', run('await null;\nreturn (eval)("1");'));
add('unsupported: direct eval in an async arrow', 'const f = async () => eval("1");\nf().then(log);');
add('unsupported: direct eval in an async method', 'const o = { async m() { await 1; return eval("2"); } };\no.m().then(log);');
add('unsupported: direct eval in an async generator', 'async function* g() { yield eval("1"); }\ng().next().then((r) => log(r.value));');
add('unsupported: direct eval through a local binding named eval', 'async function f() { var eval = globalThis.eval; await 1; return eval("1"); }\nf().then(log);');
add('supported: indirect eval', run('const shown = await "local";\nreturn (0, eval)("typeof shown");'));
add('supported: optional-call eval', run('await null;\nreturn eval?.("1 + 1");'));
add('supported: eval outside any async function', 'function g() { return eval("1 + 1"); }\nasync function f() { return g() + await 1; }\nf().then(log);');

// ---- huge inputs and deep nesting, at sizes Babel itself parses and prints
const huge: Array<[string, string]> = [
  ['array literal of 20,000 elements with one await', run(`const a = [await 1, ${repeat(20000, (i) => String(i), ', ')}];\nreturn a.length;`)],
  ['array literal of 2,000 elements with an await at the end', run(`let i = 0;\nconst a = [${repeat(2000, () => 'i++', ', ')}, await i];\nreturn a[1999] + a[2000];`)],
  ['object literal of 3,000 properties around awaits', run(`const o = { ${repeat(3000, (i) => (i % 1000 === 0 ? `p${i}: await ${i}` : `p${i}: ${i}`), ', ')} };\nreturn Object.keys(o).length + o.p2000;`)],
  ['1,000 awaits in one function', run(`let s = 0;\n${repeat(1000, (i) => `s += await ${i};`)}\nreturn s;`)],
  ['1,000 awaited terms in one + chain', run(`return ${repeat(1000, (i) => `await ${i}`, ' + ')};`)],
  ['500 awaited terms in a && chain', run(`return ${repeat(500, () => 'await 1', ' && ')};`)],
  ['template with 300 awaited substitutions', run(`return \`${repeat(300, (i) => `\${await ${i}}`, '-')}\`.length;`)],
  ['call with 2,000 arguments and awaits', run(`return Math.max(${repeat(2000, (i) => (i % 500 === 0 ? `await ${i}` : String(i)), ', ')});`)],
  ['switch with 500 cases that await', run(`const k = await 250;\nswitch (k) {\n${repeat(500, (i) => `case ${i}: log('case', await ${i}); break;`)}\n}`)],
  ['300 async functions in one file', `${repeat(300, (i) => `async function f${i}(x) { return (await x) + ${i}; }`)}\nf299(1).then(log);`],
  ['200 try statements nested', run(`let n = 0;\n${repeat(200, () => 'try {', ' ')} n += await 1; throw new Error('deep'); ${repeat(200, () => '} catch (e) { n++; if (n > 5) throw e; }', ' ')}`)],
  ['300 blocks nested', run(`${repeat(300, (i) => `{ let b${i} = ${i};`, ' ')} log(await b299); ${repeat(300, () => '}', ' ')}`)],
  ['500 ifs nested', run(`const t = await true;\n${repeat(500, () => 'if (t)', ' ')} log('inner', await 1);`)],
  ['200 loops nested', run(`let n = 0;\n${repeat(200, (i) => `for (let i${i} = 0; i${i} < 1; i${i}++)`, ' ')} n += await 1;\nreturn n;`)],
  ['100 async arrows nested', `const f = ${repeat(100, () => 'async () => ', '')} await 1;\nf().then((g) => log(typeof g));`],
  ['200 async arrows nested', `const f = ${repeat(200, () => 'async () => ', '')} await 1;\nf().then((g) => log(typeof g));`],
  ['50 async functions nested', `${repeat(50, () => '(async function () { await null; return ', '')} 1 ${repeat(50, () => '; })', '')};\nlog('built');`],
  ['80 async functions nested', `const f = ${repeat(80, () => 'async function () { await null; return ', '')} 1 ${repeat(80, () => '; }', '')};\nf().then((g) => log(typeof g));`],
  ['300 parentheses around an await', run(`return ${'('.repeat(300)}await 7${')'.repeat(300)};`)],
  ['a 1 MB string literal', run(`const s = "${'x'.repeat(1000000)}";\nreturn (await s).length;`)],
  ['3,000 statements without await after one', run(`await null;\nlet s = 0;\n${repeat(3000, (i) => `s += ${i % 7};`)}\nreturn s;`)],
  ['deep member chain with an await at the root', run(`const o = {}; let p = o; for (let i = 0; i < 400; i++) p = p.n = {};\nreturn (await o)${'.n'.repeat(400)} !== undefined;`)],
  ['400 nested array literals around an await', run(`return JSON.stringify(${'['.repeat(400)}await 1${']'.repeat(400)}).length;`)],
];
for (const [name, code] of huge) add(`huge: ${name}`, code);

// ---- intrinsics, runtime names and temporaries shadowed in the user's code
const shadows: Record<string, string> = {
  'local Promise': run('const Promise = function () { throw new Error("user Promise"); };\nreturn await 1;'),
  'local Object': run('let Object = null;\nreturn (await 1) + 1;'),
  'local Array and Symbol': run('const Array = 1, Symbol = 2;\nfor (const x of [await 1, 2]) log(x);'),
  'local TypeError': run('const TypeError = function () {};\ntry { null.x; } catch (e) { log(e instanceof TypeError); }\nawait 1;'),
  'local undefined': run('var undefined = 5;\nreturn (await undefined) + 1;'),
  'local NaN and Infinity': run('var NaN = 1, Infinity = 2;\nreturn (await NaN) + Infinity;'),
  'a variable called state': run('let state = "user";\nawait null;\nreturn state;'),
  'a parameter called state': 'async function f(state) { await null; return state; }\nf("param").then(log);',
  'a variable called _asyncMachine': run('const _asyncMachine = "user";\nreturn await _asyncMachine;'),
  'variables called _temp and _value': run('let _temp = 1, _value = 2, _temp2 = 3;\nreturn [_temp, await _value, _temp2].join();'),
  'a variable called arguments in an arrow': 'async function f() { const g = async () => arguments[0] + await 1; return g(); }\nf(41).then(log);',
  'a global called state': 'var state = "global";\nasync function f() { await null; return state; }\nf().then(log);',
  'a function called asyncMachine': 'function asyncMachine() { return "user"; }\nasync function f() { return asyncMachine() + await 1; }\nf().then(log);',
  'globalThis property Promise replaced after definition': 'async function f() { return await 1; }\nconst P = Promise;\nf().then(log);\nglobalThis.Promise = function () {};\nP.resolve().then(() => log("tick"));',
  'local Function and Reflect': run('const Function = 0, Reflect = 0;\nreturn typeof (await 1);'),
  'catch parameter named like a temporary': run('try { throw 1; } catch (_temp) { return (await _temp) + 1; }'),
  'label named state': run('state: for (;;) { await 1; break state; }\nreturn 1;'),
  'shadowed log inside': run('const log = (...a) => globalThis.log("inner", ...a);\nlog(await 1);'),
  'local require': run('const require = () => { throw new Error("user require"); };\nreturn await 1;'),
  'a class called Promise in a block': run('{ class Promise {} log(typeof Promise); }\nreturn await 2;'),
};
for (const [name, code] of Object.entries(shadows)) add(`shadow: ${name}`, code, { pluginOptions: { runtime: 'import' } });

// ---- unicode, byte order mark, line terminators
const text: Record<string, string> = {
  'BOM at the start': '\uFEFF' + run('return await "bom";'),
  'CRLF line endings': run('const a = await 1;\r\nconst b = await 2;\r\nreturn a + b;').replace(/\n/g, '\r\n'),
  'CR-only line endings': run('const a = await 1;\nreturn a;').replace(/\n/g, '\r'),
  'U+2028 in a string': run('return (await "a\u2028b").length;'),
  'U+2029 in a string': run('return (await "a\u2029b").length;'),
  'U+2028 as a line terminator': run('const a = await 1;\u2028return a;'),
  'U+2028 in a template': run('return `x\u2028${await 1}\u2029y`.length;'),
  'U+2028 in a comment': run('// comment \u2028 const a = 1;\nreturn await 3;'),
  'non-ASCII identifiers': run('const größe = await 5, café = 1, π = 3.14;\nreturn größe + café + π;'),
  'astral identifier': run('const 𐊧 = await 7;\nreturn 𐊧;'),
  'escaped identifier': run('const \\u0061b = await 2;\nreturn ab;'),
  'zero-width joiner in an identifier': run('const a\u200Db = await 4;\nreturn a\u200Db;'),
  'emoji in strings and templates': run('return `${await "😀"}🎉`.length;'),
  'right-to-left text': run('return await "שלום עולם";'),
  'lone surrogate escape in a string': run('return (await "\\uD800").length;'),
  'tab and form feed whitespace': run('const\ta\f=\vawait\t1;\nreturn a;'),
  'non-breaking spaces as whitespace': run('const\u00A0a\u00A0=\u00A0await 1;\nreturn a;'),
  'shebang line': '#!/usr/bin/env node\n' + run('return await "shebang";'),
  'html comments in a script': '<!-- old html comment\n' + run('return await 1;') + '\n--> trailing',
  'empty file': '',
  'only comments': '// nothing\n/* at all */',
  'only a directive': '"use strict";',
  'strict mode program': '"use strict";\n' + run('return await 1;'),
  'no trailing newline and a comment at the end': run('return await 1;') + '// end',
};
for (const [name, code] of Object.entries(text)) add(`text: ${name}`, code);

// ---- JSX, TypeScript, Flow and decorators with their presets
const react = { presets: ['@babel/preset-react'], prelude: 'var React = { Fragment: "F", createElement: function (t, p) { log("create", typeof t === "string" ? t : t.name, JSON.stringify(p), arguments.length - 2); return { t: t, p: p }; } };' };
const jsx: Record<string, string> = {
  'await as a child': run('return <p>{await 1}</p>;'),
  'await in an attribute': run('return <p a={await 1} b="2" />;'),
  'await in a spread attribute': run('return <p {...await ({ a: 1 })} />;'),
  'await in a fragment': run('return <>{await 1}{await 2}</>;'),
  'await in a nested element after a sibling': run('return <div><b>{log("first")}</b><i>{await 2}</i></div>;'),
  'await in a member-expression tag element': 'const ui = { Box: function Box() {} };\n' + run('return <ui.Box x={await 1} />;'),
  'await in a component with a replaced tag': 'let C = function A() {};\n' + run('const e = <C v={await 1} />;\nreturn e.t.name;') + '\nC = function B() {};',
  'JSX without await in an async function': run('const e = <p>x</p>;\nawait null;\nreturn e.p;'),
  'await in a JSX expression with an empty expression': run('return <p>{/* c */}{await 1}</p>;'),
  'JSX text with entities': run('return <p>&amp; {await "x"} &nbsp;</p>;'),
};
for (const [name, code] of Object.entries(jsx)) add(`jsx: ${name}`, code, react);
add('jsx: automatic runtime', 'async function main() { return <p>{await 1}</p>; }\nmain().then((e) => log(e.props.children));', {
  presets: [['@babel/preset-react', { runtime: 'automatic', importSource: 'jsx-fake' }]],
  prelude: 'var require = function () { return { jsx: function (t, p) { log("jsx", t, JSON.stringify(p)); return { t: t, props: p }; }, jsxs: function (t, p) { return { t: t, props: p }; } }; };',
});
add('jsx: without the preset (syntax error)', run('return <p>{await 1}</p>;'));

const ts = { presets: ['@babel/preset-typescript'], filename: 'input.ts' };
const typescript: Record<string, string> = {
  'type annotations': run('const a: number = await Promise.resolve(1);\nreturn a as number;', 'x?: string'),
  'generic call with await': 'function id<T>(v: T): T { return v; }\n' + run('return id<number>(await 2);'),
  'non-null assertion on await': run('const o: { v?: number } = { v: 1 };\nreturn (await o)!.v!;'),
  'satisfies': run('const o = (await { a: 1 }) satisfies { a: number };\nreturn o.a;'),
  'enum and namespace': 'enum E { A = 1, B }\nnamespace N { export const v = 3; }\n' + run('return (await E.B) + N.v;'),
  'parameter properties and async method': 'class A { constructor(public v: number) {} async m(): Promise<number> { return this.v + await 1; } }\nnew A(1).m().then(log);',
  'abstract class with async method': 'abstract class B { abstract x(): number; async m() { return this.x() + await 1; } }\nclass C extends B { x() { return 2; } }\nnew C().m().then(log);',
  'type-only imports and exports': 'import type { T } from "./t";\nexport type U = number;\n' + run('const v: U = await 1;\nreturn v;'),
  'await in a type assertion': run('return <number>(await 3);'),
  'optional chaining with types': run('const o: { f?: () => number } | null = await { f: () => 4 };\nreturn o?.f?.();'),
  'definite assignment and declare': 'declare const ext: number;\n' + run('let x!: number;\nx = await 5;\nreturn x;'),
  'async arrow with a generic': 'const f = async <T,>(v: T): Promise<T> => await v;\nf(6).then(log);',
  'TS syntax without the preset (syntax error)': run('const a: number = await 1;\nreturn a;'),
};
for (const [name, code] of Object.entries(typescript)) {
  if (name.includes('without the preset')) add(`ts: ${name}`, code);
  else add(`ts: ${name}`, code, ts);
}
add('ts: TSX with await in JSX', run('const n: number = await 1;\nreturn <p>{n}{await 2}</p>;'), { presets: ['@babel/preset-typescript', '@babel/preset-react'], filename: 'input.tsx', prelude: react.prelude });

const flow = { presets: ['@babel/preset-flow'] };
const flowCases: Record<string, string> = {
  'annotations': '// @flow\n' + run('const a: number = await 1;\nreturn a;', 'x: ?string'),
  'type cast of an await': '// @flow\n' + run('return ((await 2): number);'),
  'generic async function': '// @flow\nasync function f<T>(v: T): Promise<T> { return await v; }\nf(3).then(log);',
  'opaque and type aliases': '// @flow\ntype A = { a: number };\nopaque type B = string;\n' + run('const o: A = await { a: 4 };\nreturn o.a;'),
  'Flow annotations without the preset (syntax error)': run('const a: number = await 1;\nreturn a;'),
};
for (const [name, code] of Object.entries(flowCases)) add(`flow: ${name}`, code, name.includes('without') ? { parserPlugins: [] } : flow);

const decorators2023 = { plugins: [['@babel/plugin-proposal-decorators', { version: '2023-11' }]] as CompareOptions['plugins'] };
const decoratorsLegacy = { plugins: [['@babel/plugin-proposal-decorators', { legacy: true }]] as CompareOptions['plugins'] };
const decoratorPrelude = 'function logged(value, context) { log("decorate", context && context.kind, context && String(context.name)); return value; }\nfunction legacy(target, key, descriptor) { log("legacy", key); return descriptor; }\n';
add('decorators: 2023-11 on an async method', decoratorPrelude + 'class A { @logged async m() { return await 1; } }\nnew A().m().then(log);', decorators2023);
add('decorators: 2023-11 on a class with an async method', decoratorPrelude + '@logged class A { async m() { return (await 2) + 1; } }\nnew A().m().then(log);', decorators2023);
add('decorators: 2023-11 on a static async method', decoratorPrelude + 'class A { @logged static async s() { return await 3; } }\nA.s().then(log);', decorators2023);
add('decorators: legacy on an async method', decoratorPrelude + 'class A { @legacy async m() { return await 4; } }\nnew A().m().then(log);', decoratorsLegacy);
add('decorators: await in a decorator expression inside an async function', decoratorPrelude + 'async function f() { class A { @(await Promise.resolve(logged)) m() { return 5; } } return new A().m(); }\nf().then(log, (e) => log("rejected", e));', decorators2023);
add('decorators: without the plugin (syntax error)', 'class A { @logged async m() { return await 1; } }');

// ---- odd but valid programs
const odd: Record<string, string> = {
  'await of await of await': run('return await await await 1;'),
  'await in a comma expression': run('return (await 1, await 2, 3);'),
  'await in a computed key of a class in an async function': run('class A { [await "m"]() { return 1; } }\nreturn new A().m();'),
  'async method with a computed key': 'const k = "m";\nconst o = { async [k]() { return await 1; } };\no.m().then(log);',
  'labelled blocks with awaits': run('outer: { inner: { await 1; break outer; } log("not"); }\nreturn "after";'),
  'await in a finally that overrides a return': run('try { return 1; } finally { await 2; log("finally"); }'),
  'await in a getter-like property name': run('const o = { get: await 1, set: await 2, async: await 3, await: 4 };\nreturn Object.keys(o).join();'),
  'async as an identifier': 'var async = (x) => x;\nasync function f() { return async(await 1); }\nf().then(log);',
  'await in a default of a destructuring declaration': run('const { a = await 1, b: [c = await 2] = [] } = {};\nreturn a + c;'),
  'for await over a sync iterable of promises': run('let s = 0;\nfor await (const x of [Promise.resolve(1), 2]) s += x;\nreturn s;'),
  'async generator returning an awaited value': 'async function* g() { yield await 1; return await 2; }\n(async () => { for await (const x of g()) log(x); })();',
  'new.target in an async function': 'async function f() { await null; return new.target === undefined; }\nf().then(log);',
  'arguments after an await': 'async function f() { await null; return arguments.length; }\nf(1, 2, 3).then(log);',
  'this in an async arrow in a method': 'const o = { v: 7, m() { return (async () => this.v + await 0)(); } };\no.m().then(log);',
  'async function expression named like a global': 'const f = async function Promise() { return await 1; };\nf().then(log);',
  'sloppy-mode octal literal in an async function': run('return (await 010) + 1;'),
  'regular expression after await': run('return (await /a+/g).source;'),
  'division after await': run('const a = 4;\nreturn await a / 2 / 1;'),
  'ASI between await and a parenthesis': run('const f = (x) => x\nconst v = await 3\n;(log)(v)\nreturn v'),
  'async IIFE': '(async function () { log(await 1); })();',
  'deeply chained optional calls with await': run('const o = { a: { b: () => ({ c: 1 }) } };\nreturn (await o)?.a?.b?.()?.c;'),
  'class fields next to async methods': 'class A { x = 1; static y = 2; #p = 3; async m() { return this.x + A.y + this.#p + await 0; } }\nnew A().m().then(log);',
  'static block and async static method': 'class A { static v; static { A.v = 5; } static async s() { return A.v + await 1; } }\nA.s().then(log);',
  'getter and setter next to an async method': 'const o = { get g() { return 1; }, set s(v) {}, async m() { return this.g + await 1; } };\no.m().then(log);',
  'await of a thenable with a throwing then': run('try { await { then() { throw new Error("then threw"); } }; } catch (e) { return e.message; }'),
  'switch with a default in the middle': run('switch (await 3) { case 1: return "one"; default: log("default"); case 2: return "two"; }'),
};
for (const [name, code] of Object.entries(odd)) add(`odd: ${name}`, code);

export const BAD_INPUTS: readonly BadInput[] = cases;
