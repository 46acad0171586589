/*
 * printer: turns a ProgramModel into a self-contained JavaScript program that logs with
 * `log(...)`, prefixed by only the prelude helpers it uses and followed by the code that starts
 * every function and logs the final outcome of each started promise.
 * Async generators are printed before the async functions (methods as `const gN = {...}` objects).
 * Must never: run code, use randomness, or emit syntax the transform deliberately rejects.
 */
import type { AsyncFunctionModel, AwaitableSource, Expr, ProgramModel, Stmt, Target } from './programModel';
import { PROBE_HELPERS } from './fidelityProbes';

const HELPER_SOURCES: Record<string, string> = {
  show: 'function show(...parts) { return parts.join("|"); }',
  resolved: 'function resolved(value) { return Promise.resolve(value); }',
  rejected: 'function rejected(message) { return Promise.reject(new Error(message)); }',
  timer: 'function later(ms, value) { return new Promise((resolve) => setTimeout(() => resolve(value), ms)); }',
  timerReject:
    'function laterReject(ms, message) { return new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms)); }',
  thenSync: 'function thenSync(value) { return { then(onFulfilled) { log("then sync", value); onFulfilled(value); } }; }',
  thenMicro:
    'function thenMicro(value) { return { then(onFulfilled) { log("then micro", value); Promise.resolve().then(() => onFulfilled(value)); } }; }',
  thenTimer:
    'function thenTimer(ms, value) { return { then(onFulfilled) { log("then timer", value); setTimeout(() => onFulfilled(value), ms); } }; }',
  thenTwice:
    'function thenTwice(value) { return { then(onFulfilled, onRejected) { log("then twice", value); onFulfilled(value); onFulfilled("second"); onRejected(new Error("late")); } }; }',
  thenReject:
    'function thenReject(message) { return { then(onFulfilled, onRejected) { log("then reject", message); onRejected(new Error(message)); } }; }',
  thenThrows: 'function thenThrows(message) { return { then() { log("then throws", message); throw new Error(message); } }; }',
  thenResolveThrow:
    'function thenResolveThrow(value) { return { then(onFulfilled) { log("then resolve+throw", value); onFulfilled(value); throw new Error("ignored"); } }; }',
  thenGetterThrows:
    'function thenGetterThrows(message) { return { get then() { log("then getter", message); throw new Error(message); } }; }',
  SubPromise: 'class SubPromise extends Promise { constructor(executor) { log("SubPromise constructed"); super(executor); } }',
  subResolved: 'function subResolved(value) { return SubPromise.resolve(value); }',
  subNew: 'function subNew(value) { return new SubPromise((resolve) => resolve(value)); }',
  subRejected: 'function subRejected(message) { return SubPromise.reject(new Error(message)); }',
  ctorGetter:
    'function ctorGetter(value) { const promise = Promise.resolve(value); Object.defineProperty(promise, "constructor", { configurable: true, get() { log("constructor read"); return Promise; } }); return promise; }',
  iter:
    'function iter(tag, count) { let index = 0; return { [Symbol.iterator]() { return this; }, next() { return index < count ? { value: tag + ":" + index++, done: false } : { value: undefined, done: true }; }, return() { log(tag, "iterator return"); return {}; } }; }',
  Base:
    'class Base { constructor(tag) { this.tag = tag; } greet(x) { return "greet:" + this.tag + ":" + x; } static greet(x) { return "static greet:" + this.tag + ":" + x; } }',
  keyObject: 'function keyObject(name) { return { toString() { log("toString", name); return name; } }; }',
  Box: 'class Box { constructor(...values) { this.value = values.join("+"); } }',
  base: 'const base = { tag: "base", greet(x) { return "base greet:" + this.tag + ":" + x; } };',
};

/** The order in which helpers are printed (dependencies first). */
const HELPER_ORDER = Object.keys(HELPER_SOURCES);

const AWAITABLE_CALLS: Record<AwaitableSource, { name: string; payload: 'value' | 'message'; delayed: boolean; needs?: string }> = {
  resolved: { name: 'resolved', payload: 'value', delayed: false },
  rejected: { name: 'rejected', payload: 'message', delayed: false },
  timer: { name: 'later', payload: 'value', delayed: true },
  timerReject: { name: 'laterReject', payload: 'message', delayed: true },
  thenSync: { name: 'thenSync', payload: 'value', delayed: false },
  thenMicro: { name: 'thenMicro', payload: 'value', delayed: false },
  thenTimer: { name: 'thenTimer', payload: 'value', delayed: true },
  thenTwice: { name: 'thenTwice', payload: 'value', delayed: false },
  thenReject: { name: 'thenReject', payload: 'message', delayed: false },
  thenThrows: { name: 'thenThrows', payload: 'message', delayed: false },
  thenResolveThrow: { name: 'thenResolveThrow', payload: 'value', delayed: false },
  thenGetterThrows: { name: 'thenGetterThrows', payload: 'message', delayed: false },
  subResolved: { name: 'subResolved', payload: 'value', delayed: false, needs: 'SubPromise' },
  subNew: { name: 'subNew', payload: 'value', delayed: false, needs: 'SubPromise' },
  subRejected: { name: 'subRejected', payload: 'message', delayed: false, needs: 'SubPromise' },
  ctorGetter: { name: 'ctorGetter', payload: 'value', delayed: false },
};

