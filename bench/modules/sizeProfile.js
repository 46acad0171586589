/*
 * sizeProfile: where the runtime's and the emitted code's gzip bytes go, for the size targets of
 * issue 10 (a size "profile"): each runtime piece as the build ships it; the core's bytes by
 * concern, measured by taking each concern's top-level statements out of the readable core and
 * minifying and gzipping the rest the same way (leave-one-out: gzip is not additive, so each
 * row is what that concern alone adds); and the one-file corpus output split into the runtime,
 * the spelling of the runtime's public names, and the state machines themselves.
 * Must never: change a shipped file, or run the code it measures (the variants with a concern
 * taken out are sized only: they no longer work).
 */
'use strict';
const zlib = require('zlib');
const acorn = require('acorn');
const { minify } = require('terser');

const gzipBytes = (text) => zlib.gzipSync(text, { level: 9 }).length;

// The core's top-level declarations by what they are for (src/runtime/core.js). A name not
// listed falls in "driver"; a listed name that the core no longer declares is reported, so the
// list cannot go stale silently.
const CORE_CONCERNS = [
  {
    concern: 'hardening: intrinsics captured at load, calls through a bound `call`, null-prototype descriptors',
    names: ['NativeObject', 'NativeFunction', 'NativeSymbol', 'functionPrototype', 'bindFunction', 'callFunction', 'applyFunction', 'hasOwnProperty', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'defineProperty', 'isExtensible', 'objectCreate', 'hasSymbols', 'isDataValue', 'DESCRIPTOR_FIELDS', 'descriptor', 'elementDescriptor', 'NO_SELF'],
  },
  {
    concern: 'exact Await: one `constructor` read, no species read (lookups, stand-in species, unread subscription)',
    names: ['speciesSymbol', 'speciesDescriptor', 'speciesGetter', 'if speciesGetter', 'lookupGetter', 'subscribe', 'withSpecies', 'internalPromise', 'subscribeUnread', 'promiseConstructorIsPlain'],
  },
  {
    concern: 'linking `await f()` of a same-file async function (one job, no reaction)',
    names: ['lastPromise', 'lastMachine', 'linkAwait', 'proto.awaitCall'],
  },
  {
    concern: 'lazy result promise and settled results of calls that never suspend',
    names: ['capturedResolve', 'capturedReject', 'captureResolvingFunctions', 'newCapability', 'settledPromise'],
  },
];

/** A top-level statement's name: the declared name(s), the assignment target, or a short head. */
function statementName(source, statement) {
  if (statement.type === 'FunctionDeclaration') return statement.id.name;
  if (statement.type === 'VariableDeclaration') return statement.declarations.map((declaration) => declaration.id.name).join(',');
  if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
    return source.slice(statement.expression.left.start, statement.expression.left.end).replace(/\['(\w+)'\]/, '.$1');
  }
  if (statement.type === 'IfStatement') return 'if ' + source.slice(statement.test.start, statement.test.end).split(/\W+/).filter(Boolean)[0];
  return source.slice(statement.start, statement.start + 30);
}

/** min+gzip of a piece's readable source with the statements in `dropped` taken out. */
async function minifiedGzip(source, statements, dropped) {
  let kept = '';
  let at = 0;
  for (const statement of statements) {
    if (!dropped.has(statement)) continue;
    kept += source.slice(at, statement.start);
    at = statement.end;
  }
  kept += source.slice(at);
  const wrapped = `__factory__ = (function (global, undefined) {\n'use strict';\n${kept}\nreturn asyncMachine;\n})`;
  const result = await minify(wrapped, { compress: { passes: 2 }, mangle: true });
  return gzipBytes(result.code);
}

async function coreByConcern(core) {
  const source = core.readable;
  const program = acorn.parse(source, { ecmaVersion: 5, allowReturnOutsideFunction: true });
  const statements = program.body;
  const named = statements.map((statement) => ({ statement, name: statementName(source, statement) }));
  const all = await minifiedGzip(source, statements, new Set());
  const claimed = new Set();
  const rows = [];
  const stale = [];
  for (const { concern, names } of CORE_CONCERNS) {
    const members = named.filter((entry) => names.some((name) => entry.name === name || entry.name.split(',').includes(name)));
    for (const name of names) if (!members.some((entry) => entry.name === name || entry.name.split(',').includes(name))) stale.push(name);
    members.forEach((entry) => claimed.add(entry.statement));
    const without = await minifiedGzip(source, statements, new Set(members.map((entry) => entry.statement)));
    rows.push({ concern, statements: members.length, bytes: all - without });
  }
  const driver = named.filter((entry) => !claimed.has(entry.statement));
  const withoutDriver = await minifiedGzip(source, statements, new Set(driver.map((entry) => entry.statement)));
  rows.push({ concern: 'driver: the machine, its operations (await, goto, return, fail), regions\' unwinding, resumption', statements: driver.length, bytes: all - withoutDriver });
  const withoutAllButDriver = await minifiedGzip(source, statements, claimed);
  return { all, rows, driverOnly: withoutAllButDriver, stale };
}

