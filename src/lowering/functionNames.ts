/*
 * functionNames: keeps the `.name` that an anonymous function or class gets from where it is
 * written (`let f = function () {}`, `[f = () => {}] = ...`, `(x = class {}) => ...`) when
 * lowering moves it out of that position: into a conditional (a moved parameter default), a
 * cell (`f.v = ...`), a closure wrapper, or under a renamed binding (`_f = ...`). The value gets
 * its name explicitly: `function f() {}` / `class f {}` when nothing inside could see the new
 * inner binding, else `{ f: () => {} }.f` (a property definition names it the same way).
 * Must never: change the name of a function that already has one, or evaluate anything
 * more or in another order.
 */
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';
import type { Types } from './emitter';

/** IsAnonymousFunctionDefinition: the values that NamedEvaluation names. */
export function isAnonymousFunctionDefinition(node: BT.Node | null | undefined): node is BT.FunctionExpression | BT.ArrowFunctionExpression | BT.ClassExpression {
  if (!node) return false;
  if (node.type === 'ArrowFunctionExpression') return true;
  if (node.type === 'FunctionExpression' || node.type === 'ClassExpression') return !node.id;
  return false;
}

// names that cannot be the binding of a function or class expression in every mode
const UNSAFE_BINDING_NAMES = new Set(['eval', 'arguments', 'yield', 'await', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'undefined']);

function mentionsName(node: BT.Node, name: string): boolean {
  let found = false;
  const visit = (value: unknown): void => {
    if (found || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const candidate = value as { type?: unknown; name?: unknown };
    if (typeof candidate.type !== 'string') return;
    if ((candidate.type === 'Identifier' || candidate.type === 'JSXIdentifier') && candidate.name === name) {
      found = true;
      return;
    }
    for (const key of Object.keys(candidate)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'extra') continue;
      visit((candidate as Record<string, unknown>)[key]);
    }
  };
  visit(node);
  return found;
}

/** The anonymous function or class `value`, given the name `name` explicitly. */
export function nameAnonymousFunction(t: Types, value: BT.Expression, name: string): BT.Expression {
  if (!isAnonymousFunctionDefinition(value)) return value;
  const canBind = t.isValidIdentifier(name, true) && !UNSAFE_BINDING_NAMES.has(name) && !mentionsName(value, name);
  if (canBind && value.type === 'FunctionExpression') {
    value.id = t.identifier(name);
    return value;
  }
  if (canBind && value.type === 'ClassExpression') {
    value.id = t.identifier(name);
    return value;
  }
  const key = t.isValidIdentifier(name, false) ? t.identifier(name) : t.stringLiteral(name);
  return t.memberExpression(t.objectExpression([t.objectProperty(key, value)]), t.cloneNode(key), key.type !== 'Identifier');
}

/** The name a value at `path` gets from its position (NamedEvaluation), if it is a simple binding. */
export function positionName(path: NodePath): string | null {
  const parent = path.parentPath;
  if (!parent) return null;
  if (parent.isVariableDeclarator() && path.key === 'init' && parent.node.id.type === 'Identifier') return parent.node.id.name;
  if (parent.isAssignmentExpression() && path.key === 'right' && parent.node.left.type === 'Identifier'
    && ['=', '&&=', '||=', '??='].includes(parent.node.operator)) return parent.node.left.name;
  if (parent.isAssignmentPattern() && path.key === 'right' && parent.node.left.type === 'Identifier') return parent.node.left.name;
  return null;
}

/**
 * After bindings were renamed (`fn` -> `_fn`), an anonymous function or class written in a
 * naming position of a renamed binding gets the name the user wrote.
 */
export function restoreNamesOfRenamedBindings(t: Types, fnPath: NodePath<BT.Function>, originalNames: Map<string, string>): void {
  if (originalNames.size === 0) return;
  fnPath.traverse({
    'FunctionExpression|ArrowFunctionExpression|ClassExpression'(p: NodePath) {
      const name = positionName(p);
      if (name !== null && originalNames.has(name) && isAnonymousFunctionDefinition(p.node)) {
        const named = nameAnonymousFunction(t, p.node as BT.Expression, originalNames.get(name)!);
        if (named !== p.node) {
          p.replaceWith(named);
          p.skip();
        }
      }
    },
  });
}

/** The names of every anonymous function or class in a naming position of `fnPath`'s code. */
export function collectPositionNames(fnPath: NodePath<BT.Function>): Map<BT.Node, string> {
  const names = new Map<BT.Node, string>();
  fnPath.traverse({
    'FunctionExpression|ArrowFunctionExpression|ClassExpression'(p: NodePath) {
      const name = positionName(p);
      if (name !== null && isAnonymousFunctionDefinition(p.node)) names.set(p.node, name);
    },
  });
  return names;
}