/** Kinds printed as a primary expression that never needs parentheses as an operand. */
const ATOMIC_KINDS = new Set(['genCall', 'lit', 'undef', 'var', 'thisTag', 'argsLength', 'superCall', 'awaitable', 'show', 'template', 'array', 'asyncCall', 'arrowCall', 'methodCall', 'object', 'spreadCall', 'optionalCall', 'newBox', 'combinator', 'keyObject', 'syncCall']);

class Printer {
  readonly usedHelpers = new Set<string>();

  /** how each generated async generator is declared (decides how a call of it is printed) */
  constructor(private readonly generatorStyles: ReadonlyMap<string, 'declaration' | 'object' | 'class'>) {}

  expr(e: Expr, indent: string): string {
    switch (e.kind) {
      case 'lit':
        return typeof e.value === 'string' ? JSON.stringify(e.value) : String(e.value);
      case 'undef':
        return 'undefined';
      case 'var':
        return e.name;
      case 'thisTag':
        return 'this.tag';
      case 'argsLength':
        return 'arguments.length';
      case 'superCall':
        return `super.greet(${this.expr(e.arg, indent)})`;
      case 'await':
        return `await ${this.operand(e.arg, indent)}`;
      case 'awaitable': {
        const call = AWAITABLE_CALLS[e.source];
        this.usedHelpers.add(e.source);
        if (call.needs) this.usedHelpers.add(call.needs);
        const args: string[] = [];
        if (call.delayed) args.push(String(e.delay));
        args.push(call.payload === 'message' ? JSON.stringify(e.message) : this.expr(e.value, indent));
        return `${call.name}(${args.join(', ')})`;
      }
      case 'binary':
        return `${this.operand(e.left, indent)} ${e.op} ${this.operand(e.right, indent)}`;
      case 'cond':
        return `${this.operand(e.test, indent)} ? ${this.operand(e.then, indent)} : ${this.operand(e.otherwise, indent)}`;
      case 'show':
        this.usedHelpers.add('show');
        return `show(${e.args.map((a) => this.expr(a, indent)).join(', ')})`;
      case 'template':
        return '`' + e.parts.map((p, i) => `${i === 0 ? '' : ':'}\${${this.expr(p, indent)}}`).join('') + '`';
      case 'object':
        return `{ ${e.props
          .map((p) => `${typeof p.key === 'string' ? p.key : `[${this.expr(p.key, indent)}]`}: ${this.expr(p.value, indent)}`)
          .join(', ')} }`;
      case 'array':
        return `[${e.items.map((a) => this.expr(a, indent)).join(', ')}]`;
      case 'unary':
        return `${e.op}${e.op === 'typeof' ? ' ' : ''}${this.operand(e.arg, indent)}`;
      case 'asyncCall':
        return `${e.callee}(${e.args.map((a) => this.expr(a, indent)).join(', ')})`;
      case 'arrowCall': {
        const args = e.args.map((a) => this.expr(a, indent));
        if (e.style === 'function') {
          return `(async function (${e.params.join(', ')}) ${this.block(e.body, indent)}).call(${['{ tag: "fn" }', ...args].join(', ')})`;
        }
        return `(async (${e.params.join(', ')}) => ${this.block(e.body, indent)})(${args.join(', ')})`;
      }
      case 'spreadCall':
        this.usedHelpers.add('show');
        return `show(${[`...${this.operand(e.spread, indent)}`, ...e.args.map((a) => this.expr(a, indent))].join(', ')})`;
      case 'optionalCall':
        this.usedHelpers.add('show');
        return `(${this.operand(e.test, indent)} ? show : null)?.(${e.args.map((a) => this.expr(a, indent)).join(', ')})`;
      case 'keyObject':
        this.usedHelpers.add('keyObject');
        return `keyObject(${JSON.stringify(e.name)})`;
      case 'syncCall':
        return `${e.name}()`;
      case 'comma':
        return `(${this.expr(e.first, indent)}, ${this.expr(e.second, indent)})`;
      case 'newBox':
        this.usedHelpers.add('Box');
        return `new Box(${e.args.map((a) => this.expr(a, indent)).join(', ')}).value`;
      case 'combinator':
        return `Promise.${e.method}([${e.items.map((a) => this.expr(a, indent)).join(', ')}])`;
      case 'methodCall': {
        const args = e.args.map((a) => this.expr(a, indent)).join(', ');
        const method = `async m(${e.params.join(', ')}) ${this.block(e.body, indent)}`;
        if (e.style === 'object') {
          this.usedHelpers.add('base');
          return `({ __proto__: base, tag: ${JSON.stringify(e.tag)}, ${method} }).m(${args})`;
        }
        this.usedHelpers.add('Base');
        if (e.style === 'class') return `new (class extends Base { ${method} })(${JSON.stringify(e.tag)}).m(${args})`;
        return `(class extends Base { static tag = ${JSON.stringify(e.tag)}; static ${method} }).m(${args})`;
      }
      case 'yield':
        return e.arg ? `yield ${this.expr(e.arg, indent)}` : 'yield';
      case 'yieldStar':
        return `yield* ${this.expr(e.source, indent)}`;
      case 'genCall': {
        const args = e.args.map((a) => this.expr(a, indent));
        if (this.generatorStyles.get(e.callee) === 'declaration') return `${e.callee}.call(${[`{ tag: ${JSON.stringify(e.callee)} }`, ...args].join(', ')})`;
        return `${e.callee}.m(${args.join(', ')})`;
      }
    }
  }

