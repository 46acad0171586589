/*
 * terminal: decides whether output is coloured (TTY, NO_COLOR, FORCE_COLOR, --color/--no-color)
 * and hands out the picocolors functions and the width to lay side-by-side columns out in.
 * Must never: decide colour for one stream from another stream's state.
 */
import picocolors from 'picocolors';

export type Colors = ReturnType<typeof picocolors.createColors>;

export interface OutputStream {
  isTTY?: boolean;
  columns?: number;
}

/** --color / --no-color win; then NO_COLOR, then FORCE_COLOR, then whether the stream is a terminal. */
export function shouldUseColor(stream: OutputStream, flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function colorsFor(enabled: boolean): Colors {
  return picocolors.createColors(enabled);
}

/** Terminal width, or a fixed width when piped, so that files and tests get stable output. */
export function outputWidth(stream: OutputStream): number {
  return stream.isTTY && stream.columns ? Math.max(60, stream.columns) : 140;
}

const ANSI_PATTERN = /\u001b\[[0-9;]*m/g;

export function visibleLength(text: string): number {
  return text.replace(ANSI_PATTERN, '').length;
}

/** Cuts plain text to `width` columns (with an ellipsis) and pads it to exactly `width`. */
export function fitPlain(text: string, width: number): string {
  const expanded = text.replace(/\t/g, '  ');
  if (expanded.length > width) return expanded.slice(0, Math.max(0, width - 1)) + '…';
  return expanded + ' '.repeat(width - expanded.length);
}
