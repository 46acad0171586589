/*
 * functionLowering: rewrites ONE async function in place into a plain function that returns
 * `asyncMachine(step, this)`. It decides what the step function captures (`this`,
 * `arguments`; arrows and methods keep `super` and `new.target` by making the step an
 * arrow), moves non-simple parameters into case 0 (so that their errors reject), hoists the
 * locals that must survive a suspension into the outer function, and assembles the cases.
 * Must never: change the function's name, its `length`, or anything outside the function.
 */
import type * as BT from '@babel/types';
import type { Binding, NodePath, Scope } from '@babel/traverse';
import type { Types } from './emitter';
import { LoweringContext, generatedStateIdentifiers } from './context';
import { FreshNames } from './freshNames';
import { explodeStatements } from './explodeStatement';
import { AwaitAnalysis } from '../analysis/awaitAnalysis';
import { boxPerIterationBindings } from './perIterationBindings';
import { loweredAsyncFunctions } from './explodeExpression';
import { giveSuspendingSwitchesAList, guardConstAssignments, guardTemporalDeadZones, ownScopables } from './temporalDeadZone';
import { refuseUnkeptResourceDeclarations } from './resourceManagement';
import { namedStep } from './stepNames';
import { entryStatements, isMovableEntry } from './entrySegment';
import { guardParameterDeadZones, separateBodyVariables } from './parameterScope';
import { nameAnonymousFunction, restoreNamesOfRenamedBindings } from './functionNames';
import type { Assumptions } from '../integration/assumptions';
import { noteLowered, ownCodeFacts } from './ownCode';

export interface LowerFunctionOptions {
  t: Types;
  analysis: AwaitAnalysis;
  runtimeName: string;
  explain: boolean;
  assignedGlobals: Set<string>;
  argumentsWriters: WeakSet<BT.Node>;
  /** an async generator's reference to itself (its objects inherit from its `prototype`) */
  generatorSelf?: string | null;
  /** the Babel assumptions that change the output (src/integration/assumptions.ts) */
  assumptions?: Assumptions;
}

type AnyFunctionPath = NodePath<BT.Function>;

/** Walks the function's own code (not nested non-arrow functions unless `intoArrows`). */
function forEachOwnNode(path: AnyFunctionPath, visit: (p: NodePath) => void): void {
  path.traverse({
    enter(p) {
      if (p.isFunction() && !p.isArrowFunctionExpression()) {
        // a nested function's computed key still belongs to us
        p.skip();
        return;
      }
      visit(p);
    },
  });
}

function usesName(t: Types, path: AnyFunctionPath, name: string): boolean {
  // (a plain node walk: a path traversal would build scopes for nested functions the lowering moved)
  let found = false;
  t.traverseFast(path.node, (node) => {
    if (!found && node.type === 'Identifier' && node.name === name && !generatedStateIdentifiers.has(node)) found = true;
  });
  return found;
}

function pickFreeName(t: Types, path: AnyFunctionPath, preferred: string): string {
  if (!usesName(t, path, preferred) && !path.scope.hasBinding(preferred)) return preferred;
  return path.scope.generateUid(preferred);
}

/**
 * Lexical bindings of nested blocks become variables of the outer function; rename those
 * whose name is used by another binding or reference in the function.
 */
