/*
 * functionPairs: rewrites a file once and pairs every async function of the source with the code
 * it became, plus, for each line of that code, the source line it came from (from the generator's
 * mappings), so that --diff can align original lines with the cases they turned into.
 * Must never: change what the plugin emits (it only reads the finished tree in a `post` hook).
 */
import generate from '@babel/generator';
import type { NodePath, PluginObj, types as BabelTypes } from '@babel/core';
import { transformSource, type TransformOptions } from '../transform';

export interface FunctionPair {
  /** "f", "User.getName", "anonymous" */
  name: string;
  /** 1-based source lines the async function spans */
  startLine: number;
  endLine: number;
  /** the source lines of the function (whole lines) */
  before: string[];
  /** the generated code of what the function became, or undefined if it could not be found */
  after?: string[];
  /** for each line of `after`, the 1-based source line it maps to (undefined: generated code) */
  afterOrigins?: Array<number | undefined>;
}

export interface PairedTransform {
  code: string;
  pairs: FunctionPair[];
}

/** One entry of @babel/generator's `rawMappings` (present at run time, missing from its types). */
interface RawMapping {
  generated: { line: number; column: number };
  original?: { line: number; column: number };
}

interface OriginalFunction {
  node: BabelTypes.Function;
  name: string;
  start: number;
  startLine: number;
  endLine: number;
}

function describeName(path: NodePath<BabelTypes.Function>, t: typeof BabelTypes): string {
  const node = path.node;
  let own = '';
  if ((t.isFunctionDeclaration(node) || t.isFunctionExpression(node)) && node.id) own = node.id.name;
  else if ((t.isClassMethod(node) || t.isObjectMethod(node)) && t.isIdentifier(node.key) && !node.computed) own = node.key.name;
  else if (t.isClassPrivateMethod(node)) own = '#' + node.key.id.name;
  else if (t.isVariableDeclarator(path.parent) && t.isIdentifier(path.parent.id)) own = path.parent.id.name;
  else if (t.isAssignmentExpression(path.parent) && t.isIdentifier(path.parent.left)) own = path.parent.left.name;
  else if (t.isObjectProperty(path.parent) && t.isIdentifier(path.parent.key)) own = path.parent.key.name;
  if (!own) own = 'anonymous';
  const classNode = path.parentPath?.parentPath?.node;
  if ((t.isClassMethod(node) || t.isClassPrivateMethod(node)) && classNode && (t.isClassDeclaration(classNode) || t.isClassExpression(classNode)) && classNode.id) {
    return `${classNode.id.name}.${own}`;
  }
  return own;
}

function linesOf(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/**
 * Rewrites `source` and returns the output plus one pair per async function (outermost and nested
 * alike, in source order). Throws what transformSource throws.
 */
export function transformWithPairs(source: string, options: TransformOptions): PairedTransform {
  const originals: OriginalFunction[] = [];
  const found = new Map<number, BabelTypes.Node>();
  const sourceLines = linesOf(source);

  const pairingPlugin = ({ types: t }: { types: typeof BabelTypes }): PluginObj => ({
    name: 'async-desugar-function-pairs',
    // pre runs before ours (this plugin is placed first): the tree is still the parsed source.
    pre(file) {
      file.path.traverse({
        Function(path) {
          const node = path.node;
          if (node.async !== true || node.start == null || !node.loc) return;
          // A nested async function shows inside its outermost async ancestor's pair.
          if (path.findParent((parent) => parent.isFunction() && parent.node.async === true)) return;
          originals.push({ node, name: describeName(path, t), start: node.start, startLine: node.loc.start.line, endLine: node.loc.end.line });
        },
      });
    },
    // post runs after every plugin: find what each async function became.
    post(file) {
      const byStart = new Map<number, BabelTypes.Node>();
      const byIdentity = new Set<BabelTypes.Node>();
      file.path.traverse({
        Function(path) {
          byIdentity.add(path.node);
          const start = path.node.start;
          // Several generated functions may claim a start; the outermost (first visited) wins.
          if (start != null && !byStart.has(start)) byStart.set(start, path.node);
        },
      });
      for (const original of originals) {
        const node = byIdentity.has(original.node) ? original.node : byStart.get(original.start);
        if (node) found.set(original.start, node);
      }
    },
    visitor: {},
  });

  // placed before the plugin: its `pre` must see the source before the lowering (which runs in
  // the plugin's own `pre`); its `post` runs after every plugin all the same
  const result = transformSource(source, { ...options, beforePlugins: [...(options.beforePlugins ?? []), pairingPlugin] });
  const pairs = originals.map((original): FunctionPair => {
    const pair: FunctionPair = {
      name: original.name,
      startLine: original.startLine,
      endLine: original.endLine,
      before: sourceLines.slice(original.startLine - 1, original.endLine),
    };
    const node = found.get(original.start);
    if (!node) return pair;
    const generated = generate(node, { sourceMaps: true, sourceFileName: options.filename ?? 'input.js', comments: true }, source);
    pair.after = linesOf(generated.code);
    const origins: Array<number | undefined> = pair.after.map(() => undefined);
    const firstColumn: number[] = pair.after.map(() => Infinity);
    const mappings = (generated as typeof generated & { rawMappings?: RawMapping[] }).rawMappings ?? [];
    for (const mapping of mappings) {
      const index = mapping.generated.line - 1;
      if (mapping.original && mapping.generated.column < firstColumn[index]) {
        firstColumn[index] = mapping.generated.column;
        origins[index] = mapping.original.line;
      }
    }
    pair.afterOrigins = origins;
    return pair;
  });
  return { code: result.code, pairs };
}
