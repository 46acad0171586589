/*
 * resourceManagement: explicit resource management (`using`, `await using`) inside an async
 * function. A `using` declaration in a block the rewrite keeps intact stays as written (the
 * engine disposes it at the block's end, as natively); every form whose disposal the rewrite
 * would have to reproduce is refused with a code frame: `await using` (its DisposeResources
 * awaits), and `using` in a block that is split into cases (its declaration would become a plain
 * assignment and never be disposed).
 * Must never: let a `using` or `await using` reach the output in a form that behaves differently.
 */
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';
import type { AwaitAnalysis } from '../analysis/awaitAnalysis';

const PREFIX = 'babel-plugin-async-state-machine: ';

function refuse(path: NodePath, message: string): never {
  throw path.buildCodeFrameError(PREFIX + message);
}

/**
 * The statement whose lowering decides the declaration's fate: the loop of a loop head, the
 * switch of a case, else the block that lists it (null: the function body, always split).
 */
function owner(declaration: NodePath<BT.VariableDeclaration>, fn: NodePath<BT.Function>): NodePath | null {
  const parent = declaration.parentPath;
  if (!parent || parent.node === fn.node.body) return null;
  if (parent.isSwitchCase()) return parent.parentPath;
  return parent;
}

/** Refuses the resource declarations of `fn` (not of nested functions) that cannot be kept. */
export function refuseUnkeptResourceDeclarations(fn: NodePath<BT.Function>, analysis: AwaitAnalysis, isGenerator: boolean): void {
  fn.traverse({
    Function(inner) {
      // a nested async function is checked when it is lowered; a plain one is left as written
      inner.skip();
    },
    VariableDeclaration(declaration) {
      const kind = declaration.node.kind as string;
      if (kind === 'await using') {
        const where = declaration.parentPath.isForOfStatement() ? 'in a `for (await using ... of ...)` head' : 'declaration';
        refuse(declaration, `\`await using\` ${where} inside an async ${isGenerator ? 'generator' : 'function'} is not supported: its disposal at the end of the block awaits (DisposeResources), and this rewrite does not reproduce those awaits. Dispose explicitly instead (\`const r = ...; try { ... } finally { await r[Symbol.asyncDispose](); }\`), or leave this function to a target with native \`await using\`.`);
      }
      if (kind !== 'using') return;
      const statement = owner(declaration, fn);
      if (statement === null) {
        refuse(declaration, `a \`using\` declaration directly in the body of an async ${isGenerator ? 'generator' : 'function'} is not supported: the rewrite turns the body into cases, and the resource would never be disposed. Put the \`using\` and the code that needs it in a block without \`await\`${isGenerator ? ' or `yield`' : ''} (\`{ using r = ...; ... }\`), or dispose explicitly with try/finally.`);
      }
      if (analysis.containsAwait(statement.node)) {
        const what = statement.isForOfStatement() || statement.isForStatement() ? 'a loop whose body suspends' : 'a block that suspends';
        refuse(declaration, `a \`using\` declaration in ${what} (an \`await\`${isGenerator ? ', `yield` or `return value`' : ''} inside it) is not supported: the rewrite splits that block into cases, and the resource would never be disposed. Keep the \`using\` in a block without suspensions, or dispose explicitly with try/finally.`);
      }
    },
  });
}
