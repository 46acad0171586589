/*
 * workerPool: a few long-lived fuzz worker processes (one per core by default), fed with
 * batches of seeds or single programs; answers come back as promises. A worker that has run
 * RECYCLE_AFTER programs is replaced by a fresh process between two requests: what a worker
 * keeps of the programs it ran (two vm contexts each) is uneven, up to 2.4 GB of RSS within a
 * few hundred programs, and long-lived workers grew until GC pauses made late programs time out.
 * Must never: leave its child processes running after close(), send a worker a second
 * request before it answered the first, or replace a worker while it has a request.
 */
import { fork, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { RewriteMode, Verdict } from './differential';
import type { GeneratorOptions } from './generator';
import type { SeedResult, WorkerReply, WorkerRequest } from './fuzzWorker';

/** the compiled worker (lib/testing/fuzzWorker.js), also when this module runs from src/ under ts-jest */
export function workerScriptPath(): string {
  const beside = path.join(__dirname, 'fuzzWorker.js');
  if (fs.existsSync(beside)) return beside;
  const compiled = path.join(__dirname, '..', '..', 'lib', 'testing', 'fuzzWorker.js');
  if (fs.existsSync(compiled)) return compiled;
  throw new Error(`fuzz worker not built: run "npm run build" (looked for ${compiled})`);
}

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };
type RequestBody = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'requestId'> : never) : never;

interface Slot {
  child: ChildProcess;
  busy: boolean;
  pending: Pending | null;
  /** programs this child has run (seeds of fuzz requests, one per check) */
  programs: number;
}

/** programs a worker runs before it is replaced by a fresh process */
export const RECYCLE_AFTER = 500;

export class FuzzPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: { body: RequestBody; pending: Pending }[] = [];
  private nextRequestId = 1;
  private closed = false;

  constructor(size = Math.max(1, os.cpus().length), private readonly recycleAfter = RECYCLE_AFTER) {
    const script = workerScriptPath();
    for (let i = 0; i < size; i++) {
      const slot: Slot = { child: this.spawn(script, () => slot), busy: false, pending: null, programs: 0 };
      this.slots.push(slot);
    }
  }

  private spawn(script: string, slotOf: () => Slot): ChildProcess {
    const child = fork(script, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: ['--no-warnings'] });
    child.on('message', (reply: WorkerReply) => {
      const slot = slotOf();
      const pending = slot.pending;
      slot.pending = null;
      if (slot.programs >= this.recycleAfter && !this.closed) {
        slot.child.kill();
        slot.child = this.spawn(script, slotOf);
        slot.programs = 0;
      }
      slot.busy = false;
      this.dispatch();
      if (pending) pending.resolve(reply);
    });
    child.on('exit', (code, signal) => {
      const slot = slotOf();
      if (slot.child !== child) return; // replaced on purpose
      if (slot.pending) slot.pending.reject(new Error(`fuzz worker exited (${code ?? signal})`));
      slot.pending = null;
      if (!this.closed && this.slots.every((s) => s.child.exitCode !== null || s.child.signalCode !== null)) {
        for (const waiting of this.waiting.splice(0)) waiting.pending.reject(new Error('all fuzz workers exited'));
      }
    });
    return child;
  }

  get size(): number {
    return this.slots.length;
  }

  /** the process ids of the current workers (they change when a worker is replaced) */
  get workerPids(): number[] {
    return this.slots.map((slot) => slot.child.pid ?? -1);
  }

  private request(body: RequestBody): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ body, pending: { resolve, reject } });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.waiting.length === 0) return;
      if (slot.busy || slot.child.exitCode !== null) continue;
      const next = this.waiting.shift() as { body: RequestBody; pending: Pending };
      slot.busy = true;
      slot.pending = next.pending;
      slot.programs += next.body.type === 'fuzz' ? next.body.seeds.length : 1;
      slot.child.send({ ...next.body, requestId: this.nextRequestId++ } as WorkerRequest);
    }
  }

  async fuzz(seeds: number[], mode: RewriteMode, generator: GeneratorOptions = {}): Promise<{ results: SeedResult[]; coverage: [string, number][] }> {
    const reply = await this.request({ type: 'fuzz', seeds, mode, generator });
    if (reply.type === 'error') throw new Error(reply.error);
    if (reply.type !== 'fuzz') throw new Error('unexpected reply');
    return { results: reply.results, coverage: reply.coverage };
  }

  async check(code: string, mode: RewriteMode): Promise<Verdict> {
    const reply = await this.request({ type: 'check', code, mode });
    if (reply.type === 'error') throw new Error(reply.error);
    if (reply.type !== 'check') throw new Error('unexpected reply');
    return reply.verdict;
  }

  close(): void {
    this.closed = true;
    for (const slot of this.slots) if (slot.child.exitCode === null) slot.child.kill();
  }
}
