/*
 * asyncFunctionPrototype: gives a lowered async function (not a generator: see
 * generatorPrototype) the native [[Prototype]], %AsyncFunction.prototype%, where the function
 * object is created: `asyncMachine.mark(<expression that creates it>)`, or for a declaration
 * (created when its scope is entered) `asyncMachine.mark(f);` first in that scope. An
 * anonymous function in a naming position is named explicitly first (the call is no naming
 * position). An arrow called where it is written is left alone: nothing can see it. An async generator that has no reference to itself (generatorPrototype) gets
 * `asyncMachine.generatorFunction(...)` the same way: its [[Prototype]] and own `prototype`
 * (its objects then inherit from the shared prototype). Methods the user wrote as methods
 * (object literal and class methods: the object or class creates them) are methodPrototype's.
 * Not marked (the README says so): an anonymous function whose
 * name is only known at run time (a computed key, `export default`), and a declaration whose
 * binding another declaration of the same name replaces.
 * Must never: change when the function is created, its name, or what it evaluates.
 */
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';
import type { Types } from './emitter';
import { contextualName, hoistPosition } from './functionShape';
import { isAnonymousFunctionDefinition, nameAnonymousFunction } from './functionNames';

function markCall(t: Types, runtimeName: string, member: string, value: BT.Expression): BT.CallExpression {
  return t.callExpression(t.memberExpression(t.identifier(runtimeName), t.identifier(member)), [value]);
}

/** After lowering `path` (the function as reshaped): mark it where it is created. */
export function markAsyncFunction(t: Types, path: NodePath<BT.Function>, runtimeName: string, member: 'mark' | 'markFunction' | 'generatorFunction' = 'mark'): void {
  if (path.isFunctionDeclaration()) {
    const id = path.node.id;
    if (!id) return;
    const binding = path.parentPath.scope.getBinding(id.name);
    if (!binding || binding.path !== path) return;
    let holder: NodePath = path.parentPath;
    if (holder.isExportNamedDeclaration() || holder.isExportDefaultDeclaration()) holder = holder.parentPath!;
    const statement = t.expressionStatement(markCall(t, runtimeName, member, t.identifier(id.name)));
    if (holder.isProgram() || holder.isBlockStatement()) {
      const body = holder.get('body') as NodePath<BT.Statement>[];
      const first = hoistPosition(body, runtimeName);
      if (first) first.insertBefore(statement);
      else (holder as NodePath<BT.BlockStatement>).pushContainer('body', statement);
    } else if (holder.isSwitchCase()) {
      holder.unshiftContainer('consequent', statement);
    }
    return;
  }
  // a method made from a function (`({ f() {} }).f`): the member expression creates it
  let creation: NodePath = path;
  if (path.isObjectMethod()) {
    const object = path.parentPath;
    const member = object.parentPath;
    if (!object.isObjectExpression() || object.node.properties.length !== 1 || !member?.isMemberExpression() || member.node.object !== object.node) return;
    creation = member;
  } else if (!path.isFunctionExpression() && !path.isArrowFunctionExpression()) {
    return;
  }
  // an arrow called where it is written (`(async () => {...})()`) is never seen as a value
  const parent = creation.parentPath;
  if (creation.isArrowFunctionExpression() && parent?.isCallExpression() && parent.node.callee === creation.node) return;
  let value = creation.node as BT.Expression;
  if (isAnonymousFunctionDefinition(value)) {
    const name = contextualName(creation);
    if (name === null) return;
    if (name !== '') value = nameAnonymousFunction(t, value, name);
  }
  creation.replaceWith(markCall(t, runtimeName, member, value));
}
