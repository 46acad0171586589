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
import { enclosingJestMockFactory, loadsModulesBeforeBody } from './integration/jestFactories';
import { AwaitAnalysis } from './analysis/awaitAnalysis';
import { lowerAsyncFunction } from './lowering/functionLowering';
import { rescopeLoweredFunction } from './lowering/rescope';
import { keepAsyncBlockFunctionsInTheirBlock, noteBlockFunction, type BlockFunctions } from './lowering/blockFunctions';
import { noteArgumentsWriter } from './analysis/mappedArguments';
import { addRuntime, completeInlineRuntime } from './emission/runtimeImport';
import { assertPrintable } from './emission/printDepth';
import { discardRequeues } from './integration/discardRequeues';
import { forgetOwnCodeFacts, ownCodeFacts } from './lowering/ownCode';
import { readAssumptions } from './integration/assumptions';
import type { Types } from './lowering/emitter';
import { addConstructorCheck, reshapeAsyncFunction, type FunctionShape } from './lowering/functionShape';
import { ignoreOwnNameAssignments } from './lowering/ownNameAssignments';
import { markAsyncFunction } from './lowering/asyncFunctionPrototype';
import { attachGeneratorPrototype, generatorSelfReference, wrapGeneratorCreation } from './lowering/generatorPrototype';
import { emitClassMarks, markObjectMethod, planWrittenMethod, type ClassMarks } from './lowering/methodPrototype';
import { inputUsesEs2015, readTargets, targetsAllowEs2015, targetsRunNatively } from './analysis/outputLanguage';

export type { PluginOptions } from './options';

interface BabelApi {
  types: Types;
  parseSync(code: string, options: Record<string, unknown>): BT.File | null;
  assertVersion(range: number | string): void;
  version: string;
  /** Babel 7.13+ and 8: the resolved compilation targets */
  targets?: () => unknown;
  /** what the tool running Babel says about the code it makes (Babel's `caller` option) */
  caller?<T>(read: (caller: { name?: string; supportsTopLevelAwait?: boolean } | undefined) => T): T;
  /** Babel 7.13+ and 8: a compiler assumption the configuration sets (true), or not */
  assumption?: (name: string) => boolean | undefined;
}

interface FileState {
  /** what lowering needs from the whole program; null when the file has no async function */
  lowering: {
    analysis: AwaitAnalysis;
    assignedGlobals: Set<string>;
    argumentsWriters: WeakSet<BT.Node>;
    runtimeName: string;
    runtimeAdded: boolean;
    /** the file has async generators or for-await (the runtime then needs Symbol.asyncIterator) */
    asyncIteration: boolean;
    /** the plain function an async function becomes (functionShape) */
    shape: FunctionShape;
    /** the inline copy or import of the runtime, once added */
    runtimeDeclaration?: NodePath<BT.Statement>;
  } | null;
  /** a polyfill provider is in the pipeline: the runtime is created from the file's Promise */
  promiseFromFile: boolean;
  filename: string | null;
  /** an ES module that no plugin (nor the caller) turns into another format: top-level await stays */
  staysEsModule: boolean;
  lowered: boolean;
  upFront: boolean;
}

interface PluginPass {
  file: { opts: { filename?: string | null; plugins: { key?: string | null }[] } };
  asyncStateMachine?: FileState;
}

/**
 * Plugins that polyfill or replace built-ins by what a file uses: preset-env's and
 * babel-plugin-polyfill-*'s injector ("inject-polyfills"), and transform-runtime (corejs).
 */
const PROVIDES_POLYFILLS = /^(inject-polyfills|transform-runtime)$|(^|[-/\\])(babel-plugin-)?(polyfill-[a-z0-9-]+|transform-runtime)([/\\]|$)/;

/** Plugins that turn ES modules into another module format (top-level await cannot follow). */
const CHANGES_MODULE_FORMAT = /(^|[-/\\])transform-modules-(commonjs|amd|systemjs|umd)([/\\]|$)/;

/** Plugins that lower async syntax in a traversal of their own at Program entry (see below). */
const LOWERS_AT_PROGRAM_ENTRY = /(^|[-/\\])(transform|proposal)-async-generator-functions([/\\]|$)/;

