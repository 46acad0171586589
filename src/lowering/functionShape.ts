/*
 * functionShape: chooses the plain function that an async function (not a method, arrow or
 * generator: those keep their own shape) becomes, so that it is no more a constructor than
 * the native one. Where the output may use ES2015 syntax, the function is turned into an
 * async arrow (when it uses no `this`, `arguments` or `new.target`) or an async method
 * `({ async f() {} }).f` BEFORE it is lowered: neither is constructible, neither has a
 * `prototype` or own `caller`/`arguments`, and both keep `name` and `length`. Where that is
 * not possible (a block-level or exported declaration, a named expression that refers to
 * itself, a name only known at run time) or the output is ES5, the lowered function starts
 * by throwing the native TypeError when it is called with `new` (`new.target`, or on ES5
 * `asyncMachine.constructing(this)`: the runtime's markFunction gave it a guard `prototype`).
 * Must never: change when a function is created, its name, its length, or what `this` and
 * `arguments` are inside it.
 */
import type * as BT from '@babel/types';
import type { Binding, NodePath } from '@babel/traverse';
import type { Types } from './emitter';
import { ownCodeFacts } from './ownCode';

export type FunctionShape = 'es2015' | 'es5';

/** What lowering must add after the function is lowered (the constructor check). */
export interface ShapeResult {
  path: NodePath<BT.Function>;
  /** the TypeError check to put first in the lowered body, if any */
  check: null | { kind: 'new.target' } | { kind: 'guard' };
  name: string;
  /** an async generator turned into a method: the binding it refers to itself by, and the
   * expression that creates it (where its `prototype` is made) */
  generator?: { self: string; creation: NodePath<BT.Expression> };
}

/** Does the function's own code (arrows included) use `this`, `arguments` or `new.target`? */
function usesOwnReceiver(t: Types, path: NodePath<BT.Function>): boolean {
  // (a plain walk of the nodes first: without any of the three, no traversal is needed)
  const facts = ownCodeFacts(t, path.node);
  if (!facts.thisExpression && !facts.newTarget && !facts.argumentsName) return false;
  let found = false;
  path.traverse({
    Function(p) {
      if (!p.isArrowFunctionExpression()) p.skip();
    },
    ThisExpression(p) {
      found = true;
      p.stop();
    },
    MetaProperty(p) {
      if (p.node.meta.name === 'new') {
        found = true;
        p.stop();
      }
    },
    Identifier(p) {
      if (p.node.name === 'arguments' && (p as NodePath).isReferencedIdentifier() && !p.scope.hasBinding('arguments', true)) {
        found = true;
        p.stop();
      }
    },
  });
  return found;
}

/**
 * The name NamedEvaluation gives an anonymous function at `path`: a string, "" where the
 * position names nothing, or null where the name is only known at run time.
 */
export function contextualName(path: NodePath): string | null {
  const parent = path.parentPath;
  if (!parent) return '';
  if (parent.isVariableDeclarator() && path.key === 'init') return parent.node.id.type === 'Identifier' ? parent.node.id.name : '';
  if (parent.isAssignmentExpression() && path.key === 'right') {
    return parent.node.left.type === 'Identifier' && ['=', '&&=', '||=', '??='].includes(parent.node.operator) ? parent.node.left.name : '';
  }
  if (parent.isAssignmentPattern() && path.key === 'right') return parent.node.left.type === 'Identifier' ? parent.node.left.name : '';
  if ((parent.isObjectProperty() || parent.isClassProperty()) && path.key === 'value') {
    const node = parent.node;
    if (node.computed) return null;
    const key = node.key;
    if (key.type === 'Identifier') return key.name;
    if (key.type === 'StringLiteral') return key.value;
    if (key.type === 'NumericLiteral') return String(key.value);
    return null;
  }
  if (parent.isClassPrivateProperty() && path.key === 'value') return '#' + parent.node.key.id.name;
  if (parent.isExportDefaultDeclaration()) return null;
  return '';
}

/** Does the function's body refer to its own name (the binding a named expression creates)? */
function refersToOwnName(path: NodePath<BT.Function>, name: string): boolean {
  let found = false;
  path.traverse({
    Identifier(p) {
      if (p.node.name !== name || p.node === (path.node as BT.FunctionExpression).id) return;
      const binding = p.scope.getBinding(name);
      if (!binding || binding.scope === path.scope) {
        found = true;
        p.stop();
      }
    },
  });
  return found;
}

