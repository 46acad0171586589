/*
 * explodeStatement: lowers the statements of an async function body into cases. A statement
 * that neither suspends nor declares at case level is kept intact (only its `return`s, its
 * jumps to lowered loops and its `var`s are rewritten); the others become jumps between
 * numbered cases: loops, `if`, `switch`, labels, `try` regions and for-in/for-of iteration.
 * Must never: evaluate anything in an order other than the source's, or let a temporary be
 * seen by user code.
 */
import type * as BT from '@babel/types';
import type { NodePath, Visitor } from '@babel/traverse';
import type { LoweringContext } from './context';
import type { Label } from './emitter';
import { explodeClass, explodeExpression, explodeIterableCall, explodePatternAssignment } from './explodeExpression';

type StmtPath = NodePath<BT.Statement>;

function unsupported(path: NodePath, message: string): never {
  throw path.buildCodeFrameError(`babel-plugin-async-state-machine: ${message}`);
}

export function explodeStatements(ctx: LoweringContext, paths: StmtPath[]): void {
  // Function declarations are hoisted to the top of their block.
  for (const path of paths) if (path.isFunctionDeclaration()) hoistFunctionDeclaration(ctx, path);
  for (const path of paths) if (!path.isFunctionDeclaration()) explodeStatement(ctx, path);
}

function hoistFunctionDeclaration(ctx: LoweringContext, path: NodePath<BT.FunctionDeclaration>): void {
  const t = ctx.t;
  const node = path.node;
  rewriteIntact(ctx, path, true);
  if (path.parentPath === ctx.functionPath.get('body')) {
    ctx.hoistedFunctions.push(node);
    return;
  }
  // a function declared in a lowered block: a variable assigned when the block is entered
  const id = node.id as BT.Identifier;
  ctx.hoist(id.name);
  const expression = t.functionExpression(t.cloneNode(id), node.params, node.body, node.generator, node.async);
  expression.loc = node.loc;
  ctx.emitExpression(t.assignmentExpression('=', t.cloneNode(id), expression));
}

/** Does this statement have to be split into cases? */
function needsLowering(ctx: LoweringContext, node: BT.Node): boolean {
  return ctx.containsAwait(node);
}

