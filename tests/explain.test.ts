/*
 * explain.test: `explain: true` comments every runtime call of every machine, and the numbers
 * in each comment are the numbers in the call (case labels, regions left). It rewrites every
 * fixture input with explain on, then reads the output back with Babel and checks each
 * `state.x(...)` call against the comment on its statement. Behaviour is pinned elsewhere
 * (fixtures/explain runs native vs rewritten; options.test compares with explain off).
 * Must never: accept a runtime call without a comment, or a comment whose numbers differ.
 */
import * as babel from '@babel/core';
import type * as BT from '@babel/types';
import type { NodePath } from '@babel/traverse';
import { transformSource } from '../src/transform';
import { EXPLAINED_MEMBERS } from '../src/lowering/explain';
import { RUNTIME_LEGEND } from '../src/cli/legend';
import { discoverFixtures } from './support/fixtureCorpus';

interface CheckedCall {
  member: string;
  args: BT.Node[];
  comments: string[];
}

/** Every runtime call of every step function and entry segment in `code`, with the comments of its statement. */
function runtimeCalls(code: string): CheckedCall[] {
  const ast = babel.parseSync(code, { babelrc: false, configFile: false, sourceType: 'unambiguous' });
  const calls: CheckedCall[] = [];
  const steps: NodePath<BT.Function>[] = [];
  // the entry segments the functions run themselves: `var state = _asyncMachine.start(...); try { ... }`
  const entries: { block: NodePath; stateName: string }[] = [];
  babel.traverse(ast!, {
    CallExpression(path) {
      const callee = path.node.callee;
      const isMachine = (callee.type === 'Identifier' && /^_asyncMachine\d*$/.test(callee.name))
        || (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && /^_asyncMachine\d*$/.test(callee.object.name));
      // (mark, markFunction and generatorFunction take the function being created, not a step)
      const wrapsCreation = callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && ['mark', 'markFunction', 'generatorFunction'].includes(callee.property.name);
      const step = path.get('arguments')[0];
      if (isMachine && !wrapsCreation && step && step.isFunction()) steps.push(step);
    },
    // an arrow step: `var f$body = (state) => {...}; return _asyncMachine(f$body);`
    VariableDeclarator(path) {
      const init = path.get('init');
      if (path.node.id.type === 'Identifier' && /\$body\d*$/.test(path.node.id.name) && init.isArrowFunctionExpression()) steps.push(init);
      const start = path.node.init;
      if (path.node.id.type === 'Identifier' && start?.type === 'CallExpression' && start.callee.type === 'MemberExpression'
        && start.callee.object.type === 'Identifier' && /^_asyncMachine\d*$/.test(start.callee.object.name)
        && start.callee.property.type === 'Identifier' && start.callee.property.name === 'start') {
        const next = path.parentPath.getSibling((path.parentPath.key as number) + 1);
        if (next.isTryStatement()) entries.push({ block: next.get('block'), stateName: path.node.id.name });
      }
    },
  });
  const regions = [
    ...steps.map((step) => ({ node: step as NodePath, stateName: (step.node.params[0] as BT.Identifier).name })),
    ...entries.map((entry) => ({ node: entry.block, stateName: entry.stateName })),
  ];
  for (const { node: step, stateName } of regions) {
    {
      step.traverse({
        Function(inner) {
          inner.skip();
        },
        CallExpression(call) {
          const c = call.node.callee;
          if (c.type !== 'MemberExpression' || c.object.type !== 'Identifier' || c.object.name !== stateName || c.property.type !== 'Identifier') return;
          // the statement of a statement list that holds the call
          let holder: NodePath | null = call;
          while (holder && !(holder.listKey === 'body' || holder.listKey === 'consequent') ) holder = holder.parentPath;
          calls.push({ member: c.property.name, args: call.node.arguments, comments: (holder?.node.leadingComments ?? []).map((comment) => comment.value.trim()) });
        },
      });
    }
  }
  return calls;
}

function numberArg(node: BT.Node | undefined): number | null {
  if (!node) return null;
  if (node.type === 'NumericLiteral') return node.value;
  if (node.type === 'UnaryExpression' && node.operator === '-' && node.argument.type === 'NumericLiteral') return -node.argument.value;
  return null;
}