  /** prints an operand of an operator, parenthesised unless it is a primary expression */
  operand(e: Expr, indent: string): string {
    const text = this.expr(e, indent);
    if (ATOMIC_KINDS.has(e.kind) && !(e.kind === 'lit' && typeof e.value === 'number' && e.value < 0)) return text;
    return `(${text})`;
  }

  target(t: Target, indent: string): string {
    switch (t.kind) {
      case 'varTarget':
        return t.name;
      case 'memberTarget':
        return `bag[${this.expr(t.key, indent)}]`;
      case 'arrayPattern':
        return `[${t.names.join(', ')}]`;
    }
  }

  block(body: Stmt[], indent: string): string {
    if (body.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${body.map((s) => this.stmt(s, inner)).join('\n')}\n${indent}}`;
  }

  stmt(s: Stmt, indent: string, label = ''): string {
    const pad = indent;
    const labelPrefix = label ? `${label}: ` : '';
    switch (s.kind) {
      case 'log':
        return `${pad}log(${[JSON.stringify(s.id), ...s.values.map((v) => this.expr(v, indent))].join(', ')});`;
      case 'assign':
        return `${pad}${this.target(s.target, indent)} ${s.op} ${this.expr(s.value, indent)};`;
      case 'if': {
        let text = `${pad}if (${this.expr(s.test, indent)}) ${this.block(s.then, indent)}`;
        if (s.otherwise) text += ` else ${this.block(s.otherwise, indent)}`;
        return text;
      }
      case 'switch': {
        const inner = indent + '  ';
        const cases = s.cases.map((c) => {
          const head = c.test === null ? `${inner}default:` : `${inner}case ${this.expr(c.test, inner)}:`;
          return [head, ...c.body.map((b) => this.stmt(b, inner + '  '))].join('\n');
        });
        return `${pad}${labelPrefix}switch (${this.expr(s.discriminant, indent)}) {\n${cases.join('\n')}\n${pad}}`;
      }
      case 'while': {
        const condition = `${s.guard}++ < ${s.max} && ${this.operand(s.test, indent)}`;
        const head = `${pad}let ${s.guard} = 0;\n${pad}${labelPrefix}`;
        if (s.doWhile) return `${head}do ${this.block(s.body, indent)} while (${condition});`;
        return `${head}while (${condition}) ${this.block(s.body, indent)}`;
      }
      case 'for': {
        const test = s.test ? ` && ${this.operand(s.test, indent)}` : '';
        return `${pad}${labelPrefix}for (let ${s.binding} = 0; ${s.binding} < ${s.max}${test}; ${s.binding}++) ${this.block(s.body, indent)}`;
      }
      case 'forOf': {
        let iterable: string;
        if (s.iterable.kind === 'iter') {
          this.usedHelpers.add('iter');
          iterable = `iter(${JSON.stringify(s.id)}, ${s.iterable.count})`;
        } else {
          iterable = this.expr(s.iterable, indent);
        }
        return `${pad}${labelPrefix}for (const ${s.binding} of ${iterable}) ${this.block(s.body, indent)}`;
      }
      case 'forIn':
        return `${pad}${labelPrefix}for (const ${s.binding} in ${this.expr(s.object, indent)}) ${this.block(s.body, indent)}`;
      case 'labeled':
        return this.stmt(s.body, indent, s.label);
      case 'block':
        return `${pad}${labelPrefix}${this.block(s.body, indent)}`;
      case 'break':
        return `${pad}break${s.label ? ' ' + s.label : ''};`;
      case 'continue':
        return `${pad}continue${s.label ? ' ' + s.label : ''};`;
      case 'try': {
        let text = `${pad}${labelPrefix}try ${this.block(s.block, indent)}`;
        if (s.handler) text += ` catch${s.catchParam ? ` (${s.catchParam})` : ''} ${this.block(s.handler, indent)}`;
        if (s.finalizer || !s.handler) text += ` finally ${this.block(s.finalizer ?? [], indent)}`;
        return text;
      }
      case 'return':
        return `${pad}return${s.value ? ' ' + this.expr(s.value, indent) : ''};`;
      case 'throw':
        return s.asError
          ? `${pad}throw new Error(${JSON.stringify(s.id + ':')} + ${this.operand(s.value, indent)});`
          : `${pad}throw ${this.expr(s.value, indent)};`;
      case 'pushClosure': {
        const values = [JSON.stringify(s.id), ...s.captured].join(', ');
        if (!s.awaited) return `${pad}closures.push(() => log(${values}));`;
        return `${pad}closures.push(async () => { log(${values}); log(${JSON.stringify(s.id + ' resumed')}, await ${this.operand(s.awaited, indent)}, ${[...s.captured].join(', ') || '0'}); });`;
      }
      case 'runClosures':
        return `${pad}for (const closure of closures.splice(0)) ${s.awaitEach ? 'await ' : ''}closure();`;
      case 'superSet':
        return `${pad}super.tag = ${this.expr(s.value, indent)};`;
      case 'argumentsSet':
        return `${pad}arguments[${s.index}] = ${this.expr(s.value, indent)};`;
      case 'blockAsync':
        this.usedHelpers.add('show');
        return [
          `${pad}{`,
          `${pad}  log("${s.id} before", typeof ${s.name});`,
          `${pad}  log("${s.id}", await ${s.name}());`,
          `${pad}  async function ${s.name}() { await null; return show(${s.values.map((v) => this.expr(v, indent + 1)).join(', ')}); }`,
          `${pad}}`,
          `${pad}log("${s.id} after", typeof ${s.name});`,
        ].join('\n');
      case 'functionDecl':
        this.usedHelpers.add('show');
        return `${pad}function ${s.name}() { return show(${s.values.map((v) => this.expr(v, indent)).join(', ')}); }`;
      case 'declare': {
        const fallback = s.fallback ? ` = ${this.expr(s.fallback, indent)}` : '';
        const pattern = s.pattern === 'plain' ? s.name : s.pattern === 'object' ? `{ a: ${s.name}${fallback} }` : `[${s.name}${fallback}]`;
        return `${pad}${s.keyword} ${pattern} = ${this.expr(s.value, indent)};`;
      }
      case 'exprStmt':
        return `${pad}${this.expr(s.expr, indent)};`;
      case 'forAwait':
        return `${pad}${labelPrefix}for await (const ${s.binding} of ${this.expr(s.iterable, indent)}) ${this.block(s.body, indent)}`;
      case 'iterate': {
        const lines = [`${pad}const ${s.iterator} = ${this.expr(s.source, indent)};`];
        s.steps.forEach((step, index) => {
          const argument = step.method === 'throw' ? `new Error(${JSON.stringify(`${s.id} thrown:`)} + ${this.operand(step.value, indent)})` : this.expr(step.value, indent);
          const tag = JSON.stringify(`${s.id} ${step.method}#${index}`);
          const awaited = s.awaitLast && index === s.steps.length - 1 ? 'await ' : '';
          lines.push(`${pad}${awaited}${s.iterator}.${step.method}(${argument}).then((result) => log(${tag}, result.value, result.done), (reason) => log(${tag}, "rejected", reason));`);
        });
        return lines.join('\n');
      }
    }
  }

  /** an async generator: a declaration, or a `const` holding an object / class instance with an `async *m` method */
  asyncGenerator(f: AsyncFunctionModel): string {
    const body = this.functionBodyText(f.body, f.generator === 'declaration' ? '  ' : '    ', []);
    const params = f.params.join(', ');
    if (f.generator === 'object') {
      this.usedHelpers.add('base');
      return `const ${f.name} = { __proto__: base, tag: ${JSON.stringify(f.name)}, async *m(${params}) {\n${body}\n  } };`;
    }
    if (f.generator === 'class') {
      this.usedHelpers.add('Base');
      return `const ${f.name} = new (class extends Base { async *m(${params}) {\n${body}\n  } })(${JSON.stringify(f.name)});`;
    }
    return `async function* ${f.name}(${params}) {\n${body}\n}`;
  }

  /** the statements of a generated function, after the declarations of the per-function names it uses */
  private functionBodyText(statements: Stmt[], indent: string, header: string[]): string {
    const used = namesUsed(statements);
    const lines = [...header];
    const variables = [used.has('v0') ? 'v0 = 0' : '', used.has('v1') ? 'v1 = "a"' : ''].filter(Boolean);
    if (variables.length > 0) lines.push(`${indent}let ${variables.join(', ')};`);
    const constants = [used.has('bag') ? 'bag = {}' : '', used.has('closures') ? 'closures = []' : ''].filter(Boolean);
    if (constants.length > 0) lines.push(`${indent}const ${constants.join(', ')};`);
    return [...lines, ...statements.map((s) => this.stmt(s, indent))].join('\n');
  }

  asyncFunction(f: AsyncFunctionModel, usesFuel: boolean): string {
    if (f.generator) return this.asyncGenerator(f);
    const header = usesFuel ? ['  if (--fuel < 0) return "no fuel";'] : [];
    return `async function ${f.name}(${f.params.join(', ')}) {\n${this.functionBodyText(f.body, '  ', header)}\n}`;
  }
}

