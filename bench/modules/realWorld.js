/*
 * realWorld: async-heavy source files taken from packages installed in node_modules, and for
 * each a scenario: plain (untransformed) driver code that exercises the file's async functions
 * and returns a deterministic value, so native and every transformed copy can be compared.
 * Must never: modify node_modules, or return values that depend on time or on tick counts.
 */
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const { ROOT } = require('./util');

const NODE_MODULES = path.join(ROOT, 'node_modules');

function packageVersion(packageName) {
  try {
    return JSON.parse(fs.readFileSync(path.join(NODE_MODULES, packageName, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

/** `scenario(exports)` runs in the child with the (maybe transformed) module's exports. */
const REAL_WORLD_FILES = [
  {
    packageName: 'emittery',
    relativePath: 'emittery/index.js',
    async scenario(Emittery) {
      const emitter = new Emittery();
      const seen = [];
      emitter.on('data', async (value) => {
        await null;
        seen.push('async:' + value);
      });
      emitter.on('data', (value) => seen.push('sync:' + value));
      emitter.onAny((name, value) => seen.push('any:' + String(name) + ':' + value));
      await emitter.emit('data', 1);
      await emitter.emitSerial('data', 2);
      const once = emitter.once('ready');
      await emitter.emit('ready', 'yes');
      seen.push('once:' + (await once));
      const iterator = emitter.events('tick');
      const pending = iterator.next();
      await emitter.emit('tick', 7);
      seen.push('iter:' + JSON.stringify(await pending));
      await iterator.return();
      emitter.on('bad', async () => {
        throw new Error('listener failed');
      });
      try {
        await emitter.emit('bad');
      } catch (error) {
        seen.push('caught:' + error.message);
      }
      emitter.clearListeners();
      return { seen, listeners: emitter.listenerCount() };
    },
  },
  {
    packageName: 'write-file-atomic',
    relativePath: 'write-file-atomic/lib/index.js',
    async scenario(writeFileAtomic) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-wfa-'));
      try {
        const target = path.join(dir, 'state.json');
        // Concurrent writes to one path are queued by the library: the last one wins.
        await Promise.all([1, 2, 3].map((n) => writeFileAtomic(target, JSON.stringify({ n }))));
        await writeFileAtomic(path.join(dir, 'second.txt'), 'hello', { encoding: 'utf8', mode: 0o600 });
        let failure = null;
        try {
          await writeFileAtomic(path.join(dir, 'missing-dir', 'x.txt'), 'nope');
        } catch (error) {
          failure = error.code;
        }
        return {
          state: fs.readFileSync(target, 'utf8'),
          second: fs.readFileSync(path.join(dir, 'second.txt'), 'utf8'),
          failure,
          leftovers: fs.readdirSync(dir).sort(),
        };
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    packageName: 'tinybench',
    relativePath: 'tinybench/dist/index.js',
    esm: true,
    async scenario(tinybench) {
      const bench = new tinybench.Bench({ iterations: 6, time: 0, warmup: false, throws: false });
      let calls = 0;
      // Every task says whether it is async: tinybench otherwise tells by
      // `fn.constructor === (async () => {}).constructor`, and these tasks are native (this
      // scenario is not rewritten) while tinybench's arrow is rewritten, so the answer depends
      // on each contender's function kinds, not on the library's behaviour: ours has its own
      // %AsyncFunction% (README, Known limits), regenerator's arrow is a plain function (every
      // sync task looks async), and a task tinybench is unsure of is called once more to look at
      // what it returns.
      bench
        .add('async task', async () => {
          await null;
          calls++;
        }, { async: true })
        .add('sync task', () => {
          calls++;
        }, { async: false })
        .add('failing task', async () => {
          await null;
          throw new Error('task failed');
        }, { async: true });
      await bench.run();
      return {
        calls,
        tasks: bench.tasks.map((task) => [task.name, task.runs, task.result && task.result.state, task.result && task.result.error ? task.result.error.message : null]),
      };
    },
  },
  {
    packageName: 'jest-circus',
    relativePath: 'jest-circus/build/run.js',
    async scenario(runModule) {
      // Declare tests through jest-circus's own (untransformed) API, then run them with the file under test.
      const circus = require(path.join(NODE_MODULES, 'jest-circus'));
      circus.describe('suite', () => {
        circus.beforeEach(async () => {
          await null;
        });
        circus.test('passes', async () => {
          await Promise.resolve(1);
        });
        circus.test('fails', async () => {
          await null;
          throw new Error('boom');
        });
        circus.test.skip('skipped', () => {});
      });
      const result = await runModule.default();
      return {
        tests: result.testResults.map((test) => [test.testPath.join(' > '), test.status, test.errors.length, test.invocations]),
        unhandled: result.unhandledErrors.length,
      };
    },
  },
  {
    packageName: '@jest/core',
    relativePath: '@jest/core/build/runJest.js',
    // Driving runJest needs a whole Jest project; loading checks that the module's top level runs.
    async scenario(exported) {
      return Object.keys(exported).sort().map((key) => key + ':' + typeof exported[key]);
    },
  },
  {
    packageName: 'rollup',
    relativePath: 'rollup/dist/shared/watch.js',
    // The watcher needs chokidar and a file system to watch; loading checks the module's top level.
    async scenario(exported) {
      return Object.keys(exported).sort().map((key) => key + ':' + typeof exported[key]);
    },
  },
];

function realWorldFiles() {
  return REAL_WORLD_FILES.map((entry) => {
    const absolutePath = path.join(NODE_MODULES, entry.relativePath);
    return {
      name: `node_modules/${entry.relativePath}`,
      label: `${entry.relativePath} (${entry.packageName}@${packageVersion(entry.packageName)})`,
      absolutePath,
      esm: Boolean(entry.esm),
      code: fs.readFileSync(absolutePath, 'utf8'),
      realWorld: true,
    };
  });
}

function scenarioFor(name) {
  const entry = REAL_WORLD_FILES.find((candidate) => `node_modules/${candidate.relativePath}` === name);
  if (!entry) throw new Error('no scenario for ' + name);
  return entry.scenario;
}

module.exports = { realWorldFiles, scenarioFor, NODE_MODULES };