export function explodeStatement(ctx: LoweringContext, path: StmtPath, labels: string[] = []): void {
  const t = ctx.t;
  const node = path.node;

  if (path.isVariableDeclaration()) return explodeVariableDeclaration(ctx, path);
  if (path.isClassDeclaration()) {
    const cls = node as BT.ClassDeclaration;
    const id = cls.id as BT.Identifier;
    ctx.hoist(id.name);
    const expression = ctx.containsAwait(node)
      ? explodeClass(ctx, path as NodePath<BT.ClassDeclaration>)
      : t.classExpression(cls.id, cls.superClass, cls.body, cls.decorators);
    ctx.emitExpression(t.assignmentExpression('=', t.identifier(id.name), expression));
    return;
  }
  if (path.isFunctionDeclaration()) return hoistFunctionDeclaration(ctx, path);

  if (!needsLowering(ctx, node)) {
    // a block without declarations of its own reads better as its statements
    if (path.isBlockStatement() && !path.node.body.some((s) => t.isFunctionDeclaration(s) || t.isClassDeclaration(s) || (t.isVariableDeclaration(s) && s.kind !== 'var'))) {
      for (const statement of path.get('body')) explodeStatement(ctx, statement);
      return;
    }
    rewriteIntact(ctx, path, false);
    ctx.emit(path.node);
    return;
  }

  switch (node.type) {
    case 'BlockStatement':
      explodeStatements(ctx, (path as NodePath<BT.BlockStatement>).get('body'));
      return;

    case 'ExpressionStatement': {
      const value = explodeExpression(ctx, (path as NodePath<BT.ExpressionStatement>).get('expression'), true);
      if (!(value.type === 'MemberExpression' && value.property.type === 'Identifier' && value.property.name === 'sent')) {
        const statement = t.expressionStatement(value);
        statement.loc = node.loc;
        ctx.emit(statement);
      }
      return;
    }

    case 'ReturnStatement': {
      const argumentPath = (path as NodePath<BT.ReturnStatement>).get('argument') as NodePath<BT.Expression>;
      const value = explodeExpression(ctx, argumentPath);
      const statement = ctx.returnStatement(value);
      statement.loc = node.loc;
      ctx.emit(statement);
      return;
    }

    case 'ThrowStatement': {
      const value = explodeExpression(ctx, (path as NodePath<BT.ThrowStatement>).get('argument'));
      const statement = t.throwStatement(value);
      statement.loc = node.loc;
      ctx.emit(statement);
      return;
    }

    case 'IfStatement':
      return explodeIf(ctx, path as NodePath<BT.IfStatement>);

    case 'LabeledStatement': {
      const labeled = path as NodePath<BT.LabeledStatement>;
      const body = labeled.get('body');
      const names = [...labels, labeled.node.label.name];
      if (body.isLoop()) return explodeStatement(ctx, body, names);
      const after = ctx.newLabel('afterLabeled');
      ctx.leaps.push({ kind: 'block', labels: names, breakLabel: after, continueLabel: null, depth: ctx.regionDepth, iterationRegion: false });
      explodeStatement(ctx, body);
      ctx.leaps.pop();
      ctx.mark(after);
      return;
    }

    case 'WhileStatement':
      return explodeWhile(ctx, path as NodePath<BT.WhileStatement>, labels);
    case 'DoWhileStatement':
      return explodeDoWhile(ctx, path as NodePath<BT.DoWhileStatement>, labels);
    case 'ForStatement':
      return explodeFor(ctx, path as NodePath<BT.ForStatement>, labels);
    case 'ForInStatement':
      return explodeForIn(ctx, path as NodePath<BT.ForInStatement>, labels);
    case 'ForOfStatement':
      return explodeForOf(ctx, path as NodePath<BT.ForOfStatement>, labels);
    case 'SwitchStatement':
      return explodeSwitch(ctx, path as NodePath<BT.SwitchStatement>, labels);
    case 'TryStatement':
      return explodeTry(ctx, path as NodePath<BT.TryStatement>);
    case 'WithStatement':
      return unsupported(path, '`await` inside a `with` statement cannot be rewritten faithfully. Move the await out of the `with` block.');
    default:
      return unsupported(path, `\`await\` inside a ${node.type} is not supported yet.`);
  }
}

function explodeVariableDeclaration(ctx: LoweringContext, path: NodePath<BT.VariableDeclaration>): void {
  const t = ctx.t;
  const node = path.node;
  for (const declarator of path.get('declarations')) {
    const id = declarator.node.id;
    for (const name of Object.keys(t.getBindingIdentifiers(id))) ctx.hoist(name);
    const init = declarator.get('init') as NodePath<BT.Expression | null | undefined>;
    if (!init.node) {
      // `let x;` in a loop body starts every iteration as undefined; `var x;` keeps its value
      if (node.kind !== 'var' && id.type === 'Identifier') {
        ctx.emitExpression(t.assignmentExpression('=', t.identifier(id.name), t.identifier('undefined')));
      }
      continue;
    }
    if (!ctx.containsAwait(init.node)) rewriteIntact(ctx, init as NodePath<BT.Expression>, false);
    const value = explodeExpression(ctx, init as NodePath<BT.Expression>);
    if (ctx.containsAwait(id)) {
      explodePatternAssignment(ctx, declarator.get('id') as NodePath<BT.LVal>, value);
      continue;
    }
    const statement = t.expressionStatement(t.assignmentExpression('=', id as BT.LVal, value));
    statement.loc = declarator.node.loc;
    ctx.emit(statement);
  }
}

