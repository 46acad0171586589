/*
 * entrySegment: decides whether the entry segment of a machine (case 0, which every call runs
 * once, synchronously) can run in the user's function itself rather than in the step function,
 * and builds that code: `var state = asyncMachine.start(step); try { ...case 0... } catch (e) {
 * return state.fail(e); }`. Every exit of the segment is a `return state.await/awaitCall/goto/
 * return(...)`, which the runtime carries out at once (returning the promise); a segment that
 * falls through ends with `return state.goto(1)` (or `state.return()` when it is the only case).
 * So a call that recurses before its first await has one frame per level, as native code does,
 * instead of the user's function, the runtime's and the step's.
 * Must never: move a segment whose meaning could change outside the step: a jump target (case 0
 * re-entered), an exit inside a `try` or a `for...of` of the segment (its finally/catch, or the
 * iterator's return, would run after the
 * machine ran on; so for a block with a `using` declaration), a `break`/`continue` that leaves
 * the segment, or a declaration whose scope is the step's (top-level let/const/class/function,
 * or a block function in sloppy code).
 */
import type * as BT from '@babel/types';
import type { Types } from './emitter';

const TRANSFERS = new Set(['await', 'awaitCall', 'goto', 'return']);
const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod', 'ClassProperty', 'ClassPrivateProperty', 'StaticBlock', 'ClassAccessorProperty']);
const LOOP_TYPES = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

/** Is `node` `state.<transfer>(...)`? */
function isTransfer(node: BT.Node | null | undefined, stateName: string): boolean {
  return !!node && node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed
    && node.callee.object.type === 'Identifier' && node.callee.object.name === stateName
    && node.callee.property.type === 'Identifier' && TRANSFERS.has(node.callee.property.name);
}

/** Can `statements` (case 0) run in the user's function? (see the header) */
export function isMovableEntry(t: Types, statements: BT.Statement[], stateName: string, strict: boolean): boolean {
  for (const statement of statements) {
    if (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') return false;
    if (statement.type === 'VariableDeclaration' && statement.kind !== 'var') return false;
  }
  let movable = true;
  const labels: string[] = [];
  // inTry: inside a try statement of the segment; loops/switches: unlabeled break/continue targets
  const visit = (node: BT.Node, inTry: boolean, loops: number, switches: number): void => {
    if (!movable) return;
    if (FUNCTION_TYPES.has(node.type)) {
      // (one at the segment's top level was refused above: this one is in a block)
      if (node.type === 'FunctionDeclaration' && !strict) movable = false;
      // (a nested function's computed key or a class member's key is still the segment's code)
      if ((node as { computed?: boolean }).computed) visit((node as unknown as { key: BT.Node }).key, inTry, loops, switches);
      return;
    }
    switch (node.type) {
      case 'ReturnStatement':
        if (inTry || !isTransfer(node.argument, stateName)) movable = false;
        break;
      case 'BreakStatement':
        if (node.label ? !labels.includes(node.label.name) : loops + switches === 0) movable = false;
        return;
      case 'ContinueStatement':
        if (node.label ? !labels.includes(node.label.name) : loops === 0) movable = false;
        return;
      case 'LabeledStatement':
        labels.push(node.label.name);
        visit(node.body, inTry, loops, switches);
        labels.pop();
        return;
      case 'YieldExpression':
        movable = false;
        return;
      case 'VariableDeclaration':
        // a `using` block disposes when it is left: after the machine ran on, if an exit is in it
        if (node.kind !== 'var' && node.kind !== 'let' && node.kind !== 'const') movable = false;
        break;
      default:
        break;
    }
    const isLoop = LOOP_TYPES.has(node.type);
    const isSwitch = node.type === 'SwitchStatement';
    // (a for-of closes its iterator when an exit leaves it: like a finally, after the machine
    // ran on, if the exit carried on at once)
    const isTry = node.type === 'TryStatement' || node.type === 'ForOfStatement';
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(child) ? child : [child];
      for (const item of children) {
        if (item && typeof (item as BT.Node).type === 'string') {
          visit(item as BT.Node, inTry || isTry, loops + (isLoop ? 1 : 0), switches + (isSwitch ? 1 : 0));
        }
      }
    }
  };
  for (const statement of statements) visit(statement, false, 0, 0);
  return movable;
}

/**
 * The user's function's statements that start the machine and run case 0 (`statements`) in
 * place. `nextCase`: the case a fall-through reaches, or null when case 0 is the only one.
 */
export function entryStatements(
  t: Types,
  statements: BT.Statement[],
  state: () => BT.Identifier,
  startCall: BT.Expression,
  nextCase: number | null,
  // the catch parameter: any name but the state's (the catch block reads nothing else)
  errorName: string,
  // the explain mode: the exit added here gets its sentence too (the words of src/lowering/explain.ts)
  explain: boolean,
): BT.Statement[] {
  const body = statements.slice();
  const last = body[body.length - 1];
  if (!last || (last.type !== 'ReturnStatement' && last.type !== 'ThrowStatement')) {
    const member = (name: string) => t.memberExpression(state(), t.identifier(name));
    const exit = t.returnStatement(nextCase === null
      ? t.callExpression(member('return'), [])
      : t.callExpression(member('goto'), [t.numericLiteral(nextCase)]));
    if (explain) t.addComment(exit, 'leading', nextCase === null ? ' complete with undefined' : ` go to case ${nextCase}`, true);
    body.push(exit);
  }
  const fail = t.returnStatement(t.callExpression(t.memberExpression(state(), t.identifier('fail')), [t.identifier(errorName)]));
  return [
    t.variableDeclaration('var', [t.variableDeclarator(state(), startCall)]),
    t.tryStatement(t.blockStatement(body), t.catchClause(t.identifier(errorName), t.blockStatement([fail]))),
  ];
}
