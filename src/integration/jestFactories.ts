/*
 * jestFactories: finds the module factories of `jest.mock(path, factory)` calls.
 * babel-plugin-jest-hoist moves those calls above the file's imports, and Jest runs a factory
 * when the mocked module is first required: possibly while the file's own imports load, before
 * any statement of the file's body has run. An async function created there is marked by the
 * runtime as it is created (its native [[Prototype]]); an imported runtime is loaded before the
 * file's other imports (emission/runtimeImport.ts), but an inline copy is a statement of the body,
 * not set up yet when the factory runs during the file's imports (an ES module's imports, which
 * a CommonJS transform turns into requires above the copy, or leading bare requires, which the
 * copy follows). index.ts refuses that case with a clear error rather than emit code that fails;
 * a factory that can only run from the body (a `require` after the copy) is rewritten as usual.
 * Must never: match a call that is not Jest's (`jest.mock`, or `_getJestObj().mock` once
 * jest-hoist has rewritten it), or look further than the factory argument itself.
 */
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';

function isJestMockCallee(callee: BT.Node): boolean {
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || callee.property.name !== 'mock') return false;
  const object = callee.object;
  if (object.type === 'Identifier') return object.name === 'jest';
  // after babel-plugin-jest-hoist: _getJestObj().mock(...)
  return object.type === 'CallExpression' && object.callee.type === 'Identifier' && /^_getJestObj\d*$/.test(object.callee.name);
}

/** The `jest.mock(...)` call whose factory (second argument) contains `path`, or null. */
export function enclosingJestMockFactory(path: NodePath): NodePath<BT.CallExpression> | null {
  for (let child: NodePath = path, parent = path.parentPath; parent; child = parent, parent = parent.parentPath) {
    if (parent.isCallExpression() && isJestMockCallee(parent.node.callee) && parent.node.arguments[1] === child.node) return parent;
  }
  return null;
}

/** True when the program loads modules before its body runs: import declarations, or leading bare `require("...")` statements. */
export function loadsModulesBeforeBody(program: BT.Program): boolean {
  if (program.body.some((statement) => statement.type === 'ImportDeclaration')) return true;
  const first = program.body[0];
  return first !== undefined && first.type === 'ExpressionStatement' && first.expression.type === 'CallExpression'
    && first.expression.callee.type === 'Identifier' && first.expression.callee.name === 'require';
}