function explodeIf(ctx: LoweringContext, path: NodePath<BT.IfStatement>): void {
  const t = ctx.t;
  const node = path.node;
  const test = explodeExpression(ctx, path.get('test'));
  const consequent = path.get('consequent');
  const alternate = path.get('alternate') as NodePath<BT.Statement | null | undefined>;
  if (!ctx.containsAwait(consequent.node) && !ctx.containsAwait(alternate.node)) {
    rewriteIntact(ctx, consequent, false);
    if (alternate.node) rewriteIntact(ctx, alternate as StmtPath, false);
    const statement = t.ifStatement(test, consequent.node, alternate.node ?? null);
    statement.loc = node.loc;
    ctx.emit(statement);
    return;
  }
  const after = ctx.newLabel('afterIf');
  const elseLabel = alternate.node ? ctx.newLabel('else') : after;
  ctx.emit(t.ifStatement(t.unaryExpression('!', test), ctx.gotoStatement(elseLabel, ctx.regionDepth)));
  explodeStatement(ctx, consequent);
  if (alternate.node) {
    if (!ctx.emitter.endsWithTransfer()) ctx.emitGoto(after, ctx.regionDepth);
    ctx.mark(elseLabel);
    explodeStatement(ctx, alternate as StmtPath);
  }
  ctx.mark(after);
}

function loopTarget(ctx: LoweringContext, labels: string[], breakLabel: Label, continueLabel: Label) {
  ctx.leaps.push({ kind: 'loop', labels, breakLabel, continueLabel, depth: ctx.regionDepth, iterationRegion: false });
}

/** `if (!test) goto after;` for a loop test (absent test = always true). */
function emitLoopTest(ctx: LoweringContext, testPath: NodePath<BT.Expression | null | undefined>, after: Label): void {
  if (!testPath.node) return;
  const test = explodeExpression(ctx, testPath as NodePath<BT.Expression>);
  ctx.emit(ctx.t.ifStatement(ctx.t.unaryExpression('!', test), ctx.gotoStatement(after, ctx.regionDepth)));
}

function explodeWhile(ctx: LoweringContext, path: NodePath<BT.WhileStatement>, labels: string[]): void {
  const head = ctx.newLabel('whileHead');
  const after = ctx.newLabel('afterWhile');
  ctx.mark(head);
  emitLoopTest(ctx, path.get('test'), after);
  loopTarget(ctx, labels, after, head);
  explodeStatement(ctx, path.get('body'));
  ctx.leaps.pop();
  if (!ctx.emitter.endsWithTransfer()) ctx.emitGoto(head, ctx.regionDepth);
  ctx.mark(after);
}

function explodeDoWhile(ctx: LoweringContext, path: NodePath<BT.DoWhileStatement>, labels: string[]): void {
  const t = ctx.t;
  const body = ctx.newLabel('doBody');
  const test = ctx.newLabel('doTest');
  const after = ctx.newLabel('afterDo');
  ctx.mark(body);
  loopTarget(ctx, labels, after, test);
  explodeStatement(ctx, path.get('body'));
  ctx.leaps.pop();
  ctx.mark(test);
  const value = explodeExpression(ctx, path.get('test'));
  ctx.emit(t.ifStatement(value, ctx.gotoStatement(body, ctx.regionDepth)));
  ctx.mark(after);
}

function explodeFor(ctx: LoweringContext, path: NodePath<BT.ForStatement>, labels: string[]): void {
  const init = path.get('init') as NodePath<BT.VariableDeclaration | BT.Expression | null | undefined>;
  if (init.node) {
    if (init.isVariableDeclaration()) explodeVariableDeclaration(ctx, init);
    else {
      const value = explodeExpression(ctx, init as NodePath<BT.Expression>, true);
      ctx.emitExpression(value);
    }
  }
  const head = ctx.newLabel('forHead');
  const update = ctx.newLabel('forUpdate');
  const after = ctx.newLabel('afterFor');
  ctx.mark(head);
  emitLoopTest(ctx, path.get('test'), after);
  loopTarget(ctx, labels, after, update);
  explodeStatement(ctx, path.get('body'));
  ctx.leaps.pop();
  ctx.mark(update);
  const updatePath = path.get('update') as NodePath<BT.Expression | null | undefined>;
  if (updatePath.node) ctx.emitExpression(explodeExpression(ctx, updatePath as NodePath<BT.Expression>, true));
  ctx.emitGoto(head, ctx.regionDepth);
  ctx.mark(after);
}

