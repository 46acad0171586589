/*
 * corpusGenerator: writes the synthetic part of the benchmark corpus from a fixed seed: modules of
 * realistic async code (loops, try/catch/finally, awaits inside expressions, classes with async
 * methods, switch/labels, closures, Promise.all) whose `run()` returns a deterministic value.
 * Must never: use Math.random, timers, I/O or anything whose result depends on microtask
 * interleaving between concurrent functions (peers legitimately differ in tick counts).
 */
'use strict';

/** mulberry32: a tiny seeded PRNG, enough for reproducible code shapes. */
function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

const NOUNS = ['order', 'user', 'invoice', 'report', 'session', 'account', 'ticket', 'payment', 'shipment', 'profile', 'cart', 'review'];
const VERBS = ['load', 'sync', 'resolve', 'compute', 'validate', 'fetch', 'merge', 'audit', 'index', 'render', 'settle', 'score'];
const capitalise = (word) => word[0].toUpperCase() + word.slice(1);

/** Helpers shared by one module: awaited values of several kinds (plain, promise, async call, new Promise, rejection). */
function helperSource(p) {
  return `// ---- module ${p} helpers: the kinds of value an await meets
function ${p}resolveLater(value) {
  return Promise.resolve(value);
}

async function ${p}asyncDouble(value) {
  return value * 2;
}

async function ${p}asyncChain(value) {
  const first = await ${p}resolveLater(value + 1);
  return ${p}asyncDouble(first);
}

// (A thenable that is not a promise is a probe: transform-async-to-promises calls its then directly.)
function ${p}deferred(value) {
  return new Promise((resolve) => {
    resolve(value + 1);
  });
}

function ${p}rejectWith(message) {
  return Promise.reject(new Error(message));
}

function ${p}describeError(error) {
  return 'error:' + (error && error.message);
}

function ${p}combine(a, b, c) {
  return a * 3 + b * 2 + c;
}

function ${p}keyFor(value) {
  return 'k' + (value % 5);
}

const ${p}catalog = {
  apple: 3,
  pear: 5,
  plum: 7,
  fig: 11,
  kiwi: 13,
};
`;
}

/*
 * Each template returns { source, calls }: the function (or class) text, and expressions that
 * call it from the module's run(). `p` is the module prefix, `name` a unique function name.
 */
