/*
 * stackTraces.test: an error thrown in a rewritten async function has a frame that names the
 * user's function (before the first await the function itself runs the code, as natively:
 * src/lowering/entrySegment.ts; after it, its step function `<name>$body`, src/lowering/stepNames.ts), and the frames
 * of the program's own code match a native run's, shape by shape: the same program runs natively
 * and rewritten in fresh child processes and logs the function names of its stack frames.
 * Not reproducible, and left out of the comparison: V8's `at async caller` frames (a rewritten
 * function resumes from a promise job, so the frames of the functions awaiting it are not on the
 * stack) and the receiver prefix of a method's frame (`C.m`: an arrow step has no receiver).
 * Must never: compare against hand-typed frames.
 */
import { transformSource } from '../src/transform';
import { runProgramSync } from '../src/trace/runProgram';

const FILE = 'stack-shapes.js';

const program = `
// (the runtime's own frames count against V8's default limit of 10)
Error.stackTraceLimit = 50;
function frames(error) {
  return String(error.stack).split('\\n').slice(1).filter((line) => line.includes(${JSON.stringify(FILE)})).map((line) => {
    const match = /^\\s*at (async )?(?:(.*?) \\()?/.exec(line);
    return (match[1] || '') + (match[2] === undefined ? '<anonymous>' : match[2]);
  });
}
function fail() { throw new Error('boom'); }
async function declaration() { throw new Error('boom'); }
const expression = async function () { throw new Error('boom'); };
const namedExpression = async function inner() { throw new Error('boom'); };
const arrow = async () => { throw new Error('boom'); };
const expressionArrow = async () => fail();
const object = {
  async method() { throw new Error('boom'); },
  property: async () => { throw new Error('boom'); },
  get getter() { return this.method(); },
};
class Base { hello() { throw new Error('boom'); } }
class C extends Base {
  field = async () => { throw new Error('boom'); };
  async method() { throw new Error('boom'); }
  async superCall() { return super.hello(); }
  static async staticMethod() { throw new Error('boom'); }
  async #secret() { throw new Error('boom'); }
  callSecret() { return this.#secret(); }
  get viaGetter() { return this.method(); }
}
async function afterAwait() { await null; throw new Error('boom'); }
async function callsHelper() { fail(); }
async function outer() { async function nested() { throw new Error('boom'); } return nested(); }
async function awaitsInner() { await afterAwait(); }
async function* generator() { yield 1; throw new Error('boom'); }
async function parameters(a, { b } = null) { return a; }
const shapes = {
  declaration: () => declaration(),
  expression: () => expression(),
  namedExpression: () => namedExpression(),
  arrow: () => arrow(),
  expressionArrow: () => expressionArrow(),
  objectMethod: () => object.method(),
  objectProperty: () => object.property(),
  getterCalledAsync: () => object.getter,
  classField: () => new C().field(),
  classMethod: () => new C().method(),
  classSuperCall: () => new C().superCall(),
  staticMethod: () => C.staticMethod(),
  privateMethod: () => new C().callSecret(),
  classGetter: () => new C().viaGetter,
  afterAwait: () => afterAwait(),
  callsHelper: () => callsHelper(),
  nested: () => outer(),
  awaitsInner: () => awaitsInner(),
  generatorAfterYield: () => { const g = generator(); return g.next().then(() => g.next()); },
  parameterError: () => parameters(1),
};
// (the driver is no async function: the rewritten side would add its frames)
const names = Object.keys(shapes);
function next(index) {
  if (index === names.length) return summary();
  const name = names[index];
  let result;
  try {
    result = Promise.resolve(shapes[name]());
  } catch (error) {
    result = Promise.reject(error);
  }
  result.then(() => log(name, 'no error'), (error) => log(name, JSON.stringify(frames(error)))).then(() => next(index + 1));
}
function summary() {
  for (const fn of [declaration, expression, namedExpression, arrow, expressionArrow, object.method, object.property, new C().field, C.staticMethod, afterAwait, generator, parameters]) {
    log('name and length', fn.name, fn.length);
  }
}
next(0);
`;

function framesByShape(run: ReturnType<typeof runProgramSync>): Map<string, string[]> {
  const shapes = new Map<string, string[]>();
  for (const event of run.events) {
    const match = /^(\w+) (\[.*\])$/.exec(event.text);
    if (match) shapes.set(match[1], JSON.parse(match[2]) as string[]);
  }
  return shapes;
}

/** The part of a frame name both sides can have: no `C.` receiver prefix, no `#`. */
function comparable(frame: string): string {
  return frame.replace(/^.*\./, '').replace(/^#/, '');
}

/** Rewritten frames: a `<name>$body` step frame merged into its function's frame right below it. */
function mergeSteps(frames: string[]): string[] {
  const merged: string[] = [];
  frames.forEach((frame, index) => {
    const step = /^(.*)\$body\d*$/.exec(frame);
    if (!step) return merged.push(comparable(frame));
    const next = frames[index + 1];
    if (next !== undefined && comparable(next) === comparable(step[1])) return undefined;
    return merged.push(comparable(step[1]));
  });
  return merged;
}

describe('stack traces name the user code', () => {
  const native = runProgramSync(program, { filename: FILE });
  const rewrittenCode = transformSource(program, { filename: FILE }).code;
  const rewritten = runProgramSync(rewrittenCode, { filename: FILE });
  const nativeFrames = framesByShape(native);
  const rewrittenFrames = framesByShape(rewritten);

  test('both runs logged every shape', () => {
    expect(native.failure).toBeUndefined();
    expect(rewritten.failure).toBeUndefined();
    expect(nativeFrames.size).toBeGreaterThanOrEqual(15);
    expect([...rewrittenFrames.keys()]).toEqual([...nativeFrames.keys()]);
  });

  test('name and length of every function are unchanged', () => {
    const of = (run: typeof native) => run.events.filter((event) => event.text.startsWith('name and length')).map((event) => event.text);
    expect(of(native).length).toBe(12);
    expect(of(rewritten)).toEqual(of(native));
  });

  const shapes = [...nativeFrames.keys()];
  test.each(shapes)('%s: the frames of the program match native (async caller frames aside)', (shape) => {
    const expected = nativeFrames.get(shape)!.filter((frame) => !frame.startsWith('async ')).map(comparable);
    expect(mergeSteps(rewrittenFrames.get(shape)!)).toEqual(expected);
  });

  test.each(shapes.filter((shape) => shape !== 'callsHelper' && shape !== 'expressionArrow' && shape !== 'classSuperCall' && shape !== 'parameterError'))(
    '%s: the first frame is the user\'s function, or its step named after it',
    (shape) => {
      const first = comparable(nativeFrames.get(shape)![0]);
      if (first === '<anonymous>') expect(rewrittenFrames.get(shape)![0]).toBe('<anonymous>');
      else expect(rewrittenFrames.get(shape)![0]).toMatch(new RegExp(`^(.*\\.)?#?${first.replace(/\$/g, '\\$')}(\\$body)?$`));
    },
  );

  test('native has async caller frames the rewrite cannot keep (documented)', () => {
    expect(nativeFrames.get('awaitsInner')).toContain('async awaitsInner');
    expect(rewrittenFrames.get('awaitsInner')!.some((frame) => frame.startsWith('async '))).toBe(false);
  });
});
