/*
 * blockFunctions: keeps an async function declared in a block of sloppy code inside that block.
 * Natively only plain function declarations get the web-compat (Annex B) copy into the enclosing
 * function's scope; `async function f() {}` in a block does not leak, while the plain function the
 * rewrite turns it into would. So, in sloppy code, such a declaration becomes
 * `let f = async function () {...}` at the top of its block (initialised on block entry, as the
 * declaration was; the name "f" is inferred), before anything is lowered.
 * Must never: touch declarations at the top of a function or program, or strict code (where block
 * functions are block-scoped already).
 */
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';
import type { Types } from './emitter';

function isBlockLevel(path: NodePath<BT.FunctionDeclaration>): boolean {
  const parent = path.parentPath;
  if (!parent) return false;
  if (parent.isSwitchCase()) return true;
  return parent.isBlockStatement() && !(parent.parentPath?.isFunction() ?? false);
}

function asLetDeclaration(t: Types, node: BT.FunctionDeclaration): BT.VariableDeclaration {
  const expression = t.functionExpression(null, node.params, node.body, node.generator, true);
  expression.loc = node.loc;
  const declaration = t.variableDeclaration('let', [t.variableDeclarator(t.identifier(node.id!.name), expression)]);
  declaration.loc = node.loc;
  return declaration;
}

function mentions(node: BT.Node, names: Set<string>, t: Types): boolean {
  let found = false;
  t.traverseFast(node, (inner) => {
    if (inner.type === 'Identifier' && names.has(inner.name)) found = true;
  });
  return found;
}

/** The block-level async declarations of sloppy code, by the block (or switch) that holds them. */
export type BlockFunctions = Map<NodePath, NodePath<BT.FunctionDeclaration>[]>;

/**
 * One function declaration met by the plugin's preparing traversal of the program (src/index.ts):
 * into `found` when it is an async declaration this module rewrites.
 */
export function noteBlockFunction(path: NodePath<BT.FunctionDeclaration>, found: BlockFunctions): void {
  if (!path.node.async || !path.node.id || !isBlockLevel(path) || path.isInStrictMode()) return;
  // a switch's cases share one block: the switch statement stands for it
  const container = path.parentPath.isSwitchCase() ? path.parentPath.parentPath! : path.parentPath;
  const list = found.get(container) ?? [];
  list.push(path);
  found.set(container, list);
}

/**
 * Rewrites the declarations `noteBlockFunction` found; returns whether it changed anything.
 * `argumentsWriters` (src/analysis/mappedArguments.ts, gathered in the same traversal) names
 * functions by node: each rewritten function's new node takes its declaration's place there.
 */
export function keepAsyncBlockFunctionsInTheirBlock(program: NodePath<BT.Program>, t: Types, byContainer: BlockFunctions, argumentsWriters: WeakSet<BT.Node>): boolean {
  if (byContainer.size === 0) return false;
  for (const [container, declarations] of byContainer) {
    const lets = declarations.map((path) => {
      const declaration = asLetDeclaration(t, path.node);
      if (argumentsWriters.has(path.node)) argumentsWriters.add((declaration.declarations[0].init as BT.Node));
      return declaration;
    });
    const names = new Set(declarations.map((path) => path.node.id!.name));
    for (const path of declarations) path.remove();
    if (container.isBlockStatement()) {
      container.node.body.unshift(...lets);
      continue;
    }
    // switch (d) { case 1: async function f() {} } → { let f = ...; switch (d) { case 1: } }
    const switchNode = container.node as BT.SwitchStatement;
    const prefix: BT.Statement[] = [];
    if (mentions(switchNode.discriminant, names, t)) {
      // the discriminant is evaluated outside the switch's block: it must not see the new bindings
      const temp = container.scope.generateUidIdentifier('discriminant');
      prefix.push(t.variableDeclaration('const', [t.variableDeclarator(temp, switchNode.discriminant)]));
      switchNode.discriminant = t.identifier(temp.name);
    }
    container.replaceWith(t.blockStatement([...prefix, ...lets, switchNode]));
  }
  program.scope.crawl();
  return true;
}
