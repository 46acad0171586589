/*
 * methodPrototype: gives an async method the user wrote as a method (in an object literal or a
 * class; not a private one) the [[Prototype]] a native one has: %AsyncFunction.prototype%, or
 * for an async generator method %AsyncGeneratorFunction.prototype% and an own `prototype` its
 * objects inherit from. The object or class creates such a method, so it is marked right after:
 *   - object literal (no `super` inside): the property becomes the value the method makes,
 *     `m: asyncMachine.mark({ m() {...} }.m)` (the same own, enumerable data property; a method
 *     named from the same key); a generator `g: _g = asyncMachine.generatorFunction({ g() {...} }.g)`,
 *     `_g` being the binding its lowered body refers to itself by;
 *   - class: `asyncMachine.markMethod(C.prototype, "m")` (or `generatorMethod`) first in a
 *     static block before the class's first static field or block (user code that runs while
 *     the class is defined then sees marked methods), else right after a class declaration, else
 *     around a class expression `(_c = (0, class {...}), marks, _c)`.
 * A computed key is converted once where it is written (`[_k = asyncMachine.propertyKey(x)]`),
 * and so is the key of any later element of the same class that could replace the method at
 * run time: the runtime then leaves a replaced method alone.
 * Must never: change the order in which keys, methods or static elements are evaluated, a
 * method's name, or what `this`, `super` and `arguments` are in it; mark a method another
 * element replaced.
 */
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';
import type { Types } from './emitter';
import { contextualName } from './functionShape';
import { isAnonymousFunctionDefinition, nameAnonymousFunction } from './functionNames';

/** What marking a written method needs after it is lowered. */
export interface MethodPlan {
  /** object: the property becomes the marked value; holder: marked after the class or the
   * object literal (a method using `super` must stay in its object) is created */
  kind: 'object' | 'holder';
  generator: boolean;
  /** generators: the binding the lowered body refers to itself by (generatorFor) */
  self: string | null;
  /** the key to mark by: a literal, or the binding a computed key was converted into */
  key: BT.Expression;
  isStatic: boolean;
  /** class methods: keys of later elements of the same holder that are only known at run time */
  laterKeys: BT.Expression[];
  /** class methods: the element's position in the class body (marks are emitted in that order) */
  index: number;
}

type ClassElement = BT.ClassBody['body'][number];

// keys this module converted (`_k = asyncMachine.propertyKey(x)`): converted once
const convertedKeys = new WeakMap<BT.Node, string>();

function runtimeMember(t: Types, runtimeName: string, member: string): BT.MemberExpression {
  return t.memberExpression(t.identifier(runtimeName), t.identifier(member));
}

