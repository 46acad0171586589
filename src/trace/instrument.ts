/*
 * instrument: the Babel pass that --trace applies, identically, to the program that runs natively
 * and to the program that is then rewritten: it numbers every `await`, wraps it in probe calls
 * that report the suspension and the resumption, marks catch clauses, wraps async functions so
 * that their calls and settlements are reported, and prepends the one line that loads the probe.
 * Must never: add, remove or move an `await` or a promise (the only exception is the explicit
 * `injectExtraTick` test switch), or change the order in which operands are evaluated.
 */
import * as babel from '@babel/core';
import type { NodePath, PluginObj, types as BabelTypes } from '@babel/core';
import { parse } from '@babel/parser';
import type { AwaitSite } from './probeCore';

/** The CommonJS conversion plugin, loaded on first use (a module object: bundlers can see it). */
function modulesCommonjs(): babel.PluginItem {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('@babel/plugin-transform-modules-commonjs') as { default?: babel.PluginItem };
  return loaded.default ?? (loaded as babel.PluginItem);
}

export const PROBE_BINDING = '__asyncDesugarProbe';
/** Local of each observed async body: the number of the call it runs for (probe.enter). */
export const CALL_BINDING = '__asyncDesugarCall';

export interface InstrumentOptions {
  filename?: string;
  /** absolute path of the compiled probe module, required by the prepended line (in the browser: the id its worker maps) */
  probePath: string;
  /** test switch: start every async function with an extra `await null` (never reported) */
  injectExtraTick?: boolean;
  /**
   * false: leave the async functions exactly as written (only the probe line, for the fake clock,
   * and the module conversion); the run then checks the rewrite of the user's own code.
   */
  observe?: boolean;
}

export interface CatchSite {
  fn: string;
  line: number;
}

export interface InstrumentResult {
  /** CommonJS program, ready for the harness (ES modules are converted) */
  code: string;
  sites: AwaitSite[];
  catchSites: CatchSite[];
  wasModule: boolean;
}

type Function = BabelTypes.Function;

function isPlainAsync(node: Function): boolean {
  return node.async === true && node.generator !== true;
}

/** The name a function gets from where it stands, or '' (what `fn.name` would be natively). */
function contextualName(path: NodePath<Function>, t: typeof BabelTypes): string {
  const node = path.node;
  if ((t.isFunctionDeclaration(node) || t.isFunctionExpression(node)) && node.id) return node.id.name;
  if (t.isClassMethod(node) || t.isObjectMethod(node)) {
    if (!node.computed && t.isIdentifier(node.key)) return node.key.name;
    if (t.isStringLiteral(node.key)) return node.key.value;
    return '';
  }
  const parent = path.parent;
  if (t.isVariableDeclarator(parent) && t.isIdentifier(parent.id)) return parent.id.name;
  if (t.isAssignmentExpression(parent) && t.isIdentifier(parent.left)) return parent.left.name;
  if ((t.isObjectProperty(parent) || t.isClassProperty(parent)) && !parent.computed && t.isIdentifier(parent.key)) return parent.key.name;
  return '';
}

/** "C.m" for a class method, the contextual name otherwise, "anonymous" as a last resort. */
function displayName(path: NodePath<Function>, t: typeof BabelTypes): string {
  const own = contextualName(path, t) || 'anonymous';
  if (t.isClassMethod(path.node)) {
    const classNode = path.parentPath.parentPath?.node;
    if (classNode && (t.isClassDeclaration(classNode) || t.isClassExpression(classNode)) && classNode.id) return `${classNode.id.name}.${own}`;
  }
  return own;
}

