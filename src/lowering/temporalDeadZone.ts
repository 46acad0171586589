/*
 * temporalDeadZone: keeps the ReferenceError of reading a `let`/`const`/`class` binding before
 * its declaration has run, for the bindings that lowering turns into variables of the outer
 * function. Only references that stand before the declaration in the source (possibly inside
 * a closure) can run too early; each of those reads through `state.check(x, "x")`, and the
 * binding starts every entry of its block as `state.uninitialized`.
 * Must never: add a check to a reference that runs after the declaration.
 */
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';
import type { Types } from './emitter';
import type { AwaitAnalysis } from '../analysis/awaitAnalysis';

/**
 * Where a reference stands in the source: its own start, or that of the nearest ancestor
 * that has one (code of a nested async function lowered earlier is new, without positions).
 */
function sourcePosition(path: NodePath): number {
  for (let p: NodePath | null = path; p; p = p.parentPath) if (p.node.start != null) return p.node.start;
  return Infinity;
}

function isWriteTarget(ref: NodePath): boolean {
  for (let p: NodePath = ref; p.parentPath; p = p.parentPath) {
    const parent = p.parentPath;
    if (parent.isUpdateExpression()) return true;
    if (parent.isAssignmentExpression() && p.key === 'left') return true;
    if ((parent.isForInStatement() || parent.isForOfStatement()) && p.key === 'left') return true;
    if (parent.isArrayPattern() || parent.isObjectPattern() || parent.isRestElement() || (parent.isAssignmentPattern() && p.key === 'left')) continue;
    if (parent.isObjectProperty() && p.key === 'value' && parent.parentPath?.isObjectPattern()) continue;
    return false;
  }
  return false;
}

function isTdzInitialisation(node: BT.Node): boolean {
  if (tdzInitialisations.has(node)) return true;
  if (node.type !== 'AssignmentExpression') return false;
  const right = node.right;
  if (right.type === 'MemberExpression' && right.property.type === 'Identifier' && right.property.name === 'uninitialized') return true;
  return isTdzInitialisation(right);
}

/** The `x = state.uninitialized` statements this module adds (not user assignments). */
const tdzInitialisations = new WeakSet<BT.Node>();
/** Those put right before a switch (the per-iteration cells go before them; so do the
 * functions declared in its cases, which perIterationBindings puts there). */
export const switchEntryStatements = new WeakSet<BT.Node>();

/**
 * A switch that suspends and declares let/const/class in its cases has its bindings' entry
 * statements (the dead-zone start here, the per-iteration cells) put right before it, which
 * needs a statement list around it: one that stands alone (`L: switch`, `if (c) switch`) is
 * put in a block first. Returns true when it changed anything (the caller crawls and collects
 * the scopables again).
 */
export function giveSuspendingSwitchesAList(t: Types, scopables: NodePath[], analysis: AwaitAnalysis): boolean {
  let changed = false;
  for (const p of scopables) {
    if (!p.isSwitchStatement() || Array.isArray(p.container) || !analysis.containsAwait(p.node)) continue;
    if (!Object.values(p.scope.bindings).some((binding) => binding.kind === 'let' || binding.kind === 'const')) continue;
    p.replaceWith(t.blockStatement([p.node]));
    changed = true;
  }
  return changed;
}

/**
 * The switch a let/const/class declaration of a case belongs to (its bindings are the case
 * block's: one environment for all the cases, made when the switch is entered), else null.
 */
function switchOfCaseDeclaration(declaration: NodePath): NodePath<BT.SwitchStatement> | null {
  const holder = declaration.parentPath;
  return holder?.isSwitchCase() && holder.parentPath?.isSwitchStatement() ? holder.parentPath : null;
}

/**
 * The scopable paths of the function's own code (blocks, loops, catch clauses, ...; not nested
 * functions nor what is inside them), in traversal order: one traversal read by the dead-zone
 * guard, the const guard and the per-iteration cells (src/lowering/perIterationBindings.ts),
 * which need the same list. Their edits add no scopable node to the function's own code.
 */
