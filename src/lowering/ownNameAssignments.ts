/*
 * ownNameAssignments: a named function expression's own name is an immutable binding. In
 * sloppy code an assignment to it is silently ignored (the right-hand side is still evaluated,
 * and the expression's value is what it would be); in strict code it throws a TypeError after
 * the right-hand side. The rewrite moves the function into other shapes (a method under a
 * `const`, an arrow), where neither holds by itself, so before the function is reshaped:
 *   - sloppy: every assignment target that is the own name becomes a fresh throwaway `var` of
 *     the function (`f = v` -> `_f = v`; `f += v` -> `(_f = f, _f += v)`; `f++` -> `(_f = f, _f++)`;
 *     destructuring and for-in/of targets likewise), so the binding is never written;
 *   - strict: the targets are left alone; reshaping keeps the name an immutable binding (a
 *     `const` or the expression's own name), whose assignment throws the same TypeError.
 * Must never: change what is evaluated or in which order, or touch a binding of the same
 * name declared inside the function (parameters, locals, nested scopes).
 */
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';
import type { Types } from './emitter';

/** Is `p` (an identifier) written to, as an assignment, update, for-in/of or pattern target? */
function targetKind(p: NodePath): 'plain' | 'read-write' | null {
  for (let q: NodePath = p; q.parentPath; q = q.parentPath) {
    const parent = q.parentPath;
    if (parent.isUpdateExpression()) return q === p ? 'read-write' : null;
    if (parent.isAssignmentExpression() && q.key === 'left') return q === p && parent.node.operator !== '=' ? 'read-write' : 'plain';
    if ((parent.isForInStatement() || parent.isForOfStatement()) && q.key === 'left') return 'plain';
    if (parent.isArrayPattern() || parent.isRestElement() || (parent.isAssignmentPattern() && q.key === 'left')) continue;
    if (parent.isObjectProperty() && q.key === 'value' && parent.parentPath?.isObjectPattern()) continue;
    if (parent.isObjectPattern()) continue;
    return null;
  }
  return null;
}

/** Sloppy code: assignments to a named async function expression's own name write a throwaway. */
export function ignoreOwnNameAssignments(t: Types, path: NodePath<BT.Function>): void {
  if (!path.isFunctionExpression() || !path.node.id) return;
  const name = path.node.id.name;
  const own = path.scope.getOwnBinding(name);
  // (a parameter or body variable of the same name shadows the own name: nothing to do)
  if (!own || own.kind !== 'local' || own.constantViolations.length === 0) return;
  if (path.isInStrictMode()) return;
  const targets: Array<{ p: NodePath<BT.Identifier>; kind: 'plain' | 'read-write' }> = [];
  path.traverse({
    Identifier(p) {
      if (p.node.name !== name || p.node === (path.node as BT.FunctionExpression).id) return;
      if (p.scope.getBinding(name) !== own) return;
      const kind = targetKind(p);
      if (kind) targets.push({ p, kind });
    },
  });
  if (targets.length === 0) return;
  const throwaway = path.scope.generateUidIdentifier(name);
  path.scope.push({ id: throwaway });
  for (const { p, kind } of targets) {
    const parent = p.parentPath;
    if (kind === 'read-write') {
      // read the function (unobservable), then let the operator work on the throwaway
      const operation = parent.node as BT.AssignmentExpression | BT.UpdateExpression;
      if (operation.type === 'AssignmentExpression') operation.left = t.identifier(throwaway.name);
      else operation.argument = t.identifier(throwaway.name);
      parent.replaceWith(t.sequenceExpression([t.assignmentExpression('=', t.identifier(throwaway.name), t.identifier(name)), operation]));
      continue;
    }
    // (`({ f } = o)`, `({ f = 1 } = o)`: the property keeps its key and gets the throwaway)
    const property = parent?.isAssignmentPattern() ? parent.parentPath : parent;
    if (property?.isObjectProperty() && property.node.shorthand) property.node.shorthand = false;
    p.replaceWith(t.identifier(throwaway.name));
  }
  path.scope.crawl();
}
