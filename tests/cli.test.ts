/*
 * cli.test: runs the real async-desugar binary (bin/async-desugar.js -> lib/, built by `npm test`)
 * as a child process for each flag and checks its output, exit code and the files it writes.
 * Expected code comes from transformSource and expected behaviour from a native run in the
 * harness, never from hand-typed logs; --trace must report a match on every example and a
 * mismatch when the rewritten side gets one extra microtask.
 * Must never: import the CLI in-process (the binary is what users run), or leave files outside a
 * temporary directory.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SourceMap } from 'module';
import { transformSource } from '../src/transform';
import { compareLogs, runProgramSync } from '../src/trace/runProgram';
import { RUNTIME_LEGEND } from '../src/cli/legend';

const repoRoot = path.resolve(__dirname, '..');
const bin = path.join(repoRoot, 'bin', 'async-desugar.js');
const examplesDir = path.join(repoRoot, 'examples');
const examples = fs.readdirSync(examplesDir).filter((name) => name.endsWith('.js')).sort();
const ANSI = /\u001b\[[0-9;]*m/;
const STACK_FRAME = /^\s+at .+\(.+:\d+:\d+\)$/m;

interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the binary with a clean colour environment unless the test sets one. */
function runCli(args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.FORCE_COLOR;
    delete env.NO_COLOR;
    delete env.ASYNC_DESUGAR_TEST_INJECT_TICK;
    Object.assign(env, options.env);
    const child = execFile(process.execPath, [bin, ...args], { cwd: options.cwd ?? repoRoot, env, maxBuffer: 32 * 1024 * 1024, timeout: 60000 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
      resolve({ status, stdout, stderr });
    });
    child.stdin?.end(options.input ?? '');
  });
}

function readExample(name: string): string {
  return fs.readFileSync(path.join(examplesDir, name), 'utf8');
}

/** The rewrite the CLI should print for a file: what the programmatic API gives. */
function expectedRewrite(file: string, runtime: 'import' | 'inline' = 'import'): string {
  return transformSource(fs.readFileSync(file, 'utf8'), { filename: file, runtime }).code;
}

function expectNoStackTrace(run: CliRun): void {
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(run.stdout).not.toMatch(STACK_FRAME);
}

let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'async-desugar-cli-'));
});
afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('--help and --version', () => {
  test('--help lists every flag with examples, exit 0', async () => {
    const run = await runCli(['--help']);
    expect(run.status).toBe(0);
    for (const flag of ['--out', '--out-dir', '--source-maps', '--runtime', '--diff', '--side-by-side', '--explain', '--trace', '--json', '--jobs', '--progress', '--color', '--no-color', '--help', '--version']) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toMatch(/Examples/);
    expect(run.stdout).toContain('async-desugar --trace app.js');
    // (the published CLI ships no examples/ folder: the help must not point at one)
    expect(run.stdout).not.toContain('examples/');
    expect(run.stdout).not.toMatch(ANSI);
  });

  test('--version prints the package version', async () => {
    const run = await runCli(['--version']);
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });
});