/** Assigns the iteration value to a for-in/for-of left-hand side. */
function assignLoopLeft(ctx: LoweringContext, left: NodePath<BT.VariableDeclaration | BT.LVal>, value: BT.Expression): void {
  const t = ctx.t;
  if (left.isVariableDeclaration()) {
    const id = left.node.declarations[0].id;
    for (const name of Object.keys(t.getBindingIdentifiers(id))) ctx.hoist(name);
    if (ctx.containsAwait(id)) {
      explodePatternAssignment(ctx, left.get('declarations.0.id') as NodePath<BT.LVal>, value);
      return;
    }
    ctx.emitExpression(t.assignmentExpression('=', id as BT.LVal, value));
    return;
  }
  if (ctx.containsAwait(left.node)) {
    const lhs = left as NodePath<BT.LVal>;
    if (lhs.isObjectPattern() || lhs.isArrayPattern()) {
      explodePatternAssignment(ctx, lhs, value);
      return;
    }
    unsupported(left, '`await` inside the target of a for-in/for-of loop (e.g. `obj[await k]`) is not supported yet. Assign the value inside the loop body instead.');
  }
  ctx.emitExpression(t.assignmentExpression('=', left.node as BT.LVal, value));
}

function explodeForIn(ctx: LoweringContext, path: NodePath<BT.ForInStatement>, labels: string[]): void {
  const t = ctx.t;
  const object = explodeExpression(ctx, path.get('right'));
  const keys = ctx.emitAssign(ctx.temp('keys'), t.callExpression(ctx.stateMember('keys'), [object]));
  const head = ctx.newLabel('forInHead');
  const after = ctx.newLabel('afterForIn');
  ctx.mark(head);
  ctx.emit(t.ifStatement(t.unaryExpression('!', t.callExpression(ctx.stateMember('nextKey'), [t.cloneNode(keys)])), ctx.gotoStatement(after, ctx.regionDepth)));
  assignLoopLeft(ctx, path.get('left'), t.memberExpression(t.cloneNode(keys), t.identifier('key')));
  loopTarget(ctx, labels, after, head);
  explodeStatement(ctx, path.get('body'));
  ctx.leaps.pop();
  if (!ctx.emitter.endsWithTransfer()) ctx.emitGoto(head, ctx.regionDepth);
  ctx.mark(after);
}

function explodeForOf(ctx: LoweringContext, path: NodePath<BT.ForOfStatement>, labels: string[]): void {
  const t = ctx.t;
  const isAwait = path.node.await === true;
  if (!isAwait && ctx.assumptions.iterableIsArray) {
    explodeForOfArray(ctx, path, labels);
    return;
  }
  // the name V8 gives the expression in its "is not iterable" TypeError
  const source = renderForMessage(path.node.right);
  const pending = source !== null && source.endsWith('()') ? explodeIterableCall(ctx, path.get('right')) : null;
  let iterate: BT.Expression;
  if (pending !== null) {
    // a call of something that may not be a function: the runtime makes it, to fail as V8 does
    iterate = t.callExpression(ctx.stateMember(isAwait ? 'asyncIterateCall' : 'iterateCall'), [pending.fn, pending.thisValue, pending.args, t.stringLiteral(source!)]);
  } else {
    const iterateArgs: BT.Expression[] = [explodeExpression(ctx, path.get('right'))];
    if (source !== null) iterateArgs.push(t.stringLiteral(source));
    iterate = t.callExpression(ctx.stateMember(isAwait ? 'asyncIterate' : 'iterate'), iterateArgs);
  }
  const iterator = ctx.emitAssign(ctx.temp('iterator'), iterate);
  const head = ctx.newLabel('forOfHead');
  const after = ctx.newLabel('afterForOf');
  ctx.mark(head);
  if (isAwait) {
    // each step awaits next(); asyncNextValue reads the awaited result (state.sent)
    ctx.emitAwait(t.callExpression(ctx.stateMember('callNext'), [t.cloneNode(iterator)]), path.node);
    ctx.emit(t.ifStatement(
      t.unaryExpression('!', ctx.runtimeCall('asyncNextValue', [t.cloneNode(iterator), ctx.emitter.ref(head)], { member: 'asyncNextValue', head })),
      ctx.gotoStatement(after, ctx.regionDepth),
    ));
  } else {
    // nextValue opens the iteration region when it returns a value
    ctx.emit(t.ifStatement(
      t.unaryExpression('!', ctx.runtimeCall('nextValue', [t.cloneNode(iterator), ctx.emitter.ref(head)], { member: 'nextValue', head })),
      ctx.gotoStatement(after, ctx.regionDepth),
    ));
  }
  const loopDepth = ctx.regionDepth;
  ctx.openRegion({ kind: 'iteration', async: isAwait, head });
  ctx.regionDepth++;
  assignLoopLeft(ctx, path.get('left'), t.memberExpression(t.cloneNode(iterator), t.identifier('value')));
  ctx.leaps.push({ kind: 'loop', labels, breakLabel: after, continueLabel: head, depth: loopDepth, iterationRegion: true });
  explodeStatement(ctx, path.get('body'));
  ctx.leaps.pop();
  if (!ctx.emitter.endsWithTransfer()) ctx.emitGoto(head, loopDepth);
  ctx.regionDepth--;
  ctx.mark(after);
}