function renameCollidingBlockBindings(t: Types, path: AnyFunctionPath, originalNames: Map<string, string>, analysis: AwaitAnalysis): boolean {
  let renamed = false;
  const freshNames = new FreshNames(t, path);
  let freeReferences: Map<string, Set<Binding | undefined>> | null = null;
  const counts = new Map<string, number>();
  const blockBindings: { scope: Scope; name: string }[] = [];
  const functionScope = path.scope;
  if (!hasRenameCandidates(t, path, analysis)) return false;
  const scopes: Scope[] = [];
  // the scopes of the function's own code (not inside a nested function, arrows included):
  // found by the walk, since Scope#getFunctionParent per scope made deep nesting quadratic
  const ownScopes = new Set<Scope>();
  // (one traversal for both: `nested` counts the nested functions the walk is inside)
  let nested = 0;
  path.traverse({
    Scopable(p) {
      scopes.push(p.scope);
      if (nested === 0 && !p.isFunction()) ownScopes.add(p.scope);
    },
    Function: {
      enter() {
        nested++;
      },
      exit() {
        nested--;
      },
    },
  });
  const seen = new Set<Scope>();
  for (const scope of [functionScope, ...scopes]) {
    if (seen.has(scope)) continue;
    seen.add(scope);
    for (const name of Object.keys(scope.bindings)) {
      counts.set(name, (counts.get(name) ?? 0) + 1);
      if (scope !== functionScope && ownScopes.has(scope)) blockBindings.push({ scope, name });
    }
  }
  for (const { scope, name } of blockBindings) {
    // a block that does not suspend is kept intact, with its own block scope
    // (a catch parameter is hoisted whenever its try statement is lowered)
    const binding = scope.getBinding(name);
    // (the let/const of a catch body share the catch clause's scope: they stay in a block that is
    // kept intact unless the body itself suspends)
    const catchParameter = scope.path.isCatchClause() && binding?.path === scope.path;
    const owner = scope.path.isCatchClause() ? (catchParameter ? scope.path.parentPath : scope.path.get('body')) : scope.path;
    if (!owner || !analysis.containsAwait(owner.node)) continue;
    if (!binding || binding.kind === 'var' || binding.kind === 'param') continue;
    // a class's own name (the one binding of its class scope) stays with the class, which is emitted
    // whole: renaming it changed `A.name` (and `this.name` in a static block) when `extends` awaits
    if (scope.path.isClass()) continue;
    // a function declared in a block is block-scoped in strict code (Annex B keeps it var-like otherwise)
    if (binding.kind === 'hoisted' && !binding.path.isInStrictMode()) continue;
    const collides = (counts.get(name) ?? 0) > 1
      || !!functionScope.parent?.getBinding(name)
      || functionScope.hasGlobal(name)
      || referencesAnotherBinding((freeReferences ??= referencedBindings(path)), name, binding);
    if (collides) {
      const newName = freshNames.fresh(name);
      scope.rename(name, newName);
      originalNames.set(newName, name);
      renamed = true;
    }
  }
  return renamed;
}

const NESTED_FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

/** Nodes whose children (some of them) have a block scope of their own: the owners a binding is renamed by. */
const SCOPE_OWNERS = new Set(['BlockStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'SwitchStatement', 'CatchClause', 'StaticBlock', 'ClassDeclaration', 'ClassExpression']);

/**
 * Could renameCollidingBlockBindings rename anything: does the function's own code (not a nested
 * function's, arrows included) declare something block-scoped (a let/const/using, a class, a
 * function in a block, a catch parameter) in a block, loop, switch or try that suspends? Only
 * such bindings are hoisted into the function and renamed; without one the walk over every
 * nested scope (and the referenced-bindings walk) is skipped. A plain walk of the nodes (a path
 * traversal that visits a nested function the lowering moved makes Babel build and crawl a fresh
 * scope for it); where the owner is not plain to see it answers yes.
 */
function hasRenameCandidates(t: Types, path: AnyFunctionPath, analysis: AwaitAnalysis): boolean {
  const body = path.node.body;
  // owner: the nearest node around that holds a block scope (null: the function's own scope)
  const stack: Array<{ node: BT.Node; parent: BT.Node; owner: BT.Node | null }> = [];
  const suspends = (owner: BT.Node | null) => owner === null || analysis.containsAwait(owner);
  const pushChildren = (node: BT.Node, owner: BT.Node | null) => {
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof (item as BT.Node).type === 'string') stack.push({ node: item as BT.Node, parent: node, owner });
      } else if (child && typeof (child as BT.Node).type === 'string') stack.push({ node: child as BT.Node, parent: node, owner });
    }
  };
  pushChildren(body, null);
  while (stack.length > 0) {
    const { node, parent, owner } = stack.pop()!;
    const atTop = owner === null && parent === body;
    if (NESTED_FUNCTION_TYPES.has(node.type)) {
      // (a function declared at the top of the body is function-scoped)
      if (node.type === 'FunctionDeclaration' && !atTop && suspends(owner)) return true;
      continue;
    }
    // a catch parameter is hoisted when its try statement suspends
    if (node.type === 'CatchClause' && (node as BT.CatchClause).param && analysis.containsAwait(parent)) return true;
    if ((node.type === 'ClassDeclaration' || (node.type === 'VariableDeclaration' && (node as BT.VariableDeclaration).kind !== 'var'))
      && !atTop && suspends(owner)) return true;
    pushChildren(node, SCOPE_OWNERS.has(node.type) ? node : owner);
  }
  return false;
}

