// The app's sibling module in TypeScript (ES module: its imports must survive preset-typescript).
import type { Reporter } from './types';
declare const report: Reporter;

export async function fetchValue(name: string, delayTicks: number): Promise<string> {
  for (let i = 0; i < delayTicks; i++) await null;
  if (name === 'bad') throw new Error('no value for ' + name);
  return name.toUpperCase();
}

export async function* countdown(from: number): AsyncGenerator<number, void, undefined> {
  try {
    for (let n = from; n > 0; n--) {
      yield n;
      await null;
    }
  } finally {
    report('countdown closed');
  }
}