export function ownScopables(fnPath: NodePath<BT.Function>): NodePath[] {
  const paths: NodePath[] = [];
  fnPath.traverse({
    Function(p) {
      p.skip();
    },
    Scopable(p) {
      if (!p.isFunction()) paths.push(p);
    },
  });
  return paths;
}

export function guardTemporalDeadZones(
  t: Types,
  fnPath: NodePath<BT.Function>,
  analysis: AwaitAnalysis,
  stateName: string,
  originalNames: Map<string, string>,
  scopables: NodePath[] = ownScopables(fnPath),
): boolean {
  const functionBody = fnPath.get('body') as NodePath;
  const inits: Map<NodePath, string[]> = new Map();
  for (const blockPath of scopables) {
    {
      const p = blockPath;
      // the function body is always lowered; a nested block or a switch when it suspends
      const isSwitch = blockPath.isSwitchStatement();
      if (!(blockPath.isBlockStatement() || isSwitch) || (blockPath !== functionBody && !analysis.containsAwait(blockPath.node))) continue;
      for (const name of Object.keys(p.scope.bindings)) {
        const binding = p.scope.bindings[name];
        if (binding.kind !== 'let' && binding.kind !== 'const') continue;
        const declaration = binding.path.isVariableDeclarator() ? binding.path.parentPath : binding.path;
        if (!declaration || (isSwitch ? switchOfCaseDeclaration(declaration) !== blockPath : declaration.parentPath !== blockPath)) continue;
        const end = declaration.node.end ?? 0;
        // a reference inside the initialiser runs in the dead zone too; the binding's own
        // name (and a class body, which sees the class) does not. In a switch, a reference in
        // another case, even one written after the declaration, runs early when the switch
        // jumps to that case without passing the declaration.
        const isClass = !binding.path.isVariableDeclarator();
        const declaringCase = isSwitch ? declaration.parentPath : null;
        const isEarly = (ref: NodePath) => (sourcePosition(ref) < end || (declaringCase !== null && !ref.isDescendant(declaringCase))) && ref.node !== binding.identifier
          && !(isClass && ref.isDescendant(declaration as NodePath));
        // (a reference that is also a write target — `x++`, `x += 1`, a pattern — is handled
        // with the writes below: a call is not an assignable target)
        const early = binding.referencePaths.filter((ref) => isEarly(ref) && !isWriteTarget(ref));
        const earlyWrites = binding.constantViolations.filter((v) => v !== binding.path && isEarly(v));
        if (early.length === 0 && earlyWrites.length === 0) continue;
        const shownName = originalNames.get(name) ?? name;
        const check = () => t.callExpression(t.memberExpression(t.identifier(stateName), t.identifier('check')), [t.identifier(name), t.stringLiteral(shownName)]);
        for (const ref of early) ref.replaceWith(check());
        // an assignment before the declaration throws too, where native code throws
        for (const write of earlyWrites) {
          if (write.isAssignmentExpression() && write.node.left.type === 'Identifier') {
            const operator = write.node.operator;
            if (operator === '=') {
              // the right-hand side is evaluated first, then the assignment throws
              write.node.right = t.callExpression(t.memberExpression(t.identifier(stateName), t.identifier('checkWrite')), [t.identifier(name), t.stringLiteral(shownName), write.node.right]);
            } else if (operator === '&&=' || operator === '||=' || operator === '??=') {
              write.replaceWith(t.logicalExpression(operator.slice(0, -1) as '&&' | '||' | '??', check(), t.assignmentExpression('=', t.identifier(name), write.node.right)));
            } else {
              write.node.right = t.binaryExpression(operator.slice(0, -1) as BT.BinaryExpression['operator'], check(), write.node.right);
              write.node.operator = '=';
            }
          } else if (write.isUpdateExpression()) {
            write.replaceWith(t.sequenceExpression([check(), write.node]));
          } else if (write.isAssignmentExpression() || write.isForXStatement()) {
            // a destructuring target: the check happens when the value is put, after the
            // right-hand side and the iteration ran
            const target = write.get('left') as NodePath;
            const replace = (p: NodePath<BT.Identifier>) => {
              if (p.node.name !== name || p.scope.getBinding(name) !== binding) return;
              const param = p.scope.generateUidIdentifier('value');
              const writer = t.functionExpression(null, [param], t.blockStatement([
                t.expressionStatement(t.assignmentExpression('=', t.identifier(name), t.cloneNode(param))),
              ]));
              p.replaceWith(t.memberExpression(
                t.callExpression(t.memberExpression(t.identifier(stateName), t.identifier('writeTarget')), [t.identifier(name), t.stringLiteral(shownName), writer]),
                t.identifier('value'),
              ));
              p.skip();
            };
            if (target.isIdentifier()) replace(target);
            else target.traverse({ Identifier: replace });
          }
        }
        if (!inits.has(blockPath)) inits.set(blockPath, []);
        inits.get(blockPath)!.push(name);
      }
    }
  }
  for (const [blockPath, names] of inits) {
    const statement = t.expressionStatement(t.assignmentExpression('=', t.identifier(names[0]), t.memberExpression(t.identifier(stateName), t.identifier('uninitialized'))));
    tdzInitialisations.add(statement.expression);
    let expression: BT.Expression = statement.expression;
    for (const name of names.slice(1)) expression = t.assignmentExpression('=', t.identifier(name), expression);
    statement.expression = expression;
    // a switch's bindings start their dead zone when it is entered: right before it (its
    // discriminant cannot name them: lowering renamed them apart from every other name)
    if (blockPath.isSwitchStatement()) {
      switchEntryStatements.add(statement);
      blockPath.insertBefore(statement);
    } else (blockPath as NodePath<BT.BlockStatement>).unshiftContainer('body', statement);
  }
  return inits.size > 0;
}

