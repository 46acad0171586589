/*
 * outputChecks: small checks on emitted code shared by the pipeline, ES5, Babel 8 and options
 * tests: "does this parse as ES5 script?" (acorn) and "how many copies of the runtime does this
 * file hold?" (found by the runtime's own factory shape, read from src/runtime/asyncMachine.js).
 * Must never: transform or run code, or hard-code what the runtime looks like inside.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as acorn from 'acorn';
import { parse } from '@babel/parser';
import * as t from '@babel/types';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const runtimeSourcePath = path.join(repoRoot, 'src', 'runtime', 'asyncMachine.js');
export const RUNTIME_MODULE_ID = 'async-state-machine-runtime';

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
 * The runtime is `var asyncMachine = (function (P) { ... })(Promise)`: its copies in a file are the
 * calls of a function expression whose only parameter has that name, applied to `Promise`.
 */
function runtimeFactoryParameterName(): string {
  const file = parse(fs.readFileSync(runtimeSourcePath, 'utf8'), { sourceType: 'script' });
  for (const statement of file.program.body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init;
      if (
        declarator.id.type === 'Identifier' &&
        declarator.id.name === 'asyncMachine' &&
        init?.type === 'CallExpression' &&
        init.callee.type === 'FunctionExpression' &&
        init.callee.params[0]?.type === 'Identifier'
      ) {
        return init.callee.params[0].name;
      }
    }
  }
  throw new Error(`${runtimeSourcePath} has no \`var asyncMachine = (function (Promise) { ... })(Promise)\``);
}

/** How many inline copies of the runtime `code` holds (0 for a file that imports it). */
export function countRuntimeCopies(code: string): number {
  const parameterName = runtimeFactoryParameterName();
  const file = parse(code, { sourceType: 'unambiguous' });
  let copies = 0;
  t.traverseFast(file, (node) => {
    if (
      node.type === 'CallExpression' &&
      node.callee.type === 'FunctionExpression' &&
      node.callee.params.length === 1 &&
      node.callee.params[0].type === 'Identifier' &&
      node.callee.params[0].name === parameterName &&
      node.arguments.length === 1 &&
      node.arguments[0].type === 'Identifier' &&
      node.arguments[0].name === 'Promise'
    ) {
      copies++;
    }
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
