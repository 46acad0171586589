#!/usr/bin/env node
/*
 * run: `npm run test262 -- --test262 DIR [--filter glob] [--babel 7|8|both]
 * [--runtime inline|import|both] [--jobs N] [--plugin PATH] [--out DIR] [--timeout MS]`.
 * Selects the async tests of a tc39/test262 checkout, runs each natively and rewritten by the
 * plugin (every Babel major and runtime mode asked for, strict and sloppy as the flags say) in a
 * worker pool, and writes summary.md, summary.json and failures.json. See README.md beside it.
 * Must never: write into the test262 checkout or the plugin's checkout, or exit 0 when the run
 * itself broke (a failing test is a result, not a broken run: the exit code is 0 then).
 */
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { selectTests } = require('./select');
const { exclusionKeys } = require('./exclusions');
const { parseFrontmatter } = require('./frontmatter');
const { runPool } = require('./pool');
const { aggregate, writeReports, folderOf } = require('./report');

const repoRoot = path.resolve(__dirname, '..', '..');

const USAGE = `usage: npm run test262 -- --test262 DIR [options]
  --test262 DIR                a tc39/test262 checkout (required)
  --filter GLOB                only tests whose path under test/ matches (** / * / ?; without a
                               wildcard: paths that contain the text)
  --babel 7|8|both             Babel major(s) (default both)
  --runtime inline|import|both runtime mode(s) (default both)
  --jobs N                     worker processes (default: the number of cores)
  --plugin PATH                the plugin to test (default: lib/index.js of this checkout)
  --out DIR                    where summary.md, summary.json, failures.json go (default test262-results/)
  --timeout MS                 time limit of one run, microtasks included (default 10000)
  --report-only                rewrite the reports from the results.json already in --out
                               (after a change to the classification), without running tests
  --partial-every S            rewrite the reports every S seconds while the run goes on (default 120)
  --label TEXT                 what the plugin is, for the summary (e.g. "fidelity@1a2b3c4",
                               when PATH is an exported build outside any git checkout)
  --targets Q                  Babel's top-level "targets" (a browserslist query such as "node 20",
                               or JSON such as '{"ie":"11"}'); default: none, Babel's own default
  --function-shape S           the plugin's functionShape option: auto (default), es5 or es2015
                               (auto picks ES5 for a test file without ES2015 syntax, whatever the targets)
  --quiet                      no progress lines`;

