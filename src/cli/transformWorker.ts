/*
 * transformWorker: a worker thread for --out-dir. It receives file jobs one at a time from the
 * main thread, rewrites and writes each, and answers with the outcome.
 * Must never: write to stdout/stderr (the main thread owns the terminal and the progress bar).
 */
import { parentPort } from 'worker_threads';
import { rewriteFile, type FileJob, type FileOutcome } from './rewriteFile';

export interface WorkerRequest {
  id: number;
  job: FileJob;
}

export interface WorkerResponse {
  id: number;
  outcome: FileOutcome;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (request: WorkerRequest) => {
    let outcome: FileOutcome;
    try {
      outcome = rewriteFile(request.job);
    } catch (error) {
      // rewriteFile turns the user's problems into messages; this is a bug, reported the same way.
      outcome = { ok: false, inputPath: request.job.inputPath, message: `internal error: ${error instanceof Error ? error.message : String(error)}` };
    }
    const response: WorkerResponse = { id: request.id, outcome };
    port.postMessage(response);
  });
}
