/*
 * context: the state shared while one async function is lowered: the case emitter, the
 * jump-target stack, the runtime region depth, hoisted names and temporaries, and the small
 * emit helpers (await, goto, return) that every statement and expression rule is written in.
 * Must never: decide how a particular statement or expression is lowered.
 */
import type * as BT from '@babel/types';
import type { NodePath, Scope } from '@babel/traverse';
import { CaseEmitter, Label, Types } from './emitter';
import { LeapStack } from './leapTargets';
import { AwaitAnalysis } from '../analysis/awaitAnalysis';
import { changesThroughArguments } from '../analysis/mappedArguments';
import { ExplainRecorder, type CallFact, type OpenRegion } from './explain';
import { NO_ASSUMPTIONS, type Assumptions } from '../integration/assumptions';

/** Identifiers that name a step function's state parameter (ours, not the user's). */
export const generatedStateIdentifiers = new WeakSet<BT.Node>();

/** Globals every ES5+ engine or Node/browser host provides: reading them cannot throw. */
const STANDARD_GLOBALS: ReadonlySet<string> = new Set([
  'globalThis', 'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt',
  'Math', 'JSON', 'Reflect', 'Proxy', 'Promise', 'Date', 'RegExp', 'Error', 'TypeError', 'RangeError',
  'ReferenceError', 'SyntaxError', 'EvalError', 'URIError', 'AggregateError', 'Map', 'Set', 'WeakMap',
  'WeakSet', 'WeakRef', 'ArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray',
  'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array',
  'BigInt64Array', 'BigUint64Array', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURI',
  'decodeURI', 'encodeURIComponent', 'decodeURIComponent', 'escape', 'unescape', 'console',
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask',
]);

export class LoweringContext {
  readonly emitter: CaseEmitter;
  readonly leaps = new LeapStack();
  /** names declared with `var` in the rewritten outer function, in order */
  readonly hoisted: string[] = [];
  private readonly hoistedSet = new Set<string>();
  /** function declarations moved to the outer function body */
  readonly hoistedFunctions: BT.Statement[] = [];
  regionDepth = 0;
  private awaitCount = 0;
  /** explain mode: what each runtime call was built from (null without explain) */
  private readonly explainer: ExplainRecorder | null;
  /** names of globals this file assigns somewhere (not stable across an await) */
  readonly assignedGlobals: Set<string>;
  /** the Babel assumptions that change the output (src/integration/assumptions.ts) */
  assumptions: Assumptions = NO_ASSUMPTIONS;

  constructor(
    readonly t: Types,
    readonly analysis: AwaitAnalysis,
    readonly functionPath: NodePath<BT.Function>,
    readonly stateName: string,
    readonly explain: boolean,
    assignedGlobals: Set<string>,
    /** functions whose parameters `arguments[i] = v` may change (src/analysis/mappedArguments.ts) */
    readonly argumentsWriters: WeakSet<BT.Node> = new WeakSet(),
  ) {
    this.emitter = new CaseEmitter(t);
    this.assignedGlobals = assignedGlobals;
    this.explainer = explain ? new ExplainRecorder(t, stateName) : null;
  }

  get scope(): Scope {
    return this.functionPath.scope;
  }

  state(): BT.Identifier {
    const id = this.t.identifier(this.stateName);
    generatedStateIdentifiers.add(id);
    return id;
  }

  /** `state.<name>` */
  stateMember(name: string): BT.MemberExpression {
    return this.t.memberExpression(this.state(), this.t.identifier(name));
  }

  containsAwait(node: BT.Node | null | undefined): boolean {
    return this.analysis.containsAwait(node);
  }

  hoist(name: string): void {
    if (this.hoistedSet.has(name)) return;
    this.hoistedSet.add(name);
    this.hoisted.push(name);
  }

  /** names any code of this function uses (temporaries must not capture them) */
  private usedNames: Set<string> | null = null;
  /** per base name, the suffix after which every name is still to be tried (names only ever get taken) */
  private readonly nextSuffix = new Map<string, number>();

  /**
   * A fresh temporary, declared in the outer function. Names are numbered per function
   * (`_temp`, `_temp2`): a name no code of the function mentions cannot capture anything.
   */
  temp(hint = 'temp'): BT.Identifier {
    if (!this.usedNames) {
      const used = new Set<string>();
      this.t.traverseFast(this.functionPath.node, (node) => {
        if (node.type === 'Identifier') used.add(node.name);
      });
      this.usedNames = used;
    }
    const base = '_' + hint.replace(/^_+/, '').replace(/\d+$/, '') || '_temp';
    // (counting up from 2 for every temporary made 20,000 awaits in one function quadratic)
    let n = this.nextSuffix.get(base) ?? 1;
    let name = n === 1 ? base : base + n;
    while (this.usedNames.has(name) || this.hoistedSet.has(name) || this.scope.hasBinding(name) || this.scope.hasGlobal(name)) name = base + ++n;
    this.nextSuffix.set(base, n + 1);
    this.usedNames.add(name);
    this.hoist(name);
    return this.t.identifier(name);
  }

  emit(statement: BT.Statement): void {
    this.emitter.emit(statement);
  }

  emitExpression(expression: BT.Expression): void {
    this.emit(this.t.expressionStatement(expression));
  }

  /** `target = value;` and returns target */
  emitAssign(target: BT.Identifier, value: BT.Expression): BT.Identifier {
    this.emitExpression(this.t.assignmentExpression('=', target, value));
    return this.t.cloneNode(target);
  }

  newLabel(debugName: string): Label {
    return this.emitter.newLabel(debugName);
  }

