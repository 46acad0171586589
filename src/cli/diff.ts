/*
 * diff: the --diff view. For each async function, its source lines next to the code it became,
 * aligned through the generator's mappings (an original line sits beside the first output line
 * that came from it, so each `case` lines up with the statements it holds), shown either as a
 * unified diff (default) or in two columns (--side-by-side), coloured when colour is on.
 * Must never: reorder lines of either side; when there is no mapping it falls back to a plain
 * line diff (jsdiff) rather than guess.
 */
import { diffArrays } from 'diff';
import type { FunctionPair } from './functionPairs';
import { fitPlain, type Colors } from './terminal';

export interface AlignedRow {
  /** 1-based source line number and its text */
  left?: { line: number; text: string };
  /** index into the pair's `after` lines and its text */
  right?: { index: number; text: string };
  /** both sides hold the same statement (ignoring indentation) */
  same: boolean;
}

function normalise(line: string): string {
  return line.trim();
}

function row(left: AlignedRow['left'], right: AlignedRow['right']): AlignedRow {
  return { left, right, same: left !== undefined && right !== undefined && normalise(left.text) === normalise(right.text) };
}

/** Pairs source lines with output lines, in order on both sides. */
export function alignPair(pair: FunctionPair): AlignedRow[] {
  const after = pair.after ?? [];
  const origins = pair.afterOrigins ?? [];
  const sourceLine = (line: number) => ({ line, text: pair.before[line - pair.startLine] ?? '' });
  const rows: AlignedRow[] = [];

  if (origins.some((origin) => origin !== undefined)) {
    let lastShown = pair.startLine - 1;
    after.forEach((text, index) => {
      const origin = origins[index];
      if (origin !== undefined && origin > lastShown && origin <= pair.endLine) {
        for (let line = lastShown + 1; line < origin; line++) rows.push(row(sourceLine(line), undefined));
        rows.push(row(sourceLine(origin), { index, text }));
        lastShown = origin;
      } else {
        rows.push(row(undefined, { index, text }));
      }
    });
    for (let line = lastShown + 1; line <= pair.endLine; line++) rows.push(row(sourceLine(line), undefined));
    return rows;
  }

  // No mappings at all: a line diff that ignores indentation.
  let line = pair.startLine;
  let index = 0;
  for (const part of diffArrays(pair.before.map(normalise), after.map(normalise))) {
    for (let k = 0; k < part.value.length; k++) {
      if (part.added) rows.push(row(undefined, { index, text: after[index++] }));
      else if (part.removed) rows.push(row(sourceLine(line++), undefined));
      else rows.push(row(sourceLine(line++), { index, text: after[index++] }));
    }
  }
  return rows;
}

/** Removes the indentation common to all non-empty lines. */
function dedent(lines: string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common));
}

function header(pair: FunctionPair, colors: Colors): string {
  const span = pair.startLine === pair.endLine ? `line ${pair.startLine}` : `lines ${pair.startLine}-${pair.endLine}`;
  return colors.cyan(colors.bold(`@@ async ${pair.name} (${span}) -> ${pair.after ? `${pair.after.length} lines` : 'not found in the output'} @@`));
}

function isCaseLine(text: string): boolean {
  return /^\s*(case\s+[^:]+|default)\s*:/.test(text);
}

/** The unified view: ' ' same, '-' source line, '+' output line, each source line followed by what it became. */
export function renderUnified(pair: FunctionPair, colors: Colors): string {
  const lines = [header(pair, colors)];
  if (!pair.after) {
    lines.push(colors.yellow('  (the rewritten function could not be located; see the full output without --diff)'));
    return lines.join('\n');
  }
  const rows = alignPair({ ...pair, before: dedent(pair.before), after: dedent(pair.after) });
  const gutterWidth = String(pair.endLine).length;
  const gutter = (line?: number) => (line === undefined ? ' '.repeat(gutterWidth) : String(line).padStart(gutterWidth));
  for (const entry of rows) {
    if (entry.same && entry.left && entry.right) {
      lines.push(colors.dim(`  ${gutter(entry.left.line)} │ `) + entry.right.text);
      continue;
    }
    if (entry.left) lines.push(colors.red(`- ${gutter(entry.left.line)} │ ${entry.left.text}`));
    if (entry.right) {
      const text = `+ ${gutter()} │ ${entry.right.text}`;
      lines.push(isCaseLine(entry.right.text) ? colors.green(colors.bold(text)) : colors.green(text));
    }
  }
  return lines.join('\n');
}

/** Two columns: the source (with line numbers) on the left, the output on the right. */
export function renderSideBySide(pair: FunctionPair, colors: Colors, width: number): string {
  const lines = [header(pair, colors)];
  if (!pair.after) {
    lines.push(colors.yellow('  (the rewritten function could not be located; see the full output without --diff)'));
    return lines.join('\n');
  }
  const rows = alignPair({ ...pair, before: dedent(pair.before), after: dedent(pair.after) });
  const gutterWidth = String(pair.endLine).length;
  const column = Math.max(20, Math.floor((width - gutterWidth - 6) / 2));
  for (const entry of rows) {
    const number = entry.left ? String(entry.left.line).padStart(gutterWidth) : ' '.repeat(gutterWidth);
    const leftText = fitPlain(entry.left?.text ?? '', column);
    const rightText = fitPlain(entry.right?.text ?? '', column).trimEnd();
    const marker = entry.same ? ' ' : entry.left && entry.right ? '|' : entry.left ? '<' : '>';
    const paintLeft = entry.same ? (text: string) => text : colors.red;
    const paintRight = entry.same ? (text: string) => text : entry.right && isCaseLine(entry.right.text) ? (text: string) => colors.green(colors.bold(text)) : colors.green;
    lines.push(`${colors.dim(number)} ${paintLeft(leftText)} ${colors.dim(marker)} ${paintRight(rightText)}`.trimEnd());
  }
  return lines.join('\n');
}
