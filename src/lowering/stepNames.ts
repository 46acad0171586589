/*
 * stepNames: the one place that names a machine's step function after the user's function, so
 * that a stack trace of an error thrown in the body says `at load$body` where native code says
 * `at load`. The name is the function's own name, else the name the language infers for it (a
 * variable, property, class member or parameter default it is written in, `default` for an
 * anonymous default export); a function with no name at all keeps an anonymous step, as native
 * code has an anonymous frame. Plain steps are named function expressions; a step that must be an
 * arrow (for `this`, `super`, `new.target`, `arguments`) is declared `var load$body = (state) =>`
 * (an arrow gets its name from the variable), just before the runtime call.
 * Must never: change the name or `length` of the user's function, or bind a name the body uses.
 */
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';
import type { Types } from './emitter';

/** The name of a function, or the one the language infers from where it is written (null: none). */
export function inferredFunctionName(path: NodePath<BT.Function>): string | null {
  const node = path.node;
  if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') && node.id) return node.id.name;
  if (node.type === 'ObjectMethod' || node.type === 'ClassMethod' || node.type === 'ClassPrivateMethod') {
    return keyName(node.key, node.computed);
  }
  const parent = path.parent;
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === node && parent.id.type === 'Identifier' ? parent.id.name : null;
    case 'AssignmentExpression':
      return parent.right === node && parent.left.type === 'Identifier' && ['=', '||=', '&&=', '??='].includes(parent.operator) ? parent.left.name : null;
    case 'AssignmentPattern':
      return parent.right === node && parent.left.type === 'Identifier' ? parent.left.name : null;
    case 'ObjectProperty':
    case 'ClassProperty':
    case 'ClassPrivateProperty':
      return parent.value === node ? keyName(parent.key, 'computed' in parent ? parent.computed : false) : null;
    case 'ExportDefaultDeclaration':
      return 'default';
    default:
      return null;
  }
}

function keyName(key: BT.Node, computed: boolean | null | undefined): string | null {
  if (key.type === 'PrivateName') return key.id.name;
  if (computed) return null;
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  if (key.type === 'NumericLiteral') return String(key.value);
  return null;
}

/** `<name>$body`, made a valid identifier; null for a function without a name. */
function stepName(name: string | null): string | null {
  if (name === null || name === '') return null;
  let base = name.replace(/[^A-Za-z0-9_$]/g, '_');
  if (/^[0-9]/.test(base)) base = '_' + base;
  return `${base}$body`;
}

/** Every step function built here (other passes find the machines' state names through it). */
const stepFunctions = new WeakSet<BT.Node>();

/** Is `node` the step function of a machine (a function expression or an arrow built here)? */
export function isStepFunction(node: BT.Node): node is BT.FunctionExpression | BT.ArrowFunctionExpression {
  return stepFunctions.has(node);
}

export interface NamedStep {
  /** the step as the runtime call's argument */
  step: BT.Expression;
  /** `var name$body = (state) => {...}` for an arrow step, placed before the runtime call */
  declaration: BT.Statement | null;
}

/**
 * Builds the step function, named after the user's function. `isFree(name)`: no code of the
 * function uses `name` (the step's name must not capture a reference of the body).
 */
export function namedStep(
  t: Types,
  path: NodePath<BT.Function>,
  params: BT.Identifier[],
  body: BT.BlockStatement,
  arrow: boolean,
  isFree: (name: string) => boolean,
): NamedStep {
  let name = stepName(inferredFunctionName(path));
  if (name !== null && !isFree(name)) {
    let n = 2;
    while (!isFree(`${name}${n}`)) n++;
    name = `${name}${n}`;
  }
  if (!arrow) {
    const step = t.functionExpression(name === null ? null : t.identifier(name), params, body);
    stepFunctions.add(step);
    return { step, declaration: null };
  }
  const step = t.arrowFunctionExpression(params, body);
  stepFunctions.add(step);
  if (name === null) return { step, declaration: null };
  return { step: t.identifier(name), declaration: t.variableDeclaration('var', [t.variableDeclarator(t.identifier(name), step)]) };
}
