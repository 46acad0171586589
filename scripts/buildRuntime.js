#!/usr/bin/env node
/*
 * buildRuntime: assembles the runtime's ES5 pieces (src/runtime/*.js, in the order of
 * src/runtime/modules.json) into
 *   lib/runtime/asyncMachine.js      CommonJS entry, readable (comments kept)
 *   lib/runtime/asyncMachine.min.js  CommonJS entry, minified
 *   lib/runtime/asyncMachine.mjs     ES module entry: default export + named exports
 *   lib/runtime/asyncMachine.min.mjs the same, minified (package.json `exports` points here)
 *   src/emission/runtimeSources.ts   every piece as a string, readable and minified, for the
 *                                    inline mode (a module a bundler can follow: no fs at
 *                                    transform time)
 * Minification (terser): the whole runtime is mangled in one go, so every piece agrees on the
 * short names, then cut back into pieces at marker statements; each piece is then compressed
 * on its own (top-level names kept), so any subset that respects `needs` still links.
 * Must never: change what the runtime does (only names, whitespace and comments), or write
 * anywhere but the outputs above.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { minify } = require('terser');

const root = path.resolve(__dirname, '..');
const runtimeDir = path.join(root, 'src', 'runtime');
const manifest = JSON.parse(fs.readFileSync(path.join(runtimeDir, 'modules.json'), 'utf8'));

// The factory: its parameters are the global object and a private `undefined`, so that no
// name the user's file declares (Promise, Object, undefined, ...) is ever read by the runtime.
const READABLE_HEAD = "(function (global, undefined) {\n  'use strict';\n";
const READABLE_TAIL = '\n  return asyncMachine;\n})';
// How a file without shadowing bindings reaches the global object, in any environment.
const GLOBAL_EXPRESSION =
  "typeof globalThis === 'object' && globalThis ? globalThis : typeof self === 'object' && self ? self : typeof window === 'object' && window ? window : typeof global === 'object' && global ? global : this";

// Property names the minified build shortens (terser keeps any name it knows from the DOM or
// the language, such as `elements` or `pattern`, whatever this list says): the runtime's private fields (`_name`) and
// these fields and methods of its own internal objects (regions, closings, generator records,
// delegations), which neither the emitted code nor a user's code ever names. checkInternal()
// below refuses a name that is public anywhere; tests/runtimeBuild.test.ts checks the list
// against every emitted file.
const INTERNAL_PROPERTIES = [
  // regions (tryRegions.js, iteration.js, asyncIteration.js): the chain and its protocol
  'outer', 'leave', 'raise', 'phase', 'finallyLabel', 'catchLabel', 'pendingKind', 'pendingValue', 'pendingLeave',
  'headLabel', 'afterNormalClose',
  // async generator records and delegations (asyncGenerators.js)
  'completeStep', 'drainQueue', 'awaitReturn', 'returning', 'record',
];
// Names that are public somewhere and so are never shortened, whatever the list says.
const PUBLIC_PROPERTIES = new Set([
  'value', 'done', 'next', 'return', 'throw', 'then', 'get', 'set', 'writable', 'enumerable', 'configurable',
  'constructor', 'prototype', 'length', 'name', 'message', 'stack', 'cause', 'errors', 'caller', 'callee', 'arguments',
  'label', 'sent', 'caught', 'default', 'asyncMachine',
]);

/** Throws when a name of INTERNAL_PROPERTIES is public: a runtime member the emitted code calls,
 * a protocol name, a property of a built-in, or a name the runtime spells as a string (a string
 * key is not renamed with the property, so the two would part). */
function checkInternal(pieces) {
  const members = new Set(pieces.flatMap((piece) => piece.members));
  const builtin = new Set();
  const seen = new Set();
  const walk = (object, depth) => {
    if (object === null || (typeof object !== 'object' && typeof object !== 'function') || seen.has(object) || depth > 3) return;
    seen.add(object);
    for (const key of Reflect.ownKeys(object)) {
      if (typeof key === 'string') builtin.add(key);
      const desc = Object.getOwnPropertyDescriptor(object, key);
      if (desc && 'value' in desc) walk(desc.value, depth + 1);
    }
    walk(Object.getPrototypeOf(object), depth + 1);
  };
  walk(globalThis, 0);
  for (const name of INTERNAL_PROPERTIES) {
    const why = members.has(name) ? 'a runtime member the emitted code uses (modules.json)'
      : PUBLIC_PROPERTIES.has(name) ? 'a protocol or public name'
      : builtin.has(name) ? 'a property of a built-in object'
      : pieces.some((piece) => new RegExp(`['"]${name}['"]`).test(piece.readable)) ? 'spelled as a string in the runtime'
      : name.startsWith('_') ? 'already private (every `_name` is shortened)'
      : null;
    if (why) throw new Error(`buildRuntime: INTERNAL_PROPERTIES lists "${name}", which is ${why}; it must not be shortened`);
  }
}
const INTERNAL_PROPERTY_REGEX = new RegExp(`^(_.*|${INTERNAL_PROPERTIES.join('|')})$`);

