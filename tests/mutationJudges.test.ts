/*
 * mutationJudges.test: the judges of scripts/mutation/judges/ (programs whose environment is set
 * up before the runtime loads: no Symbol, no __lookupGetter__, a Promise[Symbol.species] getter
 * that is not the built-in) behave as native, with the runtime imported and inlined. The mutation
 * run relies on it (a judge that differs unmutated cannot kill a mutant); this keeps them honest
 * in `npm test`.
 * Must never: run the environment part on one side only.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compareWithNative } from './support/nativeCompare';

const JUDGES = path.join(__dirname, '..', 'scripts', 'mutation', 'judges');
const RUNTIME_LOADS = /^\/\/ ---- the runtime loads here ----$/m;

describe('mutation judges', () => {
  const files = fs.readdirSync(JUDGES).filter((file) => file.endsWith('.js')).sort();
  test('there are judges', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    for (const runtime of ['import', 'inline'] as const) {
      test(`${file}, runtime ${runtime}`, async () => {
        const source = fs.readFileSync(path.join(JUDGES, file), 'utf8');
        const marker = RUNTIME_LOADS.exec(source);
        const prelude = marker ? source.slice(0, marker.index) : '';
        const program = marker ? source.slice(marker.index) : source;
        const result = await compareWithNative(program, { prelude, pluginOptions: { runtime } });
        if (result.status !== 'same') throw new Error(JSON.stringify(result, null, 1).slice(0, 3000));
        expect(result.native.events.length).toBeGreaterThan(3);
      });
    }
  }
});
