/*
 * runtimeImport: gives a file access to the runtime, once: `import`/`require` of
 * async-state-machine-runtime, or an inline copy of the runtime's source.
 * Must never: add the runtime to a file that has no async function, or add it twice.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';
import type { Types } from '../lowering/emitter';
import type { ResolvedOptions } from '../options';
import { usesImport } from './moduleKind';

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

/**
 * The specifier to import: `runtimeModule`, or with `absoluteRuntime` the absolute path of the
 * package's entry for this kind of file (its ES module entry for `import`, `main` for `require`).
 */
function runtimeSpecifier(options: ResolvedOptions, esModule: boolean, subpath: '' | '/factory' = ''): string {
  if (options.absoluteRuntime === null) return options.runtimeModule + subpath;
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${options.runtimeModule}/package.json`, { paths: [options.absoluteRuntime] });
  } catch {
    throw new Error(`babel-plugin-async-state-machine: absoluteRuntime: cannot find "${options.runtimeModule}" from ${options.absoluteRuntime}; install it there, or give absoluteRuntime the directory it is installed in`);
  }
  type Conditions = { import?: { default?: string } | string; require?: { default?: string } | string };
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { main?: string; exports?: Record<string, Conditions> };
  const conditions = manifest.exports?.[subpath === '' ? '.' : `.${subpath}`];
  const chosen = conditions?.[esModule ? 'import' : 'require'];
  const fromExports = typeof chosen === 'string' ? chosen : chosen?.default;
  const entry = fromExports ?? (subpath === '' ? manifest.main : `.${subpath}.js`);
  return path.join(path.dirname(manifestPath), entry ?? 'index.js');
}

/**
 * Where the runtime goes: after the directives, the imports, and the leading `require("...")`
 * statements of the file, so that a polyfill the file loads first (`import "core-js/..."`) is in
 * place when the runtime captures `Promise` while it loads.
 */
function runtimeInsertionIndex(program: NodePath<BT.Program>): number {
  const body = program.node.body;
  let index = 0;
  let lastImport = -1;
  body.forEach((statement, k) => {
    if (statement.type === 'ImportDeclaration') lastImport = k;
  });
  while (index < body.length) {
    const statement = body[index];
    const isRequire = statement.type === 'ExpressionStatement' && statement.expression.type === 'CallExpression'
      && statement.expression.callee.type === 'Identifier' && statement.expression.callee.name === 'require';
    if (!isRequire && index > lastImport) break;
    index++;
  }
  return index;
}

/**
 * How the file gets its runtime when a polyfill provider is in the pipeline: the runtime is
 * created from the file's own `Promise` (`createAsyncMachine(Promise)` of the package's
 * `/factory` entry), which the provider sees and polyfills (usage-global: an import of
 * es.promise before the runtime is created) or replaces (transform-runtime corejs: core-js-pure's
 * Promise). `asyncIteration`: the file's output iterates asynchronously, so the call also names
 * `Symbol.asyncIterator` (guarded for engines without Symbol), for the provider to see.
 */
export interface PromiseFromFile {
  asyncIteration: boolean;
}

export function addRuntime(
  t: Types,
  program: NodePath<BT.Program>,
  name: string,
  options: ResolvedOptions,
  parse: (code: string) => BT.File,
  promiseFromFile: PromiseFromFile | null = null,
  filename: string | null = null,
): void {
  const statements: BT.Statement[] = [];
  const esModule = usesImport(program.node, filename);
  if (options.runtime === 'inline') {
    // (the inline copy is already `(function (NativePromise) { ... })(Promise)`)
    statements.push(t.variableDeclaration('var', [t.variableDeclarator(t.identifier(name), runtimeFactory(t, parse))]));
  } else if (promiseFromFile) {
    const specifier = runtimeSpecifier(options, esModule, '/factory');
    const args: BT.Expression[] = [t.identifier('Promise')];
    if (promiseFromFile.asyncIteration) {
      args.push(t.conditionalExpression(
        t.binaryExpression('===', t.unaryExpression('typeof', t.identifier('Symbol')), t.stringLiteral('function')),
        t.memberExpression(t.identifier('Symbol'), t.identifier('asyncIterator')),
        t.unaryExpression('void', t.numericLiteral(0)),
      ));
    }
    let create: BT.Expression;
    if (esModule) {
      const factoryName = program.scope.generateUid('createAsyncMachine');
      statements.push(t.importDeclaration([t.importDefaultSpecifier(t.identifier(factoryName))], t.stringLiteral(specifier)));
      create = t.identifier(factoryName);
    } else {
      create = t.callExpression(t.identifier('require'), [t.stringLiteral(specifier)]);
    }
    statements.push(t.variableDeclaration('var', [t.variableDeclarator(t.identifier(name), t.callExpression(create, args))]));
  } else if (esModule) {
    statements.push(t.importDeclaration([t.importDefaultSpecifier(t.identifier(name))], t.stringLiteral(runtimeSpecifier(options, true))));
  } else {
    statements.push(t.variableDeclaration('var', [
      t.variableDeclarator(t.identifier(name), t.callExpression(t.identifier('require'), [t.stringLiteral(runtimeSpecifier(options, false))])),
    ]));
  }
  const index = runtimeInsertionIndex(program);
  const inserted = index === 0 ? program.unshiftContainer('body', statements) : program.get('body')[index - 1].insertAfter(statements);
  for (const path of inserted) program.scope.registerDeclaration(path);
}
