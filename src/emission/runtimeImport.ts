/*
 * runtimeImport: gives a file access to the runtime, once: `import`/`require` of
 * babel-plugin-async-state-machine/runtime, or an inline copy of the runtime's source.
 * Must never: add the runtime to a file that has no async function, or add it twice.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';
import type { Types } from '../lowering/emitter';
import type { ResolvedOptions } from '../options';

export function runtimeSourcePath(): string {
  const candidates = [
    path.join(__dirname, '..', 'runtime', 'asyncMachine.js'),
    path.join(__dirname, '..', '..', 'src', 'runtime', 'asyncMachine.js'),
  ];
  for (const candidate of candidates) if (fs.existsSync(candidate)) return candidate;
  throw new Error(`babel-plugin-async-state-machine: runtime source not found (looked in ${candidates.join(', ')})`);
}

let cachedFactory: BT.Expression | null = null;

/** The runtime's `(function (NativePromise) { ... })(Promise)` expression, comments removed. */
function runtimeFactory(t: Types, parse: (code: string) => BT.File): BT.Expression {
  if (!cachedFactory) {
    const file = parse(fs.readFileSync(runtimeSourcePath(), 'utf8'));
    for (const statement of file.program.body) {
      if (statement.type === 'VariableDeclaration' && statement.declarations[0].id.type === 'Identifier' && statement.declarations[0].id.name === 'asyncMachine') {
        cachedFactory = statement.declarations[0].init as BT.Expression;
      }
    }
    if (!cachedFactory) throw new Error('babel-plugin-async-state-machine: the runtime source has no `var asyncMachine = ...`');
    t.removeComments(cachedFactory);
    t.traverseFast(cachedFactory, (node) => {
      t.removeComments(node);
    });
  }
  return t.cloneNode(cachedFactory, true, true);
}

export function addRuntime(
  t: Types,
  program: NodePath<BT.Program>,
  name: string,
  options: ResolvedOptions,
  parse: (code: string) => BT.File,
): void {
  let statement: BT.Statement;
  if (options.runtime === 'inline') {
    statement = t.variableDeclaration('var', [t.variableDeclarator(t.identifier(name), runtimeFactory(t, parse))]);
  } else if (program.node.sourceType === 'module') {
    statement = t.importDeclaration([t.importDefaultSpecifier(t.identifier(name))], t.stringLiteral(options.runtimeModule));
  } else {
    statement = t.variableDeclaration('var', [
      t.variableDeclarator(t.identifier(name), t.callExpression(t.identifier('require'), [t.stringLiteral(options.runtimeModule)])),
    ]);
  }
  const [inserted] = program.unshiftContainer('body', statement);
  program.scope.registerDeclaration(inserted);
}
