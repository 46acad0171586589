/*
 * generatorPrototype: gives a lowered async generator function the native prototype chain.
 * Its objects inherit from `g.prototype` (read at each call, after the parameters), which
 * inherits from the runtime's shared AsyncGenerator prototype (next/return/throw,
 * Symbol.toStringTag). The lowered function needs a reference to itself for that: a
 * declaration's binding (when nothing reassigns it) or a function expression's own name
 * (given to an anonymous one whose position names it the same way; else a fresh name, and
 * the runtime puts the written name back). The `prototype` is
 * created where the function is: `asyncMachine.generatorFunction(function g() {...})`, or a
 * statement first in the declaration's scope (declarations are created on scope entry).
 * (Generator methods written as methods get theirs from methodPrototype.)
 * Must never: change the function's name or when it is created; a generator without a
 * stable self reference (an anonymous function in an unnamed position) keeps the
 * shared prototype, and the README says so.
 */
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';
import type { Types } from './emitter';
import { contextualName, hoistPosition } from './functionShape';

export interface GeneratorSelf {
  /** the name the lowered function uses to refer to itself */
  name: string;
  declaration: boolean;
  /** the function's name when its own binding is a fresh one (the runtime puts it back) */
  writtenName?: string;
}

function mentions(path: NodePath, name: string): boolean {
  let found = false;
  path.traverse({
    Identifier(p) {
      if (p.node.name === name) {
        found = true;
        p.stop();
      }
    },
  });
  return found;
}

/** Before lowering: the self reference an async generator can use, if any. */
export function generatorSelfReference(t: Types, path: NodePath<BT.Function>): GeneratorSelf | null {
  if (!path.node.generator || !path.node.async) return null;
  if (!path.isFunctionDeclaration() && !path.isFunctionExpression()) return null;
  const node = path.node as BT.FunctionDeclaration | BT.FunctionExpression;
  // (a parameter or local of the same name would hide the reference inside)
  const hidden = (name: string) => {
    const own = path.scope.getOwnBinding(name);
    return !!own && own.kind !== 'local';
  };
  if (path.isFunctionDeclaration()) {
    if (!node.id) return null;
    const binding = path.parentPath.scope.getBinding(node.id.name);
    if (!binding || binding.constantViolations.length > 0 || binding.path !== path || hidden(node.id.name)) return null;
    return { name: node.id.name, declaration: true };
  }
  if (!path.isFunctionExpression()) return null;
  if (node.id) {
    const binding = path.scope.getBinding(node.id.name);
    if ((binding && binding.constantViolations.length > 0) || hidden(node.id.name)) return null;
    return { name: node.id.name, declaration: false };
  }
  // an anonymous expression: the name its position gives it as its own binding, or a fresh
  // binding and the name put back by the runtime ('' in a position that names nothing)
  const name = contextualName(path);
  if (name === null) return null;
  if (name !== '' && t.isValidIdentifier(name, true) && !['eval', 'arguments', 'yield', 'await', 'let', 'static'].includes(name) && !mentions(path, name) && !hidden(name)) {
    (node as BT.FunctionExpression).id = t.identifier(name);
    path.scope.crawl();
    return { name, declaration: false };
  }
  const fresh = path.scope.generateUid(name || 'generator');
  (node as BT.FunctionExpression).id = t.identifier(fresh);
  path.scope.crawl();
  return { name: fresh, declaration: false, writtenName: name };
}

/** After lowering: create the function's `prototype` where the function is created. */
export function attachGeneratorPrototype(t: Types, path: NodePath<BT.Function>, self: GeneratorSelf, runtimeName: string): void {
  const setup = (fn: BT.Expression) => t.callExpression(t.memberExpression(t.identifier(runtimeName), t.identifier('generatorFunction')),
    self.writtenName === undefined ? [fn] : [fn, t.stringLiteral(self.writtenName)]);
  if (!self.declaration) {
    path.replaceWith(setup(path.node as BT.FunctionExpression));
    return;
  }
  let holder: NodePath = path.parentPath!;
  if (holder.isExportNamedDeclaration() || holder.isExportDefaultDeclaration()) holder = holder.parentPath!;
  const statement = t.expressionStatement(setup(t.identifier(self.name)));
  if (holder.isProgram() || holder.isBlockStatement()) {
    const body = holder.get('body') as NodePath<BT.Statement>[];
    const first = hoistPosition(body, runtimeName);
    if (first) first.insertBefore(statement);
    else (holder as NodePath<BT.BlockStatement>).pushContainer('body', statement);
  } else if (holder.isSwitchCase()) {
    holder.unshiftContainer('consequent', statement);
  }
}

/** `asyncMachine.generatorFunction(<expression that creates the generator function>)`. */
export function wrapGeneratorCreation(t: Types, creation: NodePath<BT.Expression>, runtimeName: string): void {
  creation.replaceWith(t.callExpression(t.memberExpression(t.identifier(runtimeName), t.identifier('generatorFunction')), [creation.node]));
}
