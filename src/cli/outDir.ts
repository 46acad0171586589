/*
 * outDir: --out-dir. Finds the .js/.mjs/.cjs files under the inputs, mirrors their tree into the
 * output directory and rewrites them, in worker threads (one per core, or --jobs N) when there are
 * many, with a progress bar on stderr when it is a terminal (or with --progress).
 * Must never: write outside the output directory, rewrite its own output, or stop at the first
 * broken file (every file is tried; the failures are listed at the end).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { SingleBar } from 'cli-progress';
import { CliError, describeFileError } from './errors';
import { rewriteFile, type FileJob, type FileOutcome, type RewriteSettings } from './rewriteFile';
import type { WorkerRequest, WorkerResponse } from './transformWorker';
import type { Colors } from './terminal';

const SOURCE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
/** Below this many files, starting threads costs more than it saves (unless --jobs is given). */
const FILES_WORTH_THREADS = 64;
const FILES_WORTH_A_BAR = 20;

export interface OutDirRequest extends RewriteSettings {
  inputs: string[];
  outDir: string;
  jobs?: number;
  progress: boolean;
  color: boolean;
  colors: Colors;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

function walk(directory: string, skip: string, found: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw describeFileError(error, directory, 'read');
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || path.resolve(full) === skip) continue;
      walk(full, skip, found);
    } else if (entry.isFile() && SOURCE_EXTENSIONS.has(path.extname(entry.name))) {
      found.push(full);
    }
  }
}

/** The (input, output) pairs: a directory's tree is mirrored, a file lands at the top level. */
export function planJobs(inputs: string[], outDir: string, settings: RewriteSettings & { color: boolean }): FileJob[] {
  const outRoot = path.resolve(outDir);
  const jobs: FileJob[] = [];
  const claimed = new Map<string, string>();
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (error) {
      throw describeFileError(error, input, 'read');
    }
    const files: Array<{ file: string; relative: string }> = [];
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(input, outRoot, found);
      for (const file of found) files.push({ file, relative: path.relative(input, file) });
    } else {
      files.push({ file: input, relative: path.basename(input) });
    }
    for (const { file, relative } of files) {
      const outputPath = path.join(outRoot, relative);
      if (path.resolve(file) === outputPath) throw new CliError(`--out-dir would overwrite its input ${file}`);
      const previous = claimed.get(outputPath);
      if (previous) throw new CliError(`${previous} and ${file} would both be written to ${outputPath}`);
      claimed.set(outputPath, file);
      jobs.push({ ...settings, inputPath: file, outputPath });
    }
  }
  return jobs;
}

function workerScript(): string | undefined {
  const script = path.join(__dirname, 'transformWorker.js');
  return fs.existsSync(script) ? script : undefined;
}

/** Runs the jobs on `threads` workers, keeping each busy with one job at a time. */
function runOnWorkers(jobs: FileJob[], threads: number, script: string, onDone: (outcome: FileOutcome) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let finished = 0;
    const workers: Worker[] = [];
    const stopAll = () => workers.forEach((worker) => void worker.terminate());
    const feed = (worker: Worker) => {
      if (next >= jobs.length) return;
      const request: WorkerRequest = { id: next, job: jobs[next] };
      next++;
      worker.postMessage(request);
    };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(script);
      workers.push(worker);
      worker.on('message', (response: WorkerResponse) => {
        onDone(response.outcome);
        finished++;
        if (finished === jobs.length) {
          stopAll();
          resolve();
        } else {
          feed(worker);
        }
      });
      worker.on('error', (error) => {
        stopAll();
        reject(error);
      });
      feed(worker);
    }
  });
}

export async function runOutDir(request: OutDirRequest): Promise<number> {
  const { colors, stderr } = request;
  const started = Date.now();
  const jobs = planJobs(request.inputs, request.outDir, { runtime: request.runtime, explain: request.explain, sourceMaps: request.sourceMaps, color: request.color });
  if (jobs.length === 0) {
    stderr.write(`${colors.yellow('warning')} no .js, .mjs or .cjs files under ${request.inputs.join(', ')}\n`);
    return 0;
  }

  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const wanted = request.jobs ?? (jobs.length >= FILES_WORTH_THREADS ? cores : 1);
  const script = workerScript();
  const threads = script ? Math.min(wanted, jobs.length) : 1;

  const showBar = request.progress || (stderr.isTTY === true && jobs.length >= FILES_WORTH_A_BAR);
  const bar = showBar
    ? new SingleBar({
        format: `rewriting {bar} {value}/{total} files | {file}`,
        stream: stderr,
        noTTYOutput: true,
        notTTYSchedule: 250,
        hideCursor: true,
        clearOnComplete: false,
        barsize: 24,
      })
    : undefined;
  bar?.start(jobs.length, 0, { file: '' });

  const failures: FileOutcome[] = [];
  const onDone = (outcome: FileOutcome) => {
    if (!outcome.ok) failures.push(outcome);
    bar?.increment(1, { file: path.basename(outcome.inputPath) });
  };
  try {
    if (threads > 1 && script) await runOnWorkers(jobs, threads, script, onDone);
    else for (const job of jobs) onDone(rewriteFile(job));
  } finally {
    bar?.stop();
  }

  for (const failure of failures) if (!failure.ok) stderr.write(failure.message + '\n');
  const seconds = ((Date.now() - started) / 1000).toFixed(2);
  const how = threads > 1 ? `${threads} worker threads` : 'the main thread';
  const written = jobs.length - failures.length;
  const summary = `rewrote ${written} of ${jobs.length} file${jobs.length === 1 ? '' : 's'} into ${request.outDir} with ${how} in ${seconds} s`;
  stderr.write((failures.length ? colors.red(summary) : colors.green(summary)) + '\n');
  return failures.length ? 1 : 0;
}
