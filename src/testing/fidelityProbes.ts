/*
 * fidelityProbes: small self-contained program parts that the fuzzer adds to some programs, to
 * look at what the statement-level generator never produces: every protocol read logged
 * through proxies (Symbol.iterator / Symbol.asyncIterator, next, done, value, then, return,
 * a promise's `constructor`), parameter lists whose defaults refer to other parameters (TDZ,
 * closures, body `var`s), name inference of functions and classes in defaults and in renamed
 * for-await bindings, and the shape of async functions and async generators (new, prototype,
 * getPrototypeOf, instanceof).
 * Must never: produce unbounded work, timers, or output that depends on anything but the seed
 * (no error messages that V8 builds from call-site text: only the error's type is logged).
 */
import type { Random } from './random';

export interface ProbeModel {
  kind: ProbeKind;
  code: string;
}

export const PROBE_KINDS = ['protocolReads', 'parameterScope', 'names', 'functionShape'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

// (a function is shown by its type and name: its source text is not something a rewrite keeps)
const LOGGED_PROXY = `function probeShow(value) { return typeof value === "function" ? "function " + value.name : value; }
function probeLogged(label, target) {
  return new Proxy(target, {
    get(object, key, receiver) {
      log(label, "get", typeof key === "symbol" ? key.description : key);
      return Reflect.get(object, key, receiver);
    },
  });
}
function probeTrapped(label, target) {
  const handler = {};
  for (const trap of ["get", "getPrototypeOf", "getOwnPropertyDescriptor", "has", "ownKeys", "isExtensible", "defineProperty"]) {
    handler[trap] = (...args) => {
      log(label, "trap", trap, trap === "get" || trap === "getOwnPropertyDescriptor" || trap === "has" ? String(args[1]) : "");
      return Reflect[trap](...args);
    };
  }
  return new Proxy(target, handler);
}
function probeRevoked() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}
function probeOwnConstructor(label, value, result) {
  const promise = Promise.resolve(value);
  Object.defineProperty(promise, "constructor", { configurable: true, get() { log(label, "own constructor read"); if (result === "throw") throw new RangeError("constructor"); return result; } });
  return promise;
}`;

function outcome(call: string, label: string): string {
  return `${call}.then((v) => log(${JSON.stringify(label)}, "fulfilled", typeof v === "function" ? "function " + v.name : v), (e) => log(${JSON.stringify(label)}, "rejected", e && e.constructor && e.constructor.name));`;
}

class ProbeWriter {
  private counter = 0;
  constructor(private readonly random: Random) {}

  private id(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  /** a value an iterator yields: plain, a resolved or rejected promise, a logged thenable */
  private itemValue(label: string): string {
    const r = this.random;
    switch (r.pick(['plain', 'resolved', 'thenable', 'plain', 'rejected'] as const)) {
      case 'plain': return String(r.int(0, 9));
      case 'resolved': return `Promise.resolve(${r.int(0, 9)})`;
      case 'thenable': return `probeLogged(${JSON.stringify(label + " thenable")}, { then(resolve) { resolve(${r.int(0, 9)}); } })`;
      default: return `Promise.reject(${r.int(0, 9)})`;
    }
  }

  /** an object an await looks at: every trap of a proxy, a revoked proxy, an own constructor getter */
  private awaitedObject(label: string): string {
    const r = this.random;
    const inner = JSON.stringify(label + ' object');
    switch (r.pick(['logged', 'trapped', 'trappedPromise', 'trappedThenable', 'revoked', 'ownConstructor'] as const)) {
      case 'logged': return `probeLogged(${inner}, { x: 1 })`;
      case 'trapped': return `probeTrapped(${inner}, { x: 1 })`;
      case 'trappedPromise': return `probeTrapped(${inner}, Object.create(Promise.prototype))`;
      case 'trappedThenable': return `probeTrapped(${inner}, { then(resolve) { resolve(${r.int(0, 9)}); } })`;
      case 'revoked': return 'probeRevoked()';
      default: return `probeOwnConstructor(${inner}, ${r.int(0, 9)}, ${r.pick(['Promise', 'Object', 'undefined', '"throw"'])})`;
    }
  }

  /** an iterable whose every read is logged */
  private iterable(label: string, async: boolean): string {
    const r = this.random;
    const count = r.int(0, 3);
    const values = Array.from({ length: count }, (_, i) => this.itemValue(`${label} ${i}`));
    const withReturn = r.chance(0.5);
    const returnMethod = withReturn ? `, return(v) { log(${JSON.stringify(label)}, "return called"); return probeLogged(${JSON.stringify(label + " return result")}, { value: v, done: true }); }` : '';
    const symbol = async ? 'Symbol.asyncIterator' : 'Symbol.iterator';
    const result = async
      ? `probeLogged(${JSON.stringify(label + " result")}, i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true })`
      : `probeLogged(${JSON.stringify(label + " result")}, i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true })`;
    const next = async && r.chance(0.5) ? `return Promise.resolve(${result});` : `return ${result};`;
    return `probeLogged(${JSON.stringify(label)}, { [${symbol}]() { const values = [${values.join(', ')}]; let i = 0; return probeLogged(${JSON.stringify(label + " iterator")}, { next() { ${next} }${returnMethod} }); } })`;
  }

  protocolReads(): string {
    const r = this.random;
    const name = this.id('probeReads');
    const lines: string[] = [];
    const consumer = r.pick(['forAwait', 'yieldStar', 'await', 'forAwaitBreak'] as const);
    const async = r.chance(0.5);
    const patchConstructor = r.chance(0.3);
    if (patchConstructor) {
      lines.push(`const ${name}Ctor = Object.getOwnPropertyDescriptor(Promise.prototype, "constructor");`);
      lines.push(`Object.defineProperty(Promise.prototype, "constructor", { get() { log("${name} constructor read"); return Promise; }, configurable: true });`);
    }
    const iterable = this.iterable(name, async);
    switch (consumer) {
      case 'forAwait':
        lines.push(`async function ${name}() { for await (const v of ${iterable}) log("${name} value", v); }`);
        break;
      case 'forAwaitBreak':
        lines.push(`async function ${name}() { for await (const v of ${iterable}) { log("${name} value", v); break; } }`);
        break;
      case 'yieldStar':
        lines.push(`async function* ${name}Gen() { const r = yield* ${iterable}; log("${name} delegated result", r); }`);
        lines.push(`async function ${name}() { for await (const v of ${name}Gen()) log("${name} value", v); }`);
        break;
      default:
        lines.push(`async function ${name}() { log("${name} awaited", await ${this.itemValue(name)}); log("${name} awaited", probeShow(await ${this.awaitedObject(name)})); }`);
    }
    const call = patchConstructor
      ? `${name}().finally(() => Object.defineProperty(Promise.prototype, "constructor", ${name}Ctor))`
      : `${name}()`;
    lines.push(outcome(call, name));
    return lines.join('\n');
  }

  parameterScope(): string {
    const r = this.random;
    const name = this.id('probeParams');
    const params = ['a', 'b', 'c'];
    const count = r.int(1, 3);
    const defaults = params.slice(0, count).map((param) => {
      const other = r.pick(params.slice(0, count));
      switch (r.pick(['ref', 'closure', 'literal', 'calls', 'pattern'] as const)) {
        case 'ref': return `${param} = ${other}`;
        case 'closure': return `${param} = () => ${other}`;
        case 'calls': return `${param} = (log("${name} default ${param}"), typeof ${other} === "function" ? ${other}() : ${other})`;
        case 'pattern': return `{ ${param} = ${other} } = {}`;
        default: return `${param} = ${r.int(0, 9)}`;
      }
    });
    const redeclare = r.chance(0.4) ? `var ${r.pick(params.slice(0, count))} = "body";` : '';
    const generator = r.chance(0.25);
    const body = `${redeclare} log("${name} body", ${params.slice(0, count).map((p) => `typeof ${p} === "function" ? "fn:" + probeShow(${p}()) : probeShow(${p})`).join(', ')});${generator ? ' yield 1;' : ' await null;'}`;
    const args = Array.from({ length: r.int(0, count) }, () => (r.chance(0.5) ? 'undefined' : String(r.int(0, 9))));
    if (generator) {
      return [
        `async function* ${name}(${defaults.join(', ')}) { ${body} }`,
        `try { const it = ${name}(${args.join(', ')}); ${outcome('it.next()', name)} } catch (e) { log("${name} threw at the call", e.constructor.name); }`,
      ].join('\n');
    }
    return [`async function ${name}(${defaults.join(', ')}) { ${body} }`, outcome(`${name}(${args.join(', ')})`, name)].join('\n');
  }

  names(): string {
    const r = this.random;
    const name = this.id('probeNames');
    const value = () => r.pick(['function () {}', 'class {}', '() => {}', 'async function () {}', 'async () => {}', 'function* () {}']);
    // a binding with the enclosing function's own name makes the rewrite rename it
    const inner = r.chance(0.5) ? name : 'fn';
    const lines = [
      `async function ${name}(p = ${value()}) {`,
      `  log("${name} param", p.name);`,
      `  for await (const [${inner} = ${value()}, { k = ${value()} } = {}] of [[]]) log("${name} loop", ${inner}.name, k.name);`,
      `  let [d = ${value()}] = [await undefined];`,
      `  log("${name} pattern", d.name);`,
      `  for (let i = 0; i < 2; i++) { const local = ${value()}; setTimeout(() => log("${name} boxed", local.name, i)); await null; }`,
      '}',
      outcome(`${name}()`, name),
    ];
    return lines.join('\n');
  }

  functionShape(): string {
    const name = this.id('probeShape');
    const form = this.random.pick(['declaration', 'expression', 'named', 'arrow', 'method', 'generator', 'generatorExpression', 'thisUser',
      'classMethod', 'staticMethod', 'objectMethod', 'generatorClassMethod', 'generatorObjectMethod', 'computedMethod'] as const);
    const definition = {
      declaration: `async function ${name}(a, b) { await null; return a; }`,
      expression: `const ${name} = async function (a) { return a; };`,
      named: `const ${name} = async function ${name}Inner(a) { return typeof ${name}Inner; };`,
      arrow: `const ${name} = async (a) => a;`,
      method: `const ${name} = { async m(a) { return typeof this; } }.m;`,
      generator: `async function* ${name}(a) { yield a; }`,
      generatorExpression: `const ${name} = async function* (a) { yield a; };`,
      thisUser: `const ${name} = async function (a) { return this === undefined ? "no this" : typeof this; };`,
      // methods written as methods: the class or object literal creates them
      classMethod: `class ${name}Class { async m(a) { await null; return a; } }\nconst ${name} = ${name}Class.prototype.m;`,
      staticMethod: `const ${name} = class { static async s(a) { return a; } static x = 1; }.s;`,
      objectMethod: `const ${name} = { async m(a) { return a; }, other: 1 }.m;`,
      generatorClassMethod: `const ${name} = (class { async *g(a) { yield a; } }).prototype.g;`,
      generatorObjectMethod: `const ${name} = { __proto__: { k: 1 }, async *g(a) { yield super.k + a; } }.g;`,
      computedMethod: `const ${name}Key = { toString() { log("${name} key"); return "k"; } };\nconst ${name} = { async [${name}Key](a) { return a; } }.k;`,
    }[form];
    const generatorForm = form.startsWith('generator');
    return [
      definition,
      `{ const has = (key) => Object.prototype.hasOwnProperty.call(${name}, key);`,
      `  let made; try { new ${name}(); made = "constructed"; } catch (e) { made = e.constructor.name; }`,
      `  const proto = has("prototype") ? ${name}.prototype : undefined;`,
      `  const object = ${generatorForm ? `${name}(1)` : 'undefined'};`,
      `  log("${name} shape", ${name}.name, ${name}.length, has("prototype"), has("caller"), has("arguments"), made,`,
      `    object ? Object.getPrototypeOf(object) === proto : "-", object ? object instanceof ${name} : "-",`,
      `    proto ? Object.getOwnPropertyNames(proto).length : "-", proto ? Object.prototype.toString.call(Object.create(proto)) : "-",`,
      `    proto ? typeof Object.getPrototypeOf(proto).next : "-", Object.prototype.toString.call(${name}),`,
      `    Object.getPrototypeOf(${name}) === Object.getPrototypeOf(${generatorForm ? 'async function* () {}' : 'async function () {}'})); }`,
      generatorForm ? outcome(`${name}(2).next()`, name) : outcome(`${name}(3)`, name),
    ].join('\n');
  }
}

/** Zero to two probes for a program, chosen from the seed's own stream. */
export function generateProbes(random: Random, without: readonly string[]): ProbeModel[] {
  if (without.includes('probes')) return [];
  const kinds = PROBE_KINDS.filter((kind) => !without.includes(kind));
  if (kinds.length === 0 || !random.chance(0.5)) return [];
  const writer = new ProbeWriter(random);
  const probes: ProbeModel[] = [];
  const count = random.int(1, 2);
  for (let i = 0; i < count; i++) {
    const kind = random.pick(kinds);
    probes.push({ kind, code: writer[kind]() });
  }
  return probes;
}

/** The helper the probes use (printed once, when a program has probes). */
export const PROBE_HELPERS = LOGGED_PROXY;
