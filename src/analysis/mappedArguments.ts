/*
 * mappedArguments: finds the functions whose parameters can change without an assignment to them.
 * In sloppy code a function with a simple parameter list has a *mapped* arguments object:
 * `arguments[1] = 0` (also from an arrow inside it, or from whoever `arguments` is handed to)
 * changes the second parameter. Such parameters are not stable across an await: a read of `p1`
 * before a suspension must be kept in a temporary, as for any other variable that may change.
 * Must never: change the AST; it only reads it, before anything is lowered.
 */
import type * as BT from '@babel/types';
import type { NodePath, Binding } from '@babel/traverse';

function hasSimpleParams(node: BT.Function): boolean {
  return node.params.every((param) => param.type === 'Identifier');
}

/** Strict code, counting the function's own "use strict" (isInStrictMode starts at its parent). */
function isStrict(path: NodePath<BT.Function>): boolean {
  const body = path.node.body;
  if (body.type === 'BlockStatement' && body.directives.some((d) => d.value.value === 'use strict')) return true;
  return path.isInStrictMode();
}

/** `arguments.length`, `arguments[i]` read as a value: cannot change a parameter. */
function isPlainRead(path: NodePath<BT.Identifier>): boolean {
  const parent = path.parentPath;
  if (!parent || !parent.isMemberExpression() || parent.node.object !== path.node) return false;
  const grand = parent.parentPath;
  if (!grand) return true;
  if (grand.isAssignmentExpression() && grand.node.left === parent.node) return false;
  if (grand.isUpdateExpression() || (grand.isUnaryExpression() && grand.node.operator === 'delete')) return false;
  if ((grand.isCallExpression() || grand.isOptionalCallExpression()) && grand.node.callee === parent.node) return false; // this = arguments
  if (grand.isForXStatement() && grand.node.left === parent.node) return false;
  if (grand.isArrayPattern() || grand.isObjectProperty() || grand.isAssignmentPattern() || grand.isRestElement()) return false;
  return true;
}

/**
 * One identifier of the program: when it is an `arguments` that writes to or lets escape its
 * function's arguments object (sloppy, simple parameters), that function goes into `writers`.
 * Called from the plugin's one preparing traversal of the program (src/index.ts).
 */
export function noteArgumentsWriter(path: NodePath<BT.Identifier>, writers: WeakSet<BT.Node>): void {
  if (path.node.name !== 'arguments' || !path.isReferencedIdentifier() || path.scope.hasBinding('arguments', true)) return;
  if (isPlainRead(path)) return;
  const owner = path.findParent((p) => p.isFunction() && !p.isArrowFunctionExpression()) as NodePath<BT.Function> | null;
  if (owner && hasSimpleParams(owner.node) && !isStrict(owner)) writers.add(owner.node);
}

/** Functions (sloppy, simple parameters) whose arguments object is written to or escapes somewhere. */
export function collectArgumentsWriters(program: NodePath<BT.Program>): WeakSet<BT.Node> {
  const writers = new WeakSet<BT.Node>();
  program.traverse({
    Identifier(path) {
      noteArgumentsWriter(path, writers);
    },
  });
  return writers;
}

/** True for a parameter that `arguments[i] = v` may change (see above). */
export function changesThroughArguments(binding: Binding, writers: WeakSet<BT.Node>): boolean {
  return binding.kind === 'param' && writers.has(binding.scope.block);
}