/** The comment a call must carry: it starts with its sentence, and says its numbers. */
function expectedPieces(call: CheckedCall): RegExp[] {
  const [first = null, second = null] = call.args.map(numberArg);
  switch (call.member) {
    case 'await':
    case 'awaitCall':
      return [new RegExp(`^await #\\d+( at line \\d+)?: suspends here; resumes at case ${second} in a microtask$`)];
    case 'yield':
      return [new RegExp(`^yield #\\d+( at line \\d+)?: suspends here; resumes at case ${second}$`)];
    case 'delegate':
      return [new RegExp(`^yield\\* #\\d+( at line \\d+)?: suspends here; resumes at case ${second}$`)];
    case 'goto':
      return second === null
        ? [new RegExp(`^go to case ${first}$`)]
        : [new RegExp(`^leave ${second} regions? \\(.*\\), then go to case ${first}$`)];
    case 'enterTry': {
      const pieces: RegExp[] = [];
      if (first !== null && first >= 0) pieces.push(new RegExp(`^a throw in here goes to case ${first};`));
      else pieces.push(/^no catch;/);
      if (second !== null && second >= 0) pieces.push(new RegExp(`the finally at case ${second} runs on every way out`));
      else pieces.push(/; no finally$/);
      return pieces;
    }
    case 'nextValue':
    case 'asyncNextValue':
      return [new RegExp(`its loop head is case ${second}\\)$`)];
    case 'return':
      return [call.args.length === 0 ? /^complete with undefined/ : /^(await this value, then )?complete with (this value|it)/];
    default:
      return [/^[a-z]/];
  }
}

const fixtures = discoverFixtures().filter((fixture) => fixture.options.throws === undefined);

describe('explain: true comments every runtime call', () => {
  test.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const { code } = transformSource(fixture.input, { ...fixture.options.pluginOptions, explain: true, filename: fixture.relativeInputPath });
    const calls = runtimeCalls(code);
    for (const call of calls) {
      const pieces = expectedPieces(call);
      // one comment of the statement carries every piece
      const matching = call.comments.find((comment) => pieces.every((piece) => piece.test(comment)));
      expect({ member: call.member, args: call.args.map(numberArg), comment: matching ?? call.comments }).toEqual({ member: call.member, args: call.args.map(numberArg), comment: expect.any(String) });
    }
  });

  test('arrow and method steps are checked too', () => {
    const calls = runtimeCalls(transformSource('const o = { async m(x) { try { await x; } finally { log(1); } } };', { explain: true, filename: 'm.js' }).code);
    expect(calls.map((call) => call.member)).toEqual(expect.arrayContaining(['enterTry', 'await', 'endFinally']));
    expect(calls.every((call) => call.comments.length > 0)).toBe(true);
  });

  test('the checks see the calls they check (control: without explain, the same calls fail them)', () => {
    const fixture = fixtures.find((f) => f.name === 'explain/try-regions-and-finally')!;
    const plain = runtimeCalls(transformSource(fixture.input, { filename: 'x.js' }).code);
    expect(plain.map((call) => call.member)).toEqual(expect.arrayContaining(['enterTry', 'goto', 'endFinally', 'await']));
    expect(plain.every((call) => call.comments.length === 0)).toBe(true);
  });

  test('every runtime method of the CLI legend has a sentence', () => {
    const methods = RUNTIME_LEGEND.filter((entry) => entry.usage.includes('(')).map((entry) => entry.member);
    expect(methods.length).toBeGreaterThan(20);
    expect(methods.filter((member) => !EXPLAINED_MEMBERS.includes(member))).toEqual([]);
  });

  test('the numbers come from the emitter: a region list names the finally case and the kind of loop', () => {
    const source = [
      'async function f(xs) {',
      '  for (const x of xs) {',
      '    try { if (x) break; await x; } finally { log(1); }',
      '  }',
      '}',
    ].join('\n');
    const { code } = transformSource(source, { explain: true, filename: 'f.js' });
    const breakCall = runtimeCalls(code).find((call) => call.member === 'goto' && numberArg(call.args[1]) === 2)!;
    const finallyCase = runtimeCalls(code).find((call) => call.member === 'enterTry')!.args.map(numberArg)[1];
    expect(breakCall.comments.join('\n')).toContain(`1: a try, whose finally at case ${finallyCase} runs first; 2: the for-of loop, whose iterator is closed`);
  });
});