const templates = {
  loopAccumulate(random, p, name) {
    const skip = random.int(3, 7);
    const factor = random.int(2, 9);
    const helper = random.pick(['resolveLater', 'asyncDouble', 'asyncChain', 'deferred']);
    return {
      source: `async function ${name}(items) {
  let total = ${random.int(0, 50)};
  for (let i = 0; i < items.length; i++) {
    const value = await ${p}${helper}(items[i]);
    if (value % ${skip} === 0) {
      continue;
    }
    total += value * ${factor};
  }
  let countdown = ${random.int(3, 6)};
  while (countdown > 0) {
    total -= await ${p}resolveLater(countdown);
    countdown--;
  }
  return total;
}
`,
      calls: [`${name}([${[1, 2, 3, 4, 5, 6].map(() => random.int(1, 40)).join(', ')}])`],
    };
  },

  tryCatchFinally(random, p, name) {
    const limit = random.int(10, 30);
    return {
      source: `async function ${name}(input) {
  const trail = [];
  try {
    trail.push('start');
    const amount = await ${p}asyncChain(input);
    if (amount > ${limit}) {
      await ${p}rejectWith('too big ' + amount);
    }
    trail.push('ok:' + amount);
  } catch (error) {
    trail.push('caught:' + error.message);
    try {
      await ${p}rejectWith('inner ' + input);
    } catch (inner) {
      trail.push(inner.message);
    } finally {
      trail.push('inner-finally');
    }
  } finally {
    trail.push('finally:' + (await ${p}asyncDouble(input)));
  }
  return trail.join('|');
}
`,
      calls: [`${name}(${random.int(1, 8)})`, `${name}(${random.int(12, 40)})`],
    };
  },

  finallyOverrides(random, p, name) {
    return {
      source: `async function ${name}(mode) {
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      if (mode === 'throw') {
        throw new Error('attempt ' + attempts);
      }
      if (attempts < ${random.int(2, 4)}) {
        continue;
      }
      return 'returned after ' + (await ${p}resolveLater(attempts));
    } catch (error) {
      if (attempts > ${random.int(2, 3)}) {
        return ${p}describeError(error);
      }
    } finally {
      await ${p}resolveLater(null);
      if (mode === 'override' && attempts > 1) {
        return 'finally wins ' + attempts;
      }
    }
  }
}
`,
      calls: [`${name}('plain')`, `${name}('throw')`, `${name}('override')`],
    };
  },

  awaitInExpressions(random, p, name) {
    const k = random.int(2, 9);
    return {
      source: `async function ${name}(x) {
  const record = {
    id: x,
    label: \`item-\${await ${p}resolveLater(x)}-\${x % ${k}}\`,
    tags: [await ${p}asyncDouble(x), x + 1, await ${p}deferred(x)],
  };
  const mixed = ${p}combine(x, await ${p}resolveLater(x + 1), x * 2) + (await ${p}asyncDouble(x)) * ${k};
  const pick = x % 2 === 0 ? await ${p}resolveLater(x) : x - 1;
  const guard = (x > ${k} && (await ${p}resolveLater(x)) > 0) || (await ${p}asyncDouble(1)) === 2;
  // (await x) ?? y itself is a probe: transform-async-to-promises gets it wrong.
  const missing = await ${p}resolveLater(null);
  const fallback = missing ?? 'none';
  record.total = record.tags.reduce((sum, tag) => sum + tag, 0) + mixed + pick + Number(guard);
  record[${p}keyFor(x)] = await ${p}asyncChain(x);
  let acc = x;
  acc += await ${p}resolveLater(2);
  acc *= await ${p}deferred(3);
  return JSON.stringify(record) + ':' + acc + ':' + fallback;
}
`,
      calls: [`${name}(${random.int(1, 20)})`, `${name}(${random.int(21, 60)})`],
    };
  },

  classWithAsyncMethods(random, p, name) {
    const cls = `${capitalise(p.replace(/_$/, ''))}${capitalise(random.pick(NOUNS))}${name.replace(/\D/g, '')}Store`;
    const bonus = random.int(1, 9);
    return {
      source: `class ${cls} {
  constructor(seed) {
    this.seed = seed;
    this.history = [];
  }

  async load(key) {
    const value = await ${p}resolveLater(this.seed + key);
    this.history.push(value);
    return value;
  }

  async loadAll(keys) {
    const out = [];
    for (const key of keys) {
      out.push(await this.load(key));
    }
    return out;
  }

  async summary() {
    const values = await Promise.all([this.load(1), this.load(2)]);
    return values.reduce((a, b) => a + b, 0) + this.history.length;
  }

  static async create(seed) {
    const store = new ${cls}(await ${p}asyncDouble(seed));
    await store.load(0);
    return store;
  }
}

class Cached${cls} extends ${cls} {
  constructor(seed) {
    super(seed);
    this.cache = {};
  }

  async load(key) {
    if (key in this.cache) {
      return this.cache[key];
    }
    const base = await super.load(key);
    this.cache[key] = base + ${bonus};
    return this.cache[key];
  }
}

async function ${name}(seed) {
  const store = await ${cls}.create(seed);
  const cached = new Cached${cls}(seed);
  const first = await cached.loadAll([1, 2, 1, 3]);
  return [await store.summary(), first, await cached.summary(), store.history.length];
}
`,
      calls: [`${name}(${random.int(1, 30)})`],
    };
  },

  switchAndLabels(random, p, name) {
    // No await inside the switch itself: transform-async-to-promises miscompiles that inside a
    // loop (see probes.js); the awaits sit right before and after it instead.
    return {
      source: `async function ${name}(limit) {
  let i = 0;
  const out = [];
  outer: while (i < limit) {
    i++;
    const bucket = (await ${p}resolveLater(i)) % 4;
    switch (bucket) {
      case 0:
        out.push('zero');
        break;
      case 1:
        out.push(i * 2);
        continue outer;
      case 2:
        if (i > limit - ${random.int(1, 3)}) {
          break outer;
        }
        out.push('two');
      // falls through
      default:
        out.push(-i);
    }
    let j = 0;
    do {
      j += await ${p}deferred(j);
    } while (j < ${random.int(2, 5)});
    out.push(j);
  }
  return out;
}
`,
      calls: [`${name}(${random.int(5, 12)})`],
    };
  },

  closuresAndConcurrency(random, p, name) {
    return {
      source: `async function ${name}(values) {
  const readers = [];
  for (let i = 0; i < values.length; i++) {
    const value = await ${p}resolveLater(values[i]);
    readers.push(() => value + i);
  }
  const doubled = await Promise.all(values.map(async (v) => (await ${p}asyncDouble(v)) + 1));
  const settled = await Promise.all([
    ${p}asyncChain(values[0]).then((v) => 'ok:' + v),
    ${p}rejectWith('nope').catch(${p}describeError),
  ]);
  const scaled = async (factor) => readers.map((read) => read() * factor);
  return readers.map((read) => read()).concat(doubled, settled, await scaled(${random.int(2, 5)}));
}
`,
      calls: [`${name}([${[1, 2, 3, 4].map(() => random.int(1, 30)).join(', ')}])`],
    };
  },

  iterationAndErrors(random, p, name) {
    const limit = random.int(2, 4);
    const bad = random.int(5, 13);
    return {
      source: `async function ${name}(table) {
  const keys = [];
  for (const key in table) {
    keys.push(key + '=' + (await ${p}resolveLater(table[key])));
    if (keys.length > ${limit}) {
      break;
    }
  }
  for (const [key, value] of Object.entries(table)) {
    if (value === ${bad}) {
      throw new Error('bad ' + key);
    }
    keys.push(await ${p}asyncDouble(value));
  }
  return keys;
}
`,
      calls: [`${name}(${p}catalog).catch(${p}describeError)`, `${name}({ a: 1, b: 2 }).catch(${p}describeError)`],
    };
  },

  businessLogic(random, p, name) {
    const noun = random.pick(NOUNS);
    const threshold = random.int(20, 80);
    return {
      source: `async function ${name}(${noun}) {
  if (!${noun}) {
    return null;
  }
  const customer = await ${p}resolveLater({ id: ${noun}.customer, vip: ${noun}.customer % 2 === 0, blocked: ${noun}.customer > 90 });
  if (customer.blocked) {
    return { ok: false, reason: 'blocked' };
  }
  let subtotal = 0;
  for (const line of ${noun}.lines) {
    const price = ${p}catalog[line.sku] || (await ${p}rejectWith('unknown sku ' + line.sku).catch(() => 0));
    subtotal += price * line.qty;
  }
  const discount = customer.vip ? await ${p}asyncDouble(Math.floor(subtotal / 10)) : 0;
  const status = subtotal - discount > ${threshold} ? 'review' : 'accepted';
  return { ok: true, total: subtotal - discount, status, lines: ${noun}.lines.length };
}
`,
      calls: [
        `${name}({ customer: ${random.int(1, 89)}, lines: [{ sku: 'apple', qty: ${random.int(1, 9)} }, { sku: 'fig', qty: ${random.int(1, 9)} }, { sku: 'lime', qty: 1 }] })`,
        `${name}({ customer: 95, lines: [] })`,
        `${name}(null)`,
      ],
    };
  },

  objectAndArrowMethods(random, p, name) {
    const verb = random.pick(VERBS);
    return {
      source: `const ${name} = {
  count: ${random.int(0, 9)},
  async ${verb}(items) {
    const results = [];
    for (const item of items) {
      this.count += 1;
      results.push(await this.transform(item));
    }
    return { count: this.count, results };
  },
  async transform(item) {
    const base = await ${p}resolveLater(item);
    const helper = async (v) => (await ${p}asyncDouble(v)) - this.count;
    return helper(base);
  },
  run(items) {
    return this.${verb}(items);
  },
};
`,
      calls: [`${name}.run([${[1, 2, 3].map(() => random.int(1, 20)).join(', ')}])`],
    };
  },
};