/** For each name the function references, the bindings its references resolve to (one walk for all block bindings). */
function referencedBindings(path: AnyFunctionPath): Map<string, Set<Binding | undefined>> {
  const result = new Map<string, Set<Binding | undefined>>();
  path.traverse({
    ReferencedIdentifier(p) {
      const name = (p.node as BT.Identifier).name;
      let bindings = result.get(name);
      if (!bindings) result.set(name, (bindings = new Set()));
      bindings.add(p.scope.getBinding(name));
    },
  });
  return result;
}

/** Does some reference to `name` in the function resolve elsewhere than to `binding`? */
function referencesAnotherBinding(references: Map<string, Set<Binding | undefined>>, name: string, binding: Binding): boolean {
  const bindings = references.get(name);
  if (!bindings) return false;
  for (const other of bindings) if (other !== binding) return true;
  return false;
}

/** `arguments = v`, `[arguments] = v`, `arguments++`: sloppy code may assign to `arguments`. */
function isAssignedTarget(p: NodePath): boolean {
  for (let q: NodePath = p; q.parentPath; q = q.parentPath) {
    const parent = q.parentPath;
    if (parent.isUpdateExpression()) return true;
    if ((parent.isAssignmentExpression() || parent.isForInStatement() || parent.isForOfStatement()) && q.key === 'left') return true;
    if (parent.isArrayPattern() || parent.isRestElement() || (parent.isAssignmentPattern() && q.key === 'left')) continue;
    if (parent.isObjectProperty() && q.key === 'value' && parent.parentPath?.isObjectPattern()) continue;
    if (parent.isObjectPattern()) continue;
    return false;
  }
  return false;
}

function isSimpleParams(params: BT.Function['params']): boolean {
  return params.every((param, index) =>
    param.type === 'Identifier' || (param.type === 'RestElement' && param.argument.type === 'Identifier' && index === params.length - 1));
}

/** The number of parameters before the first default or rest: the function's `length`. */
function expectedLength(params: BT.Function['params']): number {
  let length = 0;
  for (const param of params) {
    if (param.type === 'AssignmentPattern' || param.type === 'RestElement') break;
    length++;
  }
  return length;
}

/**
 * Lowers the function; returns whether the lowering may have changed code inside the functions
 * nested in it (renamed or guarded bindings they use, cells, the `arguments` alias, moved
 * parameter defaults): their scope information is then crawled again with the function's
 * (src/lowering/rescope.ts).
 */