// Marks where one piece ends and the next begins: a call of an unknown function, which the
// compressor can neither drop nor move code across (sequences and var joins are left to the
// second, per-piece compression, so each mark stays a statement of its own).
const marker = (name) => `__piece__(${JSON.stringify(name)});`;
// Compression that changes no behaviour a user can observe: every property read is kept
// (a getter may run), function lengths and names as written.
const SAFE_COMPRESS = { pure_getters: false, hoist_props: false, keep_fnames: false, unsafe: false };

async function build() {
  const pieces = manifest.modules.map((module) => ({
    name: module.name,
    needs: module.needs,
    members: module.members,
    readable: fs.readFileSync(path.join(runtimeDir, module.file), 'utf8').trim(),
  }));
  checkInternal(pieces);

  // 1. one compression and one mangle over the whole factory, marks between the pieces: the
  // constants and small helpers every piece shares are inlined once for all, and every piece
  // agrees on the short names
  const whole = `${READABLE_HEAD}${pieces.map((piece) => `${marker(piece.name)}\n${piece.readable}\n`).join('')}${marker('end')}${READABLE_TAIL}`;
  const mangled = await minify(`__factory__=${whole}`, {
    compress: { ...SAFE_COMPRESS, passes: 3, sequences: false, join_vars: false, keep_fargs: false },
    mangle: { properties: { regex: INTERNAL_PROPERTY_REGEX } },
    format: { comments: false, beautify: false },
    ecma: 5,
  });
  let code = mangled.code.replace(/;$/, '').replace(/^__factory__=/, '');
  // terser prints the factory as `function(n,e){...}` or `(function(n,e){...})`: normalise
  code = code.replace(/^\(+/, '').replace(/\)+$/, '');
  const cut = (name) => {
    const text = marker(name);
    const at = code.indexOf(text);
    if (at < 0) throw new Error(`buildRuntime: marker for ${name} lost in minification`);
    if (code.indexOf(text, at + 1) >= 0) throw new Error(`buildRuntime: marker for ${name} duplicated in minification`);
    return { at, end: at + text.length };
  };
  const first = cut(pieces[0].name);
  const minifiedHead = `(${code.slice(0, first.at)}`;
  const endMarker = cut('end');
  const minifiedTail = `${code.slice(endMarker.end)})`;
  for (let i = 0; i < pieces.length; i++) {
    const from = cut(pieces[i].name).end;
    const to = i + 1 < pieces.length ? cut(pieces[i + 1].name).at : endMarker.at;
    const raw = code.slice(from, to);
    // 2. each piece compressed alone: top-level names stay (other pieces use them)
    const compressed = await minify(raw, {
      compress: { ...SAFE_COMPRESS, toplevel: false, passes: 2, unused: true, keep_fargs: false },
      mangle: false,
      format: { comments: false },
      ecma: 5,
    });
    pieces[i].minified = compressed.code;
  }
  if (!/^function\((\w+),(\w+)\)\{"use strict";$/.test(minifiedHead.slice(1)) || !/^return (\w+)\}\)$/.test(minifiedTail)) {
    throw new Error(`buildRuntime: unexpected factory shape ${minifiedHead} ... ${minifiedTail}`);
  }

  const header = (what) => `/* ${what}: generated by scripts/buildRuntime.js from src/runtime/*.js (do not edit) */\n`;
  const assemble = (head, tail, texts) => `${head}${texts.join('\n')}${tail}`;
  const fullReadable = assemble(READABLE_HEAD, READABLE_TAIL, pieces.map((piece) => piece.readable));
  const fullMinified = assemble(minifiedHead, minifiedTail, pieces.map((piece) => piece.minified));
  const exportsTail =
    "\nif (typeof module === 'object' && module && module.exports) {\n  module.exports = asyncMachine;\n  module.exports.asyncMachine = asyncMachine;\n  module.exports.asyncGenerator = asyncMachine.generator;\n  module.exports['default'] = asyncMachine;\n}\n";

  const libDir = path.join(root, 'lib', 'runtime');
  fs.mkdirSync(libDir, { recursive: true });
  fs.writeFileSync(
    path.join(libDir, 'asyncMachine.js'),
    `${header('asyncMachine (CommonJS, readable)')}'use strict';\nvar asyncMachine = ${fullReadable}(${GLOBAL_EXPRESSION});\n${exportsTail}`,
  );
  fs.writeFileSync(
    path.join(libDir, 'asyncMachine.min.js'),
    `"use strict";var asyncMachine=${fullMinified}(${GLOBAL_EXPRESSION.replace(/ /g, '').replace(/typeof/g, 'typeof ')});` +
      `"object"==typeof module&&module&&module.exports&&(module.exports=asyncMachine,module.exports.asyncMachine=asyncMachine,module.exports.asyncGenerator=asyncMachine.generator,module.exports["default"]=asyncMachine);\n`,
  );
  fs.writeFileSync(
    path.join(libDir, 'asyncMachine.mjs'),
    `${header('asyncMachine (ES module)')}var asyncMachine = ${fullReadable}(typeof globalThis === 'object' && globalThis ? globalThis : typeof self === 'object' && self ? self : typeof window === 'object' && window ? window : global);\n` +
      'var asyncGenerator = asyncMachine.generator;\nexport { asyncMachine, asyncGenerator };\nexport default asyncMachine;\n',
  );

  fs.writeFileSync(
    path.join(libDir, 'asyncMachine.min.mjs'),
    `var asyncMachine=${fullMinified}("object"==typeof globalThis&&globalThis?globalThis:"object"==typeof self&&self?self:"object"==typeof window&&window?window:global);var asyncGenerator=asyncMachine.generator;export{asyncMachine,asyncGenerator};export default asyncMachine;\n`,
  );

  writeModules(pieces, minifiedHead, minifiedTail, path.join(libDir, 'esm'), header);

  const sources =
    `${header('runtimeSources')}` +
    '/*\n * runtimeSources: the runtime\'s pieces as strings (readable and minified), so that the inline mode\n' +
    ' * needs no file system: a bundler (the browser playground) follows this import like any other.\n' +
    ' * Must never: be edited by hand (npm run build regenerates it from src/runtime).\n */\n' +
    'export interface RuntimePiece {\n  readonly name: string;\n  readonly needs: readonly string[];\n  readonly members: readonly string[];\n  readonly readable: string;\n  readonly minified: string;\n}\n\n' +
    `export const RUNTIME_PIECES: readonly RuntimePiece[] = ${JSON.stringify(pieces, null, 2)};\n\n` +
    `export const FACTORY = ${JSON.stringify({ readable: { head: READABLE_HEAD, tail: READABLE_TAIL }, minified: { head: minifiedHead, tail: minifiedTail } }, null, 2)} as const;\n\n` +
    `/** The global object, for a file that shadows none of these names. */\nexport const GLOBAL_EXPRESSION = ${JSON.stringify(GLOBAL_EXPRESSION)};\n`;
  fs.writeFileSync(path.join(root, 'src', 'emission', 'runtimeSources.ts'), sources);
  return { pieces, fullReadable, fullMinified };
}

