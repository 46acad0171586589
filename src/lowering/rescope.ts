/*
 * rescope: brings Babel's scope information up to date after one async function was lowered
 * (later plugins, block scoping and preset-env, must see the hoisted variables and the
 * references of the new code), crawling each piece of code once. Babel's crawl of a scope walks
 * everything inside it: crawling each lowered function in turn, inner ones first, walked the
 * innermost of n nested async functions n times. So the async functions inside it that were
 * lowered and crawled already (function and arrow expressions, the common nested kind) are
 * taken out of the tree while the enclosing function is crawled, and the references they hold to
 * the enclosing function's bindings are registered again afterwards, from a list kept for each.
 * Must never: leave a binding without a reference or reassignment a full crawl would give it, or
 * leave the tree changed (every node taken out is put back).
 */
import type * as BT from '@babel/types';
import type { Binding, NodePath, Scope } from '@babel/traverse';
import type { Types } from './emitter';

/** A crawled lowered function that the crawl of an enclosing one may skip: what it refers to outside itself. */
interface Crawled {
  /** identifiers in it whose binding is outside it (or none: globals) */
  references: NodePath[];
  /** assignments, updates, `delete`, for-in/of heads in it that write a name bound outside it */
  violations: NodePath[];
}

const crawled = new WeakMap<BT.Node, Crawled>();

const SKIPPABLE = new Set(['FunctionExpression', 'ArrowFunctionExpression']);
const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

/** The keys from `from` down to `target`, a few levels at most (null: not there). */
function keysTo(t: Types, from: BT.Node, target: BT.Node, depth: number): string[] | null {
  if (from === target) return [];
  if (depth === 0) return null;
  for (const key of t.VISITOR_KEYS[from.type] ?? []) {
    const child = (from as unknown as Record<string, unknown>)[key];
    const items = Array.isArray(child) ? child : [child];
    for (let index = 0; index < items.length; index++) {
      const item = items[index] as BT.Node | null;
      if (!item || typeof item.type !== 'string') continue;
      const rest = keysTo(t, item, target, depth - 1);
      if (rest) return [Array.isArray(child) ? `${key}.${index}` : key, ...rest];
    }
  }
  return null;
}

interface TakenOut {
  container: Record<string, unknown> | unknown[];
  key: string | number;
  node: BT.Node;
}

/** Takes the crawled lowered function expressions in `fn`'s code (not inside other functions) out of the tree. */
function takeOutCrawled(t: Types, fn: BT.Function): TakenOut[] {
  const taken: TakenOut[] = [];
  const stack: BT.Node[] = [...fn.params, fn.body];
  const visit = (container: Record<string, unknown> | unknown[], key: string | number, child: unknown): void => {
    if (!child || typeof (child as BT.Node).type !== 'string') return;
    const node = child as BT.Node;
    if (FUNCTION_TYPES.has(node.type)) {
      // (a placeholder any expression position accepts; the crawl sees nothing of the function)
      if (SKIPPABLE.has(node.type) && crawled.has(node)) {
        taken.push({ container, key, node });
        (container as Record<string | number, unknown>)[key] = t.nullLiteral();
        return;
      }
    }
    stack.push(node);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    // nested functions that are not skipped are crawled whole, as before
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (let index = 0; index < child.length; index++) visit(child, index, child[index]);
      } else {
        visit(node as unknown as Record<string, unknown>, key, child);
      }
    }
  }
  return taken;
}

/** The names a write assigns, as Babel's registerConstantViolation reads them (7.26+ and 8; older: binding identifiers). */
function assignedNames(path: NodePath): Record<string, unknown> {
  // (getAssignmentIdentifiers is newer than the @babel/traverse types this package builds with)
  const withAssignments = path as unknown as { getAssignmentIdentifiers?: () => Record<string, unknown> };
  return withAssignments.getAssignmentIdentifiers ? withAssignments.getAssignmentIdentifiers() : path.getBindingIdentifiers();
}

