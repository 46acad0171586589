/*
 * help: the text of --help (with examples) and the version of --version.
 * Must never: list a flag that args.ts does not accept.
 */
import * as fs from 'fs';
import * as path from 'path';
import { formatLegend, RUNTIME_LEGEND } from './legend';
import type { Colors } from './terminal';

export function packageVersion(): string {
  for (const candidate of [path.join(__dirname, '..', '..', 'package.json'), path.join(__dirname, '..', '..', '..', 'package.json')]) {
    try {
      const parsed = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'babel-plugin-async-state-machine' && parsed.version) return parsed.version;
    } catch {
      // try the next place
    }
  }
  return 'unknown';
}

export function usageLine(): string {
  return 'usage: async-desugar [options] [FILE | DIR | -]...';
}

export function helpText(colors: Colors): string {
  const heading = (text: string) => colors.bold(text);
  const example = (command: string, what: string) => `  ${colors.cyan(command)}\n      ${what}`;
  return [
    `async-desugar ${packageVersion()}: rewrites async functions into readable state machines`,
    'that keep the exact microtask order of native async/await.',
    '',
    usageLine(),
    '',
    heading('Input'),
    '  FILE              a JavaScript file; several may be given',
    '  DIR               a directory (with --out-dir): every .js/.mjs/.cjs file in it',
    '  -  or nothing     read the program from stdin',
    '',
    heading('What to show'),
    '  (default)         print the rewritten code (syntax-highlighted on a terminal)',
    '  --diff            each async function before/after, original lines aligned with',
    '                    the cases they became (unified; add -y/--side-by-side for two columns)',
    '  -e, --explain     the rewrite with comments tying each case to the source, and a',
    '                    legend of the runtime calls it uses',
    '  -t, --trace       run the program natively and rewritten (each in a fresh process,',
    '                    with a fake clock for timers) and print both timelines side by side',
    '                    with microtask numbers; exit code 1 when they differ',
    '      --json        with --trace: the events as JSON, for other tools',
    '',
    heading('Writing files'),
    '  -o, --out FILE    write the rewritten code to FILE',
    '  -d, --out-dir DIR write every input under DIR, mirroring the source tree',
    '  -s, --source-maps write FILE.map next to each output (inline when printing)',
    '  -j, --jobs N      worker threads for --out-dir (default: one per core for 64+ files)',
    '      --progress    show the progress bar even when stderr is not a terminal',
    '',
    heading('Rewriting'),
    '  --runtime import  require the runtime from async-state-machine-runtime (default)',
    '  --runtime inline  paste the runtime into each file once',
    '',
    heading('Other'),
    '  --color, --no-color   force colours on or off (NO_COLOR and FORCE_COLOR are respected)',
    '  -h, --help        this text',
    '  -v, --version     the version',
    '',
    heading('Examples'),
    example('async-desugar app.js', 'show what the async functions of app.js become'),
    example('async-desugar --trace app.js', 'run app.js natively and rewritten, and compare the two at every microtask'),
    example('async-desugar --diff --side-by-side src/api.js', 'see each async function next to its state machine'),
    example('echo "async function f(){ await 1 }" | async-desugar --explain', 'read a rewrite with comments, from stdin'),
    example('async-desugar src --out-dir dist --source-maps', 'rewrite a whole tree, with source maps, on every core'),
    '',
    heading('Runtime calls in the output'),
    ...formatLegend(RUNTIME_LEGEND).map((line) => `  ${line}`),
    '',
    heading('Exit codes'),
    '  0 done; 1 a file could not be read or rewritten, or --trace found a difference; 2 bad command line,',
    '  or --trace could not run a side (it did not compile, or a module it loads is missing): "could not run: ..."',
  ].join('\n');
}
