/*
 * parameterScope: keeps the parameter scope of an async function whose non-simple parameter
 * list is moved into case 0 of its machine. Natively each parameter is in its temporal dead
 * zone until its own initialiser has run (`async function f(x = y, y) {}` rejects with a
 * ReferenceError), and closures created in the parameter list see the parameters, never the
 * body's `var`s. Here, a read (or write) of a parameter that stands before the end of that
 * parameter's initialisation goes through `state.check` / `state.checkWrite`, the checked
 * parameters start as `state.uninitialized`, and a body `var` (or function) that a closure in
 * the parameter list would otherwise capture gets a name of its own.
 * Must never: check a reference that runs after the parameter is initialised, or rename a
 * binding that no parameter-list closure can see.
 */
import type * as BT from '@babel/types';
import type { NodePath, Binding } from '@babel/traverse';
import type { Types } from './emitter';

/** Where a node stands in the source (nearest ancestor with a position, for new code). */
function sourcePosition(path: NodePath): number {
  for (let p: NodePath | null = path; p; p = p.parentPath) if (p.node.start != null) return p.node.start;
  return Infinity;
}

/** The point after which a parameter binding is initialised: the end of its target and default. */
function initialisationEnd(binding: Binding): number {
  let node: NodePath = binding.path;
  // binding.path of a param is the whole parameter; find the identifier inside it
  let identifier: NodePath | null = null;
  node.traverse({
    Identifier(p) {
      if (p.node === binding.identifier) {
        identifier = p;
        p.stop();
      }
    },
  });
  if (binding.path.node === binding.identifier) identifier = binding.path;
  if (!identifier) return binding.path.node.end ?? Infinity;
  node = identifier;
  while (node.parentPath && node.parentPath.isAssignmentPattern() && node.key === 'left') node = node.parentPath;
  if (node.parentPath && node.parentPath.isRestElement()) node = node.parentPath;
  return node.node.end ?? Infinity;
}

function parameterOf(fnPath: NodePath<BT.Function>, path: NodePath): NodePath | null {
  return path.findParent((p) => p.listKey === 'params' && p.parentPath === fnPath);
}

function isWriteTarget(ref: NodePath): boolean {
  const parent = ref.parentPath;
  if (!parent) return false;
  return (parent.isAssignmentExpression() && ref.key === 'left') || parent.isUpdateExpression();
}

/**
 * Guards the reads and writes of parameters that can run in their dead zone. Returns the
 * names that must start as `state.uninitialized` (before the first parameter is initialised).
 */
export function guardParameterDeadZones(t: Types, fnPath: NodePath<BT.Function>, stateName: string): string[] {
  const uninitialised: string[] = [];
  const seen = new Set<string>();
  const check = (name: string, method: string, extra: BT.Expression[]): BT.CallExpression => t.callExpression(
    t.memberExpression(t.identifier(stateName), t.identifier(method)), [t.identifier(name), t.stringLiteral(name), ...extra]);
  fnPath.get('params').forEach((param) => {
    for (const name of Object.keys(param.getBindingIdentifiers())) {
      const binding = fnPath.scope.getOwnBinding(name);
      if (!binding || binding.kind !== 'param' || seen.has(name)) continue;
      seen.add(name);
      const end = initialisationEnd(binding);
      const isEarly = (ref: NodePath) => ref.node !== binding.identifier && parameterOf(fnPath, ref) !== null && sourcePosition(ref) < end;
      const reads = binding.referencePaths.filter((ref) => isEarly(ref) && !isWriteTarget(ref));
      const writes = binding.constantViolations.filter((write) => write !== binding.path && isEarly(write));
      if (reads.length === 0 && writes.length === 0) continue;
      for (const ref of reads) ref.replaceWith(check(name, 'check', []));
      for (const write of writes) {
        if (write.isAssignmentExpression() && write.node.left.type === 'Identifier' && write.node.operator === '=') {
          write.node.right = check(name, 'checkWrite', [write.node.right]);
        } else if (write.isAssignmentExpression() && write.node.left.type === 'Identifier') {
          // a compound assignment reads the binding first: that read throws
          const operator = write.node.operator;
          if (operator === '&&=' || operator === '||=' || operator === '??=') {
            write.replaceWith(t.logicalExpression(operator.slice(0, -1) as '&&' | '||' | '??', check(name, 'check', []), t.assignmentExpression('=', t.identifier(name), write.node.right)));
          } else {
            write.node.right = t.binaryExpression(operator.slice(0, -1) as BT.BinaryExpression['operator'], check(name, 'check', []), write.node.right);
            write.node.operator = '=';
          }
        } else if (write.isUpdateExpression()) {
          write.replaceWith(t.sequenceExpression([check(name, 'check', []), write.node]));
        } else {
          throw write.buildCodeFrameError(`babel-plugin-async-state-machine: this destructuring assignment to the parameter "${name}" inside the parameter list runs before "${name}" is initialised; it cannot be rewritten faithfully. Assign it in the function body instead.`);
        }
      }
      uninitialised.push(name);
    }
  });
  return uninitialised;
}

