/*
 * generator: builds a random, always-terminating ProgramModel from a seed (same seed, same
 * program) and counts what it produced (statement kinds, awaited value kinds, positions of
 * awaits and yields) so that a run can state its coverage. Some programs also hold async
 * generators (yield, yield*, try/finally around yields) consumed by `for await` loops and by
 * manual `it.next(v)` / `it.return(v)` / `it.throw(e)` calls.
 * Must never: produce unbounded loops or recursion (loops carry counter guards, calls only go to
 * later functions and spend a global fuel; generators never call async functions and only use
 * later generators), timers over 20 ms, or `yield` outside a generator body (nested functions included).
 */
import { Random } from './random';
import { generateProbes } from './fidelityProbes';
import { AWAITABLE_SOURCES } from './programModel';
import type { AsyncFunctionModel, AwaitableSource, Expr, ObjectProp, ProgramModel, StartModel, Stmt, SwitchCase, Target } from './programModel';

export type Coverage = Map<string, number>;

export interface GeneratorOptions {
  /** at most this many statements per generated async function, nested bodies included (a soft cap) */
  statementBudget?: number;
  /** probability that an expression slot holds an await */
  awaitRate?: number;
  /**
   * names never to generate (to look past a known divergence): statement kinds (`forOf`, `try`,
   * `pushClosure`, ...), awaitable sources (`ctorGetter`, `thenTwice`, ...) and awaited call kinds
   * (`asyncCall`, `arrowCall`, `methodCall`), and `shadowing` (declarations reusing an outer name);
   * for async generators: `asyncGenerator` (none at all), `forAwait`, `iterate`, `yield`, `yieldStar`,
   * `yieldTry`, `asyncFromSyncCtorGetter` (no ctorGetter promise as an item of a for-await / yield*
   * array) and `generatorReturnValue` (generators only `return;`, never `return value;`)
   */
  without?: string[];
  /** put awaits in array-pattern default values too (default: on; the plugin supports them) */
  awaitInArrayPatternDefaults?: boolean;
}

interface Scope {
  readable: string[];
  assignable: string[];
  loopBindings: string[];
  inLoop: boolean;
  inSwitch: boolean;
  labels: { name: string; isLoop: boolean }[];
  inMethod: boolean;
  /** nesting of async arrows / methods inside the generated function */
  functionDepth: number;
  callable: string[];
  statementDepth: number;
  /** names declared with let/const by earlier statements of the current list (cannot be declared again) */
  declaredHere: string[];
  /** plain functions declared (hoisted) in the enclosing async function */
  hoisted: string[];
  /** directly inside an async generator body (not in a nested function): `yield` is allowed */
  inGenerator: boolean;
  /** async generators that may be called from here (later ones only, inside a generator) */
  generators: string[];
  /** awaitable sources not to generate here (besides the `without` option) */
  excludedSources?: AwaitableSource[];
}

/** sources whose awaiting throws; picked less often, so that most of a program runs */
const REJECTING_SOURCES: ReadonlySet<AwaitableSource> = new Set(['rejected', 'timerReject', 'thenReject', 'thenThrows', 'thenGetterThrows', 'subRejected']);

const TIMER_DELAYS = [0, 1, 2, 5, 10, 15, 20];

class ProgramGenerator {
  readonly coverage: Coverage = new Map();
  private nextId = 1;
  private nextLabel = 1;
  private nextBinding = 1;
  private budget = 0;
  private readonly statementBudget: number;
  private readonly awaitRate: number;
  private readonly without: ReadonlySet<string>;
  private readonly awaitInArrayPatternDefaults: boolean;

  constructor(private readonly random: Random, options: GeneratorOptions) {
    this.without = new Set(options.without ?? []);
    this.awaitInArrayPatternDefaults = options.awaitInArrayPatternDefaults ?? true;
    this.statementBudget = options.statementBudget ?? 16;
    this.awaitRate = options.awaitRate ?? 0.4;
  }

  /** a weighted pick among the kinds not excluded by the `without` option */
  private allowed<K extends string>(weights: Partial<Record<K, number>>): K {
    const kept: Partial<Record<K, number>> = {};
    for (const [key, weight] of Object.entries(weights) as [K, number][]) kept[key] = this.without.has(key) ? 0 : weight;
    return this.random.weighted(kept);
  }

  private count(key: string): void {
    this.coverage.set(key, (this.coverage.get(key) ?? 0) + 1);
  }

  private id(prefix = 's'): string {
    return `${prefix}${this.nextId++}`;
  }

  private binding(prefix: string): string {
    return `${prefix}${this.nextBinding++}`;
  }

  program(seed: number): ProgramModel {
    const functionCount = this.random.int(2, 5);
    const names = Array.from({ length: functionCount }, (_, i) => `f${i}`);
    const generatorCount = !this.without.has('asyncGenerator') && this.random.chance(0.35) ? this.random.int(1, 2) : 0;
    const generatorNames = Array.from({ length: generatorCount }, (_, i) => `g${i}`);
    const generators = generatorNames.map((name, index) => this.asyncGenerator(name, generatorNames.slice(index + 1)));
    const functions: AsyncFunctionModel[] = [
      ...generators,
      ...names.map((name, index) => this.asyncFunction(name, names.slice(index + 1), generatorNames)),
    ];
    this.count(`program:generators=${generatorCount}`);
    const starts: StartModel[] = this.random.shuffle(names).map((callee, i) => ({
      callee,
      thisTag: `t${i}`,
      args: this.argumentList(this.topLevelScope(), 0, this.random.int(0, 2), 'startArg'),
    }));
    this.count(`program:functions=${functionCount}`);
    return { seed, functions, starts };
  }

