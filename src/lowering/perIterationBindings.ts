/*
 * perIterationBindings: keeps `let`/`const` per-iteration semantics when a loop that
 * suspends is lowered. Locals of a lowered loop become variables of the outer function, so a
 * closure created in iteration i would see iteration i+1's value. Each such binding that a
 * closure captures is boxed in a cell (`{ v: value }`), created afresh where native code
 * creates a fresh binding (block entry, each iteration of a `for` head, each for-in/of
 * value), and every closure that uses it is created through `((x) => closure)(x)` so that it
 * keeps the cell of its own iteration. Runs on the AST before lowering.
 * Must never: box a binding no closure captures, or change evaluation order.
 */
import type * as BT from '@babel/types';
import type { NodePath, Binding } from '@babel/traverse';
import type { Types } from './emitter';
import type { AwaitAnalysis } from '../analysis/awaitAnalysis';
import { collectPositionNames, nameAnonymousFunction } from './functionNames';
import { switchEntryStatements } from './temporalDeadZone';

const CELL = 'v';

function isInsideLoweredLoop(binding: Binding, fnPath: NodePath, analysis: AwaitAnalysis): boolean {
  let current: NodePath | null = binding.path;
  while (current && current !== fnPath) {
    if (current.isLoop() && analysis.containsAwait(current.node)) return true;
    current = current.parentPath;
  }
  return false;
}

function capturedByClosure(binding: Binding, fnPath: NodePath): boolean {
  const paths = [...binding.referencePaths, ...binding.constantViolations];
  return paths.some((p) => p.getFunctionParent() !== fnPath);
}

/** `scopables`: the scopable paths of the function's own code (temporalDeadZone's ownScopables). */
export function boxPerIterationBindings(t: Types, fnPath: NodePath<BT.Function>, analysis: AwaitAnalysis, scopables: NodePath[]): void {
  const candidates = new Set<Binding>();
  for (const p of scopables) {
    for (const name of Object.keys(p.scope.bindings)) {
      const binding = p.scope.bindings[name];
      if (binding.kind !== 'let' && binding.kind !== 'const') continue;
      if (!binding.path.isVariableDeclarator()) continue;
      const scopeNode = binding.scope.path;
      if (!analysis.containsAwait(scopeNode.node)) continue;
      if (!isInsideLoweredLoop(binding, fnPath, analysis) || !capturedByClosure(binding, fnPath)) continue;
      candidates.add(binding);
    }
  }
  if (candidates.size === 0) return;
  const positionNames = collectPositionNames(fnPath);
  const cell = (value: BT.Expression) => t.objectExpression([t.objectProperty(t.identifier(CELL), value)]);
  const read = (name: string) => t.memberExpression(t.identifier(name), t.identifier(CELL));

  // Declaration sites: a whole pattern is boxed as soon as one of its names is.
  const declarators = new Set<NodePath<BT.VariableDeclarator>>();
  for (const binding of candidates) declarators.add(binding.path as NodePath<BT.VariableDeclarator>);
  for (const declarator of declarators) {
    for (const name of Object.keys(t.getBindingIdentifiers(declarator.node.id))) {
      const other = declarator.scope.getBinding(name);
      if (other) candidates.add(other);
    }
  }
  const declarationIds = new Set<BT.Node>();
  for (const declarator of declarators) {
    // only the binding identifiers: a default value inside the pattern holds ordinary references
    for (const id of Object.values(t.getBindingIdentifiers(declarator.node.id))) declarationIds.add(id);
  }

  // Every use becomes `name.v`; remember which closures use which cells.
  const closureNeeds = new Map<NodePath, Set<string>>();
  fnPath.traverse({
    Identifier(p: NodePath<BT.Identifier>) {
      if (declarationIds.has(p.node)) return;
      // the own name of a function or class expression (one named above) is not a use
      if (p.key === 'id' && (p.parentPath.isFunctionExpression() || p.parentPath.isClassExpression())) return;
      const anyPath = p as NodePath;
      if (!anyPath.isReferencedIdentifier() && !anyPath.isBindingIdentifier()) return;
      const binding = p.scope.getBinding(p.node.name);
      if (!binding || !candidates.has(binding)) return;
      const name = p.node.name;
      let closure: NodePath | null = null;
      for (let f: NodePath | null = p.getFunctionParent(); f && f !== fnPath; f = f.parentPath?.getFunctionParent() ?? null) closure = f;
      if (closure) {
        const target = wrapTarget(closure);
        if (!closureNeeds.has(target)) closureNeeds.set(target, new Set());
        closureNeeds.get(target)!.add(name);
      }
      const parent = p.parentPath;
      if (parent.isObjectProperty() && parent.node.shorthand && p.key === 'value') {
        parent.node.shorthand = false;
      }
      p.replaceWith(read(name));
      p.skip();
    },
  });

  // a function or class whose declaration becomes a cell write keeps the name its position
  // gives it (`let f = () => {}` is `f.v = ...` below; a wrapped closure is named by wrapClosure)
  const wrapped = new Set([...closureNeeds.keys()].map((p) => p.node));
  fnPath.traverse({
    'FunctionExpression|ArrowFunctionExpression|ClassExpression'(p: NodePath) {
      const name = positionNames.get(p.node);
      if (name === undefined || wrapped.has(p.node)) return;
      const binding = p.parentPath!.scope.getBinding(name);
      if (!binding || !candidates.has(binding)) return;
      positionNames.delete(p.node);
      const named = nameAnonymousFunction(t, p.node as BT.Expression, name);
      if (named !== p.node) p.replaceWith(named);
    },
  });

  // Closures: created through an arrow that receives the current cells. (First: a closure
  // that initialises a declaration is still where the declaration's path can find it.)
  for (const [target, names] of closureNeeds) wrapClosure(t, target, [...names].sort(), positionNames);

  // Declarations: a cell per binding, created where native code creates the binding.
  const boxed = new Set<BT.VariableDeclarator>([...declarators].map((d) => d.node));
  const declarations = new Set<NodePath<BT.VariableDeclaration>>([...declarators].map((d) => d.parentPath as NodePath<BT.VariableDeclaration>));
  for (const declaration of declarations) rewriteDeclaration(t, declaration, boxed, cell, read);
  fnPath.scope.crawl();
}

