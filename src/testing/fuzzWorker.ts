/*
 * fuzzWorker: a long-lived child process of the fuzz pool. It generates, prints and checks the
 * programs for the seeds it is sent (or checks one given program, for shrinking) and answers
 * with verdicts and coverage counts over IPC.
 * Must never: run two programs at once (vmRunner serialises them), or print to stdout.
 */
import { checkProgram, type RewriteMode, type Verdict } from './differential';
import { generateProgram, type GeneratorOptions } from './generator';
import { printProgram } from './printer';

export interface SeedResult {
  seed: number;
  verdict: Verdict;
}

export type WorkerRequest =
  | { requestId: number; type: 'fuzz'; seeds: number[]; mode: RewriteMode; generator: GeneratorOptions }
  | { requestId: number; type: 'check'; code: string; mode: RewriteMode };

export type WorkerReply =
  | { requestId: number; type: 'fuzz'; results: SeedResult[]; coverage: [string, number][] }
  | { requestId: number; type: 'check'; verdict: Verdict }
  | { requestId: number; type: 'error'; error: string };

/** keeps a verdict small for IPC: the logs of programs that passed are not needed */
function slim(verdict: Verdict): Verdict {
  if (verdict.status === 'same') return { status: 'same', native: { events: [], firedTimers: [] } };
  return verdict;
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  if (request.type === 'check') {
    return { requestId: request.requestId, type: 'check', verdict: await checkProgram(request.code, request.mode) };
  }
  const coverage = new Map<string, number>();
  const results: SeedResult[] = [];
  for (const seed of request.seeds) {
    const generated = generateProgram(seed, request.generator);
    for (const [key, count] of generated.coverage) coverage.set(key, (coverage.get(key) ?? 0) + count);
    const verdict = await checkProgram(printProgram(generated.program), request.mode);
    results.push({ seed, verdict: slim(verdict) });
  }
  return { requestId: request.requestId, type: 'fuzz', results, coverage: [...coverage] };
}

process.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (reply) => process.send?.(reply),
    (error: unknown) => process.send?.({ requestId: request.requestId, type: 'error', error: error instanceof Error ? error.stack ?? error.message : String(error) }),
  );
});