  private topLevelScope(): Scope {
    return {
      readable: [], assignable: [], loopBindings: [], inLoop: false, inSwitch: false, labels: [],
      inMethod: false, functionDepth: -1, callable: [], statementDepth: 0, declaredHere: [], hoisted: [],
      inGenerator: false, generators: [],
    };
  }

  private functionScope(params: string[], callable: string[], generators: string[], inGenerator: boolean, inMethod: boolean): Scope {
    return {
      readable: [...params, 'v0', 'v1', 'bag', 'shared'], assignable: ['v0', 'v1', 'shared'], loopBindings: [], inLoop: false,
      inSwitch: false, labels: [], inMethod, functionDepth: 0, callable, statementDepth: 0,
      declaredHere: [...params, 'v0', 'v1', 'bag', 'closures'], hoisted: [], inGenerator, generators,
    };
  }

  /** an async generator (declaration or `async *m` method) that yields, delegates and sometimes returns early */
  private asyncGenerator(name: string, laterGenerators: string[]): AsyncFunctionModel {
    this.budget = this.random.int(4, this.statementBudget);
    const style = this.allowed({ declaration: 3, object: 1, class: 1 });
    this.count(`generator:${style}`);
    const params = ['p0', 'p1'].slice(0, this.random.int(0, 2));
    const scope = this.functionScope(params, [], laterGenerators, true, style !== 'declaration');
    const body: Stmt[] = [{ kind: 'log', id: `${name} start`, values: params.map((p): Expr => ({ kind: 'var', name: p })) }];
    body.push(...this.statements(scope, this.random.int(2, 5)));
    // every generator yields at least once at its top level
    this.count('statement:yield');
    body.splice(this.random.int(1, body.length), 0, { kind: 'exprStmt', expr: { kind: 'yield', arg: this.expression(scope, 1, 'yieldArgument') } });
    return { name, generator: style, params, body };
  }

  private asyncFunction(name: string, callable: string[], generators: string[]): AsyncFunctionModel {
    this.budget = this.random.int(4, this.statementBudget);
    const params = ['p0', 'p1'].slice(0, this.random.int(0, 2));
    const scope = this.functionScope(params, callable, generators, false, false);
    // a plain function declared somewhere in the body and callable everywhere in it (hoisting)
    const helper = this.random.chance(0.25) && !this.without.has('functionDecl') ? this.binding('h') : null;
    if (helper) scope.hoisted = [helper];
    const body: Stmt[] = [{ kind: 'log', id: `${name} start`, values: params.map((p): Expr => ({ kind: 'var', name: p })) }];
    body.push(...this.statements(scope, this.random.int(2, 6)));
    if (generators.length > 0 && this.random.chance(0.6)) {
      // a program's generators are consumed somewhere most of the time (the weighted pick alone is rare)
      const consumer = this.random.chance(0.5) ? 'forAwait' : 'iterate';
      this.count(`statement:${consumer}`);
      const statement = consumer === 'forAwait' ? this.loop({ ...scope, generators: [this.random.pick(generators)] }, 'forAwait', null) : this.iterate(scope);
      body.splice(this.random.int(1, body.length), 0, statement);
    }
    if (helper) {
      this.count('statement:functionDecl');
      const values = this.argumentList({ ...scope, functionDepth: -1, hoisted: [], inGenerator: false }, 1, this.random.int(1, 2), 'none');
      body.splice(this.random.int(1, body.length), 0, { kind: 'functionDecl', name: helper, values });
    }
    return { name, params, body };
  }

  // ---------------------------------------------------------------- statements

  private statements(scope: Scope, count: number): Stmt[] {
    const result: Stmt[] = [];
    let current = scope;
    for (let i = 0; i < count && this.budget > 0; i++) {
      const statement = this.statement(current);
      result.push(statement);
      if (statement.kind === 'declare') {
        // later siblings (and closures made in this loop body) see the new binding
        current = {
          ...current,
          declaredHere: [...current.declaredHere, statement.name],
          assignable: statement.keyword === 'const' ? current.assignable.filter((n) => n !== statement.name) : current.assignable,
          readable: current.readable.includes(statement.name) ? current.readable : [...current.readable, statement.name],
          loopBindings: current.inLoop && statement.keyword !== 'var' ? [...current.loopBindings, statement.name] : current.loopBindings,
        };
      }
    }
    return result;
  }

