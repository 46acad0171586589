/*
 * programModel: the small tree that the fuzzer generates, shrinks and prints: a program of a few
 * concurrently started async functions (and async generators they consume), their statements and
 * expressions (plain JSON objects).
 * Must never: hold behaviour (no printing, no running here) or reference Babel's AST types.
 */

/** Ways to produce a value that is then (usually) awaited; each one is a helper in the prelude. */
export const AWAITABLE_SOURCES = [
  'resolved', // Promise.resolve(v)
  'rejected', // Promise.reject(new Error(m))
  'timer', // pending native promise resolved by setTimeout
  'timerReject', // pending native promise rejected by setTimeout
  'thenSync', // thenable calling onFulfilled synchronously
  'thenMicro', // thenable calling onFulfilled in a later microtask
  'thenTimer', // thenable calling onFulfilled from a timer
  'thenTwice', // thenable resolving twice, then rejecting
  'thenReject', // thenable calling onRejected synchronously
  'thenThrows', // thenable whose then throws
  'thenResolveThrow', // thenable resolving, then throwing
  'thenGetterThrows', // object whose `then` getter throws
  'subResolved', // SubPromise.resolve(v) (a Promise subclass that logs its constructions)
  'subNew', // new SubPromise(resolve => resolve(v))
  'subRejected', // SubPromise.reject(new Error(m))
  'ctorGetter', // native promise with a logging `constructor` getter
] as const;
export type AwaitableSource = (typeof AWAITABLE_SOURCES)[number];

export type LiteralValue = number | string | boolean | null;

export type Expr =
  | { kind: 'lit'; value: LiteralValue }
  | { kind: 'undef' }
  /** a parameter, function variable, loop binding or catch binding */
  | { kind: 'var'; name: string }
  /** `this.tag` */
  | { kind: 'thisTag' }
  /** `arguments.length` */
  | { kind: 'argsLength' }
  /** `super.greet(arg)`, only inside methods (and arrows nested in them) */
  | { kind: 'superCall'; arg: Expr }
  | { kind: 'await'; arg: Expr }
  /** a call of a prelude helper that makes a promise / thenable; `value` is its payload */
  | { kind: 'awaitable'; source: AwaitableSource; value: Expr; delay: number; message: string }
  | { kind: 'binary'; op: '+' | '===' | '<' | '&&' | '||' | '??'; left: Expr; right: Expr }
  | { kind: 'cond'; test: Expr; then: Expr; otherwise: Expr }
  /** `show(a, b, ...)`: a synchronous helper joining its arguments */
  | { kind: 'show'; args: Expr[] }
  | { kind: 'template'; parts: Expr[] }
  /** object literal; computed keys are expressions */
  | { kind: 'object'; props: ObjectProp[] }
  | { kind: 'array'; items: Expr[] }
  | { kind: 'unary'; op: 'typeof' | '!' | '-'; arg: Expr }
  /** call of another generated async function (by name) */
  | { kind: 'asyncCall'; callee: string; args: Expr[] }
  /** `(async (a) => { body })(args)`, or `(async function (a) { body }).call({ tag }, args)` */
  | { kind: 'arrowCall'; style: 'arrow' | 'function'; params: string[]; body: Stmt[]; args: Expr[] }
  /** `show(...spread, ...args)`: spread of an array literal or of an awaited array */
  | { kind: 'spreadCall'; spread: Expr; args: Expr[] }
  /** `(test ? show : null)?.(args)`: the arguments are not evaluated when the callee is null */
  | { kind: 'optionalCall'; test: Expr; args: Expr[] }
  /** `(first, second)` */
  | { kind: 'comma'; first: Expr; second: Expr }
  /** `new Box(args).value` */
  | { kind: 'newBox'; args: Expr[] }
  /** `keyObject("k")`: a property key whose toString logs (shows when a key is converted) */
  | { kind: 'keyObject'; name: string }
  /** `h1()`: a call of a (hoisted) plain function declared in the enclosing async function */
  | { kind: 'syncCall'; name: string }
  /** `Promise.all([items])` and friends, usually awaited */
  | { kind: 'combinator'; method: 'all' | 'race' | 'allSettled' | 'any'; items: Expr[] }
  /** an async method of an object literal / class instance / class (static), called at once */
  | { kind: 'methodCall'; style: 'object' | 'class' | 'static'; tag: string; params: string[]; body: Stmt[]; args: Expr[] }
  /** `yield arg` (async generator bodies only, never inside a nested function) */
  | { kind: 'yield'; arg: Expr | null }
  /** `yield* source`: a call of another generated async generator, or an array */
  | { kind: 'yieldStar'; source: Expr }
  /** a call of a generated async generator: `g0.call({ tag: "g0" }, args)` or `g0.m(args)` for methods */
  | { kind: 'genCall'; callee: string; args: Expr[] };

/** One `iterator.next(v)` / `.return(v)` / `.throw(new Error(..))` call of an `iterate` statement. */
export interface IteratorStep {
  method: 'next' | 'return' | 'throw';
  value: Expr;
}

export interface ObjectProp {
  key: string | Expr;
  value: Expr;
}

/** Left-hand sides of assignment statements. */
export type Target =
  | { kind: 'varTarget'; name: string }
  /** `bag[key]` where bag is the function's object */
  | { kind: 'memberTarget'; key: Expr }
  /** `[a, b] = ...` */
  | { kind: 'arrayPattern'; names: string[] };

