/*
 * explodeExpression: lowers an expression that contains `await` into statements emitted in
 * the current case plus a final expression that yields its value, keeping the exact
 * left-to-right evaluation order of ECMAScript: every operand left of an await is evaluated
 * (and kept in a temporary when its value could change) before the function suspends;
 * short-circuits (`&&`, `||`, `??`, `?:`, `?.`) stay short-circuits.
 * Must never: evaluate an operand twice, evaluate one that native code would skip, or reorder
 * observable reads (getters, ToPropertyKey, callee lookup).
 */
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';
import type { LoweringContext } from './context';
import { calleeText } from './calleeText';

type ExprPath = NodePath<BT.Expression>;

function unsupported(path: NodePath, what: string): never {
  throw path.buildCodeFrameError(
    `babel-plugin-async-state-machine: ${what} is not supported yet. Move the \`await\` into a separate statement before it (e.g. \`const value = await ...;\`).`,
  );
}

/** Lowers `path`; the returned expression must be evaluated right after what was emitted. */
export function explodeExpression(ctx: LoweringContext, path: ExprPath, ignoreResult = false): BT.Expression {
  const t = ctx.t;
  const node = path.node;
  if (!ctx.containsAwait(node)) return node;

  switch (node.type) {
    case 'AwaitExpression': {
      const argumentPath = path.get('argument') as ExprPath;
      const argument = explodeExpression(ctx, argumentPath);
      const direct = argument === argumentPath.node && callsAsyncFunctionOfThisFile(argumentPath);
      return ctx.emitSuspension(direct ? 'awaitCall' : 'await', argument, node);
    }

    case 'YieldExpression': {
      // async generators: `yield v` awaits v and answers a request; `yield* v` delegates
      const argumentPath = path.get('argument') as NodePath<BT.Expression | null | undefined>;
      const argument = argumentPath.node ? explodeExpression(ctx, argumentPath as ExprPath) : t.identifier('undefined');
      return ctx.emitSuspension(node.delegate ? 'delegate' : 'yield', argument, node);
    }

    case 'ParenthesizedExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
    case 'TypeCastExpression':
      return explodeExpression(ctx, path.get('expression') as ExprPath, ignoreResult);

    case 'SequenceExpression': {
      const expressions = path.get('expressions') as ExprPath[];
      let last: BT.Expression = t.identifier('undefined');
      expressions.forEach((expressionPath, index) => {
        const isLast = index === expressions.length - 1;
        const value = explodeExpression(ctx, expressionPath, !isLast || ignoreResult);
        if (isLast) last = value;
        else if (!isSentRead(value)) ctx.emitExpression(value);
      });
      return last;
    }

    case 'BinaryExpression':
      return explodeBinaryChain(ctx, path as NodePath<BT.BinaryExpression>);

    case 'LogicalExpression':
      return explodeLogical(ctx, path as NodePath<BT.LogicalExpression>);

    case 'ConditionalExpression': {
      const test = explodeExpression(ctx, path.get('test') as ExprPath);
      const consequent = path.get('consequent') as ExprPath;
      const alternate = path.get('alternate') as ExprPath;
      if (!ctx.containsAwait(consequent.node) && !ctx.containsAwait(alternate.node)) {
        return t.conditionalExpression(test, consequent.node, alternate.node);
      }
      const result = ctx.temp('value');
      const elseLabel = ctx.newLabel('else');
      const after = ctx.newLabel('after');
      ctx.emit(t.ifStatement(t.unaryExpression('!', test), ctx.gotoStatement(elseLabel, ctx.regionDepth)));
      ctx.emitAssign(result, explodeExpression(ctx, consequent));
      ctx.emitGoto(after, ctx.regionDepth);
      ctx.mark(elseLabel);
      ctx.emitAssign(result, explodeExpression(ctx, alternate));
      ctx.mark(after);
      return t.cloneNode(result);
    }

    case 'UnaryExpression':
      return t.unaryExpression(node.operator, explodeExpression(ctx, path.get('argument') as ExprPath), node.prefix);

    case 'UpdateExpression': {
      const argument = explodeTarget(ctx, path.get('argument') as NodePath<BT.LVal>, false);
      return t.updateExpression(node.operator, argument.target as BT.Expression, node.prefix);
    }

    case 'AssignmentExpression':
      return explodeAssignment(ctx, path as NodePath<BT.AssignmentExpression>);

    case 'MemberExpression': {
      const object = path.get('object') as NodePath<BT.Expression | BT.Super>;
      if (object.isSuper()) {
        return t.memberExpression(t.super(), explodeExpression(ctx, path.get('property') as ExprPath), true);
      }
      const property = path.get('property') as NodePath<BT.Expression | BT.PrivateName>;
      if (node.computed) {
        const [o, p] = explodeOperands(ctx, [object as ExprPath, property as ExprPath]);
        return t.memberExpression(o, p, true);
      }
      return t.memberExpression(explodeExpression(ctx, object as ExprPath), property.node as BT.Identifier | BT.PrivateName, false);
    }

    case 'OptionalMemberExpression':
    case 'OptionalCallExpression':
      return explodeOptionalChain(ctx, path as NodePath<BT.OptionalMemberExpression | BT.OptionalCallExpression>);

    case 'CallExpression':
      return explodeCall(ctx, path as NodePath<BT.CallExpression>);

    case 'ImportExpression': {
      // Babel 8's `import(source, options)` (Babel 7: a call of Import): the operands in order
      const node = path.node as BT.ImportExpression;
      const operands = [path.get('source') as ExprPath];
      if (node.options) operands.push(path.get('options') as ExprPath);
      const [source, options] = explodeOperands(ctx, operands);
      return { ...node, source, options: options ?? node.options ?? null };
    }

    case 'NewExpression': {
      const callee = path.get('callee') as ExprPath;
      const args = path.get('arguments') as NodePath<BT.Expression | BT.SpreadElement>[];
      const argsAwait = args.some((a) => ctx.containsAwait(a.node));
      let ctor = explodeExpression(ctx, callee);
      ctor = ctx.save(ctor, argsAwait, 'ctor', callee);
      return t.newExpression(ctor, explodeArguments(ctx, args));
    }

    case 'ArrayExpression': {
      const elements = path.get('elements') as NodePath<BT.Expression | BT.SpreadElement | null>[];
      return t.arrayExpression(explodeElements(ctx, elements));
    }

    case 'ObjectExpression':
      return explodeObject(ctx, path as NodePath<BT.ObjectExpression>);

    case 'TemplateLiteral':
      return explodeTemplate(ctx, path as NodePath<BT.TemplateLiteral>);

    case 'TaggedTemplateExpression': {
      const tagPath = path.get('tag') as ExprPath;
      const quasiPath = path.get('quasi') as NodePath<BT.TemplateLiteral>;
      const quasiAwaits = ctx.containsAwait(quasiPath.node);
      let tag: BT.Expression;
      if (tagPath.isMemberExpression() && quasiAwaits && !tagPath.get('object').isSuper()) {
        // `obj.tag\`...\``: the method is read before the substitutions and called with this = obj;
        // the output keeps a tagged template (one strings object per site, as natively)
        const objectPath = tagPath.get('object') as ExprPath;
        const propertyPath = tagPath.get('property') as NodePath<BT.Expression>;
        const [object, property] = tagPath.node.computed
          ? explodeOperands(ctx, [objectPath, propertyPath])
          : [explodeExpression(ctx, objectPath), propertyPath.node];
        const receiver = ctx.save(object, true, 'object', objectPath);
        const method = ctx.emitAssign(ctx.temp('tag'), t.memberExpression(t.cloneNode(receiver), property, tagPath.node.computed));
        tag = t.callExpression(ctx.stateMember('bindTag'), [method, t.cloneNode(receiver)]);
      } else {
        if (tagPath.isMemberExpression() || tagPath.isOptionalMemberExpression()) {
          if (quasiAwaits) unsupported(path, '`await` inside a tagged template whose tag is `super.method`');
        }
        tag = explodeExpression(ctx, tagPath);
        tag = ctx.save(tag, quasiAwaits, 'tag', tagPath);
      }
      const expressions = explodeOperands(ctx, quasiPath.get('expressions') as ExprPath[]);
      return t.taggedTemplateExpression(tag, t.templateLiteral(quasiPath.node.quasis, expressions));
    }

    case 'ClassExpression':
      return explodeClass(ctx, path as NodePath<BT.ClassExpression>);

    case 'JSXElement':
    case 'JSXFragment':
      return explodeJSX(ctx, path as unknown as NodePath<BT.JSXElement | BT.JSXFragment>) as unknown as BT.Expression;

    default:
      return unsupported(path, `\`await\` inside ${node.type}`);
  }
}