  private declaration(scope: Scope): Stmt {
    const keyword = this.random.pick(['const', 'const', 'let', 'var'] as const);
    const pattern = this.random.weighted({ plain: 5, object: 2, array: 2 });
    this.count(`declaration:${keyword} ${pattern}`);
    // a let/const in a nested block sometimes shadows an outer name (the rewrite must keep them apart)
    // Generators keep their names: a `yield* g1()` of a shadowed non-function fails with a V8 message
    // no rewrite can reproduce ("yield* (intermediate value)(intermediate value)... is not async
    // iterable"; README, known limits).
    const shadowable = scope.readable.filter((n) => !scope.declaredHere.includes(n) && !['bag', 'closures', 'shared'].includes(n) && !scope.generators.includes(n));
    const shadow = keyword !== 'var' && scope.statementDepth > 0 && shadowable.length > 0 && !this.without.has('shadowing') && this.random.chance(0.35);
    const name = shadow ? this.random.pick(shadowable) : this.binding('d');
    if (shadow) this.count('declaration:shadowing');
    // the initializer cannot read the name it declares (temporal dead zone)
    scope = { ...scope, readable: scope.readable.filter((n) => n !== name), assignable: scope.assignable.filter((n) => n !== name) };
    if (pattern === 'plain') return { kind: 'declare', keyword, name, pattern, value: this.expression(scope, 0, 'declarationInitializer'), fallback: null };
    const inner: Expr[] = this.random.chance(0.5) ? [this.expression(scope, 2, 'arrayItem')] : [];
    let value: Expr = pattern === 'object'
      ? { kind: 'object', props: inner.map((item) => ({ key: 'a', value: item })) }
      : { kind: 'array', items: inner };
    if (this.random.chance(0.4)) {
      this.count('position:declarationInitializer');
      value = { kind: 'await', arg: { kind: 'awaitable', source: this.random.pick(['resolved', 'thenSync', 'subNew'] as const), value, delay: 1, message: '' } };
    }
    // the plugin refuses `await` in array-pattern defaults ("not supported yet"): not generated unless asked for
    const fallbackScope = pattern === 'array' && !this.awaitInArrayPatternDefaults ? { ...scope, functionDepth: -1 } : scope;
    return { kind: 'declare', keyword, name, pattern, value, fallback: this.expression(fallbackScope, 1, 'destructuringDefault') };
  }

  private nested(scope: Scope, changes: Partial<Scope>, count: number): Stmt[] {
    return this.statements({ ...scope, ...changes, statementDepth: scope.statementDepth + 1, declaredHere: changes.declaredHere ?? [] }, count);
  }

  private statement(scope: Scope): Stmt {
    this.budget--;
    const deep = scope.statementDepth >= 3 || this.budget < 4;
    const compound = deep ? 0 : 1;
    const canJump = scope.inLoop || scope.inSwitch || scope.labels.length > 0;
    const kind = this.allowed({
      log: 22,
      assign: 10,
      if: 8 * compound,
      switch: 4 * compound,
      while: 4 * compound,
      for: 4 * compound,
      forOf: 4 * compound,
      forIn: 2 * compound,
      labeled: 3 * compound,
      try: 9 * compound,
      return: 3,
      throw: 3,
      jump: canJump ? 6 : 0,
      pushClosure: scope.inLoop ? 6 : 0,
      runClosures: 3,
      superSet: scope.inMethod ? 3 : 0,
      declare: 6,
      argumentsSet: 2,
      blockAsync: 1,
      forAwait: 3 * compound,
      iterate: scope.generators.length > 0 ? 3 : 0,
      yield: scope.inGenerator ? 10 : 0,
      yieldStar: scope.inGenerator ? 3 : 0,
      yieldTry: scope.inGenerator ? 3 * compound : 0,
    });
    this.count(`statement:${kind}`);
    switch (kind) {
      case 'log':
        return { kind: 'log', id: this.id(), values: this.argumentList(scope, 0, this.random.int(1, 2), 'logArgument') };
      case 'assign':
        return this.assignment(scope);
      case 'if': {
        const test = this.expression(scope, 0, 'ifTest');
        const then = this.nested(scope, {}, this.random.int(1, 3));
        const otherwise = this.random.chance(0.5) ? this.nested(scope, {}, this.random.int(1, 2)) : null;
        return { kind: 'if', test, then, otherwise };
      }
      case 'switch':
        return this.switchStatement(scope, null);
      case 'while':
      case 'for':
      case 'forOf':
      case 'forIn':
      case 'forAwait':
        return this.loop(scope, kind, null);
      case 'iterate':
        return this.iterate(scope);
      case 'blockAsync': {
        // an async function declared in a block: callable from the block's start, invisible after it
        // (a function declaration has no `super`)
        const values = this.argumentList({ ...scope, functionDepth: -1, hoisted: [], inGenerator: false, inMethod: false }, 1, this.random.int(1, 2), 'none');
        return { kind: 'blockAsync', id: this.id(), name: this.binding('b'), values };
      }
      case 'yield':
      case 'yieldStar':
        return this.yieldStatement(scope, kind);
      case 'yieldTry':
        return this.yieldTry(scope);
      case 'labeled':
        return this.labeled(scope);
      case 'try':
        return this.tryStatement(scope);
      case 'return': {
        const valueless = this.random.chance(0.15) || (scope.inGenerator && this.without.has('generatorReturnValue'));
        const value = valueless ? null : this.returnValue(scope);
        return this.maybeGuarded(scope, { kind: 'return', value }, 0.5);
      }
      case 'throw': {
        const asError = this.random.chance(0.8);
        const value = asError ? this.expression(scope, 1, 'throwArgument') : this.returnValue(scope);
        return this.maybeGuarded(scope, { kind: 'throw', id: this.id('t'), value, asError }, 0.5);
      }
      case 'jump':
        return this.maybeGuarded(scope, this.jump(scope), 0.7);
      case 'pushClosure': {
        const captured = [...scope.loopBindings.slice(-2), ...(this.random.chance(0.5) ? ['v0'] : [])];
        const awaited = this.random.chance(0.4) ? this.awaitedOperand({ ...scope, inGenerator: false }, 1) : null;
        this.count(awaited ? 'closure:async' : 'closure:sync');
        return { kind: 'pushClosure', id: this.id('c'), captured, awaited };
      }
      case 'runClosures':
        return { kind: 'runClosures', awaitEach: this.random.chance(0.5) };
      case 'superSet':
        return { kind: 'superSet', value: this.expression(scope, 1, 'superSetValue') };
      case 'declare':
        return this.declaration(scope);
      case 'argumentsSet':
        return { kind: 'argumentsSet', index: this.random.int(0, 1), value: this.expression(scope, 1, 'argumentsElementValue') };
    }
  }

