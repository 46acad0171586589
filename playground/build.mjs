// build: bundles the playground with esbuild into playground/dist (gitignored): the page, the
// compile worker (Babel, the plugin, the trace instrumentation) and the run worker (harnessCore,
// the browser probe, the runtime), all from the repository's own modules. Static files only.
// Must never: download anything, or bundle a second copy of the lowering or tracing logic.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
export const outDir = path.join(here, 'dist');

/**
 * The runtime's text for the "runtime source" tab: lib/runtime/asyncMachine.js (readable), built
 * by `npm run build:runtime`, as the virtual module playground:runtime-source. (The plugin itself
 * needs nothing of the kind: its inline mode reads src/emission/runtimeSources.ts, also built.)
 */
function runtimeSourcePlugin() {
  const runtimeFile = path.join(root, 'lib', 'runtime', 'asyncMachine.js');
  return {
    name: 'runtime-source',
    setup(build) {
      build.onResolve({ filter: /^playground:runtime-source$/ }, () => ({ path: 'runtime', namespace: 'runtime-source' }));
      // src/emission asks fs whether a package.json says "type" (moduleKind) or reads an
      // absoluteRuntime manifest: in the page there is no file system, so fs finds no file.
      // (Its `path` is the POSIX shim every module gets, below.)
      build.onResolve({ filter: /^fs$/ }, (args) => {
        if (!/src[\/]emission[\/][A-Za-z]+\.ts$/.test(args.importer)) return undefined;
        return { path: args.path, namespace: 'no-file-system' };
      });
      build.onLoad({ filter: /.*/, namespace: 'no-file-system' }, () => ({
        contents: 'export function existsSync() { return false; }\nexport function readFileSync(p) { throw new Error("no file system in the playground: " + p); }',
        loader: 'js',
      }));
      build.onLoad({ filter: /.*/, namespace: 'runtime-source' }, () => {
        const text = fs.readFileSync(runtimeFile, 'utf8');
        return { contents: `const text = ${JSON.stringify(text)};\nexport function readFileSync() { return text; }`, loader: 'js', watchFiles: [runtimeFile] };
      });
    },
  };
}

/** The generated runtime files must exist: npm run build:runtime makes them (npm run playground does). */
function ensureRuntimeBuilt() {
  for (const file of [path.join(root, 'lib', 'runtime', 'asyncMachine.js'), path.join(root, 'src', 'emission', 'runtimeSources.ts')]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run npm run build:runtime (or npm run build) first`);
  }
}

/** The presets: playground/presets/index.json, each entry with the text of its program (examples/ reused as data). */
function presetsPlugin() {
  return {
    name: 'presets',
    setup(build) {
      build.onResolve({ filter: /^playground:presets$/ }, () => ({ path: 'presets', namespace: 'presets' }));
      build.onLoad({ filter: /.*/, namespace: 'presets' }, () => {
        const manifest = path.join(here, 'presets', 'index.json');
        const entries = JSON.parse(fs.readFileSync(manifest, 'utf8'));
        const files = [manifest];
        const presets = entries.map((entry) => {
          const file = path.join(root, entry.file);
          files.push(file);
          return { ...entry, code: fs.readFileSync(file, 'utf8') };
        });
        return { contents: `export default ${JSON.stringify(presets)};`, loader: 'js', watchFiles: files };
      });
    },
  };
}

/** `path` and `assert` (what @babel/core asks for) get small shims; any other Node built-in is an error, loudly. */
function noNodeBuiltins() {
  return {
    name: 'no-node-builtins',
    setup(build) {
      build.onResolve({ filter: /^(node:)?(path|assert)$/ }, (args) => ({ path: path.join(here, 'src', 'shims', args.path.replace('node:', '') + '.js') }));
      build.onResolve({ filter: /^(node:)?(fs|path|child_process|vm|v8|util|os|module|worker_threads)$/ }, (args) => ({
        errors: [{ text: `${args.importer} imports the Node built-in "${args.path}", which a browser does not have` }],
      }));
    },
  };
}

export async function build({ minify = true, quiet = false } = {}) {
  ensureRuntimeBuilt();
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const common = {
    bundle: true,
    minify,
    sourcemap: false,
    platform: 'browser',
    target: ['es2020'],
    legalComments: 'none',
    logLevel: quiet ? 'warning' : 'info',
    define: { 'process.env.NODE_ENV': '"production"', __dirname: '"/"' },
    inject: [path.join(here, 'src', 'processShim.js')],
    plugins: [runtimeSourcePlugin(), presetsPlugin(), noNodeBuiltins()],
    metafile: true,
  };
  const results = await Promise.all([
    esbuild.build({ ...common, entryPoints: { app: path.join(here, 'src', 'main.ts') }, outdir: outDir, format: 'iife' }),
    // src/index.ts ends with `module.exports = plugin` beside its `export default` (for require()
    // users); in this ES-module bundle that assignment goes to a throwaway object.
    esbuild.build({ ...common, entryPoints: { compile: path.join(here, 'src', 'compile.worker.ts') }, outdir: outDir, format: 'iife', banner: { js: 'var module = { exports: {} };' }, logOverride: { 'commonjs-variable-in-esm': 'silent' } }),
    esbuild.build({ ...common, entryPoints: { run: path.join(here, 'src', 'run.worker.ts') }, outdir: outDir, format: 'iife' }),
  ]);
  for (const file of ['index.html', 'style.css']) fs.copyFileSync(path.join(here, 'src', file), path.join(outDir, file));
  const sizes = {};
  for (const file of fs.readdirSync(outDir)) sizes[file] = fs.statSync(path.join(outDir, file)).size;
  return { outDir, sizes, metafiles: results.map((r) => r.metafile) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const minify = !process.argv.includes('--no-minify');
  const { sizes } = await build({ minify });
  for (const [file, size] of Object.entries(sizes)) console.log(`${file.padEnd(12)} ${(size / 1024).toFixed(1).padStart(8)} KiB`);
  console.log(`static files in ${path.relative(process.cwd(), outDir) || outDir}`);
}
