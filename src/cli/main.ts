/*
 * main: the async-desugar command. Reads the inputs (files, a tree, or stdin), then prints the
 * rewrite, writes it (--out / --out-dir), shows --diff / --explain, or runs --trace; every
 * failure becomes one message with a code frame and exit code 1 (input) or 2 (command line).
 * Must never: print a stack trace (unless ASYNC_DESUGAR_DEBUG is set), or call process.exit while
 * output may still be buffered (it sets process.exitCode).
 */
import * as fs from 'fs';
import * as path from 'path';
import { highlight } from '@babel/code-frame';
import { parseCommandLine, UsageError, type CliOptions } from './args';
import { CliError, describeError, describeFileError, describeSourceError } from './errors';
import { helpText, packageVersion, usageLine } from './help';
import { colorsFor, outputWidth, shouldUseColor, type Colors } from './terminal';
import { renderSideBySide, renderUnified } from './diff';
import { renderTrace, traceJson } from './traceView';
import type { TraceResult } from '../trace/timeline';
// Babel is loaded only by the commands that rewrite (await import below), so that --help,
// --version and command-line errors answer at once.

export interface CliStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

interface SourceInput {
  /** as shown to the user */
  name: string;
  /** the path on disk, undefined for stdin */
  path?: string;
  text: string;
}

/** Set by tests/cli.test.ts only: the rewritten side of --trace gets an extra `await null`. */
const INJECT_TICK_VARIABLE = 'ASYNC_DESUGAR_TEST_INJECT_TICK';