/**
 * iterableIsArray: `for (x of array)` walks the array by index, as Babel's for-of transform
 * does under that assumption: no iterator, no region to close.
 */
function explodeForOfArray(ctx: LoweringContext, path: NodePath<BT.ForOfStatement>, labels: string[]): void {
  const t = ctx.t;
  const array = ctx.emitAssign(ctx.temp('array'), explodeExpression(ctx, path.get('right')));
  const index = ctx.emitAssign(ctx.temp('index'), t.numericLiteral(0));
  const head = ctx.newLabel('forOfHead');
  const after = ctx.newLabel('afterForOf');
  ctx.mark(head);
  const more = t.binaryExpression('<', t.cloneNode(index), t.memberExpression(t.cloneNode(array), t.identifier('length')));
  ctx.emit(t.ifStatement(t.unaryExpression('!', more), ctx.gotoStatement(after, ctx.regionDepth)));
  assignLoopLeft(ctx, path.get('left'), t.memberExpression(t.cloneNode(array), t.updateExpression('++', t.cloneNode(index)), true));
  loopTarget(ctx, labels, after, head);
  explodeStatement(ctx, path.get('body'));
  ctx.leaps.pop();
  if (!ctx.emitter.endsWithTransfer()) ctx.emitGoto(head, ctx.regionDepth);
  ctx.mark(after);
}

/** How V8 names an expression in "x is not iterable" (null: it does not). */
function renderForMessage(node: BT.Node): string | null {
  switch (node.type) {
    case 'Identifier':
      return node.name;
    case 'ThisExpression':
      return 'this';
    case 'NumericLiteral':
      return String(node.value);
    case 'AwaitExpression':
      return '(intermediate value)';
    case 'MemberExpression': {
      const object = renderForMessage(node.object);
      if (object === null || object.endsWith('()')) return null;
      if (!node.computed && node.property.type === 'Identifier') return `${object}.${node.property.name}`;
      if (node.computed && node.property.type === 'StringLiteral') return `${object}.${node.property.value}`;
      return null;
    }
    case 'CallExpression': {
      const callee = renderForMessage(node.callee);
      return callee === null || callee.endsWith('()') ? null : `${callee}()`;
    }
    default:
      return null;
  }
}

