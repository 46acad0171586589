/*
 * probes: small programs (and one real-world file) that some peer is KNOWN to get wrong, kept out
 * of the timed corpus so that every contender is timed on the same, correctly compiled input.
 * Each probe is run for every contender like a corpus file: a listed peer's failure is reported,
 * not fatal; any other contender failing a probe (ours included) fails the bench.
 * Must never: list our plugin in `knownFailures`.
 */
'use strict';

function snippet(name, why, knownFailures, body) {
  return {
    name: `probes/${name}.js`,
    why,
    knownFailures,
    probe: true,
    code: `'use strict';\nfunction resolveLater(value) {\n  return Promise.resolve(value);\n}\n\n${body}\n`,
  };
}

const SNIPPET_PROBES = [
  snippet(
    'await-in-switch-in-loop',
    'an await in a `switch` (discriminant or case) inside a loop',
    ['asyncToPromises'],
    `async function dispatch(limit) {
  const out = [];
  let i = 0;
  while (i < limit) {
    i++;
    switch ((await resolveLater(i)) % 3) {
      case 0:
        out.push('zero');
        break;
      case 1:
        out.push(await resolveLater(i * 10));
        break;
      default:
        out.push(-i);
    }
  }
  return out;
}

module.exports = { run: () => dispatch(7) };`,
  ),
  snippet(
    'await-in-switch-case-no-default',
    'an await in a `case` of a `switch` with no `default`, falling out of the switch',
    ['asyncToPromises'],
    `async function pick(x) {
  switch (x) {
    case 1:
      await resolveLater(1);
      break;
    case 2:
      return 2;
  }
  return 3;
}

module.exports = { run: async () => [await pick(1), await pick(2), await pick(4)] };`,
  ),
  snippet(
    'await-left-of-nullish',
    '`(await x) ?? y`',
    ['asyncToPromises'],
    `async function withDefault(value) {
  const result = (await resolveLater(value)) ?? 'none';
  return result;
}

module.exports = { run: async () => [await withDefault(null), await withDefault(0), await withDefault('set')] };`,
  ),
  snippet(
    'await-thenable',
    'awaiting a thenable that is not a promise (its `then` returns nothing)',
    ['asyncToPromises'],
    `function thenable(value) {
  return {
    then(onFulfilled) {
      onFulfilled(value + 1);
    },
  };
}

async function addOne(value) {
  const next = await thenable(value);
  return next * 10;
}

module.exports = { run: async () => [await addOne(1), await addOne(41)] };`,
  ),
  snippet(
    'missing-async-helper',
    'a small async function declared before the async function that calls it in a loop (the `_async` helper is used but never emitted)',
    ['asyncToPromises'],
    `async function addPair(x) {
  const a = await x;
  const b = await (a + 1);
  return a + b;
}

async function manyCalls(n) {
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += await addPair(i);
  }
  return total;
}

module.exports = { run: () => manyCalls(100) };`,
  ),
];

/** Real-world files that a peer cannot compile or run correctly (name → peers). */
const REAL_WORLD_PROBES = {
  // transform-async-to-promises crashes ("Property init of VariableDeclarator expected … ObjectPattern");
  // TypeScript's ES5 classes cannot extend the native EventTarget class that tinybench extends.
  'node_modules/tinybench/dist/index.js': { knownFailures: ['asyncToPromises', 'typescript'], why: 'a whole ESM library (classes extending EventTarget, private fields, destructuring after await)' },
};

module.exports = { SNIPPET_PROBES, REAL_WORLD_PROBES };