  /** wraps a jump in `if (test) { ... }` with the given probability, so code after it stays reachable */
  private maybeGuarded(scope: Scope, statement: Stmt, probability: number): Stmt {
    if (!this.random.chance(probability)) return statement;
    return { kind: 'if', test: this.expression(scope, 1, 'ifTest'), then: [statement], otherwise: null };
  }

  private jump(scope: Scope): Stmt {
    const options: Stmt[] = [];
    if (scope.inLoop || scope.inSwitch) options.push({ kind: 'break', label: null });
    if (scope.inLoop) options.push({ kind: 'continue', label: null });
    for (const label of scope.labels) {
      options.push({ kind: 'break', label: label.name });
      if (label.isLoop) options.push({ kind: 'continue', label: label.name });
    }
    const chosen = this.random.pick(options);
    const labelled = (chosen.kind === 'break' || chosen.kind === 'continue') && chosen.label !== null;
    this.count(`jump:${chosen.kind}${labelled ? ' label' : ''}`);
    return chosen;
  }

  private assignment(scope: Scope): Stmt {
    const kind = this.random.weighted({ varTarget: 5, memberTarget: 4, arrayPattern: 2 });
    this.count(`assignTarget:${kind}`);
    let target: Target;
    let op: '=' | '+=' | '||=' | '??=' = '=';
    if (kind === 'varTarget') {
      target = { kind: 'varTarget', name: this.random.pick(scope.assignable) };
      op = this.random.pick(['=', '=', '+=', '||=', '??='] as const);
    } else if (kind === 'memberTarget') {
      const key: Expr = this.random.chance(0.25)
        ? { kind: 'keyObject', name: this.random.pick(['a', 'b', 'c']) }
        : this.expression(scope, 2, 'memberKey', () => ({ kind: 'lit', value: this.random.pick(['a', 'b', 'c']) }));
      if (key.kind === 'keyObject') this.count('memberKey:keyObject');
      target = { kind: 'memberTarget', key };
      op = this.random.pick(['=', '+='] as const);
    } else {
      target = { kind: 'arrayPattern', names: ['v0', 'v1'] };
      const items = this.argumentList(scope, 1, 2, 'arrayItem');
      this.count(`operator:=`);
      return { kind: 'assign', target, op, value: this.random.chance(0.5) ? { kind: 'array', items } : { kind: 'await', arg: { kind: 'awaitable', source: 'resolved', value: { kind: 'array', items }, delay: 0, message: '' } } };
    }
    this.count(`operator:${op}`);
    const value = this.expression(scope, 0, op === '=' ? 'assignValue' : 'compoundAssignValue');
    return { kind: 'assign', target, op, value };
  }

  private switchStatement(scope: Scope, label: string | null): Stmt {
    const discriminant = this.random.chance(0.5)
      ? this.expression(scope, 1, 'switchDiscriminant', () => ({ kind: 'lit', value: this.random.int(0, 2) }))
      : this.smallIntAwait(scope);
    if (discriminant.kind === 'await') this.count('position:switchDiscriminant');
    const caseCount = this.random.int(1, 3);
    const cases: SwitchCase[] = [];
    // all case clauses share one scope: no shadowing there, fresh names only
    const inner: Partial<Scope> = { inSwitch: true, labels: label ? [...scope.labels, { name: label, isLoop: false }] : scope.labels, declaredHere: [...scope.readable] };
    for (let i = 0; i < caseCount; i++) {
      const test: Expr = this.random.chance(0.3) ? this.smallIntAwait(scope) : { kind: 'lit', value: i };
      if (test.kind === 'await') this.count('position:caseTest');
      const body = [{ kind: 'log', id: this.id(), values: [] } as Stmt, ...this.nested(scope, inner, this.random.int(0, 2))];
      if (this.random.chance(0.6)) body.push({ kind: 'break', label: null });
      cases.push({ test, body });
    }
    if (this.random.chance(0.5)) {
      cases.splice(this.random.int(0, cases.length), 0, { test: null, body: [{ kind: 'log', id: this.id(), values: [] }, ...this.nested(scope, inner, this.random.int(0, 1))] });
    }
    return { kind: 'switch', id: this.id(), discriminant, cases };
  }