const TEMPLATE_NAMES = Object.keys(templates);

/** One module: helpers, a mix of templates, and `run()` that awaits every call in sequence. */
function generateModule(random, index, functionCount) {
  const p = `m${index}_`;
  const parts = [helperSource(p)];
  const calls = [];
  for (let i = 0; i < functionCount; i++) {
    const template = TEMPLATE_NAMES[(i + index) % TEMPLATE_NAMES.length];
    const name = `${p}${random.pick(VERBS)}${capitalise(random.pick(NOUNS))}${i}`;
    const generated = templates[template](random, p, name);
    parts.push(`// ${template}\n${generated.source}`);
    calls.push(...generated.calls);
  }
  const runBody = calls.map((call) => `  results.push(await ${call});`).join('\n');
  parts.push(`async function ${p}run() {
  const results = [];
${runBody}
  return results;
}
`);
  return { prefix: p, body: parts.join('\n'), runName: `${p}run` };
}

/**
 * Generates the synthetic corpus: `moduleCount` modules (each a CommonJS file exporting run) and
 * the same modules as ONE file whose run() returns every module's result.
 */
function generateCorpus({ seed = 20240611, moduleCount = 10, functionsPerModule = 24 } = {}) {
  const random = createRandom(seed);
  const modules = [];
  for (let index = 0; index < moduleCount; index++) modules.push(generateModule(random, index, functionsPerModule));
  const files = modules.map((module) => ({
    name: `generated/module${module.prefix.replace(/\D/g, '')}.js`,
    code: `'use strict';\n${module.body}\nmodule.exports = { run: ${module.runName} };\n`,
  }));
  const oneFile = {
    name: 'generated/corpus.js',
    code:
      `'use strict';\n${modules.map((module) => module.body).join('\n')}\n` +
      `async function runAll() {\n  const results = {};\n` +
      modules.map((module) => `  results.${module.prefix.slice(0, -1)} = await ${module.runName}();`).join('\n') +
      `\n  return results;\n}\n\nmodule.exports = {\n  run: runAll,\n  modules: { ${modules.map((module) => `${module.prefix.slice(0, -1)}: ${module.runName}`).join(', ')} },\n};\n`,
  };
  return { files, oneFile };
}

module.exports = { generateCorpus, createRandom };
