/*
 * builtPlugin: where the compiled plugin (lib/, what users and babel.config.js load) lives, and
 * a guard that it is not older than the TypeScript sources it was built from.
 * Must never: build anything itself (npm test runs `npm run build` first).
 */
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from './outputChecks';

export const builtPluginPath = path.join(repoRoot, 'lib', 'index.js');
export const builtTransformPath = path.join(repoRoot, 'lib', 'transform.js');

/** The sources that lib/index.js and lib/transform.js are compiled from (not the CLI, trace or fuzzer). */
const PLUGIN_SOURCES = ['index.ts', 'options.ts', 'transform.ts', 'analysis', 'lowering', 'emission', 'integration'];

function newestSourceFile(dir: string, names?: string[]): { file: string; mtimeMs: number } | null {
  let newest: { file: string; mtimeMs: number } | null = null;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (names && !names.includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestSourceFile(full) : /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? { file: full, mtimeMs: fs.statSync(full).mtimeMs } : null;
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}

/** Throws a readable message when lib/ is missing or older than a plugin source file in src/. */
export function assertBuiltPluginIsFresh(): void {
  if (!fs.existsSync(builtPluginPath) || !fs.existsSync(builtTransformPath)) {
    throw new Error(`${path.relative(repoRoot, builtPluginPath)} is missing: run \`npm run build\` (npm test does it first)`);
  }
  const newest = newestSourceFile(path.join(repoRoot, 'src'), PLUGIN_SOURCES);
  const built = Math.min(fs.statSync(builtPluginPath).mtimeMs, fs.statSync(builtTransformPath).mtimeMs);
  if (newest && newest.mtimeMs > built + 1000) {
    throw new Error(`lib/ is older than ${path.relative(repoRoot, newest.file)}: run \`npm run build\` (npm test does it first)`);
  }
}