/**
 * `a + await b + await c ...`: a left-deep chain is walked with a loop, not one recursion per
 * operator (1,000 awaited terms, which Babel itself parses and prints, ran the stack out). Each
 * level is what explodeOperands does for [left, right]: the left value is kept in a temporary
 * when the right operand suspends.
 */
function explodeBinaryChain(ctx: LoweringContext, path: NodePath<BT.BinaryExpression>): BT.Expression {
  const t = ctx.t;
  const levels: NodePath<BT.BinaryExpression>[] = [path];
  for (;;) {
    const left = levels[levels.length - 1].get('left');
    if (!left.isBinaryExpression() || !ctx.containsAwait(left.node)) break;
    levels.push(left);
  }
  const innermost = levels[levels.length - 1];
  const innermostLeft = innermost.get('left') as NodePath<BT.Expression | BT.PrivateName>;
  let value: BT.Expression;
  if (innermostLeft.isPrivateName()) {
    value = t.binaryExpression(innermost.node.operator, innermostLeft.node, explodeExpression(ctx, innermost.get('right') as ExprPath));
  } else {
    const [l, r] = explodeOperands(ctx, [innermostLeft as ExprPath, innermost.get('right') as ExprPath]);
    value = t.binaryExpression(innermost.node.operator, l, r);
  }
  for (let index = levels.length - 2; index >= 0; index--) {
    const level = levels[index];
    const right = level.get('right') as ExprPath;
    const left = ctx.save(value, ctx.containsAwait(right.node), 'temp', level.get('left') as ExprPath);
    value = t.binaryExpression(level.node.operator, left, explodeExpression(ctx, right));
  }
  return value;
}

/** Async functions (not generators) this plugin lowers, marked when their lowering starts. */
export const loweredAsyncFunctions = new WeakSet<BT.Node>();

