// processShim: the `process` that @babel/core and picocolors read (env, cwd) in the browser
// bundles. Injected by esbuild; the user's program gets its own small `process` in run.worker.ts.
// Must never: pretend to be Node beyond what those libraries read.
export const process = { env: {}, cwd: () => '/', platform: 'browser', versions: {}, argv: [] };
