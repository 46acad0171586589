/*
 * workerPool: a few long-lived fuzz worker processes (one per core by default), fed with
 * batches of seeds or single programs; answers come back as promises.
 * Must never: leave its child processes running after close(), or send a worker a second
 * request before it answered the first.
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
}

export class FuzzPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: { body: RequestBody; pending: Pending }[] = [];
  private nextRequestId = 1;
  private closed = false;

  constructor(size = Math.max(1, os.cpus().length)) {
    const script = workerScriptPath();
    for (let i = 0; i < size; i++) {
      const child = fork(script, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: ['--no-warnings'] });
      const slot: Slot = { child, busy: false, pending: null };
      child.on('message', (reply: WorkerReply) => {
        const pending = slot.pending;
        slot.pending = null;
        slot.busy = false;
        this.dispatch();
        if (pending) pending.resolve(reply);
      });
      child.on('exit', (code, signal) => {
        if (slot.pending) slot.pending.reject(new Error(`fuzz worker exited (${code ?? signal})`));
        slot.pending = null;
        if (!this.closed && this.slots.every((s) => s.child.exitCode !== null || s.child.signalCode !== null)) {
          for (const waiting of this.waiting.splice(0)) waiting.pending.reject(new Error('all fuzz workers exited'));
        }
      });
      this.slots.push(slot);
    }
  }

  get size(): number {
    return this.slots.length;
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