/** The expression (or declaration) that creates the closure. */
function wrapTarget(closure: NodePath): NodePath {
  if (closure.isObjectMethod()) return closure.parentPath as NodePath;
  if (closure.isClassMethod() || closure.isClassPrivateMethod()) return closure.parentPath!.parentPath as NodePath;
  if (closure.parentPath?.isClassProperty() || closure.parentPath?.isClassPrivateProperty()) return closure.parentPath.parentPath!.parentPath as NodePath;
  return closure;
}

function wrapClosure(t: Types, target: NodePath, names: string[], positionNames: Map<BT.Node, string>): void {
  const params = names.map((n) => t.identifier(n));
  const args = names.map((n) => t.identifier(n));
  const wrap = (expression: BT.Expression) => t.callExpression(t.arrowFunctionExpression(params, expression), args);
  if (target.isFunctionDeclaration()) {
    const node = target.node;
    const id = node.id as BT.Identifier;
    const expression = t.functionExpression(t.cloneNode(id), node.params, node.body, node.generator, node.async);
    const declaration = t.variableDeclaration('let', [t.variableDeclarator(t.cloneNode(id), wrap(expression))]);
    const container = target.parentPath;
    target.remove();
    if (container && (container.isBlockStatement() || container.isProgram())) {
      // function declarations are initialised when their block is entered
      const body = container.get('body') as NodePath<BT.Statement>[];
      const firstNonCell = body.find((s) => !(s.node as BT.Node & { _cellDeclaration?: boolean })._cellDeclaration);
      if (firstNonCell) firstNonCell.insertBefore(declaration);
      else (container as NodePath<BT.BlockStatement>).pushContainer('body', declaration);
    } else if (container?.isSwitchCase() && container.parentPath.isSwitchStatement()) {
      // the function exists from the switch's entry (its cases share one block), so it is
      // made right before the switch, after the cells it receives and their dead-zone start
      switchEntryStatements.add(declaration);
      container.parentPath.insertBefore(declaration);
    }
    return;
  }
  if (target.isClassDeclaration()) {
    const node = target.node;
    const id = node.id as BT.Identifier;
    target.replaceWith(t.variableDeclaration('let', [
      t.variableDeclarator(t.cloneNode(id), wrap(t.classExpression(node.id, node.superClass, node.body, node.decorators))),
    ]));
    return;
  }
  // (the wrapper call is not a naming position: the closure is named first)
  const name = positionNames.get(target.node);
  const closure = name === undefined ? target.node as BT.Expression : nameAnonymousFunction(t, target.node as BT.Expression, name);
  target.replaceWith(wrap(closure));
}

function patternWithCells(t: Types, pattern: BT.LVal, read: (name: string) => BT.MemberExpression): BT.LVal {
  const copy = t.cloneNode(pattern, true);
  const replaceIds = (node: BT.Node): BT.Node => {
    switch (node.type) {
      case 'Identifier':
        return read(node.name);
      case 'ArrayPattern':
        node.elements = node.elements.map((e) => (e ? (replaceIds(e) as BT.PatternLike) : e));
        return node;
      case 'ObjectPattern':
        for (const property of node.properties) {
          if (property.type === 'RestElement') property.argument = replaceIds(property.argument) as typeof property.argument;
          else {
            property.value = replaceIds(property.value) as BT.PatternLike;
            property.shorthand = false;
          }
        }
        return node;
      case 'AssignmentPattern':
        node.left = replaceIds(node.left) as BT.Identifier;
        return node;
      case 'RestElement':
        node.argument = replaceIds(node.argument) as typeof node.argument;
        return node;
      default:
        return node;
    }
  };
  return replaceIds(copy) as BT.LVal;
}

