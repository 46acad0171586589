/*
 * shrinker: reduces a failing ProgramModel to a small one that still fails the same way, by
 * greedy edits on the model: drop started functions, drop or flatten statements, replace
 * expressions by a sub-expression or a constant, shorten loops.
 * Must never: accept a candidate without asking the oracle, or change the original model
 * (every candidate is a fresh deep copy).
 */
import { EXPRESSION_KINDS, STATEMENT_KINDS } from './programModel';
import type { Expr, ProgramModel, Stmt } from './programModel';

type Path = (string | number)[];
type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isKind(value: unknown, kinds: ReadonlySet<string>): boolean {
  return isObject(value) && typeof value.kind === 'string' && kinds.has(value.kind);
}

function getAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const key of path) value = (value as Record<string | number, unknown>)[key];
  return value;
}

/** a deep copy of `program` with `change` applied to the value found at `path` (the parent container and key) */
function edited(program: ProgramModel, path: Path, change: (container: Record<string | number, unknown> | unknown[], key: string | number) => void): ProgramModel {
  const copy = structuredClone(program);
  const container = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
  change(container, path[path.length - 1]);
  return removeUnusedFunctions(copy);
}

function calledFunctions(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) value.forEach((item) => calledFunctions(item, into));
  else if (isObject(value)) {
    if ((value.kind === 'asyncCall' || value.kind === 'genCall') && typeof value.callee === 'string') into.add(value.callee);
    Object.values(value).forEach((item) => calledFunctions(item, into));
  }
}

/** drops functions that are neither started nor called from a started function (transitively) */
function removeUnusedFunctions(program: ProgramModel): ProgramModel {
  const reachable = new Set<string>();
  const pending = program.starts.map((s) => s.callee);
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (reachable.has(name)) continue;
    reachable.add(name);
    const called = new Set<string>();
    const declaration = program.functions.find((f) => f.name === name);
    if (declaration) calledFunctions(declaration.body, called);
    calledFunctions(program.starts.filter((s) => s.callee === name), called);
    pending.push(...called);
  }
  return { ...program, functions: program.functions.filter((f) => reachable.has(f.name)) };
}

/** Nested statement lists of a statement, for flattening it into its parent list. */
function innerStatementLists(statement: Stmt): Stmt[][] {
  switch (statement.kind) {
    case 'if':
      return [statement.then, ...(statement.otherwise ? [statement.otherwise, [...statement.then, ...statement.otherwise]] : [])];
    case 'while':
    case 'for':
    case 'forOf':
    case 'forIn':
    case 'forAwait':
    case 'block':
      return [statement.body];
    case 'labeled':
      return [[statement.body]];
    case 'switch':
      return statement.cases.map((c) => c.body.filter((s) => !(s.kind === 'break' && s.label === null)));
    case 'try':
      return [statement.block, [...statement.block, ...(statement.finalizer ?? [])], ...(statement.handler ? [statement.handler] : [])];
    default:
      return [];
  }
}

/** Direct sub-expressions of an expression (its candidates for replacing it). */
function childExpressions(expression: Expr): Expr[] {
  const children: Expr[] = [];
  for (const value of Object.values(expression)) {
    if (isKind(value, EXPRESSION_KINDS)) children.push(value as Expr);
    else if (Array.isArray(value)) for (const item of value) if (isKind(item, EXPRESSION_KINDS)) children.push(item as Expr);
  }
  return children;
}