/** The one-file output without the runtime, and with the runtime's public names spelt short. */
function emittedSplit(code) {
  const shortened = code
    .replace(/\b_asyncMachine\d*\b/g, 'm')
    .replace(/\bstate\b/g, 's')
    .replace(/\$body\b/g, '');
  return { emitted: gzipBytes(code), shortNames: gzipBytes(shortened) };
}

/** Counts of what the state machines are made of in `code` (runtime calls by member, case labels). */
function emittedCounts(code) {
  const counts = new Map();
  for (const match of code.matchAll(/\bstate\.(\w+)\(/g)) counts.set(match[1], (counts.get(match[1]) || 0) + 1);
  return {
    calls: [...counts.entries()].sort((a, b) => b[1] - a[1]),
    cases: (code.match(/\bcase \d+:/g) || []).length,
    machines: (code.match(/_asyncMachine\d*\.start\(/g) || []).length,
  };
}

/**
 * The markdown of the size profile. `pieces`: RUNTIME_PIECES of lib/emission/runtimeSources.js;
 * `oneFile`: { input, ours, oursInline, typescript } codes of the one-file corpus (ours with
 * `runtime: "import"`, so that the runtime is not part of its text).
 */
async function sizeProfile(pieces, wholeMinified, oneFile) {
  const lines = [];
  const pieceRows = pieces.map((piece) => `| ${piece.name} | ${piece.needs.join(', ') || '—'} | ${piece.minified.length.toLocaleString('en-US')} | ${gzipBytes(piece.minified).toLocaleString('en-US')} |`);
  lines.push('### The runtime, piece by piece (minified as shipped, gzip level 9)', '');
  lines.push('| piece | needs | min bytes | min+gzip bytes |', '| --- | --- | ---: | ---: |', ...pieceRows);
  lines.push(`| **all, as one file** (asyncMachine.min.js) | | ${wholeMinified.length.toLocaleString('en-US')} | ${gzipBytes(wholeMinified).toLocaleString('en-US')} |`, '');
  lines.push('A file with plain async functions needs `core` and `functionKinds` (its functions are marked with their native kind and shape); each other piece comes with the syntax that needs it.', '');

  const core = await coreByConcern(pieces.find((piece) => piece.name === 'core'));
  lines.push('### The core by concern (leave-one-out)', '');
  lines.push(`The readable core minified whole (terser, the piece alone in its factory; the shipped build also shortens the private \`_fields\`, hence its smaller figure above): ${core.all.toLocaleString('en-US')} B gzip. Each row: that size minus the size with the concern's top-level statements taken out (what the concern alone adds; rows overlap where gzip shares strings, so they do not sum to the whole). Only declarations are taken out: the hardening row leaves its uses (\`callFunction(hasOwnProperty, o, k)\` where unhardened code would write \`o.hasOwnProperty(k)\`) in place, so it undercounts.`, '');
  lines.push('| concern | top-level statements | bytes it adds (min+gzip) |', '| --- | ---: | ---: |');
  for (const row of core.rows) lines.push(`| ${row.concern} | ${row.statements} | ${row.bytes.toLocaleString('en-US')} |`);
  lines.push('');
  lines.push(`With every concern but the driver taken out (not a working runtime: sized only): ${core.driverOnly.toLocaleString('en-US')} B gzip. That is the floor of a driver of this shape with none of native's exactness (scaled by the shipped build's property shortening, ${Math.round(core.driverOnly * gzipBytes(pieces.find((piece) => piece.name === 'core').minified) / core.all).toLocaleString('en-US')} B), against the target of 1,500 B.`);
  if (core.stale.length > 0) lines.push('', `(names in CORE_CONCERNS that the core no longer declares: ${core.stale.join(', ')})`);
  lines.push('');

  const input = gzipBytes(oneFile.input);
  const ours = emittedSplit(oneFile.ours);
  const typescript = gzipBytes(oneFile.typescript);
  const counts = emittedCounts(oneFile.ours);
  const runtimeGzip = gzipBytes(wholeMinified);
  lines.push('### The one-file corpus output, split (gzip bytes, × input gzip)', '');
  lines.push('| part | gzip bytes | × input |', '| --- | ---: | ---: |');
  const row = (label, bytes) => lines.push(`| ${label} | ${bytes.toLocaleString('en-US')} | ${(bytes / input).toFixed(2)}× |`);
  row('input', input);
  row('ours, the emitted code alone (`runtime: "import"`, the runtime file not counted)', ours.emitted);
  row('the same, with `_asyncMachine` spelt `m`, `state` spelt `s` and no `$body` names (sized only)', ours.shortNames);
  row('the whole runtime, minified (counted once in the one-file figure)', runtimeGzip);
  row('ours, runtime inline (the pieces the file uses, minified, pasted in)', gzipBytes(oneFile.oursInline));
  row('TypeScript ES5, with its helpers', typescript);
  lines.push('');
  lines.push(`What the state machines hold: ${counts.machines.toLocaleString('en-US')} machines, ${counts.cases.toLocaleString('en-US')} case labels, runtime calls by member: ${counts.calls.map(([name, count]) => `\`${name}\` ${count.toLocaleString('en-US')}`).join(', ')}.`);
  return lines.join('\n');
}

module.exports = { sizeProfile, CORE_CONCERNS };