/** The key's value when it is written literally (a name, a string, a number), else null. */
function literalKey(node: { key: BT.Node; computed: boolean }): string | null {
  const key = node.key;
  if (!node.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  if (key.type === 'NumericLiteral') return String(key.value);
  return null;
}

/** Does the method's own code (arrows included) use `super`? */
function usesSuper(path: NodePath<BT.Function>): boolean {
  let found = false;
  path.traverse({
    Function(p) {
      if (!p.isArrowFunctionExpression()) p.skip();
    },
    Super(p) {
      found = true;
      p.stop();
    },
  });
  return found;
}

/**
 * Registers the references and reassignments in code this module inserted (`inserted`), with
 * Babel's bindings, as a crawl would: the nodes in `written` (the user's class, object or
 * method moved into the new code) are already known and skipped.
 */
function registerInserted(inserted: NodePath[], written: ReadonlySet<BT.Node> = new Set()): void {
  const note = (p: NodePath): void => {
    if (p.isIdentifier() && p.isReferencedIdentifier()) p.scope.getBinding(p.node.name)?.reference(p);
    if (p.isAssignmentExpression() && p.node.left.type === 'Identifier') p.scope.getBinding(p.node.left.name)?.reassign(p);
  };
  for (const root of inserted) {
    note(root);
    root.traverse({
      enter(p) {
        if (written.has(p.node)) {
          p.skip();
          return;
        }
        note(p);
      },
    });
  }
}

/** `kind name;` just before the top-level statement holding `at`. */
function declareBefore(t: Types, at: NodePath, kind: 'var' | 'let', name: string): void {
  let statement = at.getStatementParent()!;
  while (!statement.parentPath!.isProgram()) statement = statement.parentPath!.getStatementParent()!;
  const [declaration] = statement.insertBefore(t.variableDeclaration(kind, [t.variableDeclarator(t.identifier(name))]));
  statement.scope.getProgramParent().registerDeclaration(declaration);
}

/** A `var` for a converted key or a class, in the scope around the object or class `holder`
 * (used right after it is assigned). */
function keyTemporary(t: Types, holder: NodePath, name: string): BT.Identifier {
  const around = holder.parentPath!.scope;
  const scope = around.getFunctionParent() ?? around.getProgramParent();
  const id = scope.generateUidIdentifier(name);
  // (in a program, just before the statement: a `var` pushed to the top would be hoisted above
  // the runtime's declaration, and declarations hoisted later would go before it)
  if (scope.path.isProgram()) declareBefore(t, holder, 'var', id.name);
  else scope.push({ id: t.identifier(id.name) });
  return id;
}

/** A `let` for a generator's self reference, fresh each time the block around the object or
 * class `at` runs. */
function selfBinding(t: Types, at: NodePath, name: string): string {
  const scope = at.parentPath!.scope.getBlockParent();
  const id = scope.generateUidIdentifier(name);
  if (scope.path.isProgram()) {
    declareBefore(t, at, 'let', id.name);
  } else {
    scope.push({ id: t.identifier(id.name), kind: 'let' });
  }
  return id.name;
}

/** Converts a computed key once (ToPropertyKey where it is written); its binding. */
function convertKey(t: Types, element: NodePath<BT.ClassMethod | BT.ObjectMethod | BT.ClassProperty | BT.ObjectProperty>, runtimeName: string): BT.Identifier {
  const key = element.node.key as BT.Expression;
  const done = convertedKeys.get(key);
  if (done) return t.identifier(done);
  // (the object literal or the class the element belongs to)
  const holder = element.parentPath.isClassBody() ? element.parentPath.parentPath! : element.parentPath;
  const id = keyTemporary(t, holder, 'key');
  const converted = t.assignmentExpression('=', t.identifier(id.name), t.callExpression(runtimeMember(t, runtimeName, 'propertyKey'), [key]));
  convertedKeys.set(converted, id.name);
  element.node.key = converted;
  return t.identifier(id.name);
}

/** Is `element` (of a class body) defined on the same holder as a method with `isStatic`? */
function sameHolder(element: ClassElement, isStatic: boolean): boolean {
  if (element.type === 'ClassMethod') return !!element.static === isStatic;
  // a static field defines its key on the constructor; an instance field on each object
  if (element.type === 'ClassProperty' || element.type === 'ClassAccessorProperty') return isStatic && !!element.static;
  return false;
}

/**
 * Before lowering an async method written as a method (not one functionShape made from a
 * function: asyncFunctionPrototype marks those): how it will be marked, or null where it
 * is not (a private method, an object method using `super`, a method a later element of the
 * same class replaces: nobody can reach it).
 */
export function planWrittenMethod(t: Types, path: NodePath<BT.Function>, runtimeName: string): MethodPlan | null {
  const generator = path.node.generator === true;
  if (path.isObjectMethod()) {
    if (path.node.kind !== 'method') return null;
    const object = path.parentPath as NodePath<BT.ObjectExpression>;
    if (usesSuper(path)) return planMarkAfterObject(t, path, object, runtimeName);
    const name = literalKey(path.node);
    const key = name !== null ? t.stringLiteral(name) : convertKey(t, path, runtimeName);
    return { kind: 'object', generator, self: generatorSelf(t, object, generator, name), key, isStatic: false, laterKeys: [], index: 0 };
  }
  if (!path.isClassMethod() || path.node.kind !== 'method') return null;
  return planMarkAfterClass(t, path, runtimeName);
}

/** A generator method's self binding (declared in `at`), named after its key where it can be. */
function generatorSelf(t: Types, at: NodePath, generator: boolean, name: string | null): string | null {
  return generator ? selfBinding(t, at, name !== null && t.isValidIdentifier(name, false) ? name : 'generator') : null;
}

/**
 * The keys of the elements after a method that are only known at run time, converted once,
 * in order (marking passes them so that a method one of them replaced is left alone); null
 * when a later element plainly replaces the method (`stop` says which element ends the search
 * without a mark, `skip` which ones define nothing on the method's holder).
 */
function laterRunTimeKeys(
  t: Types,
  later: NodePath[],
  name: string | null,
  runtimeName: string,
  skip: (node: BT.Node) => boolean,
  stop: (node: BT.Node) => boolean,
): BT.Expression[] | null {
  const laterKeys: BT.Expression[] = [];
  for (const element of later) {
    if (stop(element.node)) return null;
    if (skip(element.node)) continue;
    const laterName = literalKey(element.node as BT.ObjectMember | BT.ClassMethod | BT.ClassProperty);
    if (laterName !== null) {
      if (laterName === name) return null;
      continue;
    }
    laterKeys.push(convertKey(t, element as NodePath<BT.ObjectMember | BT.ClassMethod | BT.ClassProperty>, runtimeName));
  }
  return laterKeys;
}

/** An object method using `super` (its [[HomeObject]] is the literal): marked after the literal. */
function planMarkAfterObject(t: Types, path: NodePath<BT.ObjectMethod>, object: NodePath<BT.ObjectExpression>, runtimeName: string): MethodPlan | null {
  const generator = path.node.generator === true;
  const name = literalKey(path.node);
  const properties = object.get('properties');
  const index = properties.findIndex((property) => property.node === path.node);
  const laterKeys = laterRunTimeKeys(
    t,
    properties.slice(index + 1),
    name,
    runtimeName,
    // `__proto__: value` sets the prototype, not a property
    (node) => node.type === 'ObjectProperty' && !node.computed && literalKey(node) === '__proto__',
    // a spread may replace the method with any value: such a method keeps Function.prototype
    (node) => node.type === 'SpreadElement',
  );
  if (laterKeys === null) return null;
  const key = name !== null ? t.stringLiteral(name) : convertKey(t, path, runtimeName);
  return { kind: 'holder', generator, self: generatorSelf(t, object, generator, name), key, isStatic: false, laterKeys, index };
}

function planMarkAfterClass(t: Types, path: NodePath<BT.ClassMethod>, runtimeName: string): MethodPlan | null {
  const generator = path.node.generator === true;
  const classBody = path.parentPath as NodePath<BT.ClassBody>;
  const isStatic = !!path.node.static;
  const name = literalKey(path.node);
  const elements = classBody.get('body') as NodePath<ClassElement>[];
  const index = elements.findIndex((element) => element.node === path.node);
  const laterKeys = laterRunTimeKeys(
    t,
    elements.slice(index + 1),
    name,
    runtimeName,
    // elements defined on another holder, and private names, which are not properties
    (node) => !sameHolder(node as ClassElement, isStatic) || ((node as BT.ClassMethod).key as BT.Node).type === 'PrivateName',
    () => false,
  );
  if (laterKeys === null) return null;
  const key = name !== null ? t.stringLiteral(name) : convertKey(t, path, runtimeName);
  return { kind: 'holder', generator, self: generatorSelf(t, classBody.parentPath, generator, name), key, isStatic, laterKeys, index };
}

/** After lowering an object method: the property becomes the marked value it makes. */
export function markObjectMethod(t: Types, path: NodePath<BT.ObjectMethod>, plan: MethodPlan, runtimeName: string): void {
  const method = path.node;
  const outerKey = method.computed || literalKey(method) !== '__proto__' ? method.key : t.stringLiteral('__proto__');
  const outerComputed = method.computed || outerKey !== method.key;
  // `{ m() {} }.m`, `{ "a-b"() {} }["a-b"]`, or for a converted key `{ [_k]() {} }[_k]`
  const literal = plan.key.type === 'StringLiteral' ? plan.key.value : null;
  const innerKey = literal !== null && t.isValidIdentifier(literal, false) ? t.identifier(literal) : t.cloneNode(plan.key);
  const inner = t.objectMethod('method', innerKey, method.params, method.body, literal === null);
  inner.generator = method.generator;
  inner.loc = method.loc;
  const made = t.memberExpression(t.objectExpression([inner]), t.cloneNode(innerKey), innerKey.type !== 'Identifier' || literal === null);
  const marked = t.callExpression(runtimeMember(t, runtimeName, plan.generator ? 'generatorFunction' : 'mark'), [made]);
  const value = plan.self ? t.assignmentExpression('=', t.identifier(plan.self), marked) : marked;
  const property = t.objectProperty(outerKey, value, outerComputed);
  property.loc = method.loc;
  const [replaced] = path.replaceWith(property);
  registerInserted([replaced], new Set([method.key, method.body, ...method.params]));
}

/** The marks of a class (or of an object literal whose methods use `super`), made once every
 * async method in it is lowered. */
export interface ClassMarks {
  classPath: NodePath<BT.Class | BT.ObjectExpression>;
  plans: MethodPlan[];
}

function markCalls(t: Types, marks: ClassMarks, runtimeName: string, prototypeOf: () => BT.Expression, constructor: () => BT.Expression): BT.Expression[] {
  return [...marks.plans].sort((a, b) => a.index - b.index).map((plan) => {
    const call = t.callExpression(runtimeMember(t, runtimeName, plan.generator ? 'generatorMethod' : 'markMethod'),
      [plan.isStatic ? constructor() : prototypeOf(), t.cloneNode(plan.key), ...plan.laterKeys.map((key) => t.cloneNode(key))]);
    return plan.self ? t.assignmentExpression('=', t.identifier(plan.self), call) : call;
  });
}

function isStaticRunTimeElement(element: ClassElement): boolean {
  if (element.type === 'StaticBlock') return true;
  return (element.type === 'ClassProperty' || element.type === 'ClassPrivateProperty' || element.type === 'ClassAccessorProperty') && !!element.static;
}

/** Emits the marks of one class (see the header for where). */
export function emitClassMarks(t: Types, marks: ClassMarks, runtimeName: string): void {
  const { classPath: holderPath } = marks;
  if (holderPath.isObjectExpression()) {
    // `(_o = {...}, marks, _o)`: nothing can reach the object before it is complete
    const holder = keyTemporary(t, holderPath, 'object');
    const calls = markCalls(t, marks, runtimeName, () => t.identifier(holder.name), () => t.identifier(holder.name));
    const object = holderPath.node;
    const [replaced] = holderPath.replaceWith(t.sequenceExpression([t.assignmentExpression('=', t.identifier(holder.name), object), ...calls, t.identifier(holder.name)]));
    registerInserted([replaced], new Set([object]));
    return;
  }
  const classPath = holderPath as NodePath<BT.Class>;
  const body = classPath.get('body').get('body') as NodePath<ClassElement>[];
  const firstStatic = body.find((element) => isStaticRunTimeElement(element.node));
  const inStaticBlock = () => {
    const thisPrototype = () => t.memberExpression(t.thisExpression(), t.identifier('prototype'));
    const statements = markCalls(t, marks, runtimeName, thisPrototype, () => t.thisExpression()).map((call) => t.expressionStatement(call));
    if (firstStatic?.isStaticBlock()) registerInserted(firstStatic.unshiftContainer('body', statements));
    else if (firstStatic) registerInserted(firstStatic.insertBefore(t.staticBlock(statements)));
    else registerInserted(classPath.get('body').unshiftContainer('body', t.staticBlock(statements)));
  };
  if (firstStatic) return inStaticBlock();
  const node = classPath.node;
  if (classPath.isClassDeclaration() && node.id) {
    const name = node.id.name;
    const statements = markCalls(t, marks, runtimeName, () => t.memberExpression(t.identifier(name), t.identifier('prototype')), () => t.identifier(name))
      .map((call) => t.expressionStatement(call));
    let statement: NodePath = classPath;
    if (statement.parentPath?.isExportNamedDeclaration() || statement.parentPath?.isExportDefaultDeclaration()) statement = statement.parentPath;
    registerInserted(statement.insertAfter(statements));
    return;
  }
  if (!classPath.isClassExpression()) return inStaticBlock();
  // a class expression: `(_c = (0, class {}), marks, _c)`, keeping the name its position gives
  let value: BT.Expression = node as BT.ClassExpression;
  if (isAnonymousFunctionDefinition(value)) {
    const name = contextualName(classPath);
    if (name === null) return inStaticBlock();
    // (`_c = class {}` would name it "_c")
    value = name === '' ? t.sequenceExpression([t.numericLiteral(0), value]) : nameAnonymousFunction(t, value, name);
  }
  const holder = keyTemporary(t, classPath, 'class');
  const calls = markCalls(t, marks, runtimeName, () => t.memberExpression(t.identifier(holder.name), t.identifier('prototype')), () => t.identifier(holder.name));
  const [replaced] = classPath.replaceWith(t.sequenceExpression([t.assignmentExpression('=', t.identifier(holder.name), value), ...calls, t.identifier(holder.name)]));
  registerInserted([replaced], new Set([node]));
}