/** `name = ...` or `name++` of a name no scope binds (a global the program assigns): into `names`. */
function noteAssignedGlobal(scope: NodePath['scope'], target: BT.Node, names: Set<string>): void {
  if (target.type === 'Identifier' && !scope.hasBinding(target.name)) names.add(target.name);
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
  const targets = readTargets(api);
  const assumptions = readAssumptions(api);
  // The tool that runs Babel may say, through Babel's `caller` option, that the code it makes
  // cannot hold top-level await (supportsTopLevelAwait: false: babel-jest in CommonJS mode, the
  // trace and the playground, which run the output as a script): such a file never stays an ES
  // module. Unset (most tools) or true changes nothing.
  const callerRefusesTopLevelAwait = typeof api.caller === 'function' && api.caller((caller) => caller?.supportsTopLevelAwait === false);
  const parseRuntime = (code: string): BT.File => {
    const file = api.parseSync(code, { babelrc: false, configFile: false, sourceType: 'script' });
    if (!file) throw new Error('babel-plugin-async-state-machine: could not parse the runtime');
    return file;
  };

  // Lowering happens in the main traversal, one async function at a time, when the traversal
  // enters it (inner async functions of it first): plugins that inspect code before descending
  // into it (babel-plugin-jest-hoist checks a jest.mock factory at its ExpressionStatement) see
  // the source as written, and plugins later in the list (preset-env's async-to-generator, the
  // polyfill providers) meet the lowered function on the same node, no longer async. What needs
  // the whole program (block functions, globals assigned anywhere, writers of `arguments`, the
  // runtime's name) is prepared when the Program is entered.
  // One exception: @babel/plugin-transform-async-generator-functions lowers async generators and
  // for-await in a traversal of its own at Program entry, before any Function is entered. When it
  // runs in this file, everything is lowered at our Program entry (plugins run before presets).
  const prepareProgram = (program: NodePath<BT.Program>, file: FileState): void => {
    let asyncFunctions = 0;
    let asyncIteration = false;
    // what lowering needs from the whole program, gathered in this same traversal (one walk of
    // the program instead of three): globals it assigns, functions whose arguments object is written
    const assignedGlobals = new Set<string>();
    const argumentsWriters = new WeakSet<BT.Node>();
    // and the async declarations in blocks of sloppy code, rewritten after the walk (blockFunctions)
    const blockFunctions: BlockFunctions = new Map();
    program.traverse({
      FunctionDeclaration(path) {
        noteBlockFunction(path, blockFunctions);
      },
      AssignmentExpression(path) {
        noteAssignedGlobal(path.scope, path.node.left, assignedGlobals);
      },
      UpdateExpression(path) {
        noteAssignedGlobal(path.scope, path.node.argument, assignedGlobals);
      },
      Identifier(path) {
        noteArgumentsWriter(path, argumentsWriters);
      },
      Function(path) {
        if (path.node.async) asyncFunctions++;
        if (path.node.async && path.node.generator) asyncIteration = true;
      },
      AwaitExpression(path) {
        // (top-level await of an ES module that stays one is passed through, as native)
        if (!path.getFunctionParent() && !file.staysEsModule) {
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
        if (path.node.await) asyncIteration = true;
        if (path.node.await && !path.getFunctionParent() && !file.staysEsModule) {
          throw path.buildCodeFrameError('babel-plugin-async-state-machine: top-level `for await` is not supported (top-level await cannot be lowered into a script or CommonJS module).');
        }
      },
    });
    if (asyncFunctions === 0) return;
    keepAsyncBlockFunctionsInTheirBlock(program, t, blockFunctions, argumentsWriters);
    file.lowering = {
      analysis: new AwaitAnalysis(t.VISITOR_KEYS),
      assignedGlobals,
      argumentsWriters,
      runtimeName: program.scope.generateUid('asyncMachine'),
      runtimeAdded: false,
      asyncIteration,
      shape: options.functionShape !== 'auto' ? options.functionShape
        // ES2015 only where both the targets (when there are any) and the input allow it: an ES5
        // file stays ES5, also under Babel 8's default targets
        : ((!targets || targetsAllowEs2015(targets)) && inputUsesEs2015(program)) ? 'es2015' : 'es5',
    };
  };

  /** Lowers `root` (when it is async) and every async function inside it, inner ones first. */
  const lowerSubtree = (root: NodePath, file: FileState, includeRoot: boolean): void => {
    const lowering = file.lowering;
    if (!lowering) return;
    const functions: NodePath<BT.Function>[] = [];
    // (an async function with no async function inside, the common case, needs no traversal
    // to find them: one walk of its nodes says so, and the lowering reads the same walk)
    const alone = root.isFunction() && !ownCodeFacts(t, root.node).nestedAsync;
    if (!alone) {
      root.traverse({
        Function: {
          exit(path) {
            if (isLowered(path)) functions.push(path);
          },
        },
      });
      // (the root's code changes as the functions inside it are lowered: walk it again then)
      if (root.isFunction()) forgetOwnCodeFacts(root.node);
    }
    if (includeRoot && root.isFunction() && isLowered(root)) functions.push(root);
    // the functions inside another of this batch (lowered after them, inner ones first)
    const enclosed = new Set<NodePath>(functions.length > 1
      ? functions.filter((path) => path.findParent((p) => p.isFunction() && isLowered(p as NodePath<BT.Function>)) !== null)
      : []);
    let reshapedRoot: NodePath | null = null;
    // classes whose written async methods wait to be marked: once all of them are lowered, and
    // before a function around the class is (its statements move into a step function then)
    const classMarks = new Map<BT.Node, ClassMarks>();
    const flushClassMarks = (around: NodePath | null): void => {
      for (const [node, marks] of classMarks) {
        if (around && !marks.classPath.isDescendant(around)) continue;
        classMarks.delete(node);
        emitClassMarks(t, marks, lowering.runtimeName);
      }
    };
    discardRequeues(root, () => {
      for (const path of functions) {
        flushClassMarks(path);
        const final = lowerOne(path, lowering, classMarks, enclosed.has(path));
        if (path === root && final) reshapedRoot = final;
      }
      flushClassMarks(null);
    });
    // A root that took a new shape may now stand where the traversal has already been (a
    // declaration becomes `var f = ...` first in its scope): queue it again, as replaceWith
    // would have, so that later plugins (preset-typescript stripping its annotations) visit it.
    if (reshapedRoot) ((reshapedRoot as NodePath).getStatementParent() ?? (reshapedRoot as NodePath)).requeue();
    if (functions.length > 0) file.lowered = true;
  };

  /** An async function this plugin lowers (keepNative leaves those the targets run natively). */
  const isLowered = (path: NodePath<BT.Function>): boolean =>
    !!path.node.async && !(options.keepNative && targetsRunNatively(targets, path.node.generator === true));

  /** Lowers one function; returns its new path when it took a new shape (else null). */
  const lowerOne = (written: NodePath<BT.Function>, lowering: NonNullable<FileState['lowering']>, classMarks: Map<BT.Node, ClassMarks>, enclosed: boolean): NodePath<BT.Function> | null => {
    let path = written;
    try {
      // not a constructor, no prototype: the shape is chosen before the function is lowered
      const original = written.node;
      const isGenerator = original.generator === true;
      if (options.runtime === 'inline' && !written.isObjectMethod() && !written.isClassMethod() && !written.isClassPrivateMethod() && enclosingJestMockFactory(written) && loadsModulesBeforeBody((written.scope.getProgramParent().path.node as BT.Program))) {
        throw written.buildCodeFrameError('an async function created in a jest.mock() factory needs runtime: "import": Jest runs the factory before this file\'s inline runtime is set up (the function is marked by the runtime as it is created). Use runtime: "import" for test files, or write it as a method of the mocked object.');
      }
      ignoreOwnNameAssignments(t, written);
      const shaped = reshapeAsyncFunction(t, written, lowering.shape, lowering.runtimeName);
      path = shaped.path;
      // (what was found about the written function holds for its new shape)
      if (lowering.argumentsWriters.has(original)) lowering.argumentsWriters.add(path.node);
      // an async method written as a method: the object or class creates it (methodPrototype)
      const methodPlan = path.node === original ? planWrittenMethod(t, path, lowering.runtimeName) : null;
      const generatorSelf = shaped.generator ? null : generatorSelfReference(t, path);
      const selfName = shaped.generator ? shaped.generator.self : generatorSelf?.name ?? methodPlan?.self ?? undefined;
      // (a named expression's own name may be written in functions nested in it: see ownNameAssignments)
      const touchedInner = lowerAsyncFunction(path, { t, analysis: lowering.analysis, runtimeName: lowering.runtimeName, explain: options.explain, assignedGlobals: lowering.assignedGlobals, argumentsWriters: lowering.argumentsWriters, generatorSelf: selfName, assumptions });
      const lowered = path.node;
      addConstructorCheck(t, shaped, lowering.runtimeName);
      // %AsyncFunction.prototype% as the function's [[Prototype]] (generators: generatorFunction);
      // on ES5 also the guard `prototype` that the constructor check recognises
      if (methodPlan) {
        // (marked by methodPrototype below)
      } else if (!isGenerator) markAsyncFunction(t, path, lowering.runtimeName, shaped.check?.kind === 'guard' ? 'markFunction' : 'mark');
      else if (!generatorSelf && !shaped.generator) markAsyncFunction(t, path, lowering.runtimeName, 'generatorFunction');
      if (generatorSelf) attachGeneratorPrototype(t, path, generatorSelf, lowering.runtimeName);
      if (shaped.generator) wrapGeneratorCreation(t, shaped.generator.creation, lowering.runtimeName);
      if (methodPlan?.kind === 'object') markObjectMethod(t, path as NodePath<BT.ObjectMethod>, methodPlan, lowering.runtimeName);
      if (methodPlan?.kind === 'holder') {
        const classPath = (path.isObjectMethod() ? path.parentPath : path.parentPath!.parentPath) as NodePath<BT.Class | BT.ObjectExpression>;
        const marks = classMarks.get(classPath.node) ?? { classPath, plans: [] };
        marks.plans.push(methodPlan);
        classMarks.set(classPath.node, marks);
      }
      // (its scope is crawled where it now stands: the marking may have moved it into a call)
      rescopeLoweredFunction(t, path, lowered, enclosed, touchedInner || (written.isFunctionExpression() && !!written.node.id));
      return path.node === original ? null : path;
    } catch (error) {
      throw tooDeepError(path, error);
    }
  };

  const ensureRuntime = (program: NodePath<BT.Program>, file: FileState): void => {
    const lowering = file.lowering;
    if (!lowering || !file.lowered || lowering.runtimeAdded) return;
    lowering.runtimeAdded = true;
    lowering.runtimeDeclaration = addRuntime(t, program, lowering.runtimeName, options, parseRuntime, file.promiseFromFile ? { asyncIteration: lowering.asyncIteration } : null, file.filename);
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

  const visitor: Visitor<PluginPass> = {
    Program: {
      enter(program) {
        const plugins = this.file.opts.plugins;
        const file: FileState = {
          lowering: null,
          lowered: false,
          upFront: false,
          promiseFromFile: false,
          filename: this.file.opts.filename ?? null,
          staysEsModule: program.node.sourceType === 'module' && !callerRefusesTopLevelAwait && !plugins.some((plugin) => CHANGES_MODULE_FORMAT.test(plugin.key ?? '')),
        };
        this.asyncStateMachine = file;
        prepareProgram(program, file);
        if (!file.lowering) return;
        file.upFront = this.file.opts.plugins.some((plugin) => LOWERS_AT_PROGRAM_ENTRY.test(plugin.key ?? ''));
        file.promiseFromFile = this.file.opts.plugins.some((plugin) => PROVIDES_POLYFILLS.test(plugin.key ?? ''));
        // (the runtime goes in at Program exit then: a plugin's Program entry after ours, such
        // as preset-typescript's removal of unused imports, would otherwise see it unused)
        if (file.upFront) lowerSubtree(program, file, false);
      },
      exit(program) {
        const file = this.asyncStateMachine;
        if (!file) return;
        ensureRuntime(program, file);
        const declaration = file.lowering?.runtimeDeclaration;
        if (declaration) completeInlineRuntime(t, program, declaration, file.lowering!.runtimeName, options, parseRuntime);
        if (file.lowered) assertPrintable(t, program);
      },
    },
    Function(path) {
      const file = this.asyncStateMachine;
      if (!file || !file.lowering || !isLowered(path)) return;
      // a class method (or object method): the whole class (or object literal) at once, so
      // that its methods are marked together
      if (path.isClassMethod()) lowerSubtree(path.parentPath.parentPath!, file, false);
      else if (path.isObjectMethod()) lowerSubtree(path.parentPath, file, false);
      else lowerSubtree(path, file, true);
      ensureRuntime(path.scope.getProgramParent().path as NodePath<BT.Program>, file);
    },
  };
  return {
    name: 'async-state-machine',
    visitor,
  };
}

module.exports = asyncStateMachine;
module.exports.default = asyncStateMachine;
