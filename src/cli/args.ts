/*
 * args: the flags of async-desugar, parsed with node:util parseArgs and checked for combinations
 * that make no sense, into one CliOptions value.
 * Must never: touch the file system or print; a bad command line is a UsageError (exit code 2).
 */
import { parseArgs } from 'util';

export type Mode = 'print' | 'diff' | 'explain' | 'trace';

export interface CliOptions {
  mode: Mode;
  /** file or directory paths; '-' is stdin; empty means stdin */
  inputs: string[];
  out?: string;
  outDir?: string;
  sourceMaps: boolean;
  runtime: 'import' | 'inline';
  sideBySide: boolean;
  /** --diff --explain: the diff shows the explained output */
  explain: boolean;
  json: boolean;
  jobs?: number;
  progress: boolean;
  /** undefined = decide from the terminal and NO_COLOR / FORCE_COLOR */
  color?: boolean;
  help: boolean;
  version: boolean;
}

/** A command line we cannot run: printed with a hint to --help, exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

const optionSpec = {
  out: { type: 'string', short: 'o' },
  'out-dir': { type: 'string', short: 'd' },
  'source-maps': { type: 'boolean', short: 's' },
  runtime: { type: 'string' },
  diff: { type: 'boolean' },
  'side-by-side': { type: 'boolean', short: 'y' },
  explain: { type: 'boolean', short: 'e' },
  trace: { type: 'boolean', short: 't' },
  json: { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  progress: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** parseArgs' messages are long and mention its own internals; keep the useful part. */
function explainParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'([^']+)'/.exec(message)?.[1] ?? message;
    return `unknown option ${flag}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return message.replace(/^Option '([^']+)'/, 'option $1').split('.')[0];
  return message.split('\n')[0];
}

export function parseCommandLine(argv: string[]): CliOptions {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: optionSpec, allowPositionals: true, strict: true }));
  } catch (error) {
    throw new UsageError(explainParseError(error));
  }

  const flag = (name: string) => values[name] === true;
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);

  const modes = (['diff', 'explain', 'trace'] as const).filter((name) => flag(name));
  let mode: Mode = 'print';
  if (flag('trace')) mode = 'trace';
  else if (flag('diff')) mode = 'diff';
  else if (flag('explain')) mode = 'explain';
  if (flag('trace') && modes.length > 1) throw new UsageError(`--trace cannot be combined with ${modes.filter((m) => m !== 'trace').map((m) => '--' + m).join(' or ')}`);

  const runtime = text('runtime') ?? 'import';
  if (runtime !== 'import' && runtime !== 'inline') throw new UsageError(`--runtime must be "import" or "inline", not "${runtime}"`);

  let jobs: number | undefined;
  if (text('jobs') !== undefined) {
    jobs = Number(text('jobs'));
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number of worker threads (1 or more), not "${text('jobs')}"`);
  }

  if (flag('color') && flag('no-color')) throw new UsageError('--color and --no-color contradict each other');
  const options: CliOptions = {
    mode,
    inputs: positionals,
    out: text('out'),
    outDir: text('out-dir'),
    sourceMaps: flag('source-maps'),
    runtime,
    sideBySide: flag('side-by-side'),
    explain: flag('explain'),
    json: flag('json'),
    jobs,
    progress: flag('progress'),
    color: flag('color') ? true : flag('no-color') ? false : undefined,
    help: flag('help'),
    version: flag('version'),
  };
  if (options.help || options.version) return options;

  if (options.out !== undefined && options.outDir !== undefined) throw new UsageError('use either --out FILE or --out-dir DIR, not both');
  const writesFiles = options.out !== undefined || options.outDir !== undefined;
  if (writesFiles && (mode === 'diff' || mode === 'trace')) throw new UsageError(`--${mode} prints to the terminal; it cannot be combined with --out or --out-dir`);
  if (options.sideBySide && mode !== 'diff') throw new UsageError('--side-by-side only applies to --diff');
  if (options.json && mode !== 'trace') throw new UsageError('--json only applies to --trace');
  if (options.jobs !== undefined && options.outDir === undefined) throw new UsageError('--jobs only applies to --out-dir');
  if (options.progress && options.outDir === undefined) throw new UsageError('--progress only applies to --out-dir');
  if (options.out !== undefined && options.inputs.length > 1) throw new UsageError('--out writes one file; use --out-dir for several inputs');
  if (options.outDir !== undefined && (options.inputs.length === 0 || options.inputs.includes('-'))) throw new UsageError('--out-dir needs file or directory inputs, not stdin');
  return options;
}
