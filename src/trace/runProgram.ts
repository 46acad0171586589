/*
 * runProgram: runs a program (native source or rewritten output) in a fresh Node child process
 * through harnessChild.js and returns its event log; compareLogs tells whether two logs match.
 * The log format and compareLogs live in programLog.ts (shared with the browser playground).
 * Must never: run two programs in one process, or transform the code it is given.
 */
import { spawn, spawnSync } from 'child_process';
import * as path from 'path';
import * as fs from 'fs';
import type { ProgramEvent, ProgramRun } from './programLog';

export { compareLogs, formatEvent, type ProgramEvent, type ProgramRun } from './programLog';

export const harnessPath = (() => {
  const here = path.join(__dirname, 'harnessChild.js');
  if (fs.existsSync(here)) return here;
  return path.join(__dirname, '..', '..', 'src', 'trace', 'harnessChild.js');
})();

function parseChildOutput(stdout: string, stderr: string, status: number | null, timedOut: boolean): ProgramRun {
  if (timedOut) return { events: [], failure: 'timed out', stderr };
  try {
    const parsed = JSON.parse(stdout) as { events: ProgramEvent[] };
    return { events: parsed.events, stderr, failure: status === 0 || status === 1 ? undefined : `exit status ${status}` };
  } catch {
    return { events: [], failure: `no result (exit status ${status}): ${stderr.slice(0, 2000)}`, stderr };
  }
}

/** Runs `code` synchronously in a fresh child process. */
export function runProgramSync(code: string, options: { filename?: string; timeoutMs?: number; execPath?: string } = {}): ProgramRun {
  // (execPath: another Node as the oracle for syntax this one lacks, e.g. `using`)
  const result = spawnSync(options.execPath ?? process.execPath, [harnessPath, options.filename ?? 'program.js'], {
    input: code,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 20000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return parseChildOutput(result.stdout ?? '', result.stderr ?? '', result.status, timedOut);
}

/** Runs `code` in a fresh child process without blocking the caller. */
export function runProgram(code: string, options: { filename?: string; timeoutMs?: number } = {}): Promise<ProgramRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [harnessPath, options.filename ?? 'program.js'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 20000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve(parseChildOutput(stdout, stderr, status, timedOut));
    });
    child.stdin.end(code);
  });
}