function instrumentPlugin(options: InstrumentOptions, result: { sites: AwaitSite[]; catchSites: CatchSite[] }) {
  return ({ types: t }: { types: typeof BabelTypes }): PluginObj => {
    const probe = (method: string) => t.memberExpression(t.identifier(PROBE_BINDING), t.identifier(method));

    return {
      name: 'async-desugar-trace-instrument',
      visitor: {
        Program(programPath) {
          const awaits: NodePath<BabelTypes.AwaitExpression>[] = [];
          /** per await: does its function get a call number (a plain async function's body does) */
          const awaitKnowsCall: boolean[] = [];
          const catches: NodePath<BabelTypes.CatchClause>[] = [];
          const functions: NodePath<Function>[] = [];
          const awaitCountPerFunction = new Map<Function, number>();

          const observe = options.observe !== false;
          // Phase 1: collect in source order, change nothing.
          programPath.traverse({
            Function(path) {
              if (isPlainAsync(path.node)) functions.push(path);
            },
            AwaitExpression(path) {
              if (!observe) return;
              const owner = path.getFunctionParent();
              if (!owner || !owner.node.async) return; // top-level await is left alone
              const index = (awaitCountPerFunction.get(owner.node) ?? 0) + 1;
              awaitCountPerFunction.set(owner.node, index);
              const loc = path.node.loc?.start;
              result.sites.push({ fn: displayName(owner, t), index, line: loc?.line ?? 0, column: (loc?.column ?? 0) + 1 });
              awaits.push(path);
              awaitKnowsCall.push(isPlainAsync(owner.node));
            },
            CatchClause(path) {
              if (!observe) return;
              const owner = path.getFunctionParent();
              if (!owner || !owner.node.async) return;
              result.catchSites.push({ fn: displayName(owner, t), line: path.node.loc?.start.line ?? 0 });
              catches.push(path);
            },
          });

          // Phase 2: awaits, innermost first so that an outer await wraps the rewritten inner one.
          for (let site = awaits.length - 1; site >= 0; site--) {
            const path = awaits[site];
            const call = awaitKnowsCall[site] ? [t.identifier(CALL_BINDING)] : [];
            const suspended = t.awaitExpression(t.callExpression(probe('suspend'), [t.numericLiteral(site), path.node.argument, ...call]));
            path.replaceWith(t.callExpression(probe('resume'), [t.numericLiteral(site), suspended, ...call]));
            path.skip();
          }
          catches.forEach((path, site) => {
            path.get('body').unshiftContainer('body', t.expressionStatement(t.callExpression(probe('caught'), [t.numericLiteral(site)])));
          });

          // Phase 3: calls and settlements. Innermost functions first, as above.
          for (let i = functions.length - 1; i >= 0; i--) {
            const path = functions[i];
            const node = path.node;
            if (options.injectExtraTick) {
              if (t.isBlockStatement(node.body)) node.body.body.unshift(t.expressionStatement(t.awaitExpression(t.nullLiteral())));
              else node.body = t.sequenceExpression([t.awaitExpression(t.nullLiteral()), node.body]);
            }
            if (!observe) continue;
            const name = displayName(path, t);
            // First statement of the body: which call this is, so that its awaits can say it.
            if (!t.isBlockStatement(node.body)) node.body = t.blockStatement([t.returnStatement(node.body)]);
            node.body.body.unshift(
              t.variableDeclaration('var', [t.variableDeclarator(t.identifier(CALL_BINDING), t.callExpression(probe('enter'), [t.stringLiteral(name)]))]),
            );
            if (t.isFunctionDeclaration(node)) {
              if (!node.id) continue; // `export default async function () {}`: not observable by name
              const scopeBlock = path.parentPath.isExportDeclaration() ? path.parentPath.parentPath : path.parentPath;
              const reassign = t.expressionStatement(
                t.assignmentExpression('=', t.identifier(node.id.name), t.callExpression(probe('observe'), [t.identifier(node.id.name), t.stringLiteral(name)])),
              );
              if (scopeBlock?.isProgram()) scopeBlock.unshiftContainer('body', reassign);
              else if (scopeBlock?.isBlockStatement()) scopeBlock.unshiftContainer('body', reassign);
            } else if (t.isClassMethod(node)) {
              const classPath = path.parentPath.parentPath;
              if (node.kind !== 'method' || node.computed || !t.isIdentifier(node.key) || !classPath?.isClassDeclaration() || !classPath.node.id) continue;
              const className = classPath.node.id.name;
              const target = node.static ? t.identifier(className) : t.memberExpression(t.identifier(className), t.identifier('prototype'));
              const statement = classPath.parentPath.isExportDeclaration() ? classPath.parentPath : classPath;
              statement.insertAfter(t.expressionStatement(t.callExpression(probe('observeMethod'), [target, t.stringLiteral(node.key.name), t.stringLiteral(name)])));
            } else if (t.isFunctionExpression(node) || t.isArrowFunctionExpression(node)) {
              const inferred = contextualName(path, t);
              path.replaceWith(t.callExpression(probe('observe'), [node, t.stringLiteral(inferred)]));
              path.skip();
            }
            // object-literal and private methods keep their home object: they are not wrapped
          }

          // The probe line goes first (after directives), before any function runs.
          const prelude = parse(
            `var ${PROBE_BINDING} = require(${JSON.stringify(options.probePath)}).install(console.log, setTimeout, ` +
              `${JSON.stringify(result.sites)}, ${JSON.stringify(result.catchSites)}), ` +
              `setTimeout = ${PROBE_BINDING}.setTimeout, setInterval = ${PROBE_BINDING}.setInterval, ` +
              `clearTimeout = ${PROBE_BINDING}.clearTimeout, clearInterval = ${PROBE_BINDING}.clearInterval;`,
          ).program.body;
          programPath.unshiftContainer('body', prelude);
        },
      },
    };
  };
}

/** True when `source` parses as an ES module (import/export present). */
export function isModuleSource(source: string, filename?: string): boolean {
  const ast = parse(source, { sourceType: 'unambiguous', sourceFilename: filename, allowReturnOutsideFunction: false });
  return ast.program.sourceType === 'module';
}

/**
 * Instruments `source` for tracing. Throws Babel's own error (with `loc`) on a syntax error.
 * ES modules are converted to CommonJS here, so that both runs get the same converted program.
 */
export function instrumentProgram(source: string, options: InstrumentOptions): InstrumentResult {
  const collected = { sites: [] as AwaitSite[], catchSites: [] as CatchSite[] };
  const wasModule = isModuleSource(source, options.filename);
  const plugins: babel.PluginItem[] = [instrumentPlugin(options, collected)];
  // (a module object, not a path: the browser playground bundles this file)
  if (wasModule) plugins.push(modulesCommonjs());
  const output = babel.transformSync(source, {
    babelrc: false,
    configFile: false,
    filename: options.filename ?? 'input.js',
    sourceType: 'unambiguous',
    compact: false,
    plugins,
  });
  if (!output || output.code == null) throw new Error('Babel returned no code for the instrumented program');
  return { code: output.code, sites: collected.sites, catchSites: collected.catchSites, wasModule };
}
