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
import type { Types } from './lowering/emitter';
import { addConstructorCheck, reshapeAsyncFunction, type FunctionShape } from './lowering/functionShape';
import { attachGeneratorPrototype, generatorSelfReference, wrapGeneratorCreation } from './lowering/generatorPrototype';
import { inputUsesEs2015, readTargets, targetsAllowEs2015, targetsRunNatively } from './analysis/outputLanguage';

export type { PluginOptions } from './options';

interface BabelApi {
  types: Types;
  parseSync(code: string, options: Record<string, unknown>): BT.File | null;
  assertVersion(range: number | string): void;
  version: string;
  /** Babel 7.13+ and 8: the resolved compilation targets */
  targets?: () => unknown;
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

export default function asyncStateMachine(api: BabelApi, rawOptions: unknown) {
  api.assertVersion('^7.0.0 || ^8.0.0-0');
  const options = resolveOptions(rawOptions);
  const t = api.types;
  const targets = readTargets(api);
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
      const asyncFunctions: NodePath<BT.Function>[] = [];
      program.traverse({
        Function: {
          exit(path) {
            if (path.node.async && !(options.keepNative && targetsRunNatively(targets, path.node.generator === true))) asyncFunctions.push(path);
          },
        },
        AwaitExpression(path) {
          if (!path.getFunctionParent()) {
            throw path.buildCodeFrameError(
              'babel-plugin-async-state-machine: top-level await is not supported: a script or CommonJS module cannot suspend its own evaluation, so it cannot be lowered faithfully. Wrap the code in an async function (e.g. `(async () => { ... })()`), or leave top-level await to an ES module target.',
            );
          }
        },
        ForOfStatement(path) {
          if (path.node.await && !path.getFunctionParent()) {
            throw path.buildCodeFrameError('babel-plugin-async-state-machine: top-level `for await` is not supported (top-level await cannot be lowered into a script or CommonJS module).');
          }
        },
      });
      if (asyncFunctions.length === 0) return;
      const shape: FunctionShape = options.functionShape !== 'auto' ? options.functionShape
        // ES2015 only where both the targets (when there are any) and the input allow it: an ES5
        // file stays ES5, also under Babel 8's default targets
        : ((!targets || targetsAllowEs2015(targets)) && inputUsesEs2015(program)) ? 'es2015' : 'es5';
      const assignedGlobals = collectAssignedGlobals(program);
      const argumentsWriters = collectArgumentsWriters(program);
      const runtimeName = program.scope.generateUid('asyncMachine');
      for (const written of asyncFunctions) {
        let path = written;
        try {
          // not a constructor, no prototype: the shape is chosen before the function is lowered
          const original = written.node;
          const shaped = reshapeAsyncFunction(t, written, shape);
          path = shaped.path;
          // (what was found about the written function holds for its new shape)
          if (argumentsWriters.has(original)) argumentsWriters.add(path.node);
          const generatorSelf = shaped.generator ? null : generatorSelfReference(t, path);
          const selfName = shaped.generator ? shaped.generator.self : generatorSelf?.name;
          lowerAsyncFunction(path, { t, analysis, runtimeName, explain: options.explain, assignedGlobals, argumentsWriters, generatorSelf: selfName });
          addConstructorCheck(t, shaped);
          if (generatorSelf) attachGeneratorPrototype(t, path, generatorSelf, runtimeName);
          if (shaped.generator) wrapGeneratorCreation(t, shaped.generator.creation, runtimeName);
        } catch (error) {
          throw tooDeepError(path, error);
        }
      }
      addRuntime(t, program, runtimeName, options, parseRuntime);
      // (each lowered function re-crawled its own scope; the program needs no second pass)
    }
  };

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
