/*
 * codeChecks: what the bench asks of an output besides running: turn ES module output into
 * CommonJS so a child can load it, tell whether code is ES5 (acorn, ecmaVersion 5), whether any
 * async function, await or generator survived, and lower "the rest" (classes, arrows, let...)
 * with preset-env so that async-only lowerers can be checked and sized as full ES5 pipelines.
 * Must never: be part of a timed measurement.
 */
'use strict';
const babel = require('@babel/core');
const parser = require('@babel/parser');
const acorn = require('acorn');
const { babelOptions } = require('./transformers');

function isModuleSource(code) {
  try {
    return parser.parse(code, { sourceType: 'unambiguous', errorRecovery: true }).program.sourceType === 'module';
  } catch {
    return false;
  }
}

/** ES module syntax → CommonJS (no other change), so that the child can compile it as a module. */
function toRunnable(code, filename) {
  if (!isModuleSource(code)) return code;
  return babel.transformSync(code, babelOptions(filename, [require.resolve('@babel/plugin-transform-modules-commonjs')])).code;
}

/** null when `code` parses as an ES5 script, else the parser's message with line and column. */
function es5Problem(code) {
  try {
    acorn.parse(code, { ecmaVersion: 5, sourceType: 'script', allowReserved: true, allowHashBang: true });
    return null;
  } catch (error) {
    return error.message;
  }
}

/** Counts async functions, awaits and generator functions left in `code`. */
function leftoverAsyncSyntax(code) {
  const ast = parser.parse(code, { sourceType: 'unambiguous', errorRecovery: true });
  const counts = { async: 0, await: 0, generator: 0 };
  const stack = [ast.program];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node.type !== 'string') continue;
    if (node.async === true) counts.async++;
    if (node.generator === true) counts.generator++;
    if (node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await)) counts.await++;
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'start' || key === 'end' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
      const child = node[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof item.type === 'string') stack.push(item);
      } else if (child && typeof child.type === 'string') {
        stack.push(child);
      }
    }
  }
  return counts;
}

/**
 * preset-env for IE 11 WITHOUT the async/generator transforms: lowers everything else, so any
 * async function the contender left behind stays and fails the ES5 parse.
 */
function lowerRestToEs5(code, filename) {
  return babel.transformSync(code, {
    ...babelOptions(filename, []),
    presets: [
      [
        require.resolve('@babel/preset-env'),
        {
          targets: { ie: '11' },
          modules: 'commonjs',
          exclude: ['transform-async-to-generator', 'transform-regenerator', 'transform-async-generator-functions'],
        },
      ],
    ],
  }).code;
}

module.exports = { toRunnable, es5Problem, leftoverAsyncSyntax, lowerRestToEs5, isModuleSource };
