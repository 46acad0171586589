/*
 * Public types of babel-plugin-async-state-machine. Written against no Babel package on purpose:
 * the plugin takes everything from the `api` object Babel passes in, so these types fit Babel 7
 * (@types/babel__core) and Babel 8 (its own types) alike, under `module: commonjs` and `nodenext`.
 * tests/packages.test.ts compiles a user's config against them both ways.
 */
declare namespace asyncStateMachine {
  export interface PluginOptions {
    /** "import" (default): import/require the runtime package; "inline": paste the runtime once per file */
    runtime?: 'import' | 'inline';
    /** the module runtime: "import" loads (default "async-state-machine-runtime") */
    runtimeModule?: string;
    /** resolve `runtimeModule` from this plugin's location and import it by absolute path (monorepos) */
    absoluteRuntime?: boolean | string;
    /** add a plain-words comment to every runtime call (`await #n at line L: ...`) */
    explain?: boolean;
    /** runtime "inline": paste the runtime readable, with its comments, instead of minified */
    readableRuntime?: boolean;
  }
  /** The part of Babel's plugin API the plugin uses (Babel 7 and 8 both pass it). */
  export interface BabelApi {
    version: string;
    assertVersion(range: number | string): void;
    types: object;
    parseSync(code: string, options?: object): unknown;
  }
  /** What the plugin returns to Babel. */
  export interface PluginObject {
    name: string;
    // (no Babel type named: an empty object type is assignable to Babel 7's and Babel 8's Visitor)
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    visitor: {};
  }
  export type Plugin = typeof asyncStateMachine;
  const _default: typeof asyncStateMachine;
  export { _default as default };
}
/** The plugin: Babel calls it with its API object and the options given in the config. */
declare function asyncStateMachine(api: asyncStateMachine.BabelApi, options?: asyncStateMachine.PluginOptions | null, dirname?: string): asyncStateMachine.PluginObject;
export = asyncStateMachine;