/**
 * A body `var` or function declaration is a different binding from anything a closure in the
 * parameter list sees (the body has its own variable environment when the parameter list is
 * not simple). Once both are variables of the same outer function they would be one, so the
 * body's binding is renamed where a parameter-list closure refers to its name. A body `var`
 * that redeclares a parameter starts with the parameter's value: the returned pairs
 * [renamed, parameter] say which copies the caller must emit after the parameters.
 */
export function separateBodyVariables(fnPath: NodePath<BT.Function>, originalNames: Map<string, string>): [string, string][] {
  const copies: [string, string][] = [];
  const scope = fnPath.scope;
  // names a closure in the parameter list refers to
  const closureNames = new Set<string>();
  fnPath.get('params').forEach((param) => {
    param.traverse({
      ReferencedIdentifier(p) {
        if (p.getFunctionParent() !== fnPath) closureNames.add((p.node as BT.Identifier).name);
      },
      AssignmentExpression(p) {
        if (p.getFunctionParent() !== fnPath) for (const name of Object.keys(p.getBindingIdentifiers())) closureNames.add(name);
      },
    });
  });
  if (closureNames.size === 0) return copies;
  const body = fnPath.get('body') as NodePath;
  for (const name of closureNames) {
    if (name === 'arguments') continue;
    const binding = scope.getOwnBinding(name);
    if (!binding) continue;
    const inBody = (p: NodePath) => p.isDescendant(body);
    let declaredInBody = false;
    if (binding.kind === 'var' || binding.kind === 'hoisted') declaredInBody = inBody(binding.path);
    // a `var` redeclaring a parameter: Babel keeps one binding; look for the declarator
    const declarators: NodePath<BT.Identifier>[] = [];
    let declaresFunction = false;
    body.traverse({
      Function(p) {
        if (p.isFunctionDeclaration() && p.node.id?.name === name && p.parentPath === body) {
          declarators.push(p.get('id') as NodePath<BT.Identifier>);
          declaresFunction = true;
        }
        p.skip();
      },
      VariableDeclaration(p) {
        if (p.node.kind !== 'var') return;
        for (const d of p.get('declarations')) {
          const ids = d.get('id').getBindingIdentifierPaths();
          if (ids[name]) declarators.push(ids[name] as NodePath<BT.Identifier>);
        }
      },
    });
    if (binding.kind === 'param' && declarators.length === 0) continue;
    if (binding.kind !== 'param' && !declaredInBody) continue;
    const newName = scope.generateUid(name);
    originalNames.set(newName, name);
    const rename = (p: NodePath) => {
      if (p.isIdentifier() && p.node.name === name) p.node.name = newName;
    };
    // every use of `name` in the body that resolves to this function's binding
    body.traverse({
      Identifier(p) {
        if (p.node.name !== name) return;
        if (p.scope.getBinding(name) !== binding) return;
        if (!(p.isReferencedIdentifier() || (p as NodePath).isBindingIdentifier() || isAssignedIdentifier(p))) return;
        rename(p);
      },
    });
    // (a function declaration initialises the body's binding itself)
    if (binding.kind === 'param' && !declaresFunction) copies.push([newName, name]);
  }
  if (copies.length || closureNames.size) scope.crawl();
  return copies;
}

function isAssignedIdentifier(p: NodePath<BT.Identifier>): boolean {
  const parent = p.parentPath;
  return !!parent && ((parent.isAssignmentExpression() && p.key === 'left') || parent.isUpdateExpression()
    || parent.isArrayPattern() || (parent.isObjectProperty() && p.key === 'value') || (parent.isAssignmentPattern() && p.key === 'left')
    || parent.isRestElement() || ((parent.isForInStatement() || parent.isForOfStatement()) && p.key === 'left'));
}
