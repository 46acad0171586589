/*
 * temporalDeadZone: keeps the ReferenceError of reading a `let`/`const`/`class` binding before
 * its declaration has run, for the bindings that lowering turns into variables of the outer
 * function. Only references that stand before the declaration in the source (possibly inside
 * a closure) can run too early; each of those reads through `state.check(x, "x")`, and the
 * binding starts every entry of its block as `state.uninitialized`.
 * Must never: add a check to a reference that runs after the declaration.
 */
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';
import type { Types } from './emitter';
import type { AwaitAnalysis } from '../analysis/awaitAnalysis';

export function guardTemporalDeadZones(t: Types, fnPath: NodePath<BT.Function>, analysis: AwaitAnalysis, stateName: string): void {
  const inits: Map<NodePath, string[]> = new Map();
  fnPath.traverse({
    Function(p) {
      p.skip();
    },
    Scopable(p) {
      if (p.isFunction() && p !== fnPath) return;
      const blockPath = p.isFunction() ? (p.get('body') as NodePath) : p;
      if (!blockPath.isBlockStatement() || !analysis.containsAwait(blockPath.node) && !p.isFunction()) return;
      for (const name of Object.keys(p.scope.bindings)) {
        const binding = p.scope.bindings[name];
        if (binding.kind !== 'let' && binding.kind !== 'const') continue;
        const declaration = binding.path.isVariableDeclarator() ? binding.path.parentPath : binding.path;
        if (!declaration || declaration.parentPath !== blockPath) continue;
        const end = declaration.node.end ?? 0;
        const early = binding.referencePaths.filter((ref) => (ref.node.start ?? 0) < end && !ref.isDescendant(declaration as NodePath));
        if (early.length === 0) continue;
        for (const ref of early) {
          ref.replaceWith(t.callExpression(t.memberExpression(t.identifier(stateName), t.identifier('check')), [t.identifier(name), t.stringLiteral(name)]));
        }
        if (!inits.has(blockPath)) inits.set(blockPath, []);
        inits.get(blockPath)!.push(name);
      }
    },
  });
  for (const [blockPath, names] of inits) {
    const statement = t.expressionStatement(t.assignmentExpression('=', t.identifier(names[0]), t.memberExpression(t.identifier(stateName), t.identifier('uninitialized'))));
    let expression: BT.Expression = statement.expression;
    for (const name of names.slice(1)) expression = t.assignmentExpression('=', t.identifier(name), expression);
    statement.expression = expression;
    (blockPath as NodePath<BT.BlockStatement>).unshiftContainer('body', statement);
  }
}