async function readStdin(stdin: CliStreams['stdin'], stderr: CliStreams['stderr']): Promise<string> {
  if (stdin.isTTY) stderr.write('reading the program from stdin (end with Ctrl-D)...\n');
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readInputs(options: CliOptions, streams: CliStreams): Promise<SourceInput[]> {
  const names = options.inputs.length ? options.inputs : ['-'];
  if (names.filter((name) => name === '-').length > 1) throw new UsageError('stdin (-) can be read only once');
  const inputs: SourceInput[] = [];
  for (const name of names) {
    if (name === '-') {
      inputs.push({ name: '<stdin>', text: await readStdin(streams.stdin, streams.stderr) });
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(name);
    } catch (error) {
      throw describeFileError(error, name, 'read');
    }
    if (stat.isDirectory()) throw new UsageError(`${name} is a directory; use --out-dir DIR to rewrite a tree`);
    try {
      inputs.push({ name, path: name, text: fs.readFileSync(name, 'utf8') });
    } catch (error) {
      throw describeFileError(error, name, 'read');
    }
  }
  return inputs;
}

/** The transform's file name: the real path, or a neutral one for stdin. */
function transformName(input: SourceInput): string {
  return input.path ?? 'stdin.js';
}

/** A user error in one file: its message with a code frame. */
class SourceError extends Error {
  constructor(readonly rendered: string) {
    super(rendered);
  }
}

function attempt<T>(input: SourceInput, colors: Colors, task: () => T): T {
  try {
    return task();
  } catch (error) {
    throw new SourceError(describeSourceError(error, input.text, input.name, colors));
  }
}

function inlineSourceMap(map: object): string {
  return `\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`;
}

async function printOrWrite(options: CliOptions, inputs: SourceInput[], streams: CliStreams, colors: Colors): Promise<number> {
  const { rewriteText, writeOutput } = await import('./rewriteFile');
  const settings = { runtime: options.runtime, explain: options.mode === 'explain' || options.explain, sourceMaps: options.sourceMaps };
  for (const input of inputs) {
    const rewritten = attempt(input, colors, () => rewriteText(input.text, transformName(input), settings));
    if (options.out !== undefined) {
      try {
        writeOutput(options.out, input.path ?? path.resolve('stdin.js'), rewritten);
      } catch (error) {
        throw describeFileError(error, options.out, 'write');
      }
      streams.stderr.write(`wrote ${options.out}${rewritten.map ? ` and ${options.out}.map` : ''}\n`);
      continue;
    }
    if (inputs.length > 1) streams.stdout.write(colors.dim(`// ── ${input.name} ──`) + '\n');
    const shown = colors.isColorSupported ? highlight(rewritten.code) : rewritten.code;
    streams.stdout.write(shown + (rewritten.map ? inlineSourceMap(rewritten.map) : '') + '\n');
  }
  return 0;
}

async function showDiff(options: CliOptions, inputs: SourceInput[], streams: CliStreams, colors: Colors): Promise<number> {
  const { transformWithPairs } = await import('./functionPairs');
  const { legendComment } = await import('./rewriteFile');
  const width = outputWidth(streams.stdout);
  for (const input of inputs) {
    const { pairs, code } = attempt(input, colors, () =>
      transformWithPairs(input.text, { filename: transformName(input), runtime: options.runtime, ...(options.explain ? { explain: true } : {}) }),
    );
    streams.stdout.write(colors.bold(`--- ${input.name} (original)\n+++ ${input.name} (rewritten)`) + '\n');
    if (pairs.length === 0) {
      streams.stdout.write(colors.dim('no async functions: the rewrite leaves this file as it is') + '\n');
      continue;
    }
    for (const pair of pairs) streams.stdout.write((options.sideBySide ? renderSideBySide(pair, colors, width) : renderUnified(pair, colors)) + '\n');
    if (options.explain) streams.stdout.write(colors.dim(legendComment(code).trimStart()) + '\n');
  }
  return 0;
}

async function runTrace(options: CliOptions, inputs: SourceInput[], streams: CliStreams, colors: Colors): Promise<number> {
  const { traceProgram } = await import('../trace/timeline');
  const results: TraceResult[] = [];
  for (const input of inputs) {
    let result: TraceResult;
    try {
      result = await traceProgram(input.text, {
        filename: input.name === '<stdin>' ? 'stdin.js' : input.name,
        runtime: options.runtime,
        injectExtraTick: streams.env[INJECT_TICK_VARIABLE] === '1',
      });
    } catch (error) {
      throw new SourceError(describeSourceError(error, input.text, input.name, colors));
    }
    const notRun = ([['native', result.native], ['rewritten', result.rewritten]] as const)
      .map(([side, timeline]) => (timeline.startError ?? timeline.failure) === undefined ? null : `${side} side: ${timeline.startError ?? timeline.failure}`)
      .filter((problem): problem is string => problem !== null);
    if (notRun.length > 0) {
      // Two runs that never started are not "the same timeline".
      streams.stderr.write(`async-desugar: ${input.name}: could not run: ${notRun.join('; ')}\n`);
      return 2;
    }
    results.push(result);
    if (!options.json) streams.stdout.write(renderTrace(result, colors, outputWidth(streams.stdout)) + '\n');
  }
  if (options.json) {
    const json = results.length === 1 ? traceJson(results[0]) : results.map(traceJson);
    streams.stdout.write(JSON.stringify(json, null, 2) + '\n');
  }
  return results.every((result) => result.match) ? 0 : 1;
}

/** Runs the command; resolves to the exit code. Never rejects. */
export async function run(argv: string[], streams: CliStreams): Promise<number> {
  const errorColors = colorsFor(shouldUseColor(streams.stderr, argv.includes('--no-color') ? false : argv.includes('--color') ? true : undefined, streams.env));
  try {
    const options = parseCommandLine(argv);
    const colors = colorsFor(shouldUseColor(streams.stdout, options.color, streams.env));
    if (options.help) {
      streams.stdout.write(helpText(colors) + '\n');
      return 0;
    }
    if (options.version) {
      streams.stdout.write(packageVersion() + '\n');
      return 0;
    }
    if (options.outDir !== undefined) {
      const color = shouldUseColor(streams.stderr, options.color, streams.env);
      const { runOutDir } = await import('./outDir');
      return await runOutDir({ ...options, outDir: options.outDir, explain: options.mode === 'explain', color, colors: colorsFor(color), stderr: streams.stderr });
    }
    const inputs = await readInputs(options, streams);
    if (options.mode === 'trace') return await runTrace(options, inputs, streams, colors);
    if (options.mode === 'diff') return await showDiff(options, inputs, streams, colors);
    return await printOrWrite(options, inputs, streams, colors);
  } catch (error) {
    if (error instanceof UsageError) {
      streams.stderr.write(`${errorColors.red(errorColors.bold('error'))} ${error.message}\n${usageLine()}\n(see async-desugar --help)\n`);
      return error.exitCode;
    }
    if (error instanceof SourceError) {
      streams.stderr.write(error.rendered + '\n');
      return 1;
    }
    if (error instanceof CliError) {
      streams.stderr.write(describeError(error, errorColors) + '\n');
      return error.exitCode;
    }
    streams.stderr.write(describeError(error, errorColors) + '\n');
    return 1;
  }
}

/** Entry point of bin/async-desugar.js. */
export function main(): void {
  // A closed pipe (`async-desugar f.js | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }).then((code) => {
    process.exitCode = code;
  });
}