export interface SwitchCase {
  /** null is `default:` */
  test: Expr | null;
  body: Stmt[];
}

export type Stmt =
  /** `log(id, ...values)` */
  | { kind: 'log'; id: string; values: Expr[] }
  | { kind: 'assign'; target: Target; op: '=' | '+=' | '||=' | '??='; value: Expr }
  | { kind: 'if'; test: Expr; then: Stmt[]; otherwise: Stmt[] | null }
  | { kind: 'switch'; id: string; discriminant: Expr; cases: SwitchCase[] }
  /** `let guard = 0; while (guard++ < max && test) body` (or do/while) */
  | { kind: 'while'; id: string; guard: string; max: number; test: Expr; body: Stmt[]; doWhile: boolean }
  /** `for (let v = 0; v < max [&& test]; v++) body` */
  | { kind: 'for'; id: string; binding: string; max: number; test: Expr | null; body: Stmt[] }
  /** for-of over an array literal or a logging iterator helper */
  | { kind: 'forOf'; id: string; binding: string; iterable: Expr | { kind: 'iter'; count: number }; body: Stmt[] }
  /** for-in over an object literal */
  | { kind: 'forIn'; id: string; binding: string; object: Expr; body: Stmt[] }
  | { kind: 'labeled'; label: string; body: Stmt }
  | { kind: 'block'; body: Stmt[] }
  | { kind: 'break'; label: string | null }
  | { kind: 'continue'; label: string | null }
  | { kind: 'try'; id: string; block: Stmt[]; catchParam: string | null; handler: Stmt[] | null; finalizer: Stmt[] | null }
  | { kind: 'return'; value: Expr | null }
  /** `throw new Error(id + ...)` when asError, else `throw value` */
  | { kind: 'throw'; id: string; value: Expr; asError: boolean }
  /** `closures.push(() => log(id, ...captured))` or an async closure that awaits */
  | { kind: 'pushClosure'; id: string; captured: string[]; awaited: Expr | null }
  /** `for (const c of closures.splice(0)) [await] c();` */
  | { kind: 'runClosures'; awaitEach: boolean }
  /** `super.tag = value` (methods only) */
  | { kind: 'superSet'; value: Expr }
  /**
   * `const name = value;`, `let { a: name = fallback } = value;`, `var [name = fallback] = value;`
   * (a binding declared in a loop body is fresh in each iteration, closures see their own)
   */
  /** `arguments[index] = value;` (sloppy functions with simple parameters map it to the parameter) */
  | { kind: 'argumentsSet'; index: number; value: Expr }
  /** `function name() { return show(values); }`, declared in an async function body (hoisted) */
  | { kind: 'functionDecl'; name: string; values: Expr[] }
  /** `{ log(typeof h); log(id, await h()); async function h() {...} } log(typeof h)`: a block-level async declaration stays in its block */
  | { kind: 'blockAsync'; id: string; name: string; values: Expr[] }
  | { kind: 'declare'; keyword: 'const' | 'let' | 'var'; name: string; pattern: 'plain' | 'object' | 'array'; value: Expr; fallback: Expr | null }
  /** an expression statement (`yield x;`, `yield* g1();`) */
  | { kind: 'exprStmt'; expr: Expr }
  /** `for await (const binding of iterable) body` over a generator call or an array */
  | { kind: 'forAwait'; id: string; binding: string; iterable: Expr; body: Stmt[] }
  /**
   * `const it = g0(); it.next(v).then(log..., log...); it.throw(e).then(...); ...`: steps queued
   * synchronously, their results logged; the last one awaited when `awaitLast`
   */
  | { kind: 'iterate'; id: string; iterator: string; source: Expr; steps: IteratorStep[]; awaitLast: boolean };

export interface AsyncFunctionModel {
  name: string;
  /**
   * absent for async functions; for async generators how they are declared: `async function*`
   * (`declaration`), an `async *m()` method of an object literal (`object`) or of a class instance (`class`)
   */
  generator?: 'declaration' | 'object' | 'class';
  params: string[];
  body: Stmt[];
}

export interface StartModel {
  callee: string;
  thisTag: string;
  args: Expr[];
}

import type { ProbeModel } from './fidelityProbes';

export interface ProgramModel {
  seed: number;
  functions: AsyncFunctionModel[];
  starts: StartModel[];
  /** self-contained probes of function shape, parameter scope, names and protocol reads */
  probes?: ProbeModel[];
}

export const STATEMENT_KINDS: ReadonlySet<string> = new Set([
  'log', 'assign', 'if', 'switch', 'while', 'for', 'forOf', 'forIn', 'labeled', 'block', 'break',
  'continue', 'try', 'return', 'throw', 'pushClosure', 'runClosures', 'superSet', 'declare',
  'argumentsSet', 'functionDecl', 'blockAsync', 'exprStmt', 'forAwait', 'iterate',
]);

export const EXPRESSION_KINDS: ReadonlySet<string> = new Set([
  'lit', 'undef', 'var', 'thisTag', 'argsLength', 'superCall', 'await', 'awaitable', 'binary', 'cond',
  'show', 'template', 'object', 'array', 'unary', 'asyncCall', 'arrowCall', 'methodCall', 'spreadCall',
  'optionalCall', 'comma', 'newBox', 'combinator', 'keyObject', 'syncCall', 'yield', 'yieldStar', 'genCall',
]);