describe('printing the rewrite', () => {
  const timeline = path.join('examples', 'timeline.js');

  test('FILE prints exactly what transformSource gives, plain when piped', async () => {
    const run = await runCli([timeline]);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(ANSI);
    expect(run.stdout.trimEnd()).toBe(expectedRewrite(timeline));
  });

  test('colour: --color and FORCE_COLOR highlight, NO_COLOR and --no-color do not', async () => {
    const [forced, flagged, noColor, flagOff] = await Promise.all([
      runCli([timeline], { env: { FORCE_COLOR: '1' } }),
      runCli(['--color', timeline]),
      runCli([timeline], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }),
      runCli(['--no-color', timeline], { env: { FORCE_COLOR: '1' } }),
    ]);
    expect(forced.stdout).toMatch(ANSI);
    expect(flagged.stdout).toMatch(ANSI);
    expect(noColor.stdout).not.toMatch(ANSI);
    expect(flagOff.stdout).not.toMatch(ANSI);
    expect(forced.stdout.replace(/\u001b\[[0-9;]*m/g, '').trimEnd()).toBe(expectedRewrite(timeline));
  });

  test('"-" and no file read stdin', async () => {
    const source = readExample('timeline.js');
    const [dash, none] = await Promise.all([runCli(['-'], { input: source }), runCli([], { input: source })]);
    const expected = transformSource(source, { filename: 'stdin.js', runtime: 'import' }).code;
    for (const run of [dash, none]) {
      expect(run.status).toBe(0);
      expect(run.stdout.trimEnd()).toBe(expected);
    }
  });

  test('--runtime inline pastes the runtime and the output behaves like the native program', async () => {
    const file = path.join('examples', 'return-promise.js');
    const run = await runCli(['--runtime', 'inline', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('async-state-machine-runtime');
    expect(run.stdout.trimEnd()).toBe(expectedRewrite(file, 'inline'));
    const difference = compareLogs(runProgramSync(readExample('return-promise.js')), runProgramSync(run.stdout));
    expect(difference).toBeNull();
  });

  test('--source-maps without --out appends an inline map', async () => {
    const run = await runCli(['--source-maps', timeline]);
    expect(run.status).toBe(0);
    const match = /\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,(\S+)/.exec(run.stdout);
    expect(match).not.toBeNull();
    const map = JSON.parse(Buffer.from(match![1], 'base64').toString('utf8')) as { version: number; mappings: string };
    expect(map.version).toBe(3);
    expect(map.mappings.length).toBeGreaterThan(0);
  });
});

/** Checks that the map sends the output line holding `needle` to the source line holding it. */
function expectMapsBack(outputFile: string, sourceFile: string, needle: string): void {
  const map = JSON.parse(fs.readFileSync(outputFile + '.map', 'utf8')) as { sources: string[]; file: string };
  expect(map.file).toBe(path.basename(outputFile));
  expect(path.resolve(path.dirname(outputFile), map.sources[0])).toBe(path.resolve(sourceFile));
  const output = fs.readFileSync(outputFile, 'utf8');
  expect(output.trimEnd().endsWith(`//# sourceMappingURL=${path.basename(outputFile)}.map`)).toBe(true);
  const outputLines = output.split('\n');
  const generatedLine = outputLines.findIndex((line) => line.includes(needle));
  expect(generatedLine).toBeGreaterThanOrEqual(0);
  const entry = new SourceMap(map as unknown as ConstructorParameters<typeof SourceMap>[0]).findEntry(generatedLine, outputLines[generatedLine].indexOf(needle));
  const sourceLines = fs.readFileSync(sourceFile, 'utf8').split('\n');
  expect('originalLine' in entry).toBe(true);
  expect(sourceLines[(entry as { originalLine: number }).originalLine]).toContain(needle);
}

describe('writing files', () => {
  test('--out FILE --source-maps writes the rewrite and a valid map', async () => {
    const source = path.join(examplesDir, 'fetch-flow.js');
    const out = path.join(scratch, 'single', 'fetch-flow.out.js');
    const run = await runCli([source, '--out', out, '--source-maps']);
    expect(run.status).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain(expectedRewrite(source));
    expectMapsBack(out, source, 'console.log(data.login)');
    // the written file behaves like the source (the harness maps the runtime import)
    expect(compareLogs(runProgramSync(fs.readFileSync(source, 'utf8')), runProgramSync(fs.readFileSync(out, 'utf8')))).toBeNull();
  });

  test('--out-dir mirrors a tree with maps, on worker threads, and reports a broken file with a frame', async () => {
    const tree = path.join(scratch, 'tree');
    const fetchFlow = readExample('fetch-flow.js');
    for (let i = 0; i < 12; i++) {
      const dir = path.join(tree, 'lib', i % 2 ? 'odd' : 'even');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `module${i}.js`), fetchFlow);
    }
    fs.writeFileSync(path.join(tree, 'entry.mjs'), 'export async function main() {\n  await null;\n}\n');
    fs.writeFileSync(path.join(tree, 'notes.txt'), 'not JavaScript');
    fs.mkdirSync(path.join(tree, 'node_modules', 'dep'), { recursive: true });
    fs.writeFileSync(path.join(tree, 'node_modules', 'dep', 'index.js'), 'async function skipped() {}');
    fs.writeFileSync(path.join(tree, 'lib', 'broken.js'), 'async function f() {\n  await 1;\n  let x = ;\n}\n');
    const outDir = path.join(scratch, 'tree-out');

    const run = await runCli([tree, '--out-dir', outDir, '--source-maps', '--jobs', '2', '--progress']);
    expect(run.status).toBe(1); // one file is broken; the others are still written
    expect(run.stderr).toContain('with 2 worker threads');
    expect(run.stderr).toMatch(/rewrote 13 of 14 files/);
    expect(run.stderr).toMatch(/rewriting .*14\/14 files/); // the progress bar
    expect(run.stderr).toMatch(/SyntaxError .*broken\.js:3:11/);
    expect(run.stderr).toMatch(/> 3 \|\s+let x = ;/);
    expectNoStackTrace(run);

    for (let i = 0; i < 12; i++) {
      const relative = path.join('lib', i % 2 ? 'odd' : 'even', `module${i}.js`);
      const written = path.join(outDir, relative);
      expect(fs.readFileSync(written, 'utf8')).toContain(transformSource(fetchFlow, { filename: path.join(tree, relative), runtime: 'import' }).code);
      expectMapsBack(written, path.join(tree, relative), 'console.log(data.login)');
    }
    expect(fs.existsSync(path.join(outDir, 'entry.mjs'))).toBe(true);
    expect(fs.existsSync(path.join(outDir, 'notes.txt'))).toBe(false);
    expect(fs.existsSync(path.join(outDir, 'node_modules'))).toBe(false);
    expect(fs.existsSync(path.join(outDir, 'lib', 'broken.js'))).toBe(false);
  });

  test('a small --out-dir run stays on the main thread', async () => {
    const outDir = path.join(scratch, 'small-out');
    const run = await runCli([path.join('examples', 'timeline.js'), path.join('examples', 'class-method.js'), '--out-dir', outDir]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('with the main thread');
    expect(fs.readFileSync(path.join(outDir, 'timeline.js'), 'utf8').trimEnd()).toBe(expectedRewrite(path.join('examples', 'timeline.js')));
  });
});

describe('--diff', () => {
  const file = path.join('examples', 'fetch-flow.js');

  test('unified: each original await line is followed by the runtime call it became', async () => {
    const run = await runCli(['--diff', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(ANSI);
    expect(run.stdout).toMatch(/@@ async getUser \(lines \d+-\d+\)/);
    expect(run.stdout).toMatch(/@@ async main \(lines \d+-\d+\)/);
    const lines = run.stdout.split('\n');
    const sourceLines = readExample('fetch-flow.js').split('\n');
    // (the first await is in the entry segment, which the function itself runs after its step's
    // cases, src/lowering/entrySegment.ts: its line cannot sit beside it without reordering)
    expect(lines.some((line) => line.startsWith('+') && line.includes('return state.await(fakeFetch(url), 1)'))).toBe(true);
    for (const awaited of ['res.json()']) {
      const sourceLine = sourceLines.findIndex((line) => line.includes(`await ${awaited}`)) + 1;
      const removed = lines.findIndex((line) => line.startsWith('-') && line.includes(`await ${awaited}`));
      expect(removed).toBeGreaterThanOrEqual(0);
      expect(lines[removed]).toMatch(new RegExp(`^-\\s+${sourceLine} │`));
      expect(lines[removed + 1]).toMatch(/^\+/);
      expect(lines[removed + 1]).toContain(`.await(${awaited}`);
    }
    // a statement that contains no await is kept as it was: shown as context, not as a change
    expect(lines.some((line) => line.startsWith(' ') && line.includes('console.log(data.login)'))).toBe(true);
  });

  test('--side-by-side puts the original line and its case on the same row, coloured with --color', async () => {
    const [plain, coloured] = await Promise.all([runCli(['--diff', '--side-by-side', file]), runCli(['--diff', '-y', '--color', file])]);
    expect(plain.status).toBe(0);
    const row = plain.stdout.split('\n').find((line) => line.includes('await res.json()'));
    expect(row).toBeDefined();
    expect(row).toMatch(/await res\.json\(\).*\|.*\.await\(res\.json\(\)/);
    expect(coloured.stdout).toMatch(ANSI);
  });

  test('a file without async functions says so', async () => {
    const run = await runCli(['--diff', '-'], { input: 'const x = 1;\n' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no async functions');
  });
});

describe('--explain', () => {
  test('prints the rewrite with a legend of exactly the runtime calls it uses, and still runs', async () => {
    const file = path.join('examples', 'fetch-flow.js');
    const run = await runCli(['--explain', file]);
    expect(run.status).toBe(0);
    const [code, legend] = run.stdout.split('// ── runtime calls used above ──');
    expect(legend).toBeDefined();
    const stateName = /\b([A-Za-z_$][\w$]*)\.label\b/.exec(code)?.[1];
    expect(stateName).toBeDefined();
    for (const entry of RUNTIME_LEGEND) {
      const used = new RegExp(`\\b${stateName}\\.${entry.member}\\b`).test(code);
      expect([entry.member, legend.includes(`${stateName}.${entry.member}`)]).toEqual([entry.member, used]);
    }
    // the explained output is still the same program
    expect(compareLogs(runProgramSync(readExample('fetch-flow.js')), runProgramSync(run.stdout))).toBeNull();
  });

  test('explains every number: try regions, the regions a jump leaves, loop heads, returns', async () => {
    const source = [
      'async function f(xs) {',
      '  for (const x of xs) {',
      '    try {',
      '      if (x === 2) break;',
      '      log("x", await x);',
      '    } catch (error) {',
      '      log("caught");',
      '    } finally {',
      '      log("finally", x);',
      '    }',
      '  }',
      '  return "done";',
      '}',
      'f([1, 2, 3]).then((v) => log(v));',
    ].join('\n');
    const run = await runCli(['--explain', '-'], { input: source });
    expect(run.status).toBe(0);
    const code = run.stdout.split('// ── runtime calls used above ──')[0];
    /** the comment lines right above the first line that matches `call` */
    const commentsBefore = (call: RegExp): string => {
      const lines = code.split('\n');
      const index = lines.findIndex((text) => call.test(text));
      expect(index).toBeGreaterThan(0);
      const comments: string[] = [];
      for (let i = index - 1; i >= 0 && /^\s*\/\//.test(lines[i]); i--) comments.unshift(lines[i].trim());
      return comments.join('\n');
    };
    const tryCall = /state\.enterTry\((\d+), (\d+)\)/.exec(code)!;
    expect(commentsBefore(/state\.enterTry\(/)).toContain(`a throw in here goes to case ${tryCall[1]}; the finally at case ${tryCall[2]} runs on every way out`);
    const breakCall = /if \(x === 2\) return state\.goto\((\d+), 2\)/.exec(code)!;
    expect(commentsBefore(/if \(x === 2\)/)).toContain(`leave 2 regions (1: a try, whose finally at case ${tryCall[2]} runs first; 2: the for-of loop, whose iterator is closed), then go to case ${breakCall[1]}`);
    const head = /state\.nextValue\(_iterator, (\d+)\)/.exec(code)!;
    expect(commentsBefore(/state\.nextValue\(/)).toContain(`its loop head is case ${head[1]})`);
    expect(commentsBefore(/state\.endFinally\(/)).toContain('end of the finally block');
    expect(commentsBefore(/state\.return\("done"\)/)).toContain('complete with this value');
    // still the same program
    expect(compareLogs(runProgramSync(source), runProgramSync(run.stdout))).toBeNull();
  });

  test('the legend covers the runtime vocabulary and nothing else', () => {
    const runtimeDir = path.join(repoRoot, 'src', 'runtime');
    const runtime = fs.readdirSync(runtimeDir).filter((file) => file.endsWith('.js')).map((file) => fs.readFileSync(path.join(runtimeDir, file), 'utf8')).join('\n');
    // public members of the state object: proto.x = ..., generatorProto['x'] = ... (not _private ones)
    const methods = [...runtime.matchAll(/\b(?:generatorP|p)roto(?:\.([A-Za-z]\w*)|\[['"]([A-Za-z]\w*)['"]\])\s*=/g)].map((match) => match[1] ?? match[2]);
    expect(methods.length).toBeGreaterThan(4);
    // data fields: set in the machine's constructor (this.x = ...), as a default on its prototype
    // (prototype.x = ..., for fields only some functions write), or on a machine (machine.x = ...)
    const fields = [...runtime.matchAll(/\b(?:this|prototype|machine)\.([A-Za-z]\w*)\s*=/g)].map((match) => match[1]);
    const members = RUNTIME_LEGEND.map((entry) => entry.member);
    for (const method of methods) expect(members).toContain(method);
    for (const member of members) expect([...methods, ...fields]).toContain(member);
  });
});

describe('examples/README.md corrections hold in a native run', () => {
  const logOf = (name: string) => runProgramSync(readExample(name)).events.map((event) => event.text);
  const microtasks = (log: string[], prefix: string) => Number(/after (\d+) microtask/.exec(log.find((line) => line.startsWith(prefix)) ?? '')?.[1]);

  test('an async function returning a promise returns a new one, two microtasks later', () => {
    const log = logOf('return-promise.js');
    expect(log).toContain('same promise? false');
    expect(microtasks(log, 'await foo()') - microtasks(log, 'await inner')).toBe(2);
  });

  test('await does not call a patched Promise.prototype.then; an explicit .then does', () => {
    const log = logOf('await-vs-then.js');
    expect(log.indexOf('patched then called')).toBeGreaterThan(log.indexOf('await gave 1'));
    expect(log.filter((line) => line === 'patched then called')).toHaveLength(1);
  });

  test('p.then(v => v).catch(...) resumes later than await p; a thenable costs one more microtask', () => {
    const errors = logOf('error-handling.js');
    expect(microtasks(errors, 'chain resumed')).toBeGreaterThan(microtasks(errors, 'await resumed'));
    const thenables = logOf('thenable-and-value.js');
    expect(microtasks(thenables, 'await 10 ')).toBe(microtasks(thenables, 'await Promise.resolve(10)'));
    expect(microtasks(thenables, 'await thenable')).toBe(microtasks(thenables, 'await 10 ') + 1);
  });
});

describe('--trace', () => {
  // Every example, native vs rewritten, in parallel pairs (each trace runs two child processes).
  const traces = new Map<string, Promise<CliRun>>();
  const traceOf = (name: string) => {
    if (!traces.has(name)) traces.set(name, runCli(['--trace', path.join('examples', name)]));
    return traces.get(name)!;
  };
  beforeAll(async () => {
    for (let i = 0; i < examples.length; i += 3) await Promise.all(examples.slice(i, i + 3).map(traceOf));
  });

  test('there are examples to trace', () => {
    expect(examples).toEqual(expect.arrayContaining(['timeline.js', 'sequential-vs-parallel.js', 'error-handling.js', 'thenable-and-value.js', 'class-method.js', 'fetch-flow.js', 'return-promise.js', 'await-vs-then.js']));
  });

  test.each(examples)('%s: native and rewritten timelines match', async (name) => {
    const run = await traceOf(name);
    expect(run.stdout).toContain('✓ the timelines match');
    expect(run.stdout).not.toContain('✗');
    expect(run.status).toBe(0);
    expectNoStackTrace(run);
  });

  describe('real module resolution for the traced program', () => {
    let project = '';
    beforeAll(() => {
      project = fs.mkdtempSync(path.join(os.tmpdir(), 'asm-trace-'));
      fs.writeFileSync(path.join(project, 'sibling.js'), 'exports.twice = async (x) => { await null; return x * 2; };\n');
      fs.writeFileSync(path.join(project, 'uses-sibling.js'), 'const { twice } = require("./sibling");\nconst path = require("path");\nasync function main() {\n  log("file", path.basename(__filename), path.basename(__dirname) === path.basename(process.cwd()));\n  log("value", await twice(21));\n}\nmain();\n');
      fs.writeFileSync(path.join(project, 'module.mjs'), 'import { twice } from "./sibling.js";\nasync function main() {\n  log("esm", await twice(2));\n  await null;\n  log("done");\n}\nmain();\n');
      fs.writeFileSync(path.join(project, 'missing.js'), 'require("./not-there");\nasync function f() { await null; log("never"); }\nf();\n');
    });
    afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

    test('a program that requires a sibling module and reads __filename: both sides run it, and they match', async () => {
      const run = await runCli(['--trace', 'uses-sibling.js', '--json'], { cwd: project });
      expect(run.status).toBe(0);
      const json = JSON.parse(run.stdout) as { match: boolean; native: { events: { kind: string; text: string }[] } };
      expect(json.match).toBe(true);
      const logs = json.native.events.filter((event) => event.kind === 'log').map((event) => event.text);
      expect(logs).toEqual(expect.arrayContaining(['file uses-sibling.js true', 'value 42']));
    });

    test('an ES module importing a sibling module is traced', async () => {
      const run = await runCli(['--trace', 'module.mjs'], { cwd: project });
      expect(run.stdout).toContain('✓ the timelines match');
      expect(run.stdout).toContain('esm 4');
      expect(run.status).toBe(0);
    });

    test('a side that cannot start gives "could not run: ..." and exit 2, never a match', async () => {
      const run = await runCli(['--trace', 'missing.js'], { cwd: project });
      expect(run.status).toBe(2);
      expect(run.stdout).not.toContain('the timelines match');
      expect(run.stderr).toContain('could not run: native side: Error: Cannot find module');
      expectNoStackTrace(run);
    });
  });

  test('the timeline shows the A B D C order with suspension, resumption and microtask numbers', async () => {
    const run = await traceOf('timeline.js');
    const rows = run.stdout.split('\n');
    const find = (text: string) => rows.findIndex((row) => row.includes(text));
    const order = ['log: A', 'log: B', 'f: await #1 (line 12) suspends', 'log: D', 'f: await #1 resumes', 'log: C', 'f() #1 fulfilled'].map(find);
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // "C" is logged one microtask after the script: tick column 1 on both sides
    expect(rows[find('log: C')]).toMatch(/^\s+1\s+0 log: C\s+│\s+1\s+0 log: C$/);
  });

  test('--json gives both timelines; the native logs are those of a plain native run', async () => {
    const run = await runCli(['--trace', '--json', path.join('examples', 'timeline.js')]);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { match: boolean; native: { events: Array<{ kind: string; text: string; tick: number }> }; rewritten: { events: unknown[] } };
    expect(result.match).toBe(true);
    expect(result.rewritten.events).toEqual(result.native.events);
    const kinds = new Set(result.native.events.map((event) => event.kind));
    for (const kind of ['script', 'call', 'suspend', 'resume', 'settle', 'log']) expect(kinds).toContain(kind);
    const plain = runProgramSync(readExample('timeline.js'));
    expect(result.native.events.filter((event) => event.kind === 'log').map(({ tick, text }) => ({ tick, text }))).toEqual(plain.events.map(({ tick, text }) => ({ tick, text })));
  });

  test('fake timers: sequential awaits take A + B, parallel ones max(A, B)', async () => {
    const run = await traceOf('sequential-vs-parallel.js');
    expect(run.stdout).toMatch(/sequential got a b and took 300 ms/);
    expect(run.stdout).toMatch(/parallel got a b and took 200 ms/);
  });

  test('an extra microtask injected into the rewritten side is reported as a mismatch, exit 1', async () => {
    const inject = { ASYNC_DESUGAR_TEST_INJECT_TICK: '1' };
    const [text, json] = await Promise.all([
      runCli(['--trace', path.join('examples', 'timeline.js')], { env: inject }),
      runCli(['--trace', '--json', path.join('examples', 'timeline.js')], { env: inject }),
    ]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('✗ the timelines differ');
    expect(text.stdout).toMatch(/^✗ /m);
    expect(json.status).toBe(1);
    const result = JSON.parse(json.stdout) as { match: boolean; difference: string; firstDifference: number; checks: { observed: string | null; unobserved: string | null } };
    expect(result.match).toBe(false);
    expect(result.difference).toMatch(/logs differ/);
    // both the observed programs and the code as written (no probes) see the extra microtask
    expect(result.checks.observed).toMatch(/logs differ/);
    expect(result.checks.unobserved).toMatch(/logs differ/);
    expect(result.difference).not.toContain('\u0001'); // probe lines are shown as text
    expect(result.firstDifference).toBeGreaterThan(0);
  });
});

describe('errors', () => {
  test('a syntax error: one message with a code frame, exit 1, no stack trace', async () => {
    const broken = path.join(scratch, 'broken.js');
    fs.writeFileSync(broken, 'async function f() {\n  await 1;\n  let x = ;\n}\n');
    for (const args of [[broken], ['--diff', broken], ['--trace', broken], ['--explain', broken]]) {
      const run = await runCli(args);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`SyntaxError ${broken}:3:11: Unexpected token`);
      expect(run.stderr).toMatch(/> 3 \|\s+let x = ;\n\s+\|\s+\^/);
      expect(run.stdout).toBe('');
      expectNoStackTrace(run);
    }
  });

  test('a missing file: exit 1, the path and why', async () => {
    const run = await runCli(['no/such/file.js']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('cannot read no/such/file.js: no such file or directory');
    expectNoStackTrace(run);
  });

  test.each([
    [['--bogus'], 'unknown option --bogus'],
    [['--runtime', 'eval', 'x.js'], '--runtime must be "import" or "inline"'],
    [['--out'], 'argument missing'],
    [['--trace', '--diff', 'x.js'], '--trace cannot be combined with --diff'],
    [['--json', 'x.js'], '--json only applies to --trace'],
    [['--side-by-side', 'x.js'], '--side-by-side only applies to --diff'],
    [['--jobs', 'many', '--out-dir', 'o', 'x.js'], '--jobs must be a whole number'],
    [['--out', 'a.js', '--out-dir', 'o', 'x.js'], 'either --out FILE or --out-dir DIR'],
    [['examples'], 'is a directory; use --out-dir'],
  ])('bad command line %j: exit 2 with "%s"', async (args, message) => {
    const run = await runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('async-desugar --help');
    expectNoStackTrace(run);
  });
});