  private smallIntAwait(scope: Scope): Expr {
    const source: AwaitableSource = this.random.pick(['resolved', 'thenSync', 'timer', 'subResolved'] as const);
    this.count(`awaited:${source}`);
    return { kind: 'await', arg: { kind: 'awaitable', source, value: { kind: 'lit', value: this.random.int(0, 2) }, delay: this.random.pick(TIMER_DELAYS), message: '' } };
  }

  /** `yield x;`, `const d = yield x;`, `yield;`, `yield* g1();`, `const d = yield* [..];` */
  private yieldStatement(scope: Scope, kind: 'yield' | 'yieldStar'): Stmt {
    let value: Expr;
    if (kind === 'yield') {
      const bare = this.random.chance(0.1);
      value = { kind: 'yield', arg: bare ? null : this.expression(scope, 1, 'yieldArgument') };
    } else {
      const source: Expr = scope.generators.length > 0 && this.random.chance(0.6)
        ? this.genCall(scope, 1)
        : { kind: 'array', items: Array.from({ length: this.random.int(0, 3) }, () => this.forAwaitItem(scope, 'yieldStarItem')) };
      this.count(`yieldStar:${source.kind}`);
      value = { kind: 'yieldStar', source };
    }
    if (this.random.chance(0.4)) {
      this.count(`${kind}:bound`);
      return { kind: 'declare', keyword: 'const', name: this.binding('d'), pattern: 'plain', value, fallback: null };
    }
    return { kind: 'exprStmt', expr: value };
  }

  /** try { yield ...; ... } finally { ... } (sometimes with a catch): what return()/throw() and early exits run */
  private yieldTry(scope: Scope): Stmt {
    const id = this.id();
    const withCatch = this.random.chance(0.35);
    this.count(`yieldTry:${withCatch ? 'both' : 'finally'}`);
    const block = [this.yieldStatement({ ...scope, statementDepth: scope.statementDepth + 1, declaredHere: [] }, 'yield'), ...this.nested(scope, {}, this.random.int(0, 2))];
    const catchParam = withCatch ? this.binding('e') : null;
    const handler: Stmt[] | null = catchParam
      ? [{ kind: 'log', id: `${id} caught`, values: [{ kind: 'var', name: catchParam }] }, ...this.nested(scope, { readable: [...scope.readable, catchParam], declaredHere: [catchParam] }, this.random.int(0, 1))]
      : null;
    const finalizer: Stmt[] = [{ kind: 'log', id: `${id} finally`, values: [] }, ...this.nested(scope, {}, this.random.int(0, 2))];
    return { kind: 'try', id, block, catchParam, handler, finalizer };
  }

  /** `const it = g(); it.next(v).then(log); it.throw(e).then(log); ...` with the last step awaited sometimes */
  private iterate(scope: Scope): Stmt {
    const steps = Array.from({ length: this.random.int(1, 4) }, () => {
      const method = this.random.weighted({ next: 6, return: 2, throw: 1 });
      this.count(`iterate:${method}`);
      return { method, value: this.expression(scope, 1, 'iteratorArgument') };
    });
    const awaitLast = this.random.chance(0.5);
    if (awaitLast) this.count('iterate:awaitLast');
    return { kind: 'iterate', id: this.id('it'), iterator: this.binding('it'), source: this.genCall(scope, 1), steps, awaitLast };
  }

  /** an item of an array consumed by for await / yield*: often a promise or thenable (awaited by the loop) */
  private forAwaitItem(scope: Scope, use: string): Expr {
    if (this.without.has('asyncFromSyncCtorGetter')) scope = { ...scope, excludedSources: ['ctorGetter'] };
    return this.random.chance(0.6) ? this.awaitable(scope, 1, use) : this.expression(scope, 1, use);
  }

  private genCall(scope: Scope, depth: number): Expr {
    return { kind: 'genCall', callee: this.random.pick(scope.generators), args: this.argumentList(scope, depth + 1, this.random.int(0, 2), 'callArgument') };
  }