/** Every candidate edit, biggest first: starts, statements (outer first), expressions, loop bounds. */
export function* candidates(program: ProgramModel): Generator<ProgramModel> {
  for (let i = 0; i < program.starts.length; i++) {
    if (program.starts.length > 1) yield edited(program, ['starts', i], (list) => (list as unknown[]).splice(i, 1));
  }
  for (let i = 0; i < program.starts.length; i++) {
    for (let a = 0; a < program.starts[i].args.length; a++) yield edited(program, ['starts', i, 'args', a], (list) => (list as unknown[]).splice(a, 1));
  }
  const statementLists: Path[] = [];
  const expressions: Path[] = [];
  const expressionLists: Path[] = [];
  const loops: Path[] = [];
  const tries: Path[] = [];
  const visit = (value: unknown, path: Path): void => {
    if (Array.isArray(value)) {
      if (value.some((item) => isKind(item, STATEMENT_KINDS))) statementLists.push(path);
      if (value.length > 0 && value.every((item) => isKind(item, EXPRESSION_KINDS))) expressionLists.push(path);
      value.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    if (!isObject(value)) return;
    if (isKind(value, EXPRESSION_KINDS)) expressions.push(path);
    if (value.kind === 'while' || value.kind === 'for') loops.push(path);
    if (value.kind === 'try') tries.push(path);
    for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
  };
  program.functions.forEach((f, i) => visit(f.body, ['functions', i, 'body']));

  for (const listPath of statementLists) {
    const list = getAt(program, listPath) as Stmt[];
    for (let i = 0; i < list.length; i++) {
      yield edited(program, [...listPath, i], (container) => (container as unknown[]).splice(i, 1));
    }
    for (let i = 0; i < list.length; i++) {
      for (const inner of innerStatementLists(list[i])) {
        yield edited(program, [...listPath, i], (container) => (container as unknown[]).splice(i, 1, ...structuredClone(inner)));
      }
    }
  }
  for (const tryPath of tries) {
    const statement = getAt(program, tryPath) as Extract<Stmt, { kind: 'try' }>;
    if (statement.handler && statement.finalizer) {
      yield edited(program, [...tryPath, 'handler'], (container, key) => ((container as JsonObject)[key as string] = null));
      yield edited(program, [...tryPath, 'finalizer'], (container, key) => ((container as JsonObject)[key as string] = null));
    }
  }
  for (const listPath of expressionLists) {
    const list = getAt(program, listPath) as Expr[];
    for (let i = 0; i < list.length; i++) yield edited(program, [...listPath, i], (container) => (container as unknown[]).splice(i, 1));
  }
  for (const expressionPath of expressions) {
    const expression = getAt(program, expressionPath) as Expr;
    for (const child of childExpressions(expression)) {
      yield edited(program, expressionPath, (container, key) => ((container as Record<string | number, unknown>)[key] = structuredClone(child)));
    }
    if (expression.kind === 'awaitable' && expression.source !== 'resolved') {
      yield edited(program, [...expressionPath, 'source'], (container, key) => ((container as JsonObject)[key as string] = 'resolved'));
    }
    if (expression.kind === 'awaitable' && expression.delay > 1) {
      yield edited(program, [...expressionPath, 'delay'], (container, key) => ((container as JsonObject)[key as string] = 1));
    }
    if (!(expression.kind === 'lit' && expression.value === 0)) {
      yield edited(program, expressionPath, (container, key) => ((container as Record<string | number, unknown>)[key] = { kind: 'lit', value: 0 }));
    }
  }
  for (const loopPath of loops) {
    const loop = getAt(program, loopPath) as { max: number; test: Expr | null };
    if (loop.max > 1) yield edited(program, [...loopPath, 'max'], (container, key) => ((container as JsonObject)[key as string] = 1));
    if (loop.test !== null && !(loop.test.kind === 'lit' && loop.test.value === true)) {
      yield edited(program, [...loopPath, 'test'], (container, key) => ((container as JsonObject)[key as string] = { kind: 'lit', value: true }));
    }
  }
}

export interface ShrinkResult {
  program: ProgramModel;
  attempts: number;
  accepted: number;
}

/**
 * Greedy shrinking: try candidates in order; after an accepted one, continue from the same
 * index in the new candidate list; stop after a full pass without progress or `maxAttempts`.
 */
export async function shrinkProgram(
  program: ProgramModel,
  stillFails: (candidate: ProgramModel) => Promise<boolean>,
  maxAttempts = 3000,
): Promise<ShrinkResult> {
  let best = program;
  let attempts = 0;
  let accepted = 0;
  let start = 0;
  for (;;) {
    const list = [...candidates(best)];
    if (list.length === 0) break;
    let progressed = false;
    for (let k = 0; k < list.length; k++) {
      const index = (start + k) % list.length;
      if (attempts >= maxAttempts) return { program: best, attempts, accepted };
      attempts++;
      if (await stillFails(list[index])) {
        best = list[index];
        accepted++;
        start = index;
        progressed = true;
        break;
      }
    }
    if (!progressed) break;
  }
  return { program: best, attempts, accepted };
}

/** statements in a program, nested ones included (a size measure for reports and tests) */
export function countStatements(program: ProgramModel): number {
  let count = 0;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      if (isKind(value, STATEMENT_KINDS)) count++;
      Object.values(value).forEach(visit);
    }
  };
  program.functions.forEach((f) => visit(f.body));
  return count;
}
