/*
 * bench/scale/shapes: the input shapes of the scale benchmark, each a function from a size n to
 * a program, and the base size (1×) chosen so that 10× stays within what Babel itself parses
 * and prints on a default stack.
 * Must never: build a program whose size is not proportional to n.
 */
'use strict';

const repeat = (n, make, separator = '\n') => Array.from({ length: n }, (_, i) => make(i)).join(separator);

const SHAPES = {
  lines: {
    base: 1000,
    what: 'statements in one async function (one await, the rest kept intact)',
    make: (n) => `async function main() {\n  await null;\n  let s = 0;\n${repeat(n, (i) => `  s += ${i % 7};`)}\n  return s;\n}`,
  },
  awaits: {
    base: 400,
    what: 'awaits in one async function',
    make: (n) => `async function main(g) {\n  let s = 0;\n${repeat(n, (i) => `  const v${i} = await g(${i});\n  s += v${i};`)}\n  return s;\n}`,
  },
  elements: {
    base: 3000,
    what: 'elements of one array literal with one await',
    make: (n) => `async function main(x) {\n  return [await x, ${repeat(n, (i) => String(i), ', ')}];\n}`,
  },
  nesting: {
    base: 40,
    what: 'nested blocks with a let each, around an await',
    make: (n) => `async function main(x) {\n${repeat(n, (i) => `{ let b${i} = ${i};`, ' ')}\n  await x;\n${repeat(n, () => '}', ' ')}\n}`,
  },
  functions: {
    base: 100,
    what: 'async functions in one file',
    make: (n) => repeat(n, (i) => `async function f${i}(x) {\n  const a = await x;\n  try { return a + (await x); } catch (e) { return ${i}; }\n}`),
  },
  tryNesting: {
    base: 30,
    what: 'nested try/catch statements around an await',
    make: (n) => `async function main(x) {\n${repeat(n, () => 'try {', ' ')}\n  await x;\n${repeat(n, () => '} catch (e) { }', ' ')}\n}`,
  },
  arrowNesting: {
    // (10× = 90: past ~105 nested async arrows the rewritten program is deeper than Babel's
    // generator prints on a default stack, and the plugin refuses it: src/emission/printDepth.ts)
    base: 9,
    what: 'nested async arrows, each awaiting',
    make: (n) => `const f = ${repeat(n, () => 'async () => (await null, ', '')} 1 ${')'.repeat(n)};`,
  },
};

module.exports = { SHAPES };
