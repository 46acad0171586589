/*
 * ownCode: one plain walk of the nodes of a function about to be lowered, answering what the
 * lowering's path traversals would look for: `this`/`new.target`/`arguments` (arrows included),
 * block-scoped declarations and `using` (arrows excluded), nested async functions. A step whose
 * answer is "none" skips its traversal; a path traversal costs far more than a node walk, and
 * entering a nested function the lowering moved makes Babel build and crawl a fresh scope for it.
 * Must never: answer "none" where the traversal it stands for could find something (every
 * answer is a superset: when in doubt it says "maybe"), or change the AST.
 */
import type * as BT from '@babel/types';
import type { Types } from './emitter';

export interface OwnCodeFacts {
  /** a `this` in the function's code or in arrows nested in it (also in nested functions' keys and parameters) */
  thisExpression: boolean;
  /** a `new.target` there */
  newTarget: boolean;
  /** an identifier named `arguments` there */
  argumentsName: boolean;
  /** a let/const/using declaration, class, catch clause or block-level function outside nested function bodies */
  lexical: boolean;
  /** a `using` or `await using` declaration outside nested function bodies */
  using: boolean;
  /** an async function nested anywhere inside (at any depth) */
  nestedAsync: boolean;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

/** Walks `fn`'s parameters and body (not the bodies of nested non-arrow functions, except to find async ones). */
export function scanOwnCode(t: Types, fn: BT.Function): OwnCodeFacts {
  const facts: OwnCodeFacts = { thisExpression: false, newTarget: false, argumentsName: false, lexical: false, using: false, nestedAsync: false };
  // depth: 0 = the function's own code; 1 = inside a nested arrow (shares `this`, has its own block scopes);
  // 2 = inside the body of a nested non-arrow function (only nested async functions are looked for)
  const stack: Array<{ node: BT.Node; depth: 0 | 1 | 2; parent: BT.Node | null }> = [];
  const push = (node: BT.Node, depth: 0 | 1 | 2) => {
    for (const key of t.VISITOR_KEYS[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof (item as BT.Node).type === 'string') stack.push({ node: item as BT.Node, depth, parent: node });
      } else if (child && typeof (child as BT.Node).type === 'string') {
        // a nested non-arrow function's body is its own code; its key and parameters stay at this depth (a superset)
        const childDepth = key === 'body' && FUNCTION_TYPES.has(node.type) ? (node.type === 'ArrowFunctionExpression' ? (depth === 2 ? 2 : 1) : 2) : depth;
        stack.push({ node: child as BT.Node, depth: childDepth, parent: node });
      }
    }
  };
  for (const param of fn.params) stack.push({ node: param, depth: 0, parent: fn });
  stack.push({ node: fn.body, depth: 0, parent: fn });
  while (stack.length > 0) {
    const { node, depth, parent } = stack.pop()!;
    const type = node.type;
    if (FUNCTION_TYPES.has(type)) {
      // (a function declared in a block is block-scoped in strict code)
      if (depth === 0 && type === 'FunctionDeclaration' && parent !== fn.body) facts.lexical = true;
      const inner = lowered.get(node);
      if (inner) {
        // lowered already (inner functions first): what its code held is known, and its code
        // is not walked again (n nested async arrows would make n walks of the innermost one)
        if (depth < 2 && type === 'ArrowFunctionExpression') {
          facts.thisExpression ||= inner.thisExpression;
          facts.newTarget ||= inner.newTarget;
          facts.argumentsName ||= inner.argumentsName;
        }
        facts.nestedAsync ||= inner.nestedAsync;
        continue;
      }
      if ((node as BT.Function).async) facts.nestedAsync = true;
    }
    if (depth < 2) {
      if (type === 'ThisExpression') facts.thisExpression = true;
      else if (type === 'MetaProperty' && (node as BT.MetaProperty).meta.name === 'new') facts.newTarget = true;
      else if (type === 'Identifier' && (node as BT.Identifier).name === 'arguments') facts.argumentsName = true;
    }
    if (depth === 0) {
      if (type === 'VariableDeclaration') {
        const kind = (node as BT.VariableDeclaration).kind as string;
        if (kind !== 'var') facts.lexical = true;
        if (kind === 'using' || kind === 'await using') facts.using = true;
      } else if (type === 'ClassDeclaration' || type === 'ClassExpression' || type === 'CatchClause') facts.lexical = true;
    }
    push(node, depth);
  }
  return facts;
}

/** Functions lowered in this process, with what their code held before (a superset of what it holds now). */
const lowered = new WeakMap<BT.Node, OwnCodeFacts>();

/** `fn` is lowered: later walks of the code around it use `facts` instead of walking it. */
export function noteLowered(fn: BT.Function, facts: OwnCodeFacts): void {
  lowered.set(fn, facts);
}

/** The facts of a function, by its body node: found once, read by every step of its lowering. */
const memo = new WeakMap<BT.Node, OwnCodeFacts>();

/** `scanOwnCode`, memoised by the function's body (the body node survives a change of the function's shape). */
export function ownCodeFacts(t: Types, fn: BT.Function): OwnCodeFacts {
  let facts = memo.get(fn.body);
  if (!facts) memo.set(fn.body, (facts = scanOwnCode(t, fn)));
  return facts;
}

/** Forgets what was found about `fn` (its code is about to change: nested functions are lowered first). */
export function forgetOwnCodeFacts(fn: BT.Function): void {
  memo.delete(fn.body);
}
