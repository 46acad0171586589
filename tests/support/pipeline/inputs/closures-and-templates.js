'use strict';
// let/const in loops captured by closures across awaits, template literals, default and rest
// parameters, object spread, computed keys, shorthand methods, for-of with break and continue.
const delay = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 0));

const counter = {
  count: 0,
  async bump(by = 1, ...extra) {
    await null;
    this.count += by + extra.length;
    return this.count;
  },
};

async function collect(labels) {
  const callbacks = [];
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index];
    if (index === 1) continue;
    await delay(index);
    callbacks.push(() => `${label}#${index}`);
  }
  return callbacks.map((callback) => callback());
}

async function shapes() {
  const key = 'dynamic';
  const base = { kept: true, [key]: await Promise.resolve(42) };
  const copy = { ...base, extra: `x${await counter.bump(2, 'a', 'b')}` };
  log('copy', copy);
  const [head, , third = 'default'] = await Promise.resolve(['h', 'skipped']);
  log(`head=${head} third=${third}`);
  outer: for (const row of [[1, 2], [3, 4], [5, 6]]) {
    for (const cell of row) {
      if (cell === 4) continue outer;
      if (cell === 5) break outer;
      log('cell', await cell);
    }
  }
}

collect(['a', 'b', 'c', 'd']).then((values) => log('collected', values));
shapes().then(() => log('shapes done'), (error) => log('shapes failed', error));
counter.bump().then((value) => log('bumped', value));
log('sync end');