function explodeSwitch(ctx: LoweringContext, path: NodePath<BT.SwitchStatement>, labels: string[]): void {
  const t = ctx.t;
  const discriminant = ctx.emitAssign(ctx.temp('discriminant'), explodeExpression(ctx, path.get('discriminant')));
  const after = ctx.newLabel('afterSwitch');
  const cases = path.get('cases');
  // the cases share one block, entered after the discriminant and before any test: the
  // functions declared in any case exist from there, whichever case runs
  for (const casePath of cases) for (const statement of casePath.get('consequent')) if (statement.isFunctionDeclaration()) hoistFunctionDeclaration(ctx, statement);
  const caseLabels = cases.map(() => ctx.newLabel('case'));
  let defaultLabel: Label = after;
  cases.forEach((casePath, index) => {
    const testPath = casePath.get('test') as NodePath<BT.Expression | null | undefined>;
    if (!testPath.node) {
      defaultLabel = caseLabels[index];
      return;
    }
    const test = explodeExpression(ctx, testPath as NodePath<BT.Expression>);
    ctx.emit(t.ifStatement(t.binaryExpression('===', t.cloneNode(discriminant), test), ctx.gotoStatement(caseLabels[index], ctx.regionDepth)));
  });
  ctx.emitGoto(defaultLabel, ctx.regionDepth);
  ctx.leaps.push({ kind: 'switch', labels, breakLabel: after, continueLabel: null, depth: ctx.regionDepth, iterationRegion: false });
  cases.forEach((casePath, index) => {
    ctx.mark(caseLabels[index]);
    explodeStatements(ctx, casePath.get('consequent').filter((statement) => !statement.isFunctionDeclaration()));
  });
  ctx.leaps.pop();
  ctx.mark(after);
}

function explodeTry(ctx: LoweringContext, path: NodePath<BT.TryStatement>): void {
  const t = ctx.t;
  const node = path.node;
  const catchLabel = node.handler ? ctx.newLabel('catch') : null;
  const finallyLabel = node.finalizer ? ctx.newLabel('finally') : null;
  const after = ctx.newLabel('afterTry');
  const outerDepth = ctx.regionDepth;
  ctx.emitExpression(ctx.runtimeCall('enterTry', [
    catchLabel ? ctx.emitter.ref(catchLabel) : t.unaryExpression('-', t.numericLiteral(1)),
    finallyLabel ? ctx.emitter.ref(finallyLabel) : t.unaryExpression('-', t.numericLiteral(1)),
  ], { member: 'enterTry', catchLabel, finallyLabel }));
  ctx.openRegion({ kind: 'try', catchLabel, finallyLabel });
  ctx.regionDepth++;
  explodeStatement(ctx, path.get('block'));
  if (!ctx.emitter.endsWithTransfer()) ctx.emitGoto(after, outerDepth);
  if (catchLabel) {
    const handler = path.get('handler') as NodePath<BT.CatchClause>;
    ctx.mark(catchLabel);
    const param = handler.node.param;
    if (param) {
      for (const name of Object.keys(t.getBindingIdentifiers(param))) ctx.hoist(name);
      if (ctx.containsAwait(param)) explodePatternAssignment(ctx, handler.get('param') as NodePath<BT.LVal>, ctx.stateMember('caught'));
      else ctx.emitExpression(t.assignmentExpression('=', param as BT.LVal, ctx.stateMember('caught')));
    }
    explodeStatement(ctx, handler.get('body'));
    if (!ctx.emitter.endsWithTransfer()) ctx.emitGoto(after, outerDepth);
  }
  if (finallyLabel) {
    ctx.mark(finallyLabel);
    explodeStatement(ctx, path.get('finalizer') as NodePath<BT.BlockStatement>);
    if (!ctx.emitter.endsWithTransfer()) ctx.emit(t.returnStatement(t.callExpression(ctx.stateMember('endFinally'), [])));
  }
  ctx.regionDepth = outerDepth;
  ctx.mark(after);
}

/** Statements this module generated (not to be rewritten again). */
const generated = new WeakSet<BT.Node>();

interface IntactState {
  ctx: LoweringContext;
  root: NodePath;
}

function jumpTargetInside(root: NodePath, leap: NodePath<BT.BreakStatement | BT.ContinueStatement>): boolean {
  const label = leap.node.label?.name ?? null;
  const isBreak = leap.isBreakStatement();
  let current: NodePath | null = leap.parentPath;
  while (current && (current === root || current.isDescendant(root))) {
    if (current.isFunction()) return true;
    if (label !== null) {
      if (current.isLabeledStatement() && current.node.label.name === label) return true;
    } else if (current.isLoop() || (isBreak && current.isSwitchStatement())) {
      return true;
    }
    current = current.parentPath;
  }
  return false;
}