  private loop(scope: Scope, kind: 'while' | 'for' | 'forOf' | 'forIn' | 'forAwait', label: string | null): Stmt {
    const id = this.id();
    const labels = label ? [...scope.labels, { name: label, isLoop: true }] : scope.labels;
    const max = this.random.int(1, 3);
    const bodyScope = (binding: string | null): Partial<Scope> => ({
      inLoop: true,
      labels,
      readable: binding ? [...scope.readable, binding] : scope.readable,
      loopBindings: binding ? [...scope.loopBindings, binding] : scope.loopBindings,
    });
    const body = (binding: string | null): Stmt[] => [
      { kind: 'log', id: `${id} iteration`, values: binding ? [{ kind: 'var', name: binding }] : [] },
      ...this.nested(scope, bodyScope(binding), this.random.int(1, 3)),
    ];
    switch (kind) {
      case 'while': {
        // `w`, not `g`: a guard named like a generator (g1) would shadow it
        const guard = this.binding('w');
        const test = this.expression(scope, 1, 'loopTest', () => ({ kind: 'lit', value: true }));
        const doWhile = this.random.chance(0.3);
        if (doWhile) this.count('statement:doWhile');
        return { kind: 'while', id, guard, max, test, body: body(guard), doWhile };
      }
      case 'for': {
        const binding = this.binding('i');
        const test = this.random.chance(0.3) ? this.expression(scope, 1, 'loopTest', () => ({ kind: 'lit', value: true })) : null;
        return { kind: 'for', id, binding, max, test, body: body(binding) };
      }
      case 'forOf': {
        const binding = this.binding('x');
        const iterable: Expr | { kind: 'iter'; count: number } = this.random.chance(0.4)
          ? { kind: 'iter', count: max }
          : { kind: 'array', items: this.argumentList(scope, 1, max, 'forOfIterable') };
        this.count(`forOf:${iterable.kind}`);
        return { kind: 'forOf', id, binding, iterable, body: body(binding) };
      }
      case 'forAwait': {
        const binding = this.binding('x');
        const iterable: Expr = scope.generators.length > 0 && this.random.chance(0.65)
          ? this.genCall(scope, 1)
          : { kind: 'array', items: Array.from({ length: max }, () => this.forAwaitItem(scope, 'forAwaitItem')) };
        this.count(`forAwait:${iterable.kind}`);
        return { kind: 'forAwait', id, binding, iterable, body: body(binding) };
      }
      case 'forIn': {
        const binding = this.binding('k');
        const props: ObjectProp[] = ['a', 'b', 'c'].slice(0, max).map((key) => ({ key, value: this.expression(scope, 2, 'forInObject') }));
        return { kind: 'forIn', id, binding, object: { kind: 'object', props }, body: body(binding) };
      }
    }
  }

  private labeled(scope: Scope): Stmt {
    const label = `L${this.nextLabel++}`;
    const kind = this.allowed({ while: 3, for: 3, forOf: 2, forIn: 1, block: 2, switch: 1, forAwait: 1 });
    this.count(`labeled:${kind}`);
    if (kind === 'block') {
      const body = this.nested(scope, { labels: [...scope.labels, { name: label, isLoop: false }] }, this.random.int(1, 3));
      return { kind: 'labeled', label, body: { kind: 'block', body } };
    }
    if (kind === 'switch') return { kind: 'labeled', label, body: this.switchStatement(scope, label) };
    return { kind: 'labeled', label, body: this.loop(scope, kind, label) };
  }

  private tryStatement(scope: Scope): Stmt {
    const id = this.id();
    const shape = this.random.weighted({ catch: 4, finally: 2, both: 4 });
    this.count(`try:${shape}`);
    const block = this.nested(scope, {}, this.random.int(1, 3));
    let catchParam: string | null = null;
    let handler: Stmt[] | null = null;
    if (shape !== 'finally') {
      const shadowable = scope.readable.filter((n) => !['bag', 'closures', 'shared'].includes(n) && !scope.generators.includes(n));
      const shadow = this.random.chance(0.2) && shadowable.length > 0 && !this.without.has('shadowing');
      catchParam = this.random.chance(0.15) ? null : shadow ? this.random.pick(shadowable) : this.binding('e');
      const readable = catchParam ? [...scope.readable, catchParam] : scope.readable;
      // the catch block may not redeclare the catch parameter
      const declaredHere = catchParam ? [catchParam] : [];
      handler = [{ kind: 'log', id: `${id} caught`, values: catchParam ? [{ kind: 'var', name: catchParam }] : [] }, ...this.nested(scope, { readable, declaredHere }, this.random.int(0, 2))];
    }
    const finalizer: Stmt[] | null = shape === 'catch' ? null : [{ kind: 'log', id: `${id} finally`, values: [] }, ...this.nested(scope, {}, this.random.int(0, 2))];
    return { kind: 'try', id, block, catchParam, handler, finalizer };
  }

  // ---------------------------------------------------------------- expressions

  private argumentList(scope: Scope, depth: number, count: number, position: string): Expr[] {
    return Array.from({ length: count }, () => this.expression(scope, depth, position));
  }

  /** values for `return` / `throw`: often a promise, thenable or async call that is not awaited */
  private returnValue(scope: Scope): Expr {
    const kind = this.random.weighted({ awaitable: 4, call: scope.callable.length > 0 ? 2 : 0, expression: 5 });
    this.count(`returnValue:${kind}`);
    if (kind === 'awaitable') return this.awaitable(scope, 1, 'returned');
    if (kind === 'call') return this.asyncCall(scope, 1, 'returned');
    return this.expression(scope, 0, 'returnArgument');
  }

  private canAwait(scope: Scope): boolean {
    return scope.functionDepth >= 0;
  }