export function lowerAsyncFunction(path: AnyFunctionPath, options: LowerFunctionOptions): boolean {
  const t = options.t;
  const node = path.node;
  const isGenerator = node.generator;
  if (!isGenerator) loweredAsyncFunctions.add(node);
  // (an async generator's `return v` suspends too: it gets an analysis of its own)
  if (isGenerator) options = { ...options, analysis: options.analysis.forAsyncGenerator() };
  // what the function's code holds (one walk of its nodes): the steps below skip the path
  // traversals that would find nothing
  const facts = ownCodeFacts(t, node);
  if (facts.using) refuseUnkeptResourceDeclarations(path, options.analysis, isGenerator === true);

  // `async x => expr` gets a block body
  const expressionBody = node.body.type !== 'BlockStatement';
  if (expressionBody) {
    const expression = node.body as BT.Expression;
    const returnStatement = t.returnStatement(expression);
    returnStatement.loc = expression.loc;
    (path as NodePath<BT.ArrowFunctionExpression>).get('body').replaceWith(t.blockStatement([returnStatement]));
  }

  const isArrow = path.isArrowFunctionExpression();
  const isMethod = path.isObjectMethod() || path.isClassMethod() || path.isClassPrivateMethod();
  const arrowStep = isArrow || isMethod;

  // the parameter list's own scope, once it moves into case 0 (a generator keeps its list)
  const movesParams = !isGenerator && !isSimpleParams(node.params);
  const writtenParams = node.params;
  // renamed binding -> the name the user wrote (for error messages and function names)
  const originalNames = new Map<string, string>();
  // (a generator keeps its list, but its body vars are still a scope of their own)
  const parameterCopies = !isSimpleParams(node.params) ? separateBodyVariables(path, originalNames) : [];

  if (renameCollidingBlockBindings(t, path, originalNames, options.analysis)) path.scope.crawl();
  restoreNamesOfRenamedBindings(t, path, originalNames);
  const stateName = pickFreeName(t, path, 'state');
  const deadParameters = movesParams ? guardParameterDeadZones(t, path, stateName) : [];
  // lexical semantics the hoisting would lose: TDZ, const, one binding per iteration
  // (only let/const/class bindings of the function's own code have a dead zone, a constant
  // value or a binding per iteration)
  if (facts.lexical) {
    // (the three read one list of the function's own blocks, found in one traversal)
    let scopables = ownScopables(path);
    if (giveSuspendingSwitchesAList(t, scopables, options.analysis)) {
      path.scope.crawl();
      scopables = ownScopables(path);
    }
    if (guardTemporalDeadZones(t, path, options.analysis, stateName, originalNames, scopables)) path.scope.crawl();
    guardConstAssignments(t, path, options.analysis, stateName, originalNames, scopables);
    boxPerIterationBindings(t, path, options.analysis, scopables);
  }
  const ctx = new LoweringContext(t, options.analysis, path, stateName, options.explain, options.assignedGlobals, options.argumentsWriters);
  if (options.assumptions) ctx.assumptions = options.assumptions;

  // What the step function must be given.
  let usesThis = false;
  let argumentsAlias: string | null = null;
  let userReadsArguments = false;
  // (a written list with a default, pattern or rest: its `arguments` is unmapped even in sloppy code)
  const writtenListIsSimple = node.params.every((param) => param.type === 'Identifier');
  // ignoreFunctionLength: one placeholder parameter each instead of the reads that keep `length`
  // (not where the function names `arguments`: a simple list would make it a mapped one)
  const placeholderParams = options.assumptions?.ignoreFunctionLength === true && !isGenerator
    && !isSimpleParams(node.params) && (isArrow || !usesName(t, path, 'arguments'));
  if (!arrowStep) {
    const argumentRefs: NodePath<BT.Identifier>[] = [];
    if (facts.thisExpression || facts.argumentsName) forEachOwnNode(path, (p) => {
      if (p.isThisExpression()) usesThis = true;
      else if (p.isIdentifier({ name: 'arguments' }) && (p.isReferencedIdentifier() || isAssignedTarget(p)) && !p.scope.hasBinding('arguments', true)
        && !(isGenerator && p.findParent((q) => q.listKey === 'params' && q.parentPath === path))) {
        argumentRefs.push(p);
      }
    });
    userReadsArguments = argumentRefs.length > 0;
    const needsArgumentsForParams = !isSimpleParams(node.params) && !isGenerator && !placeholderParams;
    if (argumentRefs.length > 0 || needsArgumentsForParams) {
      argumentsAlias = path.scope.generateUid('arguments');
      for (const ref of argumentRefs) ref.replaceWith(t.identifier(argumentsAlias));
    }
  }

  // Parameters: simple ones stay; the others are initialised in case 0.
  const newParams: (BT.Function["params"][number] | BT.TSParameterProperty)[] = [];
  // (a generator's parameters are evaluated when it is called: they stay where they are)
  if (isSimpleParams(node.params) || isGenerator) {
    newParams.push(...node.params);
  } else {
    const length = expectedLength(node.params);
    let restName: string | null = null;
    const placeholders: BT.Identifier[] = [];
    const source = (index: number): BT.Expression => {
      if (placeholderParams) return t.cloneNode(placeholders[index]);
      if (argumentsAlias) return t.memberExpression(t.identifier(argumentsAlias), t.numericLiteral(index), true);
      if (isMethod) return t.memberExpression(t.identifier('arguments'), t.numericLiteral(index), true);
      restName = restName ?? path.scope.generateUid('args');
      return t.memberExpression(t.identifier(restName), t.numericLiteral(index - length), true);
    };
    const restFrom = (index: number): BT.Expression => {
      if (placeholderParams) return t.cloneNode(placeholders[index]);
      if (argumentsAlias || isMethod) {
        const args = argumentsAlias ? t.identifier(argumentsAlias) : t.identifier('arguments');
        return t.callExpression(t.memberExpression(t.memberExpression(t.arrayExpression([]), t.identifier('slice')), t.identifier('call')), [args, t.numericLiteral(index)]);
      }
      restName = restName ?? path.scope.generateUid('args');
      return t.callExpression(t.memberExpression(t.identifier(restName), t.identifier('slice')), [t.numericLiteral(index - length)]);
    };
    if (deadParameters.length) {
      let expression: BT.Expression = t.memberExpression(t.identifier(stateName), t.identifier('uninitialized'));
      for (const name of deadParameters) expression = t.assignmentExpression('=', t.identifier(name), expression);
      ctx.emit(t.expressionStatement(expression));
    }
    node.params.forEach((param, index) => {
      if (index < length && param.type === 'Identifier') {
        newParams.push(param);
        return;
      }
      if (placeholderParams && index >= length) {
        placeholders[index] = path.scope.generateUidIdentifier(param.type === 'RestElement' ? 'rest' : 'param');
        newParams.push(param.type === 'RestElement' ? t.restElement(placeholders[index]) : placeholders[index]);
      }
      const names = Object.keys(t.getBindingIdentifiers(param));
      for (const name of names) ctx.hoist(name);
      let statement: BT.Expression;
      if (index < length) {
        const placeholder = path.scope.generateUidIdentifier('param');
        newParams.push(placeholder);
        statement = t.assignmentExpression('=', param as BT.LVal, t.cloneNode(placeholder));
      } else if (param.type === 'RestElement') {
        statement = t.assignmentExpression('=', param.argument as BT.LVal, restFrom(index));
      } else if (param.type === 'AssignmentPattern') {
        const value = source(index);
        // (the conditional is not a naming position: `(f = () => {})` keeps the name "f")
        const fallback = param.left.type === 'Identifier' ? nameAnonymousFunction(t, param.right, param.left.name) : param.right;
        statement = t.assignmentExpression('=', param.left as BT.LVal,
          t.conditionalExpression(t.binaryExpression('===', value, t.identifier('undefined')), fallback, t.cloneNode(value)));
      } else {
        statement = t.assignmentExpression('=', param as BT.LVal, source(index));
      }
      const init = t.expressionStatement(statement);
      init.loc = param.loc;
      ctx.emit(init);
    });
    if (restName) newParams.push(t.restElement(t.identifier(restName)));
    // A sloppy function whose written parameter list is not simple has an UNMAPPED `arguments`
    // (writing `a` does not change arguments[0], nor the other way round); the wrapper's list may
    // have come out simple, which would map it: a rest element keeps it unmapped (and, like the
    // written defaults, does not count in `length`).
    if (!isArrow && !newParams.some((param) => param.type !== 'Identifier') && !path.isInStrictMode() && usesName(t, path, 'arguments')) {
      newParams.push(t.restElement(path.scope.generateUidIdentifier('unmapped')));
    }
    // a body `var` that redeclares a parameter starts with the parameter's value
    for (const [bodyName, paramName] of parameterCopies) {
      ctx.hoist(bodyName);
      ctx.emit(t.expressionStatement(t.assignmentExpression('=', t.identifier(bodyName), t.identifier(paramName))));
    }
  }

  if (!movesParams) {
    // a generator's parameters stay on the outer function: its body `var` that redeclares one
    // starts with that parameter's value when the body starts
    for (const [bodyName, paramName] of parameterCopies) {
      ctx.hoist(bodyName);
      ctx.emit(t.expressionStatement(t.assignmentExpression('=', t.identifier(bodyName), t.identifier(paramName))));
    }
  }

  // The body.
  const body = path.get('body') as NodePath<BT.BlockStatement>;
  explodeStatements(ctx, body.get('body'));
  const singleCase = ctx.emitter.singleCaseBody();
  const switchCases = singleCase ? [] : ctx.emitter.finish();
  const cases = singleCase ?? [t.switchStatement(ctx.stateMember("label"), switchCases)];
  if (options.explain) ctx.finishExplainNotes(cases);

  // The entry segment (case 0) runs in the function itself where it can (src/lowering/entrySegment.ts).
  const entrySegment = !isGenerator && !ctx.emitter.entryIsJumpTarget()
    && isMovableEntry(t, singleCase ?? switchCases[0].consequent, stateName, path.isInStrictMode())
    ? (singleCase ?? switchCases[0].consequent) : null;
  const nextCase = switchCases.length > 1 ? 1 : null;
  if (entrySegment && !singleCase) switchCases.shift();
  // (a single case that runs in the function needs no step at all)
  const needsStep = !(entrySegment && singleCase);

  const stepParams = [ctx.state()];
  const stepBody = t.blockStatement(needsStep ? cases : []);
  const { step, declaration: stepDeclaration } = needsStep
    ? namedStep(t, path, stepParams, stepBody, arrowStep, (name) => !usesName(t, path, name) && !path.scope.hasBinding(name))
    : { step: null, declaration: null };
  const callArgs: BT.Expression[] = step ? [step] : [];
  if (usesThis && step) callArgs.push(t.thisExpression());
  const generatorSelf = isGenerator ? options.generatorSelf ?? null : null;
  if (generatorSelf) callArgs.unshift(t.identifier(generatorSelf));
  const runtimeCallee = isGenerator
    ? t.memberExpression(t.identifier(options.runtimeName), t.identifier(generatorSelf ? 'generatorFor' : 'generator'))
    : t.identifier(options.runtimeName);
  const run: BT.Statement[] = entrySegment
    ? entryStatements(t, entrySegment, () => ctx.state(), t.callExpression(t.memberExpression(t.identifier(options.runtimeName), t.identifier('start')), callArgs), nextCase, stateName === 'error' ? 'error2' : 'error', options.explain)
    : [t.returnStatement(t.callExpression(runtimeCallee, callArgs))];

  const outer: BT.Statement[] = [];
  const paramNames = new Set(newParams.flatMap((p) => Object.keys(t.getBindingIdentifiers(p as BT.Node))));
  const declarators: BT.VariableDeclarator[] = [];
  if (argumentsAlias) {
    // sloppy, a written list that is not simple, and the wrapper's list simple (ES5 has no rest
    // element to keep it unmapped): the alias is an unmapped copy, made by the runtime
    const unmapped = userReadsArguments && !writtenListIsSimple && !isGenerator && !path.isInStrictMode()
      && !newParams.some((param) => param.type !== 'Identifier');
    const value = unmapped
      ? t.callExpression(t.memberExpression(t.identifier(options.runtimeName), t.identifier('unmapped')), [t.identifier('arguments')])
      : t.identifier('arguments');
    declarators.push(t.variableDeclarator(t.identifier(argumentsAlias), value));
  }
  for (const name of ctx.hoisted) if (!paramNames.has(name)) declarators.push(t.variableDeclarator(t.identifier(name)));
  if (declarators.length) outer.push(t.variableDeclaration('var', declarators));
  outer.push(...ctx.hoistedFunctions);
  if (stepDeclaration) outer.push(stepDeclaration);
  outer.push(...run);

  node.params = newParams as BT.Function["params"];
  node.async = false;
  node.generator = false;
  if (expressionBody && outer.length === 1 && path.isArrowFunctionExpression() && run[0].type === 'ReturnStatement') {
    path.node.body = run[0].argument as BT.Expression;
    path.node.expression = true;
  } else {
    node.body = t.blockStatement(outer, node.body.type === 'BlockStatement' ? node.body.directives : []);
  }
  // (later plugins, block scoping and preset-env, must see the hoisted variables: the caller
  // crawls the function's scope once it stands where it stays, see rescopeLoweredFunction)
  noteLowered(node, facts);
  return facts.lexical || !isSimpleParams(writtenParams) || originalNames.size > 0 || userReadsArguments;
}