function methodKey(t: Types, name: string): { key: BT.Expression; computed: boolean } {
  if (t.isValidIdentifier(name, false)) return { key: t.identifier(name), computed: false };
  return { key: t.stringLiteral(name), computed: true };
}

/** `({ async name(params) { body } }).name` for the function `node`. */
function asMethod(t: Types, node: BT.FunctionDeclaration | BT.FunctionExpression, name: string): BT.MemberExpression {
  const { key, computed } = methodKey(t, name);
  const method = t.objectMethod('method', t.cloneNode(key), node.params, node.body, false);
  method.async = true;
  method.generator = node.generator;
  method.loc = node.loc;
  method.start = node.start;
  method.end = node.end;
  return t.memberExpression(t.objectExpression([method]), t.cloneNode(key), computed);
}

function asArrow(t: Types, node: BT.FunctionDeclaration | BT.FunctionExpression): BT.ArrowFunctionExpression {
  const arrow = t.arrowFunctionExpression(node.params, node.body, true);
  arrow.loc = node.loc;
  arrow.start = node.start;
  arrow.end = node.end;
  return arrow;
}

/** The first statement a hoisted declaration goes before: after imports, the runtime's declaration and earlier hoisted ones. */
export function hoistPosition(body: NodePath<BT.Statement>[], runtimeName: string): NodePath<BT.Statement> | undefined {
  return body.find((s) => !s.isImportDeclaration()
    && !(s.node as { _asyncShapeHoisted?: boolean })._asyncShapeHoisted
    && !(s.isVariableDeclaration() && s.node.declarations.some((d) => d.id.type === 'Identifier' && d.id.name === runtimeName)));
}

/**
 * The function declaration `name` became `var name = ...` at the top of `container`: the scope
 * gets a `var` binding in its place that keeps the references and reassignments Babel had
 * collected for the declaration (the same identifiers: only the declaring statement changed).
 * This replaces a crawl of the whole container, which every hoisted declaration of a module
 * repeated (a module with n async function declarations was crawled n times).
 */
function rebindHoisted(container: NodePath<BT.Program | BT.BlockStatement>, declaration: NodePath<BT.VariableDeclaration>, name: string, previous: Binding | undefined): void {
  const scope = container.scope;
  if (scope.getOwnBinding(name)) scope.removeOwnBinding(name);
  scope.registerDeclaration(declaration);
  const binding = scope.getOwnBinding(name);
  if (!binding || !previous) return;
  for (const reference of previous.referencePaths) binding.reference(reference);
  for (const violation of previous.constantViolations) binding.reassign(violation);
}

/** The statement list a declaration at `path` is hoisted to, when it may be turned into a `var`. */
function hoistContainer(path: NodePath<BT.FunctionDeclaration>): NodePath<BT.Program | BT.BlockStatement> | null {
  const parent = path.parentPath;
  if (parent.isProgram()) return parent;
  if (parent.isBlockStatement() && parent.parentPath.isFunction()) return parent;
  return null;
}

/**
 * Reshapes one async function before lowering. Returns the path of the function to lower
 * (a new arrow or method when the shape changed) and the check to add afterwards.
 */