function parseArgs(argv) {
  const options = { babel: 'both', runtime: 'both', jobs: os.cpus().length, timeoutMs: 10000, quiet: false, partialSeconds: 120 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--test262') options.test262 = value();
    else if (arg === '--filter') options.filter = value();
    else if (arg === '--babel') options.babel = value();
    else if (arg === '--runtime') options.runtime = value();
    else if (arg === '--jobs') options.jobs = Number(value());
    else if (arg === '--plugin') options.plugin = value();
    else if (arg === '--out') options.out = value();
    else if (arg === '--timeout') options.timeoutMs = Number(value());
    else if (arg === '--quiet') options.quiet = true;
    else if (arg === '--report-only') options.reportOnly = true;
    else if (arg === '--partial-every') options.partialSeconds = Number(value());
    else if (arg === '--label') options.label = value();
    else if (arg === '--targets') options.targets = value();
    else if (arg === '--function-shape') options.functionShape = value();
    else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (options.help) return options;
  if (!options.test262 && !options.reportOnly) throw new Error('--test262 DIR is required');
  if (!['7', '8', 'both'].includes(options.babel)) throw new Error(`--babel must be 7, 8 or both, got ${options.babel}`);
  if (!['inline', 'import', 'both'].includes(options.runtime)) throw new Error(`--runtime must be inline, import or both, got ${options.runtime}`);
  if (!(Number.isInteger(options.jobs) && options.jobs >= 1)) throw new Error('--jobs must be a positive integer');
  if (!(options.timeoutMs > 0)) throw new Error('--timeout must be a positive number of milliseconds');
  return options;
}

function git(directory, args) {
  try {
    return execFileSync('git', ['-C', directory, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function newestMtime(directory, extension) {
  let newest = 0;
  if (!fs.existsSync(directory)) return newest;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, extension));
    else if (entry.name.endsWith(extension)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Where the plugin's runtime source is, and the module specifier of runtime "import". */
function pluginRuntime(pluginPath) {
  const libDir = path.dirname(pluginPath);
  let runtimeSourcePath = null;
  try {
    const emission = path.join(libDir, 'emission');
    const locator = fs.existsSync(path.join(emission, 'runtimePath.js')) ? 'runtimePath.js' : 'runtimeImport.js';
    runtimeSourcePath = require(path.join(emission, locator)).runtimeSourcePath();
  } catch {
    const candidate = path.join(libDir, '..', 'src', 'runtime', 'asyncMachine.js');
    if (fs.existsSync(candidate)) runtimeSourcePath = candidate;
  }
  if (!runtimeSourcePath) throw new Error(`cannot find the runtime source of the plugin at ${pluginPath}`);
  let runtimeModule = 'babel-plugin-async-state-machine/runtime';
  try {
    runtimeModule = require(path.join(libDir, 'options.js')).DEFAULT_RUNTIME_MODULE || runtimeModule;
  } catch {
    // an older build without the export: the documented default
  }
  return { runtimeSourcePath, runtimeModule };
}

function pluginInfo(pluginPath) {
  const libDir = path.dirname(pluginPath);
  const checkout = git(libDir, ['rev-parse', '--show-toplevel']) || path.resolve(libDir, '..');
  const dirty = git(checkout, ['status', '--porcelain', '--', 'src']);
  const srcNewest = newestMtime(path.join(checkout, 'src'), '.ts');
  const libNewest = newestMtime(libDir, '.js');
  return {
    path: pluginPath,
    checkout,
    branch: git(checkout, ['rev-parse', '--abbrev-ref', 'HEAD']) || 'unknown',
    commit: git(checkout, ['rev-parse', 'HEAD']) || 'unknown',
    dirty: Boolean(dirty),
    staleBuild: srcNewest > 0 && libNewest > 0 && srcNewest > libNewest,
  };
}

/** --targets: JSON when it looks like an object, else a browserslist query; undefined when absent. */
function parseTargets(text) {
  if (text === undefined) return undefined;
  return text.trim().startsWith('{') ? JSON.parse(text) : text;
}

/** Gives each result the exclusion reasons of its test (read again from the checkout). */
function markExclusions(results, root) {
  for (const result of results) {
    if (result.crash) continue;
    const source = fs.readFileSync(path.join(root, 'test', ...result.relative.split('/')), 'utf8');
    result.exclusion = exclusionKeys(source, parseFrontmatter(source, result.relative));
  }
}

/**
 * The files, one folder after another in turn (round robin), so that the reports written while
 * a long run goes on already cover every folder.
 */
function interleaveFolders(files) {
  const groups = new Map();
  for (const file of files) {
    const folder = folderOf(file);
    if (!groups.has(folder)) groups.set(folder, []);
    groups.get(folder).push(file);
  }
  const queues = [...groups.values()];
  const out = [];
  for (let i = 0; out.length < files.length; i++) for (const queue of queues) if (i < queue.length) out.push(queue[i]);
  return out;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const outDir = path.resolve(options.out || path.join(process.cwd(), 'test262-results'));
  if (options.reportOnly) {
    const saved = JSON.parse(fs.readFileSync(path.join(outDir, 'results.json'), 'utf8'));
    markExclusions(saved.results, saved.info.test262.path);
    writeReports(outDir, aggregate(saved.results, saved.info.variants), saved.info, saved.info.variants);
    process.stderr.write(`rewrote the reports in ${outDir}\n`);
    return;
  }
  const root = path.resolve(options.test262);
  const pluginPath = path.resolve(options.plugin || path.join(repoRoot, 'lib', 'index.js'));
  if (!fs.existsSync(pluginPath)) throw new Error(`plugin not found: ${pluginPath} (run npm run build)`);
  const majors = options.babel === 'both' ? [7, 8] : [Number(options.babel)];
  const runtimes = options.runtime === 'both' ? ['inline', 'import'] : [options.runtime];
  const variantList = majors.flatMap((babel) => runtimes.map((runtime) => ({ babel, runtime })));
  const variants = variantList.map((variant) => `${variant.babel}/${variant.runtime}`);
  const { runtimeSourcePath, runtimeModule } = pluginRuntime(pluginPath);

  const files = interleaveFolders(selectTests(root, options.filter));
  const info = {
    plugin: { ...pluginInfo(pluginPath), label: options.label || null },
    test262: { path: root, commit: git(root, ['rev-parse', 'HEAD']) || 'unknown' },
    node: process.versions.node,
    babel: {},
    startedAt: new Date().toISOString(),
    durationSeconds: 0,
    jobs: options.jobs,
    filter: options.filter || null,
    timeoutMs: options.timeoutMs,
    targets: parseTargets(options.targets),
    functionShape: options.functionShape || 'auto',
    variants,
  };
  for (const major of majors) {
    try {
      info.babel[major] = require(major === 7 ? '@babel/core/package.json' : 'babel8/package.json').version;
    } catch {
      info.babel[major] = 'unknown';
    }
  }
  if (info.plugin.staleBuild) process.stderr.write(`warning: ${pluginPath} is older than the TypeScript sources of its checkout\n`);
  if (!options.quiet) process.stderr.write(`test262 ${info.test262.commit.slice(0, 10)}: ${files.length} files, variants ${variants.join(', ')}, ${options.jobs} workers, plugin ${info.plugin.branch}@${info.plugin.commit.slice(0, 10)}\n`);

  const started = Date.now();
  const results = [];
  let lastProgress = started;
  let lastPartial = started;
  const writePartial = () => {
    info.durationSeconds = (Date.now() - started) / 1000;
    info.partial = `${results.length} of ${files.length} files so far (the run is still going)`;
    markExclusions(results, root);
    writeReports(outDir, aggregate(results, variants), info, variants);
    delete info.partial;
  };
  await runPool(files, {
    jobs: options.jobs,
    watchdogMs: Math.max(60000, options.timeoutMs * (variantList.length + 1) * 2 + 30000),
    recycleAfter: 400,
    config: { root, pluginPath, runtimeSourcePath, runtimeModule, variants: variantList, timeoutMs: options.timeoutMs, targets: info.targets, functionShape: info.functionShape },
    onResult: (result) => {
      results.push(result);
      const now = Date.now();
      if (!options.quiet && (now - lastProgress > 10000 || results.length === files.length)) {
        lastProgress = now;
        process.stderr.write(`  ${results.length}/${files.length} files, ${((now - started) / 1000).toFixed(0)} s\n`);
      }
      if (now - lastPartial > options.partialSeconds * 1000 && results.length < files.length) {
        lastPartial = now;
        writePartial();
      }
    },
  });
  info.durationSeconds = (Date.now() - started) / 1000;
  results.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  markExclusions(results, root);
  const report = aggregate(results, variants);
  writeReports(outDir, report, info, variants);
  fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify({ info, results }) + '\n');
  if (!options.quiet) {
    for (const variant of variants) {
      const t = report.totals[variant];
      process.stderr.write(`Babel ${variant}: ${t.passed}/${t.applicable - t.excluded} passed, ${t.failed} failed, ${t.excluded} excluded\n`);
    }
    process.stderr.write(`${report.notApplicable.length} runs not applicable, ${report.crashes.length} runner crashes, ${info.durationSeconds.toFixed(0)} s; wrote ${outDir}/summary.md\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`test262 runner failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