/**
 * After `fn` (the lowered function's node) was lowered and marked, with `path` the path it was
 * lowered at: crawls its scope where it now stands (whole, as Babel would, when `touchedInner`:
 * its lowering may have changed code inside the functions nested in it) (marking may have put it inside a call,
 * `asyncMachine.mark(() => ...)`: it then has a new path, whose new scope Babel crawls as it is
 * made). `enclosed`: an async function around it is lowered later in this batch, and will skip
 * it when it crawls: what it refers to outside itself is kept for then.
 */
export function rescopeLoweredFunction(t: Types, path: NodePath, fn: BT.Function, enclosed: boolean, touchedInner: boolean): void {
  // (the lowering may have changed code inside them: what was kept for them may be out of date)
  const taken = touchedInner ? [] : takeOutCrawled(t, fn);
  let fnPath: NodePath;
  try {
    if (path.node === fn) {
      fnPath = path;
      path.scope.crawl();
    } else {
      const keys = keysTo(t, path.node, fn, 6);
      if (!keys) {
        fnPath = path;
        path.scope.crawl();
      } else {
        // (getting the path makes its scope, crawled as it is made)
        fnPath = path.get(keys.join('.')) as NodePath;
        if (fnPath.scope.block !== fn || fnPath.scope.path !== fnPath) fnPath.scope.crawl();
      }
    }
  } finally {
    for (const { container, key, node } of taken) (container as Record<string | number, unknown>)[key] = node;
  }
  if (taken.length === 0 && !enclosed) return;
  // One walk of the code the crawl saw (the skipped functions are entered, not walked): the paths
  // of the skipped functions, and, for an enclosed function, what it refers to outside itself.
  const takenNodes = new Set(taken.map((entry) => entry.node));
  const skipped: NodePath[] = [];
  const own = new Set<Scope>([fnPath.scope]);
  const references: NodePath[] = [];
  const violations: NodePath[] = [];
  fnPath.traverse({
    Function(p) {
      if (takenNodes.has(p.node)) {
        skipped.push(p);
        p.skip();
      }
    },
    Scopable(p) {
      own.add(p.scope);
    },
    ReferencedIdentifier(p) {
      if (!enclosed) return;
      // (the names a crawl does not count as references)
      if (p.parentPath?.isTSQualifiedName() && (p.parent as BT.TSQualifiedName).right === p.node) return;
      if (p.parentPath?.isTSImportEqualsDeclaration()) return;
      references.push(p);
    },
    'AssignmentExpression|UpdateExpression|UnaryExpression|ForXStatement'(p: NodePath) {
      if (!enclosed) return;
      if (p.isUnaryExpression() && p.node.operator !== 'delete') return;
      if (p.isForXStatement()) {
        const left = p.get('left') as NodePath;
        if (!left.isPattern() && !left.isIdentifier()) return;
      }
      violations.push(p);
    },
  });
  // Kept for the enclosing function's crawl: what resolves between this function and the program
  // (a binding that crawl makes afresh). Not what resolves here, nor to a global or a binding of
  // the program: no crawl of a function resets those (and a global stays one: lowering declares
  // only names no code refers to).
  const program = fnPath.scope.getProgramParent();
  const keptReferences: NodePath[] = [];
  const keep = (reference: NodePath, binding: Binding | undefined): void => {
    if (enclosed && binding && binding.scope !== program && !own.has(binding.scope)) keptReferences.push(reference);
  };
  for (const reference of references) keep(reference, reference.scope.getBinding((reference.node as BT.Identifier).name));
  // what the skipped functions refer to, bound here or further out: registered again (the crawl
  // made the bindings here afresh)
  for (const inner of skipped) {
    const kept = crawled.get(inner.node)!;
    for (const reference of kept.references) {
      const binding = reference.scope.getBinding((reference.node as BT.Identifier).name);
      if (binding) binding.reference(reference);
      keep(reference, binding);
    }
    for (const violation of kept.violations) {
      violation.scope.registerConstantViolation(violation);
      violations.push(violation);
    }
  }
  if (!enclosed) return;
  crawled.set(fn, {
    references: keptReferences,
    violations: violations.filter((p) => Object.keys(assignedNames(p)).some((name) => {
      const binding = p.scope.getBinding(name);
      return !!binding && binding.scope !== program && !own.has(binding.scope);
    })),
  });
}