  private expression(scope: Scope, depth: number, position: string, leaf?: () => Expr): Expr {
    if (this.canAwait(scope) && depth < 4 && this.random.chance(this.awaitRate)) {
      this.count(`position:${position}`);
      return { kind: 'await', arg: this.awaitedOperand(scope, depth + 1) };
    }
    if (scope.inGenerator && depth < 3 && this.random.chance(0.08)) {
      this.count(`yieldPosition:${position}`);
      return { kind: 'yield', arg: this.random.chance(0.85) ? this.expression(scope, depth + 1, 'yieldArgument') : null };
    }
    if (depth >= 3 || this.random.chance(0.45)) return leaf ? leaf() : this.leaf(scope);
    const kind = this.random.weighted({
      binary: 5, logical: 4, cond: 3, show: 3, template: 3, object: 3, array: 3, unary: 3,
      asyncCall: scope.callable.length > 0 && this.canAwait(scope) ? 1 : 0,
      awaitable: 1,
      spreadCall: 2,
      optionalCall: 2,
      comma: 1,
      newBox: 2,
      combinator: this.canAwait(scope) ? 1 : 0,
    });
    this.count(`expression:${kind}`);
    const next = depth + 1;
    switch (kind) {
      case 'binary':
        return { kind: 'binary', op: this.random.pick(['+', '===', '<'] as const), left: this.expression(scope, next, 'binaryLeft'), right: this.expression(scope, next, 'binaryRight') };
      case 'logical':
        return { kind: 'binary', op: this.random.pick(['&&', '||', '??'] as const), left: this.expression(scope, next, 'logicalLeft'), right: this.expression(scope, next, 'logicalRight') };
      case 'cond':
        return { kind: 'cond', test: this.expression(scope, next, 'conditionalTest'), then: this.expression(scope, next, 'conditionalThen'), otherwise: this.expression(scope, next, 'conditionalElse') };
      case 'show':
        return { kind: 'show', args: this.argumentList(scope, next, this.random.int(1, 3), 'callArgument') };
      case 'template':
        return { kind: 'template', parts: this.argumentList(scope, next, this.random.int(1, 2), 'templateLiteral') };
      case 'object': {
        const props: ObjectProp[] = [];
        const size = this.random.int(1, 2);
        for (let i = 0; i < size; i++) {
          const key: string | Expr = this.random.chance(0.3) ? this.expression(scope, next, 'objectComputedKey', () => ({ kind: 'lit', value: 'k' + i })) : ['a', 'b'][i];
          props.push({ key, value: this.expression(scope, next, 'objectValue') });
        }
        return { kind: 'object', props };
      }
      case 'array':
        return { kind: 'array', items: this.argumentList(scope, next, this.random.int(1, 3), 'arrayItem') };
      case 'unary':
        return { kind: 'unary', op: this.random.pick(['typeof', '!', '-'] as const), arg: this.expression(scope, next, 'unaryOperand') };
      case 'asyncCall':
        return this.asyncCall(scope, next, 'unawaited');
      case 'awaitable':
        return this.awaitable(scope, next, 'unawaited');
      case 'spreadCall': {
        const items = this.argumentList(scope, next, this.random.int(0, 2), 'spreadElement');
        const spread: Expr = this.random.chance(0.5) && this.canAwait(scope)
          ? { kind: 'await', arg: { kind: 'awaitable', source: 'resolved', value: { kind: 'array', items }, delay: 1, message: '' } }
          : { kind: 'array', items };
        if (spread.kind === 'await') this.count('position:spreadArgument');
        return { kind: 'spreadCall', spread, args: this.argumentList(scope, next, this.random.int(0, 2), 'callArgument') };
      }
      case 'optionalCall':
        return { kind: 'optionalCall', test: this.expression(scope, next, 'optionalCallee'), args: this.argumentList(scope, next, this.random.int(1, 2), 'optionalCallArgument') };
      case 'comma':
        return { kind: 'comma', first: this.expression(scope, next, 'commaLeft'), second: this.expression(scope, next, 'commaRight') };
      case 'newBox':
        return { kind: 'newBox', args: this.argumentList(scope, next, this.random.int(1, 2), 'newArgument') };
      case 'combinator':
        return this.combinator(scope, next, 'unawaited');
    }
  }

  private leaf(scope: Scope): Expr {
    const kind = this.random.weighted({
      number: 4, string: 3, boolean: 1, null: 1, undefined: 1,
      hoistedCall: scope.hoisted.length > 0 ? 2 : 0,
      variable: scope.readable.length > 0 ? 6 : 0,
      thisTag: scope.functionDepth >= 0 ? 1 : 0,
      argsLength: scope.functionDepth >= 0 ? 1 : 0,
      superCall: scope.inMethod ? 2 : 0,
    });
    this.count(`leaf:${kind}`);
    switch (kind) {
      case 'number':
        return { kind: 'lit', value: this.random.int(0, 3) };
      case 'string':
        return { kind: 'lit', value: this.random.pick(['a', 'b', 'x', '']) };
      case 'boolean':
        return { kind: 'lit', value: this.random.chance(0.5) };
      case 'null':
        return { kind: 'lit', value: null };
      case 'undefined':
        return { kind: 'undef' };
      case 'variable':
        return { kind: 'var', name: this.random.pick(scope.readable) };
      case 'hoistedCall':
        return { kind: 'syncCall', name: this.random.pick(scope.hoisted) };
      case 'thisTag':
        return { kind: 'thisTag' };
      case 'argsLength':
        return { kind: 'argsLength' };
      case 'superCall':
        return { kind: 'superCall', arg: this.expression(scope, 3, 'superCallArgument') };
    }
  }

