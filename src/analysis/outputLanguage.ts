/*
 * outputLanguage: decides what the rewritten file may use, from Babel's compilation targets
 * (`api.targets()`, set by the top-level `targets` option or preset-env; Babel 7.13+ and 8)
 * or, without targets, from the input itself (a file already written with ES2015 syntax may
 * get arrows and methods; an ES5 file stays ES5). Also says whether every target runs async
 * functions / async generators natively (for the keepNative option).
 * Must never: guess in the unsafe direction: an unknown target counts as ES5 without async.
 */
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';

export type Targets = Record<string, string>;

// First versions with ES2015 arrows, classes and shorthand methods, async functions and
// async generators (from the ECMAScript compatibility tables / @babel/compat-data).
const ES2015: Record<string, number> = { chrome: 49, opera: 36, edge: 14, firefox: 45, safari: 10, node: 6, deno: 1, ios: 10, samsung: 5, opera_mobile: 36, electron: 0.37, android: 49, and_chr: 49, and_ff: 45 };
const ASYNC_FUNCTIONS: Record<string, number> = { chrome: 55, opera: 42, edge: 15, firefox: 52, safari: 11, node: 7.6, deno: 1, ios: 11, samsung: 6, opera_mobile: 42, electron: 1.6, android: 55, and_chr: 55, and_ff: 52 };
const ASYNC_GENERATORS: Record<string, number> = { chrome: 63, opera: 50, edge: 79, firefox: 57, safari: 12, node: 10, deno: 1, ios: 12, samsung: 8, opera_mobile: 46, electron: 3, android: 63, and_chr: 63, and_ff: 57 };

/** a >= b for dotted versions ("7.10" >= "7.6"); false when `a` is not a version. */
function atLeast(a: string, b: number): boolean {
  const parts = a.split('.').map(Number);
  const wanted = String(b).split('.').map(Number);
  if (parts.some((n) => !Number.isFinite(n))) return false;
  for (let i = 0; i < Math.max(parts.length, wanted.length); i++) {
    const x = parts[i] ?? 0;
    const y = wanted[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** Every target is at least the version in `table` (false for no targets at all). */
function allSupport(targets: Targets, table: Record<string, number>): boolean {
  const names = Object.keys(targets);
  if (names.length === 0) return false;
  return names.every((name) => {
    const first = table[name];
    if (first === undefined) return false;
    return atLeast(String(targets[name]), first);
  });
}

/** Babel's targets, or null where this Babel has no `api.targets` (before 7.13) or none were set. */
export function readTargets(api: { targets?: () => unknown }): Targets | null {
  if (typeof api.targets !== 'function') return null;
  const targets = api.targets();
  if (!targets || typeof targets !== 'object' || Object.keys(targets).length === 0) return null;
  return targets as Targets;
}

export function targetsAllowEs2015(targets: Targets): boolean {
  return allSupport(targets, ES2015);
}

export function targetsRunNatively(targets: Targets | null, generator: boolean): boolean {
  return targets !== null && allSupport(targets, generator ? ASYNC_GENERATORS : ASYNC_FUNCTIONS);
}

// ES2015+ syntax other than async functions themselves (whose lowering is ES5 on its own)
const ES2015_NODES = new Set(['ArrowFunctionExpression', 'ClassDeclaration', 'ClassExpression', 'TemplateLiteral', 'TaggedTemplateExpression', 'ArrayPattern', 'ObjectPattern', 'AssignmentPattern', 'RestElement', 'SpreadElement', 'MetaProperty', 'OptionalMemberExpression', 'OptionalCallExpression', 'Super']);

/**
 * Without targets: does the input already use ES2015 syntax (so the output may too)? Module
 * syntax does not count: bundlers remove it, and an ES5 file with import/export stays ES5.
 */
export function inputUsesEs2015(program: NodePath<BT.Program>): boolean {
  let found = false;
  program.traverse({
    enter(p) {
      const node = p.node;
      if (ES2015_NODES.has(node.type)
        || (node.type === 'VariableDeclaration' && node.kind !== 'var')
        || (node.type === 'ObjectProperty' && (node.computed || node.shorthand))
        || (node.type === 'ForOfStatement' && !node.await)
        // (an async method or arrow is lowered into a method / arrow: ES2015 anyway)
        || node.type === 'ObjectMethod'
        || ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') && node.generator && !node.async)) {
        found = true;
        p.stop();
      }
    },
  });
  return found;
}
