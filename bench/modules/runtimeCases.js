/*
 * runtimeCases: the programs whose running time is compared (native vs each contender's output):
 * awaits of plain values, awaits of resolved promises, many calls of a small async function, a
 * recursive async fib tree, and a mixed "request handling" workload. Each exports run(n) → value.
 * Must never: depend on timers or I/O, or do work outside the async code being measured that
 * would dilute the ratio (set-up happens before run is called).
 */
'use strict';

const RUNTIME_CASES = [
  {
    id: 'awaitPlain',
    label: '1,000,000 awaits of plain values',
    n: 1e6,
    quickN: 2e5,
    targetRatio: 1.15,
    source: `async function awaitPlainValues(n) {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += await i;
  }
  return sum;
}

module.exports = { run: awaitPlainValues };
`,
  },
  {
    id: 'awaitResolved',
    label: '1,000,000 awaits of resolved promises',
    n: 1e6,
    quickN: 2e5,
    targetRatio: 1.15,
    source: `const resolvedPool = [];
for (let k = 0; k < 16; k++) resolvedPool.push(Promise.resolve(k));

async function awaitResolvedPromises(n) {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += await resolvedPool[i & 15];
  }
  return sum;
}

module.exports = { run: awaitResolvedPromises };
`,
  },
  {
    id: 'manyCalls',
    label: '100,000 calls of a small async function (two awaits)',
    n: 1e5,
    quickN: 3e4,
    targetRatio: 1.5,
    issue10Ratio: 2.0,
    // Caller before callee: the other order makes transform-async-to-promises omit its _async
    // helper (see the probe "missing-async-helper").
    source: `async function manyCalls(n) {
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += await addPair(i);
  }
  return total;
}

async function addPair(x) {
  const a = await x;
  const b = await (a + 1);
  return a + b;
}

module.exports = { run: manyCalls };
`,
  },
  {
    id: 'fibTree',
    label: 'recursive async fib tree (fib(25), 242,785 calls)',
    n: 25,
    quickN: 21,
    targetRatio: 1.5,
    issue10Ratio: 2.0,
    source: `async function fib(n) {
  if (n < 2) {
    return n;
  }
  return (await fib(n - 1)) + (await fib(n - 2));
}

module.exports = { run: fib };
`,
  },
  {
    id: 'mixed',
    label: 'mixed workload (20,000 requests: class, loops, try/catch/finally, Promise.all)',
    n: 20000,
    quickN: 5000,
    targetRatio: null,
    source: `class Store {
  constructor() {
    this.users = new Map();
    this.prices = { apple: 3, pear: 5, fig: 11 };
  }

  async getUser(id) {
    await null;
    return this.users.get(id);
  }

  async saveUser(user) {
    await null;
    this.users.set(user.id, user);
    return user;
  }

  async priceOf(sku) {
    const price = this.prices[sku];
    if (price === undefined) {
      throw new Error('unknown sku ' + sku);
    }
    return price;
  }
}

const stats = { handled: 0, failed: 0 };

async function handleRequest(store, request) {
  try {
    let user = await store.getUser(request.user);
    if (!user) {
      user = await store.saveUser({ id: request.user, spent: 0 });
    }
    let total = 0;
    for (const line of request.lines) {
      total += (await store.priceOf(line.sku)) * line.qty;
    }
    user.spent += total;
    return total;
  } catch (error) {
    stats.failed++;
    return -1;
  } finally {
    stats.handled++;
  }
}

async function mixedWorkload(n) {
  const store = new Store();
  stats.handled = 0;
  stats.failed = 0;
  const skus = ['apple', 'pear', 'fig', 'apple', 'plum'];
  let sum = 0;
  for (let batch = 0; batch < n; batch += 10) {
    const requests = [];
    for (let i = batch; i < batch + 10 && i < n; i++) {
      requests.push({ user: i % 97, lines: [{ sku: skus[i % 5], qty: 1 + (i % 3) }, { sku: skus[(i + 1) % 4], qty: 2 }] });
    }
    const totals = await Promise.all(requests.map((request) => handleRequest(store, request)));
    for (const total of totals) sum += total;
  }
  return [sum, stats.handled, stats.failed];
}

module.exports = { run: mixedWorkload };
`,
  },
];

module.exports = { RUNTIME_CASES };