function rewriteDeclaration(
  t: Types,
  declaration: NodePath<BT.VariableDeclaration>,
  boxed: Set<BT.VariableDeclarator>,
  cell: (value: BT.Expression) => BT.ObjectExpression,
  read: (name: string) => BT.MemberExpression,
): void {
  const holder = declaration.parentPath;
  const undefinedValue = () => t.unaryExpression('void', t.numericLiteral(0));
  const namesOf = (d: BT.VariableDeclarator) => Object.keys(t.getBindingIdentifiers(d.id));
  const markCells = (node: BT.VariableDeclaration) => {
    (node as BT.Node & { _cellDeclaration?: boolean })._cellDeclaration = true;
    return node;
  };

  if (holder.isForStatement() && declaration.key === 'init') {
    // `for (let i = 0; ...; i++)`: a fresh copy of every cell before each update
    const copies: BT.Expression[] = [];
    for (const declarator of declaration.node.declarations) {
      if (!boxed.has(declarator)) continue;
      if (declarator.id.type !== 'Identifier') {
        throw declaration.buildCodeFrameError('babel-plugin-async-state-machine: a destructuring pattern in a `for (let ...)` head whose bindings closures capture is not supported yet.');
      }
      declarator.init = cell(declarator.init ?? undefinedValue());
      const name = declarator.id.name;
      copies.push(t.assignmentExpression('=', t.identifier(name), cell(read(name))));
    }
    const update = holder.node.update;
    holder.node.update = t.sequenceExpression(update ? [...copies, update] : copies);
    return;
  }

  if ((holder.isForOfStatement() || holder.isForInStatement()) && declaration.key === 'left') {
    const declarator = declaration.node.declarations[0];
    const id = declarator.id;
    const names = namesOf(declarator);
    const value = declaration.scope.generateUidIdentifier('value');
    declarator.id = t.cloneNode(value);
    let body = holder.get('body') as NodePath<BT.Statement>;
    if (!body.isBlockStatement()) {
      body.replaceWith(t.blockStatement([body.node]));
      body = holder.get('body') as NodePath<BT.Statement>;
    }
    const cells = markCells(t.variableDeclaration('let', names.map((n) =>
      t.variableDeclarator(t.identifier(n), cell(id.type === 'Identifier' ? t.cloneNode(value) : undefinedValue())))));
    const statements: BT.Statement[] = [cells];
    if (id.type !== 'Identifier') statements.push(t.expressionStatement(t.assignmentExpression('=', patternWithCells(t, id as BT.LVal, read), t.cloneNode(value))));
    (body as NodePath<BT.BlockStatement>).unshiftContainer('body', statements);
    return;
  }

  // A declaration in a block: the cells exist from block entry; the declaration assigns them.
  const cellNames: string[] = [];
  const replacement: BT.Statement[] = [];
  let pending: BT.VariableDeclarator[] = [];
  const flush = () => {
    if (pending.length) replacement.push(t.variableDeclaration(declaration.node.kind, pending));
    pending = [];
  };
  for (const declarator of declaration.node.declarations) {
    if (!boxed.has(declarator)) {
      pending.push(declarator);
      continue;
    }
    flush();
    cellNames.push(...namesOf(declarator));
    if (declarator.init) {
      const target = declarator.id.type === 'Identifier' ? read(declarator.id.name) : patternWithCells(t, declarator.id as BT.LVal, read);
      const statement = t.expressionStatement(t.assignmentExpression('=', target, declarator.init));
      statement.loc = declarator.loc;
      replacement.push(statement);
    }
  }
  flush();
  const block = holder;
  if (replacement.length) declaration.replaceWithMultiple(replacement);
  else declaration.remove();
  const cells = markCells(t.variableDeclaration('let', cellNames.map((n) => t.variableDeclarator(t.identifier(n), cell(undefinedValue())))));
  if (block.isBlockStatement()) block.unshiftContainer('body', cells);
  else if (block.isSwitchCase() && block.parentPath.isSwitchStatement()) {
    // the cases share one environment, made when the switch is entered: the cells are made
    // right before it (giveSuspendingSwitchesAList gave it a statement list), ahead of the
    // dead-zone start that temporalDeadZone put there
    let before: NodePath = block.parentPath;
    const names = new Set(cellNames);
    for (let previous = before.getSibling((before.key as number) - 1); previous.node && switchEntryStatements.has(previous.node); previous = previous.getSibling((previous.key as number) - 1)) {
      // (outside the switch's scope, so the traversal above did not see them: the dead zone
      // starts in the cells, `x.v = y.v = state.uninitialized`)
      if (previous.isExpressionStatement()) startDeadZoneInCells(previous.node, names, read);
      before = previous;
    }
    before.insertBefore(cells);
  }
}

function startDeadZoneInCells(statement: BT.ExpressionStatement, names: Set<string>, read: (name: string) => BT.MemberExpression): void {
  for (let expression: BT.Expression = statement.expression; expression.type === 'AssignmentExpression'; expression = expression.right) {
    if (expression.left.type === 'Identifier' && names.has(expression.left.name)) expression.left = read(expression.left.name);
  }
}