  mark(label: Label): void {
    this.emitter.mark(label);
  }

  /** `state.<member>(...args)`; in explain mode `fact` (the numbers it carries) becomes its comment. */
  runtimeCall(member: string, args: BT.Expression[], fact?: CallFact): BT.CallExpression {
    const call = this.t.callExpression(this.stateMember(member), args);
    if (fact && this.explainer) this.explainer.record(call, fact);
    return call;
  }

  /** A runtime region (try, iteration, pattern) opens at the current depth (explain mode names it). */
  openRegion(region: OpenRegion): void {
    this.explainer?.openRegion(this.regionDepth, region);
  }

  private gotoCall(label: Label, targetDepth: number): BT.CallExpression {
    const leave = this.regionDepth - targetDepth;
    const args: BT.Expression[] = [this.emitter.ref(label)];
    if (leave > 0) args.push(this.t.numericLiteral(leave));
    const leaving = this.explainer ? this.explainer.regionsBetween(targetDepth, this.regionDepth) : [];
    return this.runtimeCall('goto', args, { member: 'goto', target: label, leaving });
  }

  /** `return state.<method>(...args);` */
  private emitTransfer(method: string, args: BT.Expression[], source?: BT.Node | null, fact?: CallFact): BT.ReturnStatement {
    const call = this.runtimeCall(method, args, fact);
    const statement = this.t.returnStatement(call);
    if (source?.loc) statement.loc = source.loc;
    this.emit(statement);
    return statement;
  }

  /** Jump to `label`, leaving the regions entered since `targetDepth`. */
  emitGoto(label: Label, targetDepth: number, source?: BT.Node | null): void {
    const statement = this.t.returnStatement(this.gotoCall(label, targetDepth));
    if (source?.loc) statement.loc = source.loc;
    this.emit(statement);
  }

  /** A `goto` statement to use inside code kept intact (not emitted at case level). */
  gotoStatement(label: Label, targetDepth: number): BT.ReturnStatement {
    return this.t.returnStatement(this.gotoCall(label, targetDepth));
  }

  returnStatement(argument: BT.Expression | null): BT.ReturnStatement {
    const fact: CallFact | undefined = this.explainer
      ? { member: 'return', hasValue: argument !== null, generator: this.functionPath.node.generator === true, pendingFinally: this.explainer.pendingFinally(this.regionDepth) }
      : undefined;
    return this.t.returnStatement(this.runtimeCall('return', argument ? [argument] : [], fact));
  }

  /**
   * Suspends on `value` and resumes in a new case; returns the expression that reads the
   * awaited value there (`state.sent`, valid until the next await).
   */
  emitAwait(value: BT.Expression, source: BT.Node): BT.Expression {
    return this.emitSuspension('await', value, source);
  }

  /** `return state.<await|yield|delegate>(value, resume); case resume:` */
  emitSuspension(method: 'await' | 'awaitCall' | 'yield' | 'delegate', value: BT.Expression, source: BT.Node): BT.Expression {
    const resume = this.newLabel('resume');
    this.awaitCount++;
    this.emitTransfer(method, [value, this.emitter.ref(resume)], source,
      { member: method, ordinal: this.awaitCount, line: source.loc?.start.line ?? null, resume });
    this.mark(resume);
    return this.stateMember('sent');
  }

  /** Adds the explain comments once case numbers are known (`statements`: the step function's body). */
  finishExplainNotes(statements: BT.Statement[]): void {
    this.explainer?.annotate(statements);
  }

  /** Is the value of `node` sure to be the same if read after an await instead of now? */
  isStable(node: BT.Expression | BT.PrivateName, path?: NodePath | null): boolean {
    switch (node.type) {
      case 'NumericLiteral':
      case 'StringLiteral':
      case 'BooleanLiteral':
      case 'NullLiteral':
      case 'BigIntLiteral':
      case 'RegExpLiteral':
      case 'ThisExpression':
      case 'PrivateName':
        return node.type !== 'RegExpLiteral';
      case 'TemplateLiteral':
        return node.expressions.length === 0;
      case 'Identifier': {
        if (node.name === 'undefined' || node.name === 'NaN' || node.name === 'Infinity') return !this.scope.hasBinding(node.name);
        if (node.name === 'arguments' || /^_arguments\d*$/.test(node.name)) return true;
        const binding = (path ?? this.functionPath).scope.getBinding(node.name);
        // a free name is stable only if it is a standard global: any other may not exist (its read
        // throws a ReferenceError before the await, natively) or be replaced while suspended
        if (!binding) return STANDARD_GLOBALS.has(node.name) && !this.assignedGlobals.has(node.name);
        if (!binding.constant || changesThroughArguments(binding, this.argumentsWriters)) return false;
        // a let/const/class read before its declaration may still be in its TDZ: not stable
        if (binding.kind === 'let' || binding.kind === 'const' || binding.path.isClassDeclaration()) {
          let start: number | null | undefined = node.start;
          for (let p: NodePath | null = path ?? null; start == null && p; p = p.parentPath) start = p.node.start;
          const declarationEnd = binding.path.node.end;
          return start != null && declarationEnd != null && declarationEnd <= start;
        }
        return true;
      }
      default:
        return false;
    }
  }

  /** Keeps `value` for later when more operands that suspend follow it. */
  save(value: BT.Expression, laterAwaits: boolean, hint = 'temp', path?: NodePath | null): BT.Expression {
    if (!laterAwaits || this.isStable(value, path)) return value;
    return this.emitAssign(this.temp(hint), value);
  }
}
