/*
 * compile.worker: everything Babel does for the page, off the page's thread: the rewrite shown
 * (with its source map turned into line links), the diff rows (src/cli/functionPairs + diff), the
 * four programs a trace runs (src/trace/tracePlan) and the state machines' switch cases.
 * Must never: run the user's program, or lower / instrument anything itself: it only calls the
 * repository's own modules.
 */
import { parse } from '@babel/parser';
import { decode } from '@jridgewell/sourcemap-codec';
import { transformSource } from '../../src/transform';
import { transformWithPairs } from '../../src/cli/functionPairs';
import { alignPair } from '../../src/cli/diff';
import { prepareTrace, traceCaller } from '../../src/trace/tracePlan';
import { readFileSync } from 'playground:runtime-source';
import { PROBE_ID, type CompileRequest, type CompileResult, type DiffPair, type SwitchInfo } from './protocol';

const post = self.postMessage.bind(self) as (message: CompileResult) => void;
const FILENAME = 'program.js';

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** For each output line, the source lines its mappings point to. */
function lineLinks(mappings: string, outputLines: number): number[][] {
  const decoded = decode(mappings);
  const links: number[][] = [];
  for (let i = 0; i < outputLines; i++) {
    const lines = new Set<number>();
    for (const segment of decoded[i] ?? []) if (segment.length >= 4) lines.add((segment[2] as number) + 1);
    links.push([...lines].sort((a, b) => a - b));
  }
  return links;
}

interface AstNode {
  type: string;
  loc?: { start: { line: number }; end: { line: number } };
  [key: string]: unknown;
}

/** The `switch (x.label)` statements of the rewrite and the line of each `case N:`. */
function stateSwitches(code: string): SwitchInfo[] {
  const ast = parse(code, { sourceType: 'unambiguous', allowReturnOutsideFunction: true, errorRecovery: true }) as unknown as AstNode;
  const found: SwitchInfo[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const n = node as AstNode;
    if (typeof n.type !== 'string') return;
    if (n.type === 'SwitchStatement') {
      const discriminant = n.discriminant as AstNode;
      const property = discriminant.property as AstNode | undefined;
      if (discriminant.type === 'MemberExpression' && property && property.type === 'Identifier' && property.name === 'label' && n.loc) {
        const cases = (n.cases as AstNode[])
          .filter((c) => c.test && (c.test as AstNode).type === 'NumericLiteral' && c.loc)
          .map((c) => ({ label: (c.test as AstNode).value as number, line: c.loc!.start.line }));
        found.push({ startLine: n.loc.start.line, endLine: n.loc.end.line, cases });
      }
    }
    // an entry segment (case 0 run by the function itself): `var state = rt.start(...); try { ... }`
    if (n.type === 'BlockStatement' && Array.isArray(n.body)) {
      const body = n.body as AstNode[];
      body.forEach((statement, index) => {
        const next = body[index + 1];
        const declarations = statement.type === 'VariableDeclaration' ? (statement.declarations as AstNode[]) : [];
        const init = declarations.length === 1 ? (declarations[0].init as AstNode | null) : null;
        const callee = init && init.type === 'CallExpression' ? (init.callee as AstNode) : null;
        const property = callee && callee.type === 'MemberExpression' ? (callee.property as AstNode) : null;
        if (property && property.type === 'Identifier' && property.name === 'start' && next && next.type === 'TryStatement' && next.loc) {
          const block = next.block as AstNode;
          found.push({ startLine: next.loc.start.line, endLine: block.loc ? block.loc.end.line : next.loc.end.line, cases: [{ label: 0, line: next.loc.start.line }] });
        }
      });
    }
    for (const key of Object.keys(n)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
      visit(n[key]);
    }
  };
  visit(ast);
  return found;
}

function describeError(id: number, error: unknown): CompileResult {
  const e = error as { message?: string; code?: string; loc?: { line: number; column: number } };
  const message = stripAnsi(String(e?.message ?? error));
  if (e?.code === 'BABEL_PARSE_ERROR' || (e?.loc && /Unexpected|Missing|Unterminated|Invalid|expected/.test(message) && !message.includes('babel-plugin-async-state-machine'))) {
    return { id, ok: false, kind: 'syntax', message, line: e.loc?.line, column: e.loc ? e.loc.column + 1 : undefined };
  }
  if (message.includes('babel-plugin-async-state-machine')) {
    // buildCodeFrameError: the frame marks the line with '>' and the column with '^' below it
    const frame = /^>\s*(\d+) \|(.*)\n\s*\|( *)\^/m.exec(message);
    const line = frame ? Number(frame[1]) : undefined;
    const column = frame ? frame[3].length : undefined;
    return { id, ok: false, kind: 'plugin', message, line, column };
  }
  return { id, ok: false, kind: 'internal', message };
}

self.onmessage = (message: MessageEvent<CompileRequest>) => {
  const request = message.data;
  const started = performance.now();
  try {
    // the rewrite shown is the one the run worker runs (as a script): Babel's caller says so, and
    // the plugin then refuses top-level await with its own message instead of passing it through
    const options = { filename: FILENAME, runtime: request.runtime, explain: request.explain, caller: traceCaller };
    const shown = transformSource(request.code, { ...options, sourceMaps: true });
    const outputLines = shown.code.split('\n').length;
    const outToSrc = shown.map ? lineLinks(shown.map.mappings, outputLines) : [];
    const paired = transformWithPairs(request.code, options);
    const pairs: DiffPair[] = paired.pairs.map((pair) => ({ name: pair.name, startLine: pair.startLine, endLine: pair.endLine, rows: alignPair(pair), found: pair.after !== undefined }));
    const programs = prepareTrace(request.code, { filename: FILENAME, runtime: request.runtime, injectExtraTick: request.injectExtraTick, probePath: PROBE_ID });
    post({
      id: request.id,
      ok: true,
      rewrite: shown.code,
      outToSrc,
      switches: stateSwitches(shown.code),
      pairs,
      programs,
      runtimeSource: readFileSync(),
      millis: performance.now() - started,
    });
  } catch (error) {
    post(describeError(request.id, error));
  }
};