/*
 * The ES module entry, one module per piece (lib/runtime/esm/<piece>.mjs), from the minified
 * pieces: a piece imports the top-level names it reads from the pieces that declare them (its
 * `needs`) and exports the ones later pieces read, so a bundler that sees `import` of the core
 * alone keeps the core alone. The core defines the factory's two parameters (the global object,
 * a private `undefined`) and exports the driver as `asyncMachine` and `default`. A piece that
 * assigns a top-level variable of another (the capture of a promise's resolving functions) calls
 * a setter the owner exports, since an imported binding is read-only.
 */
function writeModules(pieces, minifiedHead, minifiedTail, dir, header) {
  const { parse } = require('@babel/parser');
  const traverse = require('@babel/traverse').default;
  const [, globalName, undefinedName] = /^\(function\((\w+),(\w+)\)/.exec(minifiedHead);
  const [, driverName] = /^return (\w+)\}/.exec(minifiedTail);
  const owner = new Map([[globalName, 'core'], [undefinedName, 'core']]);
  const byName = new Map(pieces.map((piece) => [piece.name, piece]));
  const closure = (name, into = new Set()) => {
    into.add(name);
    for (const need of byName.get(name).needs) if (!into.has(need)) closure(need, into);
    return into;
  };
  const analysed = pieces.map((piece) => {
    const ast = parse(piece.minified, { sourceType: 'script', strictMode: true });
    const free = new Set();
    const assigned = [];
    let declared = [];
    traverse(ast, {
      Program(program) {
        declared = Object.keys(program.scope.bindings);
      },
      ReferencedIdentifier(ref) {
        const name = ref.node.name;
        if (name !== 'arguments' && !ref.scope.hasBinding(name, true)) free.add(name);
      },
      AssignmentExpression(assignment) {
        const left = assignment.node.left;
        if (left.type !== 'Identifier' || assignment.scope.hasBinding(left.name, true)) return;
        if (assignment.node.operator !== '=') throw new Error(`buildRuntime: ${piece.name} updates ${left.name} of another piece with ${assignment.node.operator}`);
        free.add(left.name);
        assigned.push(assignment.node);
      },
      UpdateExpression(update) {
        const argument = update.node.argument;
        if (argument.type === 'Identifier' && !update.scope.hasBinding(argument.name, true)) throw new Error(`buildRuntime: ${piece.name} updates ${argument.name} of another piece`);
      },
    });
    if (piece.name === 'core') declared.push(globalName, undefinedName);
    for (const name of declared) if (!owner.has(name) || piece.name === 'core') owner.set(name, piece.name);
    return { piece, free, assigned, declared };
  });
  const exported = new Map(pieces.map((piece) => [piece.name, new Set()]));
  const setters = new Map(pieces.map((piece) => [piece.name, new Set()]));
  const imports = analysed.map(({ piece, free, assigned }) => {
    const allowed = closure(piece.name);
    const from = new Map();
    for (const name of free) {
      const home = owner.get(name);
      if (home === piece.name) continue; // the core's own parameters
      if (home === undefined) throw new Error(`buildRuntime: ${piece.name} reads ${name}, which no piece declares (a global read after load?)`);
      if (!allowed.has(home)) throw new Error(`buildRuntime: ${piece.name} reads ${name} of ${home}, which is not among its needs`);
      if (!from.has(home)) from.set(home, new Set());
      from.get(home).add(name);
      exported.get(home).add(name);
    }
    for (const node of assigned) {
      setters.get(owner.get(node.left.name)).add(node.left.name);
      from.get(owner.get(node.left.name)).add(`set$${node.left.name}`);
    }
    return from;
  });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  analysed.forEach(({ piece, assigned }, i) => {
    // `a=b=null` -> `set$a(set$b(null))`, edits applied from the end of the text
    const edits = [];
    for (const node of assigned) {
      edits.push({ at: node.left.start, end: node.right.start, text: `set$${node.left.name}(` });
      edits.push({ at: node.right.end, end: node.right.end, text: ')' });
    }
    edits.sort((a, b) => b.at - a.at || b.end - a.end);
    let body = piece.minified;
    for (const edit of edits) body = body.slice(0, edit.at) + edit.text + body.slice(edit.end);
    const lines = [header(`async-state-machine-runtime ES module piece "${piece.name}"`).trimEnd()];
    for (const [home, names] of imports[i]) lines.push(`import{${[...names].sort().join(',')}}from"./${home}.mjs";`);
    if (piece.name === 'core') {
      lines.push(`var ${globalName}="object"==typeof globalThis&&globalThis?globalThis:"object"==typeof self&&self?self:"object"==typeof window&&window?window:global,${undefinedName};`);
    }
    lines.push(body);
    const names = [...exported.get(piece.name)].sort();
    const setterNames = [...setters.get(piece.name)].sort();
    for (const name of setterNames) lines.push(`function set$${name}(v){return ${name}=v}`);
    const list = [...names, ...setterNames.map((name) => `set$${name}`)];
    if (piece.name === 'core') list.push(`${driverName} as asyncMachine`, `${driverName} as default`);
    if (list.length) lines.push(`export{${list.join(',')}};`);
    fs.writeFileSync(path.join(dir, `${piece.name}.mjs`), `${lines.join('\n')}\n`);
  });
}

if (require.main === module) {
  build().then(
    ({ pieces, fullMinified }) => {
      const zlib = require('zlib');
      const gz = (text) => zlib.gzipSync(text, { level: 9 }).length;
      const core = pieces.filter((piece) => piece.name === 'core').map((piece) => piece.minified);
      process.stdout.write(
        `runtime built: core ${core[0].length} B min / ${gz(core.join(''))} B min+gzip; all ${fullMinified.length} B min / ${gz(fullMinified)} B min+gzip\n`,
      );
    },
    (error) => {
      process.stderr.write(`${error.stack}\n`);
      process.exit(1);
    },
  );
}

module.exports = { build, INTERNAL_PROPERTIES };
