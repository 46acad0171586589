/*
 * index: the Babel plugin entry. Validates the options, finds every async function (inner
 * ones first), rejects what cannot be rewritten faithfully with a code frame, lowers the rest
 * and adds the runtime once per file (imported or inlined).
 * Must never: touch code outside async functions (besides adding the runtime), or depend on a
 * particular Babel major: everything comes from the `api` object Babel passes in.
 */
import type * as BT from '@babel/types';
import type { NodePath, Visitor } from '@babel/traverse';
import { resolveOptions } from './options';
import { AwaitAnalysis } from './analysis/awaitAnalysis';
import { lowerAsyncFunction } from './lowering/functionLowering';
import { keepAsyncBlockFunctionsInTheirBlock } from './lowering/blockFunctions';
import { collectArgumentsWriters } from './analysis/mappedArguments';
import { addRuntime } from './emission/runtimeImport';
import { assertPrintable } from './emission/printDepth';
import type { Types } from './lowering/emitter';

export type { PluginOptions } from './options';

interface BabelApi {
  types: Types;
  parseSync(code: string, options: Record<string, unknown>): BT.File | null;
  assertVersion(range: number | string): void;
  version: string;
}

interface PluginPass {
  file: { opts: { filename?: string | null } };
}

function collectAssignedGlobals(program: NodePath<BT.Program>): Set<string> {
  const names = new Set<string>();
  program.traverse({
    AssignmentExpression(p) {
      const left = p.node.left;
      if (left.type === 'Identifier' && !p.scope.hasBinding(left.name)) names.add(left.name);
    },
    UpdateExpression(p) {
      const argument = p.node.argument;
      if (argument.type === 'Identifier' && !p.scope.hasBinding(argument.name)) names.add(argument.name);
    },
  });
  return names;
}

/** `eval` or `(eval)`, the callees of a direct eval (Babel drops the parentheses, or keeps a ParenthesizedExpression). */
function isEvalCallee(callee: BT.Node): boolean {
  let node = callee;
  while (node.type === 'ParenthesizedExpression') node = node.expression;
  return node.type === 'Identifier' && node.name === 'eval';
}

export default function asyncStateMachine(api: BabelApi, rawOptions: unknown) {
  api.assertVersion('^7.0.0 || ^8.0.0-0');
  const options = resolveOptions(rawOptions);
  const t = api.types;
  const parseRuntime = (code: string): BT.File => {
    const file = api.parseSync(code, { babelrc: false, configFile: false, sourceType: 'script' });
    if (!file) throw new Error('babel-plugin-async-state-machine: could not parse the runtime');
    return file;
  };

  // The work happens in `pre`, in a traversal of its own: paths inserted while lowering are
  // then never requeued into the main traversal, whose plugins (block scoping, preset-env)
  // see only the final tree with fresh scopes.
  const lowerProgram = (program: NodePath<BT.Program>): void => {
    keepAsyncBlockFunctionsInTheirBlock(program, t);
    {
      const analysis = new AwaitAnalysis();
      const targets: NodePath<BT.Function>[] = [];
      program.traverse({
        Function: {
          exit(path) {
            if (path.node.async) targets.push(path);
          },
        },
        AwaitExpression(path) {
          if (!path.getFunctionParent()) {
            throw path.buildCodeFrameError(
              'babel-plugin-async-state-machine: top-level await is not supported: a script or CommonJS module cannot suspend its own evaluation, so it cannot be lowered faithfully. Wrap the code in an async function (e.g. `(async () => { ... })()`), or leave top-level await to an ES module target.',
            );
          }
        },
        Decorator(path) {
          // a decorator is evaluated where its class is defined, outside any method: an await
          // in it would need the class definition split around the suspension
          path.traverse({
            Function(inner) {
              inner.skip();
            },
            AwaitExpression(inner) {
              throw inner.buildCodeFrameError('babel-plugin-async-state-machine: `await` inside a decorator expression is not supported: the class would have to be defined in pieces around the suspension. Await the decorator first (`const decorate = await ...;`) and write `@decorate`.');
            },
          });
        },
        CallExpression(path) {
          if (isEvalCallee(path.node.callee)) rejectDirectEvalInAsyncFunction(path);
        },
        ForOfStatement(path) {
          if (path.node.await && !path.getFunctionParent()) {
            throw path.buildCodeFrameError('babel-plugin-async-state-machine: top-level `for await` is not supported (top-level await cannot be lowered into a script or CommonJS module).');
          }
        },
      });
      if (targets.length === 0) return;
      const assignedGlobals = collectAssignedGlobals(program);
      const argumentsWriters = collectArgumentsWriters(program);
      const runtimeName = program.scope.generateUid('asyncMachine');
      for (const path of targets) {
        try {
          lowerAsyncFunction(path, { t, analysis, runtimeName, explain: options.explain, assignedGlobals, argumentsWriters });
        } catch (error) {
          throw tooDeepError(path, error);
        }
      }
      addRuntime(t, program, runtimeName, options, parseRuntime);
      assertPrintable(t, program);
      // (each lowered function re-crawled its own scope; the program needs no second pass)
    }
  };

  /**
   * `eval(...)` (also `(eval)(...)`, which is direct too) anywhere in an async function: its
   * parameters, its body, or a function nested in it (an arrow shares its `var` scope; any nested
   * function can see the machine's variables). The evaluated code would see the rewritten
   * locals and `state`, and a `var` it declares would be lost at the next await. Whether the
   * name is bound does not matter: a sloppy-mode binding called `eval` holding %eval% still
   * makes a direct eval. (`eval?.(x)` and `(0, eval)(x)` are indirect: they see only globals.)
   */
  function rejectDirectEvalInAsyncFunction(path: NodePath<BT.CallExpression>): void {
    const asyncFunction = path.findParent((p) => p.isFunction() && !!(p.node as BT.Function).async);
    if (!asyncFunction) return;
    throw path.buildCodeFrameError(
      'babel-plugin-async-state-machine: a direct `eval(...)` inside an async function (or in a function nested in one) cannot be rewritten faithfully: the evaluated code would see the rewritten function\'s locals and its state machine, and a `var` it declares would not survive an await. Use an indirect eval (`(0, eval)(code)`, which sees only globals) or move the eval out of the async function.',
    );
  }

  /** The stack ran out while lowering: say which function and what to do, with a code frame. */
  function tooDeepError(path: NodePath<BT.Function>, error: unknown): unknown {
    if (!(error instanceof RangeError) || !/call stack/i.test(error.message)) return error;
    return path.buildCodeFrameError(
      'babel-plugin-async-state-machine: this async function is nested too deeply to rewrite (the JavaScript stack ran out while lowering it). Split it into smaller functions or flatten the nesting, or give Node a larger stack (node --stack-size=...).',
      RangeError,
    );
  }

  const visitor: Visitor<PluginPass> = {};
  return {
    name: 'async-state-machine',
    pre(this: PluginPass & { file: { path: NodePath<BT.Program> } }) {
      lowerProgram(this.file.path);
    },
    visitor,
  };
}

module.exports = asyncStateMachine;
module.exports.default = asyncStateMachine;