/**
 * Names a function body refers to among the per-function declarations (v0, v1, bag, closures),
 * and `asyncCall` when it calls another generated function: declarations nobody uses are not
 * printed, so that shrunk programs stay short.
 */
function namesUsed(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) namesUsed(item, into);
  } else if (typeof value === 'object' && value !== null) {
    const node = value as Record<string, unknown>;
    if (node.kind === 'var' && typeof node.name === 'string') into.add(node.name);
    if (node.kind === 'varTarget' && typeof node.name === 'string') into.add(node.name);
    if (node.kind === 'arrayPattern') ['v0', 'v1'].forEach((name) => into.add(name));
    if (node.kind === 'memberTarget') into.add('bag');
    if (node.kind === 'pushClosure' || node.kind === 'runClosures') into.add('closures');
    if (node.kind === 'pushClosure' && Array.isArray(node.captured)) node.captured.forEach((name) => into.add(String(name)));
    if (node.kind === 'asyncCall') into.add('asyncCall');
    if (node.kind === 'declare' && typeof node.name === 'string') into.add(node.name);
    for (const child of Object.values(node)) namesUsed(child, into);
  }
  return into;
}

/** Prints the whole program: prelude helpers, the async functions, and the start/outcome code. */
export function printProgram(program: ProgramModel): string {
  const printer = new Printer(new Map(program.functions.flatMap((f) => (f.generator ? [[f.name, f.generator] as const] : []))));
  // the fuel bounds calls between generated functions; without such calls it is left out
  const usesFuel = program.functions.some((f) => namesUsed(f.body).has('asyncCall'));
  const usesShared = program.functions.some((f) => namesUsed(f.body).has('shared'));
  // generators first: a method-style generator is a `const` that must be initialised before any call
  const ordered = [...program.functions.filter((f) => f.generator), ...program.functions.filter((f) => !f.generator)];
  const functions = ordered.map((f) => printer.asyncFunction(f, usesFuel));
  const starts = program.starts.map((s) => `  ${s.callee}.call({ tag: ${JSON.stringify(s.thisTag)} }${s.args.map((a) => ', ' + printer.expr(a, '  ')).join('')}),`);
  const helpers = HELPER_ORDER.filter((name) => printer.usedHelpers.has(name)).map((name) => HELPER_SOURCES[name]);
  return [
    `// fuzz program, seed ${program.seed}`,
    ...(usesFuel ? ['let fuel = 40;'] : []),
    ...(usesShared ? ['let shared = 0;'] : []),
    ...helpers,
    ...functions,
    'log("main start");',
    'const started = [',
    ...starts,
    '];',
    'started.forEach((promise, index) => promise.then((value) => log("outcome", index, "fulfilled", value), (reason) => log("outcome", index, "rejected", reason)));',
    ...(program.probes && program.probes.length ? [PROBE_HELPERS, ...program.probes.map((probe) => probe.code)] : []),
    'log("main done");',
    '',
  ].join('\n');
}
