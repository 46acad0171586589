'use strict';
// Rejections through try/catch/finally inside class methods, arrow callbacks and getters.
class Resource {
  constructor(name) {
    this.name = name;
    this.closed = false;
  }
  get label() {
    return `resource ${this.name}`;
  }
  async use(shouldFail) {
    try {
      await null;
      if (shouldFail) throw new Error(`${this.label} failed`);
      return `${this.label} ok`;
    } finally {
      this.closed = true;
      log('closed', this.name, await Promise.resolve('after cleanup'));
    }
  }
}

async function run() {
  const resources = ['a', 'b', 'c'].map((name) => new Resource(name));
  const results = [];
  for (const [index, resource] of resources.entries()) {
    try {
      results.push(await resource.use(index === 1));
    } catch ({ message }) {
      results.push(`caught: ${message}`);
    }
  }
  log('results', results, resources.map(({ closed }) => closed));
  const settled = await Promise.all(resources.map(async (resource, index) => {
    await undefined;
    return `${index}:${resource.name}`;
  }));
  log('settled', settled);
}

run().catch((error) => log('unexpected', error));
Promise.resolve().then(() => log('tick 1')).then(() => log('tick 2')).then(() => log('tick 3'));