function isAsyncFunctionNode(node: BT.Node | null | undefined): boolean {
  if (!node) return false;
  if (loweredAsyncFunctions.has(node)) return true;
  return (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression')
    && node.async === true && !node.generator;
}

/**
 * `f(...)` where `f` is a never-reassigned binding of an async function declared in this
 * file: the call returns that function's own promise, which no other code can have seen.
 */
function callsAsyncFunctionOfThisFile(path: ExprPath): boolean {
  if (!path.isCallExpression()) return false;
  const callee = path.node.callee;
  if (callee.type !== 'Identifier') return false;
  const binding = path.scope.getBinding(callee.name);
  if (!binding || !binding.constant) return false;
  if (binding.kind === 'hoisted') return isAsyncFunctionNode(binding.path.node);
  if ((binding.kind === 'const' || binding.kind === 'let') && binding.path.isVariableDeclarator()) return isAsyncFunctionNode(binding.path.node.init);
  return false;
}

function isSentRead(expression: BT.Expression): boolean {
  return expression.type === 'MemberExpression' && expression.property.type === 'Identifier' && expression.property.name === 'sent';
}

/**
 * The index of the last item that suspends (-1 when none): "does a later item await?" is then
 * `index < last`, one pass over the list instead of a scan of the rest for every item (an array
 * literal of n elements with one await was O(n²)).
 */
function lastSuspending(ctx: LoweringContext, items: ReadonlyArray<{ node: BT.Node | null | undefined }>, node: (item: { node: BT.Node | null | undefined }) => BT.Node | null | undefined = (item) => item.node): number {
  for (let index = items.length - 1; index >= 0; index--) if (ctx.containsAwait(node(items[index]))) return index;
  return -1;
}

/**
 * Evaluates operands left to right; an operand followed by one that suspends is kept in a
 * temporary (unless its value cannot change meanwhile).
 */
export function explodeOperands(ctx: LoweringContext, paths: ExprPath[]): BT.Expression[] {
  const result: BT.Expression[] = [];
  const last = lastSuspending(ctx, paths);
  paths.forEach((operand, index) => {
    const laterAwaits = index < last;
    const value = explodeExpression(ctx, operand);
    result.push(ctx.save(value, laterAwaits, hintFor(operand.node), operand));
  });
  return result;
}

function hintFor(node: BT.Node): string {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier') return node.callee.name;
  return 'temp';
}

function explodeArguments(ctx: LoweringContext, args: NodePath<BT.Expression | BT.SpreadElement | BT.ArgumentPlaceholder | BT.JSXNamespacedName>[]): (BT.Expression | BT.SpreadElement)[] {
  return explodeElements(ctx, args as NodePath<BT.Expression | BT.SpreadElement | null>[]) as (BT.Expression | BT.SpreadElement)[];
}

/** Array elements and call arguments, with spreads iterated at their own position. */
function explodeElements(ctx: LoweringContext, elements: NodePath<BT.Expression | BT.SpreadElement | null>[]): (BT.Expression | BT.SpreadElement | null)[] {
  const t = ctx.t;
  const result: (BT.Expression | BT.SpreadElement | null)[] = [];
  const last = lastSuspending(ctx, elements);
  elements.forEach((element, index) => {
    const laterAwaits = index < last;
    if (element.node === null) {
      result.push(null);
      return;
    }
    if (element.isSpreadElement()) {
      const argument = explodeExpression(ctx, element.get('argument') as ExprPath);
      if (laterAwaits) {
        // spread now: the iteration happens at this position, not after the await; the runtime
        // hands the copy back as an iterable whose second spread runs no user-visible code
        // (iterableIsArray: the copy is a plain array, spread again as one)
        const copied = t.arrayExpression([t.spreadElement(argument)]);
        const copy = ctx.emitAssign(ctx.temp('spread'), ctx.assumptions.iterableIsArray ? copied : t.callExpression(ctx.stateMember('spread'), [copied]));
        result.push(t.spreadElement(copy));
      } else {
        result.push(t.spreadElement(argument));
      }
    } else {
      const value = explodeExpression(ctx, element as ExprPath);
      result.push(ctx.save(value, laterAwaits, hintFor(element.node), element as ExprPath));
    }
  });
  return result;
}

function explodeLogical(ctx: LoweringContext, path: NodePath<BT.LogicalExpression>): BT.Expression {
  const t = ctx.t;
  const node = path.node;
  const left = explodeExpression(ctx, path.get('left'));
  const right = path.get('right');
  if (!ctx.containsAwait(right.node)) return t.logicalExpression(node.operator, left, right.node);
  const result = ctx.emitAssign(ctx.temp('value'), left);
  const after = ctx.newLabel('after');
  ctx.emit(t.ifStatement(shortCircuitTest(ctx, node.operator, result), ctx.gotoStatement(after, ctx.regionDepth)));
  ctx.emitAssign(t.cloneNode(result), explodeExpression(ctx, right));
  ctx.mark(after);
  return t.cloneNode(result);
}

/**
 * `value` is null or undefined, as `?.` and `??` test it: `=== null || === void 0` (an object
 * such as `document.all` is `== null` but not nullish), or `== null` when the user promises
 * there is no such object (the noDocumentAll assumption). `negated`: the opposite test.
 */
export function isNullish(ctx: LoweringContext, value: BT.Expression, negated = false): BT.Expression {
  const t = ctx.t;
  if (ctx.assumptions.noDocumentAll) return t.binaryExpression(negated ? '!=' : '==', t.cloneNode(value), t.nullLiteral());
  const compare = negated ? '!==' : '===';
  return t.logicalExpression(negated ? '&&' : '||',
    t.binaryExpression(compare, t.cloneNode(value), t.nullLiteral()),
    t.binaryExpression(compare, t.cloneNode(value), t.unaryExpression('void', t.numericLiteral(0))));
}

/** The test that skips the right operand of `&&`, `||`, `??` (and their assignments). */
function shortCircuitTest(ctx: LoweringContext, operator: string, value: BT.Identifier): BT.Expression {
  const t = ctx.t;
  const v = t.cloneNode(value);
  if (operator === '&&' || operator === '&&=') return t.unaryExpression('!', v);
  if (operator === '||' || operator === '||=') return v;
  return isNullish(ctx, value, true);
}

interface ExplodedTarget {
  /** the reference to assign to (`x`, `_obj[_key]`) */
  target: BT.LVal;
  /** reads the current value of the target (for compound assignments) */
  read: () => BT.Expression;
}

/**
 * Evaluates an assignment target's object and key now (before the right-hand side), as
 * native code does. `laterAwaits`: the right-hand side suspends.
 */
function explodeTarget(ctx: LoweringContext, path: NodePath<BT.LVal>, laterAwaits: boolean): ExplodedTarget {
  const t = ctx.t;
  const node = path.node;
  if ((node as BT.Node).type === 'CallExpression') {
    // Babel parses `f() = v` in sloppy code (a web-compatibility runtime ReferenceError), V8 refuses it outright
    throw path.buildCodeFrameError('babel-plugin-async-state-machine: a call is not a valid assignment target (V8 rejects `f() = value` as a SyntaxError), so an assignment to it that awaits cannot be rewritten. Assign to a variable or a property instead.');
  }
  if (node.type === 'MemberExpression') {
    const objectPath = path.get('object') as NodePath<BT.Expression | BT.Super>;
    const propertyPath = path.get('property') as NodePath<BT.Expression | BT.PrivateName>;
    let object: BT.Expression | BT.Super;
    let property: BT.Expression | BT.PrivateName = propertyPath.node;
    if (objectPath.isSuper()) {
      object = t.super();
      if (node.computed) property = ctx.save(explodeExpression(ctx, propertyPath as ExprPath), laterAwaits, 'key', propertyPath);
    } else if (node.computed) {
      const [o, p] = explodeOperands(ctx, [objectPath as ExprPath, propertyPath as ExprPath]);
      object = ctx.save(o, laterAwaits, 'object', objectPath);
      property = ctx.save(p, laterAwaits, 'key', propertyPath);
    } else {
      object = ctx.save(explodeExpression(ctx, objectPath as ExprPath), laterAwaits, hintFor(objectPath.node), objectPath);
    }
    const make = () => t.memberExpression(cloneIfNode(ctx, object) as BT.Expression, cloneIfNode(ctx, property) as BT.Expression, node.computed);
    return { target: make(), read: make };
  }
  if (node.type === 'Identifier') {
    return { target: node, read: () => t.cloneNode(node) };
  }
  return { target: node, read: () => node as BT.Expression };
}

/**
 * `pattern = value` where the pattern itself suspends (a default value or a computed key
 * with `await`): the destructuring steps are spelled out in their native order
 * (RequireObjectCoercible, per property: target reference, Get, default, assignment).
 */
export function explodePatternAssignment(ctx: LoweringContext, path: NodePath<BT.LVal>, value: BT.Expression): void {
  const t = ctx.t;
  const node = path.node;
  if (!ctx.containsAwait(node)) {
    ctx.emitExpression(t.assignmentExpression('=', node, value));
    return;
  }
  if (node.type === 'ArrayPattern') {
    explodeArrayPattern(ctx, path as NodePath<BT.ArrayPattern>, value);
    return;
  }
  if (node.type !== 'ObjectPattern') unsupported(path, `\`await\` inside ${node.type}`);
  const source = ctx.emitAssign(ctx.temp('source'), value);
  ctx.emitExpression(t.callExpression(ctx.stateMember('coercible'), [t.cloneNode(source)]));
  const keys: BT.Expression[] = [];
  for (const property of (path as NodePath<BT.ObjectPattern>).get('properties')) {
    if (property.isRestElement()) {
      const rest = t.callExpression(ctx.stateMember('rest'), [t.cloneNode(source), t.arrayExpression(keys.map((k) => t.cloneNode(k)))]);
      explodePatternAssignment(ctx, property.get('argument') as NodePath<BT.LVal>, rest);
      continue;
    }
    const prop = property as NodePath<BT.ObjectProperty>;
    let key: BT.Expression;
    if (prop.node.computed) {
      key = ctx.emitAssign(ctx.temp('key'), toPropertyKey(ctx, explodeExpression(ctx, prop.get('key') as ExprPath)));
    } else if (prop.node.key.type === 'Identifier') {
      key = t.stringLiteral(prop.node.key.name);
    } else if (prop.node.key.type === 'NumericLiteral' || prop.node.key.type === 'BigIntLiteral') {
      // (the excluded keys of a rest are compared with property keys, which are strings)
      const literal = prop.node.key;
      key = t.stringLiteral(literal.type === 'NumericLiteral' ? String(literal.value) : BigInt(literal.value).toString());
    } else {
      key = t.cloneNode(prop.node.key as BT.Expression);
    }
    keys.push(key);
    let targetPath = prop.get('value') as NodePath<BT.LVal | BT.Expression>;
    let defaultPath: ExprPath | null = null;
    if (targetPath.isAssignmentPattern()) {
      defaultPath = targetPath.get('right');
      targetPath = targetPath.get('left') as NodePath<BT.LVal>;
    }
    const isNested = targetPath.isObjectPattern() || targetPath.isArrayPattern();
    // a simple target's reference is evaluated before the property is read
    const target = isNested ? null : explodeTarget(ctx, targetPath as NodePath<BT.LVal>, true);
    const access = key.type === 'StringLiteral' && t.isValidIdentifier(key.value)
      ? t.memberExpression(t.cloneNode(source), t.identifier(key.value))
      : t.memberExpression(t.cloneNode(source), t.cloneNode(key), true);
    let current: BT.Expression = access;
    if (defaultPath) {
      const slot = ctx.emitAssign(ctx.temp('value'), access);
      emitPatternDefault(ctx, slot, defaultPath);
      current = t.cloneNode(slot);
    }
    if (isNested) explodePatternAssignment(ctx, targetPath as NodePath<BT.LVal>, current);
    else ctx.emitExpression(t.assignmentExpression('=', (target as ExplodedTarget).target, current));
  }
}

/** A destructuring default: `slot` takes the default's value when it holds undefined. */
function emitPatternDefault(ctx: LoweringContext, slot: BT.Identifier, defaultPath: ExprPath): void {
  const t = ctx.t;
  if (!ctx.containsAwait(defaultPath.node)) {
    ctx.emit(t.ifStatement(t.binaryExpression('===', t.cloneNode(slot), t.identifier('undefined')),
      t.expressionStatement(t.assignmentExpression('=', t.cloneNode(slot), defaultPath.node))));
    return;
  }
  const skip = ctx.newLabel('afterDefault');
  ctx.emit(t.ifStatement(t.binaryExpression('!==', t.cloneNode(slot), t.identifier('undefined')), ctx.gotoStatement(skip, ctx.regionDepth)));
  ctx.emitAssign(t.cloneNode(slot), explodeExpression(ctx, defaultPath));
  ctx.mark(skip);
}

/**
 * `[a = await x, , ...rest] = value`: GetIterator, then per element the target reference, an
 * IteratorStepValue and the default; the iterator is closed (unless exhausted) when the
 * pattern ends, or when an element throws (a runtime region, like a for-of body).
 */
function explodeArrayPattern(ctx: LoweringContext, path: NodePath<BT.ArrayPattern>, value: BT.Expression): void {
  const t = ctx.t;
  if (ctx.assumptions.iterableIsArray) {
    explodeArrayPatternByIndex(ctx, path, value);
    return;
  }
  const record = ctx.emitAssign(ctx.temp('iterator'), t.callExpression(ctx.stateMember('iterate'), [value]));
  ctx.emitExpression(t.callExpression(ctx.stateMember('enterPattern'), [t.cloneNode(record)]));
  ctx.openRegion({ kind: 'pattern' });
  ctx.regionDepth++;
  for (const element of path.get('elements') as NodePath<BT.LVal | null>[]) {
    if (!element.node) {
      ctx.emitExpression(t.callExpression(ctx.stateMember('patternStep'), [t.cloneNode(record)]));
      continue;
    }
    if (element.isRestElement()) {
      const argument = element.get('argument') as NodePath<BT.LVal>;
      const nested = argument.isObjectPattern() || argument.isArrayPattern();
      const target = nested ? null : explodeTarget(ctx, argument, true);
      const rest = t.callExpression(ctx.stateMember('patternRest'), [t.cloneNode(record)]);
      if (nested) explodePatternAssignment(ctx, argument, ctx.emitAssign(ctx.temp('rest'), rest));
      else ctx.emitExpression(t.assignmentExpression('=', (target as ExplodedTarget).target, rest));
      continue;
    }
    let targetPath = element as NodePath<BT.LVal>;
    let defaultPath: ExprPath | null = null;
    if (targetPath.isAssignmentPattern()) {
      defaultPath = targetPath.get('right');
      targetPath = targetPath.get('left') as NodePath<BT.LVal>;
    }
    const nested = targetPath.isObjectPattern() || targetPath.isArrayPattern();
    const target = nested ? null : explodeTarget(ctx, targetPath, true);
    const slot = ctx.emitAssign(ctx.temp('value'), t.callExpression(ctx.stateMember('patternStep'), [t.cloneNode(record)]));
    if (defaultPath) emitPatternDefault(ctx, slot, defaultPath);
    if (nested) explodePatternAssignment(ctx, targetPath, t.cloneNode(slot));
    else ctx.emitExpression(t.assignmentExpression('=', (target as ExplodedTarget).target, t.cloneNode(slot)));
  }
  ctx.regionDepth--;
  ctx.emitExpression(t.callExpression(ctx.stateMember('exitPattern'), [t.cloneNode(record)]));
}

/**
 * iterableIsArray: `[a = await x, , ...rest] = array` reads the array by index (`v[i]`,
 * `v.slice(i)` for the rest), as Babel's destructuring transform does under that assumption.
 */
function explodeArrayPatternByIndex(ctx: LoweringContext, path: NodePath<BT.ArrayPattern>, value: BT.Expression): void {
  const t = ctx.t;
  const array = ctx.emitAssign(ctx.temp('array'), value);
  (path.get('elements') as NodePath<BT.LVal | null>[]).forEach((element, index) => {
    if (!element.node) return;
    if (element.isRestElement()) {
      const argument = element.get('argument') as NodePath<BT.LVal>;
      const rest = t.callExpression(t.memberExpression(t.cloneNode(array), t.identifier('slice')), [t.numericLiteral(index)]);
      if (argument.isObjectPattern() || argument.isArrayPattern()) explodePatternAssignment(ctx, argument, ctx.emitAssign(ctx.temp('rest'), rest));
      else ctx.emitExpression(t.assignmentExpression('=', explodeTarget(ctx, argument, true).target, rest));
      return;
    }
    let targetPath = element as NodePath<BT.LVal>;
    let defaultPath: ExprPath | null = null;
    if (targetPath.isAssignmentPattern()) {
      defaultPath = targetPath.get('right');
      targetPath = targetPath.get('left') as NodePath<BT.LVal>;
    }
    const nested = targetPath.isObjectPattern() || targetPath.isArrayPattern();
    const target = nested ? null : explodeTarget(ctx, targetPath, true);
    const slot = ctx.emitAssign(ctx.temp('value'), t.memberExpression(t.cloneNode(array), t.numericLiteral(index), true));
    if (defaultPath) emitPatternDefault(ctx, slot, defaultPath);
    if (nested) explodePatternAssignment(ctx, targetPath, t.cloneNode(slot));
    else ctx.emitExpression(t.assignmentExpression('=', (target as ExplodedTarget).target, t.cloneNode(slot)));
  });
}

/**
 * A class whose `extends` or computed keys await: the heritage and the keys are evaluated
 * (keys converted with ToPropertyKey) in source order before the class is created from them.
 */
export function explodeClass(ctx: LoweringContext, path: NodePath<BT.ClassExpression | BT.ClassDeclaration>): BT.ClassExpression {
  const t = ctx.t;
  const node = path.node;
  const members = path.get('body').get('body');
  const keyed = members.filter((m) => (m.node as { computed?: boolean }).computed);
  const lastKeyAwait = lastSuspending(ctx, keyed, (m) => (m.node as BT.ClassMethod).key);
  const anyKeyAwaits = (from: number) => from <= lastKeyAwait;
  let superClass: BT.Expression | null = null;
  if (node.superClass) {
    superClass = explodeExpression(ctx, path.get('superClass') as ExprPath);
    superClass = ctx.save(superClass, anyKeyAwaits(0), 'superClass', path.get('superClass') as ExprPath);
  }
  keyed.forEach((member, index) => {
    const keyPath = member.get('key') as ExprPath;
    if (!ctx.containsAwait(keyPath.node) && !anyKeyAwaits(index + 1)) return;
    const key = explodeExpression(ctx, keyPath);
    (member.node as BT.ClassMethod).key = ctx.emitAssign(ctx.temp('key'), toPropertyKey(ctx, key));
  });
  return t.classExpression(node.id, superClass, node.body, node.decorators);
}

function cloneIfNode<T extends BT.Node>(ctx: LoweringContext, node: T): T {
  return ctx.t.cloneNode(node);
}

function explodeAssignment(ctx: LoweringContext, path: NodePath<BT.AssignmentExpression>): BT.Expression {
  const t = ctx.t;
  const node = path.node;
  const right = path.get('right');
  const rightAwaits = ctx.containsAwait(right.node);
  const operator = node.operator;

  if (operator === '=') {
    const left = path.get('left') as NodePath<BT.LVal>;
    if ((left.isObjectPattern() || left.isArrayPattern()) && ctx.containsAwait(left.node)) {
      const value = ctx.emitAssign(ctx.temp('value'), explodeExpression(ctx, right));
      explodePatternAssignment(ctx, left, value);
      return t.cloneNode(value);
    }
    const target = explodeTarget(ctx, left, rightAwaits);
    return t.assignmentExpression('=', target.target, explodeExpression(ctx, right));
  }

  if (operator === '&&=' || operator === '||=' || operator === '??=') {
    const target = explodeTarget(ctx, path.get('left') as NodePath<BT.LVal>, true);
    const result = ctx.emitAssign(ctx.temp('value'), target.read());
    const after = ctx.newLabel('after');
    ctx.emit(t.ifStatement(shortCircuitTest(ctx, operator, result), ctx.gotoStatement(after, ctx.regionDepth)));
    const value = explodeExpression(ctx, right);
    ctx.emitAssign(t.cloneNode(result), t.assignmentExpression('=', target.target, value));
    ctx.mark(after);
    return t.cloneNode(result);
  }

  // compound: `x op= y` reads x before y is evaluated. The target is read and written, so its
  // object and key are saved even when only they suspend: `o[k(await x)] += 1` calls k once.
  const target = explodeTarget(ctx, path.get('left') as NodePath<BT.LVal>, true);
  let current: BT.Expression = target.read();
  if (rightAwaits) current = ctx.emitAssign(ctx.temp(hintFor(path.node.left)), current);
  const value = explodeExpression(ctx, right);
  const binaryOperator = operator.slice(0, -1) as BT.BinaryExpression['operator'];
  return t.assignmentExpression('=', target.target, t.binaryExpression(binaryOperator, current, value));
}

function explodeCall(ctx: LoweringContext, path: NodePath<BT.CallExpression>): BT.Expression {
  const t = ctx.t;
  const node = path.node;
  const callee = path.get('callee') as NodePath<BT.Expression | BT.Super | BT.V8IntrinsicIdentifier>;
  const args = path.get('arguments') as NodePath<BT.Expression | BT.SpreadElement>[];
  const argsAwait = args.some((a) => ctx.containsAwait(a.node));

  if (callee.isIdentifier({ name: 'eval' }) && !callee.scope.hasBinding('eval')) {
    throw path.buildCodeFrameError(
      'babel-plugin-async-state-machine: a direct `eval(...)` inside an async function cannot be rewritten faithfully (it could see the rewritten locals). Use an indirect eval or move it out of the async function.',
    );
  }
  if (callee.isSuper() || callee.isImport()) {
    return t.callExpression(callee.node as BT.Expression, explodeArguments(ctx, args));
  }

  if (callee.isMemberExpression() && callee.get('object').isIdentifier({ name: ctx.stateName })) {
    // one of our own runtime calls (a TDZ check around a write): nothing to keep in order
    return t.callExpression(callee.node, explodeArguments(ctx, args));
  }
  if (callee.isMemberExpression()) {
    const objectPath = callee.get('object') as NodePath<BT.Expression | BT.Super>;
    const propertyPath = callee.get('property') as NodePath<BT.Expression | BT.PrivateName>;
    const computed = callee.node.computed;
    if (!argsAwait) {
      // the await is in the callee: `(await x).m(a)`
      let object: BT.Expression | BT.Super = t.super();
      let property: BT.Expression | BT.PrivateName = propertyPath.node;
      if (objectPath.isSuper()) {
        if (computed) property = explodeExpression(ctx, propertyPath as ExprPath);
      } else if (computed) {
        [object, property] = explodeOperands(ctx, [objectPath as ExprPath, propertyPath as ExprPath]);
      } else {
        object = explodeExpression(ctx, objectPath as ExprPath);
      }
      const direct = t.memberExpression(object as BT.Expression, property as BT.Expression, computed);
      if (objectPath.isSuper() || calleeText(direct) === calleeText(callee.node)) return t.callExpression(direct, node.arguments);
      // `state.sent.m()` would be named "state.sent.m" by a TypeError: call through the runtime
      if (!isStateSent(ctx, object as BT.Expression)) object = ctx.emitAssign(ctx.temp('object'), object as BT.Expression);
      const method = t.memberExpression(t.cloneNode(object as BT.Expression), property as BT.Expression, computed);
      return callSaved(ctx, method, t.cloneNode(object as BT.Expression), callee.node, node.arguments as (BT.Expression | BT.SpreadElement)[]);
    }
    // the function is read before the arguments are evaluated, and called with `this` = object
    let thisValue: BT.Expression;
    let property: BT.Expression | BT.PrivateName = propertyPath.node;
    let object: BT.Expression | BT.Super;
    if (objectPath.isSuper()) {
      object = t.super();
      thisValue = t.thisExpression();
      if (computed) property = ctx.save(explodeExpression(ctx, propertyPath as ExprPath), true, 'key', propertyPath);
    } else if (computed) {
      const [o, p] = explodeOperands(ctx, [objectPath as ExprPath, propertyPath as ExprPath]);
      object = ctx.save(o, true, 'object', objectPath);
      property = p;
      thisValue = object as BT.Expression;
    } else {
      object = ctx.save(explodeExpression(ctx, objectPath as ExprPath), true, hintFor(objectPath.node), objectPath);
      thisValue = object as BT.Expression;
    }
    const fn = ctx.emitAssign(ctx.temp(propertyPath.isIdentifier() && !computed ? propertyPath.node.name : 'method'), t.memberExpression(object, property as BT.Expression, computed));
    const exploded = explodeArguments(ctx, args);
    return callSaved(ctx, fn, t.cloneNode(thisValue), callee.node, exploded);
  }

  const original = callee.node as BT.Expression;
  let fn = explodeExpression(ctx, callee as ExprPath);
  fn = ctx.save(fn, argsAwait, hintFor(callee.node), callee);
  const exploded = explodeArguments(ctx, args);
  if (fn.type === 'MemberExpression' || calleeText(fn) !== calleeText(original)) {
    // the callee went into a temporary, or is a value like state.sent or `_temp(...)`: a
    // non-function must still be named as written, and a member value is called without a receiver
    return callSaved(ctx, fn, t.identifier('undefined'), original, exploded);
  }
  return t.callExpression(fn, exploded);
}

/** `state.sent` itself: reading it twice has no effect. */
function isStateSent(ctx: LoweringContext, node: BT.Expression): boolean {
  const sent = ctx.stateMember('sent');
  return node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && node.property.name === 'sent' && node.object.type === 'Identifier' && sent.object.type === 'Identifier' && node.object.name === sent.object.name;
}

/**
 * A call of a function read into a temporary before an await: `s.call(fn, this, "o.m", [args])`
 * throws "o.m is not a function" as the written call would (after the arguments, like it), and
 * calls through the runtime's captured apply, so a patched Function.prototype.call is not used.
 */
function callSaved(
  ctx: LoweringContext,
  fn: BT.Expression,
  thisValue: BT.Expression,
  callee: BT.Node | string,
  args: (BT.Expression | BT.SpreadElement | BT.ArgumentPlaceholder)[],
): BT.Expression {
  const t = ctx.t;
  const message = typeof callee === 'string' ? callee : calleeText(callee) + ' is not a function';
  return t.callExpression(ctx.stateMember('call'), [fn, thisValue, t.stringLiteral(message), t.arrayExpression(args as (BT.Expression | BT.SpreadElement)[])]);
}

/** A name bound once to a function (`function f() {}`, `const f = () => ...`): calling it cannot fail with "not a function". */
function alwaysAFunction(path: NodePath<BT.Identifier>): boolean {
  const binding = path.scope.getBinding(path.node.name);
  if (!binding || !binding.constant) return false;
  const declaration = binding.path.node;
  if (declaration.type === 'FunctionDeclaration') return true;
  if (declaration.type !== 'VariableDeclarator' || binding.kind !== 'const') return false;
  const init = declaration.init;
  return !!init && (init.type === 'FunctionExpression' || init.type === 'ArrowFunctionExpression');
}

/** The parts of a call evaluated but not yet made: `s.iterateCall(fn, thisValue, [args], source)`. */
export interface PendingCall {
  fn: BT.Expression;
  thisValue: BT.Expression;
  args: BT.ArrayExpression;
}

/**
 * The iterable of a for-of / for await whose expression is a call, `for (x of o.m())`: V8 reports
 * a non-function there as "o.m is not a function or its return value is not iterable" (async:
 * "o.m(...) is not a function or its return value is not async iterable"), so the function, the
 * receiver and the arguments are evaluated here in their native order and the runtime makes the
 * call (s.iterateCall). Null when the callee is surely a function or has another shape: the
 * expression is then exploded as usual.
 */
export function explodeIterableCall(ctx: LoweringContext, path: ExprPath): PendingCall | null {
  const t = ctx.t;
  const node = path.node;
  if (node.type !== 'CallExpression') return null;
  const callee = path.get('callee') as NodePath<BT.Expression | BT.Super | BT.V8IntrinsicIdentifier>;
  const calleeNode = callee.node;
  const plainCallee = calleeNode.type === 'Identifier' || (calleeNode.type === 'MemberExpression' && calleeNode.object.type !== 'Super' && calleeNode.property.type !== 'PrivateName');
  if (!plainCallee || ctx.containsAwait(calleeNode) || (calleeNode.type === 'Identifier' && (calleeNode.name === 'eval' || alwaysAFunction(callee as NodePath<BT.Identifier>)))) {
    return null;
  }
  const args = path.get('arguments') as NodePath<BT.Expression | BT.SpreadElement>[];
  const argsAwait = args.some((a) => ctx.containsAwait(a.node));
  if (callee.isMemberExpression()) {
    const objectPath = callee.get('object') as ExprPath;
    const object = ctx.save(explodeExpression(ctx, objectPath), true, hintFor(objectPath.node), objectPath);
    let fn: BT.Expression = t.memberExpression(t.cloneNode(object), callee.node.property as BT.Expression, callee.node.computed);
    if (argsAwait) fn = ctx.emitAssign(ctx.temp(!callee.node.computed && callee.node.property.type === 'Identifier' ? callee.node.property.name : 'method'), fn);
    return { fn, thisValue: t.cloneNode(object), args: t.arrayExpression(explodeArguments(ctx, args)) };
  }
  const fn = ctx.save(explodeExpression(ctx, callee as ExprPath), argsAwait, hintFor(calleeNode), callee);
  return { fn, thisValue: t.identifier('undefined'), args: t.arrayExpression(explodeArguments(ctx, args)) };
}

/**
 * `a?.b(await c)`: when a link is nullish the rest of the chain (and its awaits) is skipped
 * and the chain yields undefined.
 */
function explodeOptionalChain(ctx: LoweringContext, path: NodePath<BT.OptionalMemberExpression | BT.OptionalCallExpression>): BT.Expression {
  const t = ctx.t;
  const result = ctx.temp('value');
  const nullish = ctx.newLabel('nullish');
  const after = ctx.newLabel('after');
  const value = explodeChainLink(ctx, path as NodePath<BT.Expression>, nullish, false);
  ctx.emitAssign(result, value);
  ctx.emitGoto(after, ctx.regionDepth);
  ctx.mark(nullish);
  ctx.emitAssign(t.cloneNode(result), t.identifier('undefined'));
  ctx.mark(after);
  return t.cloneNode(result);
}

interface ChainValue {
  value: BT.Expression;
  /** for a member link: the object, used as `this` when the link is called */
  object?: BT.Expression;
}

function explodeChainLink(ctx: LoweringContext, path: NodePath<BT.Expression>, nullish: import('./emitter').Label, laterAwaits: boolean): BT.Expression {
  return chainLink(ctx, path, nullish, laterAwaits).value;
}

function isChainNode(node: BT.Node): node is BT.OptionalMemberExpression | BT.OptionalCallExpression {
  return node.type === 'OptionalMemberExpression' || node.type === 'OptionalCallExpression';
}

function chainLink(ctx: LoweringContext, path: NodePath<BT.Expression>, nullish: import('./emitter').Label, laterAwaits: boolean): ChainValue {
  const t = ctx.t;
  const node = path.node;
  const evaluateBase = (basePath: NodePath<BT.Expression>, keep: boolean): BT.Expression => {
    if (isChainNode(basePath.node)) return chainLink(ctx, basePath, nullish, keep).value;
    return explodeExpression(ctx, basePath);
  };
  if (node.type === 'OptionalMemberExpression' || node.type === 'MemberExpression') {
    const objectPath = path.get('object') as NodePath<BT.Expression>;
    const propertyPath = path.get('property') as NodePath<BT.Expression>;
    const keyAwaits = node.computed && ctx.containsAwait(propertyPath.node);
    let object = evaluateBase(objectPath, true);
    const optional = node.type === 'OptionalMemberExpression' && node.optional;
    if (optional || keyAwaits || laterAwaits) object = ctx.emitAssign(ctx.temp('object'), object);
    if (optional) ctx.emit(t.ifStatement(isNullish(ctx, object), ctx.gotoStatement(nullish, ctx.regionDepth)));
    let property: BT.Expression = propertyPath.node;
    if (node.computed) property = ctx.save(explodeExpression(ctx, propertyPath), laterAwaits, 'key', propertyPath);
    return { value: t.memberExpression(t.cloneNode(object), property, node.computed), object };
  }
  if (node.type === 'OptionalCallExpression' || node.type === 'CallExpression') {
    const calleePath = path.get('callee') as NodePath<BT.Expression>;
    const args = path.get('arguments') as NodePath<BT.Expression | BT.SpreadElement>[];
    let fn: BT.Expression;
    let thisValue: BT.Expression | undefined;
    const calleeNode = calleePath.node;
    if (calleeNode.type === 'OptionalMemberExpression' || calleeNode.type === 'MemberExpression') {
      const link = chainLink(ctx, calleePath, nullish, true);
      fn = link.value;
      thisValue = link.object;
    } else {
      fn = evaluateBase(calleePath, true);
    }
    fn = ctx.emitAssign(ctx.temp('fn'), fn);
    if (node.type === 'OptionalCallExpression' && node.optional) {
      ctx.emit(t.ifStatement(isNullish(ctx, fn), ctx.gotoStatement(nullish, ctx.regionDepth)));
    }
    const exploded = explodeArguments(ctx, args);
    return { value: callSaved(ctx, t.cloneNode(fn), thisValue ? t.cloneNode(thisValue) : t.identifier('undefined'), calleeNode, exploded) };
  }
  return { value: explodeExpression(ctx, path) };
}

function explodeObject(ctx: LoweringContext, path: NodePath<BT.ObjectExpression>): BT.Expression {
  const t = ctx.t;
  const properties = path.get('properties');
  const result: (BT.ObjectProperty | BT.ObjectMethod | BT.SpreadElement)[] = [];
  const last = lastSuspending(ctx, properties);
  properties.forEach((property, index) => {
    const laterAwaits = index < last;
    if (property.isSpreadElement()) {
      const argument = explodeExpression(ctx, property.get('argument'));
      if (laterAwaits) {
        const copy = ctx.emitAssign(ctx.temp('spread'), t.objectExpression([t.spreadElement(argument)]));
        result.push(t.spreadElement(copy));
      } else result.push(t.spreadElement(argument));
      return;
    }
    if (property.isObjectMethod()) {
      const method = property.node;
      if (method.computed) {
        const key = explodeExpression(ctx, property.get('key') as ExprPath);
        const savedKey = laterAwaits && !convertsSilently(ctx, key) ? ctx.emitAssign(ctx.temp('key'), toPropertyKey(ctx, key)) : key;
        result.push(t.objectMethod(method.kind, savedKey, method.params, method.body, true, method.generator, method.async));
      } else result.push(method);
      return;
    }
    const prop = property as NodePath<BT.ObjectProperty>;
    const node = prop.node;
    const valueAwaits = ctx.containsAwait(node.value);
    let key: BT.Expression = node.key as BT.Expression;
    if (node.computed) {
      key = explodeExpression(ctx, prop.get('key') as ExprPath);
      if ((laterAwaits || valueAwaits) && !convertsSilently(ctx, key)) key = ctx.emitAssign(ctx.temp('key'), toPropertyKey(ctx, key));
    }
    let value = explodeExpression(ctx, prop.get('value') as ExprPath);
    value = ctx.save(value, laterAwaits, hintFor(node.value), prop.get('value') as ExprPath);
    const shorthand = node.shorthand && value.type === 'Identifier' && key.type === 'Identifier' && value.name === key.name;
    result.push(t.objectProperty(key, value, node.computed, shorthand));
  });
  return t.objectExpression(result);
}

/**
 * Is `key` a primitive whose ToPropertyKey runs no user code? Only then may it be converted
 * after a later await: a stable binding may still hold an object whose toString runs natively
 * before the await.
 */
function convertsSilently(ctx: LoweringContext, key: BT.Expression): boolean {
  switch (key.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BigIntLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
      return true;
    case 'TemplateLiteral':
      return key.expressions.length === 0;
    case 'Identifier':
      return (key.name === 'undefined' || key.name === 'NaN' || key.name === 'Infinity') && ctx.isStable(key);
    default:
      return false;
  }
}

/** ToPropertyKey now (a computed key is converted before its value is evaluated). */
function toPropertyKey(ctx: LoweringContext, key: BT.Expression): BT.Expression {
  return ctx.t.callExpression(ctx.stateMember('key'), [key]);
}

function explodeTemplate(ctx: LoweringContext, path: NodePath<BT.TemplateLiteral>): BT.Expression {
  const t = ctx.t;
  const node = path.node;
  const expressions = path.get('expressions') as ExprPath[];
  // Each substitution is converted to a string at its own position: a prefix that must
  // survive an await is kept as the string built so far.
  let quasis: BT.TemplateElement[] = [node.quasis[0]];
  let parts: BT.Expression[] = [];
  const empty = () => t.templateElement({ raw: '', cooked: '' }, false);
  const last = lastSuspending(ctx, expressions);
  expressions.forEach((expressionPath, index) => {
    const laterAwaits = index < last;
    parts.push(explodeExpression(ctx, expressionPath));
    quasis.push(node.quasis[index + 1]);
    if (laterAwaits) {
      const prefix = ctx.emitAssign(ctx.temp('text'), t.templateLiteral(quasis, parts));
      quasis = [empty(), empty()];
      parts = [prefix];
    }
  });
  return t.templateLiteral(quasis, parts);
}

/** A JSX child or attribute value that is an expression slot (`{expr}`), or a nested element. */
type JSXOperand = { kind: 'expression'; path: ExprPath; set: (value: BT.Expression) => void } | { kind: 'element'; path: NodePath<BT.JSXElement | BT.JSXFragment>; set: (value: BT.Expression) => void };

/**
 * `<p a={await x}>{await y}</p>`: the element stays JSX (a later JSX transform turns it into a
 * call), evaluated in the order that call evaluates it: the tag, then the attributes, then the
 * children, depth first. Every value before an await (a nested element included: it is a call
 * made before the await natively) is kept in a temporary and put back as `{_temp}`.
 * (The factory itself, `React.createElement` in the classic runtime, is read after the awaits:
 * this plugin runs before the JSX transform and cannot see which factory it will call.)
 */
function explodeJSX(ctx: LoweringContext, path: NodePath<BT.JSXElement | BT.JSXFragment>): BT.JSXElement | BT.JSXFragment {
  const t = ctx.t;
  const node = t.cloneNode(path.node, false) as BT.JSXElement | BT.JSXFragment;
  const operands: JSXOperand[] = [];
  let tagPath: NodePath<BT.JSXMemberExpression | BT.JSXIdentifier | BT.JSXNamespacedName> | null = null;
  if (path.isJSXElement()) {
    const opening = path.get('openingElement');
    const element = node as BT.JSXElement;
    element.openingElement = t.cloneNode(opening.node, false);
    element.openingElement.attributes = [...opening.node.attributes];
    if (element.closingElement) element.closingElement = t.cloneNode(element.closingElement, false);
    tagPath = opening.get('name');
    opening.get('attributes').forEach((attribute, index) => {
      if (attribute.isJSXSpreadAttribute()) {
        operands.push({ kind: 'expression', path: attribute.get('argument'), set: (value) => { element.openingElement.attributes[index] = t.jsxSpreadAttribute(value); } });
        return;
      }
      const valuePath = (attribute as NodePath<BT.JSXAttribute>).get('value');
      const name = (attribute.node as BT.JSXAttribute).name;
      const setValue = (value: BT.Expression) => { element.openingElement.attributes[index] = t.jsxAttribute(name, t.jsxExpressionContainer(value)); };
      if (valuePath.isJSXExpressionContainer()) {
        const expression = valuePath.get('expression');
        if (!expression.isJSXEmptyExpression()) operands.push({ kind: 'expression', path: expression as ExprPath, set: setValue });
      } else if (valuePath.isJSXElement() || valuePath.isJSXFragment()) {
        operands.push({ kind: 'element', path: valuePath, set: setValue });
      }
    });
  }
  node.children = [...path.node.children];
  (path.get('children') as NodePath<BT.JSXElement['children'][number]>[]).forEach((child, index) => {
    const set = (value: BT.Expression) => { node.children[index] = t.jsxExpressionContainer(value); };
    if (child.isJSXExpressionContainer()) {
      const expression = child.get('expression');
      if (!expression.isJSXEmptyExpression()) operands.push({ kind: 'expression', path: expression as ExprPath, set });
    } else if (child.isJSXSpreadChild()) {
      unsupported(child, '`await` next to a JSX spread child');
    } else if (child.isJSXElement() || child.isJSXFragment()) {
      operands.push({ kind: 'element', path: child, set });
    }
  });
  const last = lastSuspending(ctx, operands.map((operand) => ({ node: operand.path.node })));
  // the tag is read first: a component name that may change during the awaits is kept
  if (tagPath && last >= 0 && !tagPath.isJSXNamespacedName()) {
    const reference = jsxTagReference(t, tagPath.node as BT.JSXIdentifier | BT.JSXMemberExpression);
    if (reference && !ctx.isStable(reference, tagPath)) {
      const saved = ctx.emitAssign(ctx.temp('Tag'), reference);
      const element = node as BT.JSXElement;
      element.openingElement.name = t.jsxIdentifier(saved.name);
      if (element.closingElement) element.closingElement.name = t.jsxIdentifier(saved.name);
    }
  }
  operands.forEach((operand, index) => {
    const laterAwaits = index < last;
    if (!ctx.containsAwait(operand.path.node) && !laterAwaits) return;
    let value: BT.Expression;
    if (operand.kind === 'element') {
      const element = ctx.containsAwait(operand.path.node) ? explodeJSX(ctx, operand.path) : operand.path.node;
      if (!laterAwaits) {
        if (element !== operand.path.node) operand.set(element as unknown as BT.Expression);
        return;
      }
      value = ctx.emitAssign(ctx.temp('element'), element as unknown as BT.Expression);
    } else {
      value = ctx.save(explodeExpression(ctx, operand.path), laterAwaits, hintFor(operand.path.node), operand.path);
    }
    operand.set(value);
  });
  return node;
}

/** The expression a JSX tag reads (`Foo`, `a.b.C`); null for an intrinsic tag like `div` (a string). */
function jsxTagReference(t: LoweringContext['t'], name: BT.JSXIdentifier | BT.JSXMemberExpression): BT.Expression | null {
  if (name.type === 'JSXIdentifier') {
    if (/^[a-z]/.test(name.name) || name.name.includes('-')) return null;
    return name.name === 'this' ? t.thisExpression() : t.identifier(name.name);
  }
  const object = jsxTagReference(t, name.object as BT.JSXIdentifier | BT.JSXMemberExpression) ?? t.identifier((name.object as BT.JSXIdentifier).name);
  return t.memberExpression(object, t.identifier(name.property.name));
}
