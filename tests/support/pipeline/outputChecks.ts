/*
 * outputChecks: small checks on emitted code shared by the pipeline, ES5, Babel 8 and options
 * tests: "does this parse as ES5 script?" (acorn) and "how many copies of the runtime does this
 * file hold?" (found by the runtime's own factory shape, read from the generated runtime sources).
 * Must never: transform or run code, or hard-code what the runtime looks like inside.
 */
import * as path from 'path';
import * as acorn from 'acorn';
import { parse } from '@babel/parser';
import * as t from '@babel/types';
import { FACTORY } from '../../../src/emission/runtimeSources';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
/** The built CommonJS runtime (npm run build assembles it from the pieces in src/runtime). */
export const runtimeSourcePath = path.join(repoRoot, 'lib', 'runtime', 'asyncMachine.js');
export const RUNTIME_MODULE_ID = 'babel-plugin-async-state-machine/runtime';

/** null when `code` parses as an ES5 script, else acorn's message with the offending source line. */
export function es5SyntaxError(code: string): string | null {
  try {
    acorn.parse(code, { ecmaVersion: 5, sourceType: 'script' });
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const location = (error as { loc?: { line: number; column: number } }).loc;
    if (!location) return message;
    const line = code.split('\n')[location.line - 1] ?? '';
    return `${message}\n  ${location.line} | ${line}\n${' '.repeat(String(location.line).length + 5 + location.column)}^`;
  }
}

/**
 * The runtime is `var asyncMachine = (function (global, undefined) { ... })(<global object>)` (see
 * src/emission/runtimeSources.ts, generated from src/runtime): its copies in a file are the calls
 * of a function expression with the factory's parameter count that reads `<first parameter>.Promise`.
 */
function factoryParameterCount(): number {
  const file = parse(`${FACTORY.minified.head}${FACTORY.minified.tail}`, { sourceType: 'script' });
  const statement = file.program.body[0];
  if (statement?.type !== 'ExpressionStatement' || statement.expression.type !== 'FunctionExpression') {
    throw new Error('src/emission/runtimeSources.ts: the runtime factory is not a function expression');
  }
  return statement.expression.params.length;
}

/** How many inline copies of the runtime `code` holds (0 for a file that imports it). */
export function countRuntimeCopies(code: string): number {
  const parameterCount = factoryParameterCount();
  const file = parse(code, { sourceType: 'unambiguous' });
  let copies = 0;
  t.traverseFast(file, (node) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'FunctionExpression' || node.callee.params.length !== parameterCount) return;
    const first = node.callee.params[0];
    if (first.type !== 'Identifier' || node.arguments.length !== 1) return;
    let readsPromise = false;
    t.traverseFast(node.callee.body, (inner) => {
      if (inner.type === 'MemberExpression' && inner.object.type === 'Identifier' && inner.object.name === first.name && inner.property.type === 'Identifier' && inner.property.name === 'Promise') readsPromise = true;
    });
    if (readsPromise) copies++;
  });
  return copies;
}

/** How many async functions and await expressions `code` still holds (comments and strings ignored). */
export function countAsyncSyntax(code: string): { asyncFunctions: number; awaits: number } {
  const file = parse(code, { sourceType: 'unambiguous', plugins: ['typescript'] });
  const counts = { asyncFunctions: 0, awaits: 0 };
  t.traverseFast(file, (node) => {
    if (t.isFunction(node) && node.async) counts.asyncFunctions++;
    if (node.type === 'AwaitExpression') counts.awaits++;
  });
  return counts;
}
