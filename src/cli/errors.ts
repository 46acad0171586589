/*
 * errors: turns whatever went wrong (a syntax error, a missing file, an error the plugin raised on
 * unsupported code) into one clear message with a code frame, for the CLI to print.
 * Must never: print a stack trace unless ASYNC_DESUGAR_DEBUG is set.
 */
import { codeFrameColumns } from '@babel/code-frame';
import type { Colors } from './terminal';

/** An error the user can act on: printed as is, exit code 1. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

interface BabelLikeError {
  message: string;
  code?: string;
  loc?: { line: number; column: number };
  reasonCode?: string;
}

function asBabelError(error: unknown): BabelLikeError | undefined {
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') return error as BabelLikeError;
  return undefined;
}

/** Babel's messages start with "<file>: " and end with " (line:col)" and an embedded frame. */
function reasonOf(error: BabelLikeError, filename: string): string {
  let first = error.message.split('\n')[0];
  for (const prefix of [`${filename}: `, 'unknown file: ', 'unknown: ']) {
    if (first.startsWith(prefix)) first = first.slice(prefix.length);
  }
  const absolutePrefix = /^(?:[A-Za-z]:)?[/\\][^:]*: /.exec(first);
  if (absolutePrefix) first = first.slice(absolutePrefix[0].length);
  return first.replace(/ \(\d+:\d+\)$/, '');
}

/** The frame Babel already embedded in its message (for plugin errors that carry no loc). */
function embeddedFrame(message: string): string | undefined {
  const lines = message.split('\n');
  const frameStart = lines.findIndex((line) => /^\s*>?\s*\d+ \|/.test(line));
  return frameStart >= 0 ? lines.slice(frameStart).join('\n').replace(/\s+$/, '') : undefined;
}

/**
 * Describes an error raised while transforming `source`. The first line names the file and the
 * position; the frame shows the code around it.
 */
export function describeSourceError(error: unknown, source: string, filename: string, colors: Colors): string {
  const babelError = asBabelError(error);
  if (!babelError) return `${colors.red('error')} ${filename}: ${String(error)}`;
  const reason = reasonOf(babelError, filename);
  const isSyntax = babelError.code === 'BABEL_PARSE_ERROR' || error instanceof SyntaxError;
  const label = isSyntax ? 'SyntaxError' : 'error';
  if (babelError.loc && typeof babelError.loc.line === 'number') {
    const { line, column } = babelError.loc;
    const frame = codeFrameColumns(source, { start: { line, column: column + 1 } }, { highlightCode: colors.isColorSupported, forceColor: colors.isColorSupported, linesAbove: 2, linesBelow: 2 });
    return `${colors.red(colors.bold(label))} ${colors.bold(`${filename}:${line}:${column + 1}`)}: ${reason}\n${frame}`;
  }
  const frame = embeddedFrame(babelError.message);
  const plainFrame = frame && !colors.isColorSupported ? frame.replace(/\u001b\[[0-9;]*m/g, '') : frame;
  return `${colors.red(colors.bold(label))} ${colors.bold(filename)}: ${reason}${plainFrame ? '\n' + plainFrame : ''}`;
}

/** Describes a failure that is not about a position in a source file. */
export function describeError(error: unknown, colors: Colors): string {
  if (error instanceof CliError) return `${colors.red(colors.bold('error'))} ${error.message}`;
  const message = error instanceof Error ? error.message : String(error);
  const debugHint = process.env.ASYNC_DESUGAR_DEBUG ? `\n${error instanceof Error ? error.stack : ''}` : `\n${colors.dim('(set ASYNC_DESUGAR_DEBUG=1 to see where it happened)')}`;
  return `${colors.red(colors.bold('internal error'))} ${message}${debugHint}`;
}

/** Node's file-system errors in words, without the errno soup. */
export function describeFileError(error: unknown, filePath: string, action: 'read' | 'write'): CliError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOENT' ? 'no such file or directory' :
    code === 'EACCES' || code === 'EPERM' ? 'permission denied' :
    code === 'EISDIR' ? 'it is a directory' :
    code === 'ENOTDIR' ? 'a part of the path is not a directory' :
    error instanceof Error ? error.message : String(error);
  return new CliError(`cannot ${action} ${filePath}: ${why}`);
}