export function reshapeAsyncFunction(t: Types, path: NodePath<BT.Function>, shape: FunctionShape, runtimeName: string): ShapeResult {
  const node = path.node;
  const none = (name: string): ShapeResult => ({ path, check: null, name });
  if (!(path.isFunctionDeclaration() || path.isFunctionExpression())) return none('');
  const fn = node as BT.FunctionDeclaration | BT.FunctionExpression;
  const ownName = fn.id ? fn.id.name : null;
  // an async generator function has a `prototype` (its objects' prototype) but is no
  // constructor either: it keeps its function shape and throws when called with `new`
  if (node.generator) {
    if (shape !== 'es2015') return none('');
    return reshapeGenerator(t, path, fn, ownName, runtimeName) ?? { path, check: { kind: 'new.target' }, name: ownName ?? contextualName(path) ?? '' };
  }

  if (shape === 'es5') {
    // the runtime's markFunction gives the function a shared guard object as its `prototype`:
    // `new f()` makes an object inheriting from it, which the first statement recognises
    // (no reference to the function itself is needed, so anonymous functions throw too)
    return { path, check: { kind: 'guard' }, name: ownName ?? contextualName(path) ?? '' };
  }

  const receiver = usesOwnReceiver(t, path);
  if (path.isFunctionDeclaration()) {
    const container = hoistContainer(path);
    if (!ownName || !container || path.parentPath.isExportNamedDeclaration()) return { path, check: { kind: 'new.target' }, name: ownName ?? 'default' };
    // `var f = ...` first in the scope: a declaration is initialised when the scope is entered
    const value = receiver ? asMethod(t, fn, ownName) : asArrow(t, fn);
    const declaration = t.variableDeclaration('var', [t.variableDeclarator(t.identifier(ownName), value)]);
    declaration.loc = fn.loc;
    const references = container.scope.getOwnBinding(ownName);
    path.remove();
    const body = container.get('body') as NodePath<BT.Statement>[];
    const firstOrdinary = hoistPosition(body, runtimeName);
    (declaration as { _asyncShapeHoisted?: boolean } & BT.Node)._asyncShapeHoisted = true;
    let inserted: NodePath[];
    if (firstOrdinary) inserted = firstOrdinary.insertBefore(declaration);
    else inserted = (container as NodePath<BT.BlockStatement>).pushContainer('body', declaration);
    rebindHoisted(container, inserted[0] as NodePath<BT.VariableDeclaration>, ownName, references);
    const declarator = (inserted[0] as NodePath<BT.VariableDeclaration>).get('declarations')[0];
    return { path: findFunction(declarator.get('init') as NodePath), check: null, name: ownName };
  }

  // a function expression
  if (ownName !== null) {
    const method = asMethod(t, fn, ownName);
    if (refersToOwnName(path, ownName)) {
      // the body calls itself by its name: the method gets that binding from an arrow around it
      // (`(() => { const f = ({ async f() { f() } }).f; return f; })()`)
      const holder = t.callExpression(t.arrowFunctionExpression([], t.blockStatement([
        t.variableDeclaration('const', [t.variableDeclarator(t.identifier(ownName), method)]),
        t.returnStatement(t.identifier(ownName)),
      ])), []);
      const [replaced] = path.replaceWith(holder);
      const declaration = ((replaced.get('callee') as NodePath<BT.ArrowFunctionExpression>).get('body') as NodePath<BT.BlockStatement>).get('body')[0] as NodePath<BT.VariableDeclaration>;
      return { path: findFunction(declaration.get('declarations')[0].get('init') as NodePath), check: null, name: ownName };
    }
    const [replaced] = path.replaceWith(method);
    return { path: findFunction(replaced), check: null, name: ownName };
  }
  if (!receiver) {
    const [replaced] = path.replaceWith(asArrow(t, fn));
    return { path: replaced as NodePath<BT.Function>, check: null, name: '' };
  }
  // the value of an object literal's property: the property becomes a method with the same key
  // (computed or not: the method is named from the key exactly as the function would be)
  const parent = path.parentPath;
  if (parent.isObjectProperty() && path.key === 'value' && !(isProtoKey(parent.node))) {
    const property = parent.node;
    const method = t.objectMethod('method', property.key as BT.Expression, fn.params, fn.body, property.computed);
    method.async = true;
    method.loc = fn.loc;
    method.start = fn.start;
    method.end = fn.end;
    const [replaced] = parent.replaceWith(method);
    return { path: replaced as NodePath<BT.Function>, check: null, name: '' };
  }
  const name = contextualName(path);
  if (name === null) return { path, check: { kind: 'new.target' }, name: '' };
  const [replaced] = path.replaceWith(asMethod(t, fn, name));
  return { path: findFunction(replaced), check: null, name };
}

/**
 * An async generator as a method (not constructible, no own caller/arguments; the runtime
 * gives it its `prototype`): a declaration becomes `var g = ({ async *g() {} }).g` first in its
 * scope and refers to itself by `g`; an expression becomes
 * `(() => { const g = ({ async *g() {} }).g; return g; })()`. Null where neither applies.
 */
