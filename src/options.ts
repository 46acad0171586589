/*
 * options: the plugin's option schema and its validation, with errors that name the option.
 * Must never: accept an unknown option silently, or read anything but the options object.
 */

export interface PluginOptions {
  /** "import": require/import the runtime (one copy per bundle); "inline": paste it once per file */
  runtime?: 'import' | 'inline';
  /** module specifier used by runtime: "import" */
  runtimeModule?: string;
  /** add comments tying each case to the source (`await #n at line L`) */
  explain?: boolean;
  /**
   * true: resolve `runtimeModule` from where this plugin is installed and import it by absolute
   * path (a monorepo whose packages do not all depend on the runtime); a string: resolve it from
   * that directory instead
   */
  absoluteRuntime?: boolean | string;
  /** runtime "inline": paste the runtime readable, with its comments, instead of minified (for teaching) */
  readableRuntime?: boolean;
  /**
   * the plain function an async function becomes: "es2015" (an arrow or a method: not a
   * constructor, no `prototype`), "es5" (a function that throws when called with `new`), or
   * "auto" (default): ES2015 where Babel's targets and the input's own syntax both allow it
   */
  functionShape?: 'auto' | 'es2015' | 'es5';
  /** leave async functions (and async generators) alone where every target runs them natively */
  keepNative?: boolean;
}

export interface ResolvedOptions {
  runtime: 'import' | 'inline';
  runtimeModule: string;
  explain: boolean;
  /** null, or the directory to resolve runtimeModule from */
  absoluteRuntime: string | null;
  readableRuntime: boolean;
  functionShape: 'auto' | 'es2015' | 'es5';
  keepNative: boolean;
}

export const DEFAULT_RUNTIME_MODULE = 'async-state-machine-runtime';

/** Where `absoluteRuntime: true` resolves the runtime from: this plugin's own installation. */
const PLUGIN_DIRECTORY = __dirname;

const KNOWN = ['runtime', 'runtimeModule', 'explain', 'readableRuntime', 'absoluteRuntime', 'functionShape', 'keepNative'];

export function resolveOptions(raw: unknown): ResolvedOptions {
  const prefix = 'babel-plugin-async-state-machine: ';
  if (raw == null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error(`${prefix}options must be an object, got ${Array.isArray(raw) ? 'an array' : typeof raw}`);
  }
  const options = raw as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!KNOWN.includes(key)) {
      throw new Error(`${prefix}unknown option "${key}". Known options: ${KNOWN.join(', ')}.`);
    }
  }
  const runtime = options.runtime ?? 'import';
  if (runtime !== 'import' && runtime !== 'inline') {
    throw new Error(`${prefix}option "runtime" must be "import" or "inline", got ${JSON.stringify(runtime)}`);
  }
  const runtimeModule = options.runtimeModule ?? DEFAULT_RUNTIME_MODULE;
  if (typeof runtimeModule !== 'string' || runtimeModule === '') {
    throw new Error(`${prefix}option "runtimeModule" must be a non-empty string`);
  }
  const explain = options.explain ?? false;
  if (typeof explain !== 'boolean') {
    throw new Error(`${prefix}option "explain" must be true or false, got ${JSON.stringify(explain)}`);
  }
  const absolute = options.absoluteRuntime ?? false;
  if (typeof absolute !== 'boolean' && (typeof absolute !== 'string' || absolute === '')) {
    throw new Error(`${prefix}option "absoluteRuntime" must be true, false or a directory, got ${JSON.stringify(absolute)}`);
  }
  const absoluteRuntime = absolute === true ? PLUGIN_DIRECTORY : absolute === false ? null : absolute;
  const readableRuntime = options.readableRuntime ?? false;
  if (typeof readableRuntime !== 'boolean') {
    throw new Error(`${prefix}option "readableRuntime" must be true or false, got ${JSON.stringify(readableRuntime)}`);
  }
  const functionShape = options.functionShape ?? 'auto';
  if (functionShape !== 'auto' && functionShape !== 'es2015' && functionShape !== 'es5') {
    throw new Error(`${prefix}option "functionShape" must be "auto", "es2015" or "es5", got ${JSON.stringify(functionShape)}`);
  }
  const keepNative = options.keepNative ?? false;
  if (typeof keepNative !== 'boolean') {
    throw new Error(`${prefix}option "keepNative" must be true or false, got ${JSON.stringify(keepNative)}`);
  }
  return { runtime, runtimeModule, explain, readableRuntime, absoluteRuntime, functionShape, keepNative };
}