function rewriteLeap(state: IntactState, leap: NodePath<BT.BreakStatement | BT.ContinueStatement>): void {
  if (jumpTargetInside(state.root, leap)) return;
  const ctx = state.ctx;
  const label = leap.node.label?.name ?? null;
  const target = leap.isBreakStatement() ? ctx.leaps.breakTarget(label) : ctx.leaps.continueTarget(label);
  if (!target) throw leap.buildCodeFrameError('babel-plugin-async-state-machine: internal error: jump target not found');
  const destination = leap.isBreakStatement() ? target.breakLabel : (target.continueLabel as Label);
  const replacement = ctx.gotoStatement(destination, target.depth);
  generated.add(replacement);
  leap.replaceWith(replacement);
}

function rewriteVar(state: IntactState, declaration: NodePath<BT.VariableDeclaration>): void {
  if (declaration.node.kind !== 'var') return;
  const ctx = state.ctx;
  const t = ctx.t;
  const declarations = declaration.node.declarations;
  for (const d of declarations) for (const name of Object.keys(t.getBindingIdentifiers(d.id))) ctx.hoist(name);
  const parent = declaration.parentPath;
  if ((parent.isForInStatement() || parent.isForOfStatement()) && declaration.key === 'left') {
    declaration.replaceWith(declarations[0].id);
    return;
  }
  const assignments = declarations
    .filter((d) => d.init)
    .map((d) => t.assignmentExpression('=', d.id as BT.LVal, d.init as BT.Expression));
  if (parent.isForStatement() && declaration.key === 'init') {
    if (assignments.length === 0) declaration.remove();
    else declaration.replaceWith(assignments.length === 1 ? assignments[0] : t.sequenceExpression(assignments));
    return;
  }
  if (assignments.length === 0) declaration.remove();
  else declaration.replaceWith(t.expressionStatement(assignments.length === 1 ? assignments[0] : t.sequenceExpression(assignments)));
}

function rewriteReturn(state: IntactState, path: NodePath<BT.ReturnStatement>): void {
  if (generated.has(path.node)) return;
  const replacement = state.ctx.returnStatement(path.node.argument ?? null);
  replacement.loc = path.node.loc;
  generated.add(replacement);
  path.replaceWith(replacement);
  path.skip();
}

// One visitor object for every call (Babel prepares a visitor once per object).
const intactVisitor: Visitor<IntactState> = {
  Function(p) {
    p.skip();
  },
  ReturnStatement(p, state) {
    rewriteReturn(state, p);
  },
  BreakStatement(p, state) {
    rewriteLeap(state, p);
  },
  ContinueStatement(p, state) {
    rewriteLeap(state, p);
  },
  VariableDeclaration(p, state) {
    rewriteVar(state, p);
  },
};

const NEEDS_REWRITE = new Set(['ReturnStatement', 'BreakStatement', 'ContinueStatement', 'VariableDeclaration']);

/**
 * Prepares a statement kept intact: `return x` hands x to the runtime, a `break`/`continue`
 * whose target was lowered becomes a goto, and `var` declarations become assignments to the
 * variables hoisted into the outer function.
 */
export function rewriteIntact(ctx: LoweringContext, path: NodePath, isFunction: boolean): void {
  if (isFunction || path.isFunction()) return;
  const state: IntactState = { ctx, root: path };
  if (path.isReturnStatement()) return rewriteReturn(state, path);
  if (path.isBreakStatement() || path.isContinueStatement()) return rewriteLeap(state, path);
  if (path.isVariableDeclaration()) return rewriteVar(state, path);
  // most statements contain nothing to rewrite: skip the traversal then
  let needed = false;
  ctx.t.traverseFast(path.node, (node) => {
    if (NEEDS_REWRITE.has(node.type)) needed = true;
  });
  if (needed) path.traverse(intactVisitor, state);
}