/**
 * A `const` that lowering turns into a variable of the outer function keeps its
 * "Assignment to constant variable." TypeError: an assignment targets
 * `state.readOnly("x", x).value`, whose setter throws at the moment native code would.
 */
export function guardConstAssignments(t: Types, fnPath: NodePath<BT.Function>, analysis: AwaitAnalysis, stateName: string, originalNames: Map<string, string>, scopables: NodePath[] = ownScopables(fnPath)): void {
  const functionBody = fnPath.get('body') as NodePath;
  const readOnly = (name: string, withValue: boolean) => t.memberExpression(
    t.callExpression(t.memberExpression(t.identifier(stateName), t.identifier('readOnly')), withValue ? [t.stringLiteral(originalNames.get(name) ?? name), t.identifier(name)] : [t.stringLiteral(originalNames.get(name) ?? name)]),
    t.identifier('value'),
  );
  const writes: { path: NodePath; name: string; binding: unknown }[] = [];
  for (const p of scopables) {
    if (p !== functionBody && !analysis.containsAwait(p.node)) continue;
    for (const name of Object.keys(p.scope.bindings)) {
      const binding = p.scope.bindings[name];
      if (binding.kind !== 'const') continue;
      for (const violation of binding.constantViolations) {
        if (violation === binding.path || isTdzInitialisation(violation.node)) continue;
        writes.push({ path: violation, name, binding });
      }
    }
  }
  for (const { path, name, binding } of writes) {
    if (path.isUpdateExpression() && path.node.argument.type === 'Identifier') {
      path.node.argument = readOnly(name, true);
    } else if (path.isAssignmentExpression() && path.node.left.type === 'Identifier') {
      path.node.left = readOnly(name, path.node.operator !== '=');
    } else if (path.isAssignmentExpression() || path.isForXStatement()) {
      // a destructuring (or for-in/of) target: replace the identifier where it stands
      const target = path.get('left') as NodePath;
      const replace = (p: NodePath<BT.Identifier>) => {
        if (p.node.name === name && p.scope.getBinding(name) === binding) p.replaceWith(readOnly(name, false));
      };
      if (target.isIdentifier()) replace(target);
      else target.traverse({ Identifier: replace });
    }
  }
  if (writes.length) fnPath.scope.crawl();
}
