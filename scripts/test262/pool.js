/*
 * pool: a few worker processes (scripts/test262/worker.js), each fed one test file at a time;
 * a worker that does not answer within the watchdog limit is killed and replaced, and its test
 * is recorded as a crash of the runner, so one hung test cannot stall the run.
 * Must never: leave a worker running after run() settles, or give a worker a second file before
 * it answered the first.
 */
'use strict';

const { fork } = require('child_process');
const path = require('path');

const WORKER = path.join(__dirname, 'worker.js');

/**
 * Runs every file of `files` through `jobs` workers initialised with `config`.
 * `onResult(result)` is called once per file, in completion order. Resolves when all are done.
 */
function runPool(files, { jobs, config, watchdogMs, recycleAfter, onResult }) {
  return new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    let failed = false;
    const workers = new Set();

    const finish = () => {
      for (const worker of workers) worker.child.kill();
      workers.clear();
      resolve();
    };

    const spawn = () => {
      const child = fork(WORKER, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: ['--no-warnings', '--stack-size=2000'] });
      const worker = { child, current: null, timer: null, handled: 0, ready: false };
      workers.add(worker);
      child.on('message', (message) => {
        if (message.type === 'ready') {
          worker.ready = true;
          feed(worker);
        } else if (message.type === 'result') {
          clearTimeout(worker.timer);
          worker.current = null;
          worker.handled++;
          done++;
          onResult(message.result);
          if (worker.handled >= recycleAfter && next < files.length) {
            retire(worker);
            spawn();
          } else feed(worker);
        }
      });
      child.on('exit', (code, signal) => {
        if (!workers.has(worker)) return;
        workers.delete(worker);
        clearTimeout(worker.timer);
        if (worker.current !== null) {
          done++;
          onResult({ relative: worker.current, crash: `worker exited (${signal || code}) while running this test` });
        }
        if (failed) return;
        if (next < files.length) spawn();
        else if (done === files.length) finish();
      });
      child.on('error', (error) => {
        if (failed) return;
        failed = true;
        for (const other of workers) other.child.kill();
        reject(error);
      });
      child.send({ type: 'init', config });
    };

    const retire = (worker) => {
      workers.delete(worker);
      worker.child.kill();
    };

    const feed = (worker) => {
      if (next >= files.length) {
        if (done === files.length) finish();
        return;
      }
      const relative = files[next++];
      worker.current = relative;
      worker.timer = setTimeout(() => {
        // the worker's own vm timeouts did not fire: kill it; the exit handler records the crash
        worker.child.kill('SIGKILL');
      }, watchdogMs);
      worker.child.send({ type: 'run', id: next, relative });
    };

    if (files.length === 0) {
      resolve();
      return;
    }
    for (let i = 0; i < Math.min(jobs, files.length); i++) spawn();
  });
}

module.exports = { runPool };