  /** the operand of an `await` */
  private awaitedOperand(scope: Scope, depth: number): Expr {
    const nestedFunctions = scope.functionDepth < 2 && this.budget > 6 ? 1 : 0;
    const kind = this.allowed({
      constant: 6, null: 2, undefined: 2,
      awaitable: 30,
      asyncCall: scope.callable.length > 0 ? 10 : 0,
      arrowCall: 4 * nestedFunctions,
      methodCall: 4 * nestedFunctions,
      expression: depth < 3 ? 4 : 0,
      combinator: depth < 3 ? 3 : 0,
    });
    switch (kind) {
      case 'constant':
        this.count('awaited:constant');
        return { kind: 'lit', value: this.random.pick([1, 2, 'k', true]) };
      case 'null':
        this.count('awaited:null');
        return { kind: 'lit', value: null };
      case 'undefined':
        this.count('awaited:undefined');
        return { kind: 'undef' };
      case 'awaitable':
        return this.awaitable(scope, depth, 'awaited');
      case 'asyncCall':
        return this.asyncCall(scope, depth, 'awaited');
      case 'arrowCall': {
        const style = this.random.chance(0.75) ? 'arrow' : 'function';
        this.count(style === 'arrow' ? 'awaited:asyncArrowCall' : 'awaited:asyncFunctionExpressionCall');
        const params = this.random.chance(0.5) ? ['a0'] : [];
        // an async function expression has its own this/arguments and no super
        const body = this.functionBody(scope, params, style === 'arrow' && scope.inMethod);
        return { kind: 'arrowCall', style, params, body, args: this.argumentList(scope, depth + 1, params.length, 'callArgument') };
      }
      case 'combinator':
        return this.combinator(scope, depth, 'awaited');
      case 'methodCall': {
        const style = this.random.pick(['object', 'class', 'static'] as const);
        this.count(`awaited:asyncMethodCall:${style}`);
        const params = this.random.chance(0.5) ? ['a0'] : [];
        const body = this.functionBody(scope, params, true);
        return { kind: 'methodCall', style, tag: this.id('m'), params, body, args: this.argumentList(scope, depth + 1, this.random.int(0, 2), 'callArgument') };
      }
      case 'expression':
        this.count('awaited:expression');
        return this.expression(scope, depth, 'awaitOperand');
    }
  }

  /** body of a nested async arrow or method: its own jump context, the enclosing variables */
  private functionBody(scope: Scope, params: string[], inMethod: boolean): Stmt[] {
    const inner: Scope = {
      ...scope,
      readable: [...scope.readable, ...params],
      loopBindings: scope.loopBindings,
      inLoop: false,
      inSwitch: false,
      labels: [],
      inMethod,
      inGenerator: false,
      declaredHere: [...params],
      functionDepth: scope.functionDepth + 1,
      statementDepth: Math.max(scope.statementDepth, 1),
    };
    const id = this.id('n');
    return [{ kind: 'log', id, values: [{ kind: 'thisTag' }, { kind: 'argsLength' }] }, ...this.statements(inner, this.random.int(1, 3))];
  }

  /** `use` says how the value is used in the coverage counts: awaited, returned or unawaited */
  private awaitable(scope: Scope, depth: number, use: string): Expr {
    const rejecting = this.random.chance(0.12);
    const excluded = scope.excludedSources ?? [];
    const candidates = AWAITABLE_SOURCES.filter((s) => REJECTING_SOURCES.has(s) === rejecting && !this.without.has(s) && !excluded.includes(s));
    const source = this.random.pick(candidates.length > 0 ? candidates : ['resolved' as const]);
    this.count(`${use}:${source}`);
    return {
      kind: 'awaitable',
      source,
      value: this.expression(scope, depth + 1, 'awaitableValue'),
      delay: this.random.pick(TIMER_DELAYS),
      message: this.id('r'),
    };
  }

  private combinator(scope: Scope, depth: number, use: string): Expr {
    const method = this.random.pick(['all', 'race', 'allSettled', 'any'] as const);
    this.count(`${use}:Promise.${method}`);
    const items = Array.from({ length: this.random.int(1, 3) }, (): Expr => {
      const kind = this.random.weighted({ awaitable: 3, call: scope.callable.length > 0 ? 2 : 0, plain: 1 });
      if (kind === 'awaitable') return this.awaitable(scope, depth + 1, 'combinatorItem');
      if (kind === 'call') return this.asyncCall(scope, depth + 1, 'combinatorItem');
      return this.expression(scope, depth + 1, 'combinatorItem');
    });
    return { kind: 'combinator', method, items };
  }

  private asyncCall(scope: Scope, depth: number, use: string): Expr {
    const callee = this.random.pick(scope.callable);
    this.count(`${use}:asyncFunctionCall`);
    return { kind: 'asyncCall', callee, args: this.argumentList(scope, depth + 1, this.random.int(0, 2), 'callArgument') };
  }
}

export interface GeneratedProgram {
  program: ProgramModel;
  coverage: Coverage;
}

/** Generates the program for `seed`; the same seed and options always give the same program. */
export function generateProgram(seed: number, options: GeneratorOptions = {}): GeneratedProgram {
  const generator = new ProgramGenerator(new Random(seed), options);
  const program = generator.program(seed);
  // (probes draw from a stream of their own: the rest of the program is what it was for this seed)
  const probes = generateProbes(new Random((seed ^ 0x5bd1e995) >>> 0), options.without ?? []);
  if (probes.length) {
    program.probes = probes;
    for (const probe of probes) generator.coverage.set(`probe:${probe.kind}`, (generator.coverage.get(`probe:${probe.kind}`) ?? 0) + 1);
  }
  return { program, coverage: generator.coverage };
}