function reshapeGenerator(t: Types, path: NodePath<BT.Function>, fn: BT.FunctionDeclaration | BT.FunctionExpression, ownName: string | null, runtimeName: string): ShapeResult | null {
  if (path.isFunctionDeclaration()) {
    const container = hoistContainer(path);
    if (!ownName || !container) return null;
    const binding = path.parentPath.scope.getBinding(ownName);
    if (!binding || binding.constantViolations.length > 0 || binding.path !== path) return null;
    const own = path.scope.getOwnBinding(ownName);
    if (own && own.kind !== 'local') return null;
    const declaration = t.variableDeclaration('var', [t.variableDeclarator(t.identifier(ownName), asMethod(t, fn, ownName))]);
    declaration.loc = fn.loc;
    (declaration as { _asyncShapeHoisted?: boolean } & BT.Node)._asyncShapeHoisted = true;
    const references = container.scope.getOwnBinding(ownName);
    path.remove();
    const body = container.get('body') as NodePath<BT.Statement>[];
    const firstOrdinary = hoistPosition(body, runtimeName);
    const inserted = firstOrdinary ? firstOrdinary.insertBefore(declaration) : (container as NodePath<BT.BlockStatement>).pushContainer('body', declaration);
    rebindHoisted(container, inserted[0] as NodePath<BT.VariableDeclaration>, ownName, references);
    const init = (inserted[0] as NodePath<BT.VariableDeclaration>).get('declarations')[0].get('init') as NodePath<BT.Expression>;
    return { path: findFunction(init), check: null, name: ownName, generator: { self: ownName, creation: init } };
  }
  const name = ownName ?? contextualName(path);
  if (name === null) return null;
  const bindable = t.isValidIdentifier(name, true) && !['eval', 'arguments', 'yield', 'await', 'let', 'static'].includes(name);
  // a named expression keeps its own name as the `const` (immutable, as natively: in strict
  // code an assignment to it throws the TypeError) unless a parameter or local hides it
  const ownBinding = ownName !== null ? path.scope.getOwnBinding(ownName) : undefined;
  const self = bindable && ownName !== null && ownBinding?.kind === 'local' ? ownName
    : bindable && ownName === null && !refersToOwnName(path, name) && !path.scope.hasBinding(name) ? name
      : path.scope.generateUid(name || 'generator');
  const holder = t.callExpression(t.arrowFunctionExpression([], t.blockStatement([
    t.variableDeclaration('const', [t.variableDeclarator(t.identifier(self), asMethod(t, fn, name))]),
    t.returnStatement(t.identifier(self)),
  ])), []);
  if (ownName !== null && self !== ownName) {
    // the body's references to its own name go to the const
    path.traverse({
      Identifier(p) {
        if (p.node.name === ownName && (p as NodePath).isReferencedIdentifier() && (!p.scope.getBinding(ownName) || p.scope.getBinding(ownName)!.scope === path.scope)) p.node.name = self;
      },
    });
  }
  const [replaced] = path.replaceWith(holder);
  const declaration = ((replaced.get('callee') as NodePath<BT.ArrowFunctionExpression>).get('body') as NodePath<BT.BlockStatement>).get('body')[0] as NodePath<BT.VariableDeclaration>;
  const init = declaration.get('declarations')[0].get('init') as NodePath<BT.Expression>;
  return { path: findFunction(init), check: null, name, generator: { self, creation: init } };
}

function isProtoKey(property: BT.ObjectProperty): boolean {
  const key = property.key;
  return !property.computed && ((key.type === 'Identifier' && key.name === '__proto__') || (key.type === 'StringLiteral' && key.value === '__proto__'));
}

function findFunction(path: NodePath): NodePath<BT.Function> {
  if (path.isFunction()) return path;
  if (path.isMemberExpression()) return (path.get('object') as NodePath<BT.ObjectExpression>).get('properties')[0] as NodePath<BT.Function>;
  throw new Error('functionShape: no function at the reshaped position');
}

/** Puts the constructor check first in the lowered function's body. */
export function addConstructorCheck(t: Types, result: ShapeResult, runtimeName: string): void {
  if (!result.check) return;
  const fn = result.path.node;
  if (fn.body.type !== 'BlockStatement') return;
  const message = t.stringLiteral(`${result.name || 'anonymous'} is not a constructor`);
  const test = result.check.kind === 'new.target'
    ? t.metaProperty(t.identifier('new'), t.identifier('target'))
    : t.callExpression(t.memberExpression(t.identifier(runtimeName), t.identifier('constructing')), [t.thisExpression()]);
  fn.body.body.unshift(t.ifStatement(test, t.throwStatement(t.newExpression(t.identifier('TypeError'), [message]))));
}
