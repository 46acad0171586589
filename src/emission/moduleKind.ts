/*
 * moduleKind: decides whether the runtime is brought in with `import` or `require`. Babel parses
 * every file as an ES module unless told otherwise, so a plain script (no import or export)
 * under a package whose "type" is "commonjs" (or that has none: Node's default) would get an
 * `import` that Node refuses. Such a file gets `require`; a file with ES module syntax, an .mjs
 * file, or one under "type": "module" gets `import`.
 * Must never: give `require` to a file that has import/export syntax, or read anything but the
 * nearest package.json's "type".
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as BT from '@babel/types';

const typeByDirectory = new Map<string, string | null>();

/** The "type" field of the package.json nearest to `directory` (null: none found or no field). */
function packageType(directory: string): string | null {
  const known = typeByDirectory.get(directory);
  if (known !== undefined) return known;
  let type: string | null = null;
  const manifest = path.join(directory, 'package.json');
  if (fs.existsSync(manifest)) {
    try {
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { type?: unknown };
      type = typeof parsed.type === 'string' ? parsed.type : null;
    } catch {
      type = null;
    }
  } else {
    const parent = path.dirname(directory);
    type = parent === directory ? null : packageType(parent);
  }
  typeByDirectory.set(directory, type);
  return type;
}

function hasModuleSyntax(program: BT.Program): boolean {
  return program.body.some((statement) => statement.type === 'ImportDeclaration' || statement.type === 'ExportNamedDeclaration'
    || statement.type === 'ExportDefaultDeclaration' || statement.type === 'ExportAllDeclaration');
}

/** true: `import` the runtime; false: `require` it. */
export function usesImport(program: BT.Program, filename: string | null | undefined): boolean {
  if (program.sourceType !== 'module') return false;
  if (hasModuleSyntax(program) || !filename || !path.isAbsolute(filename)) return true;
  if (/\.m[jt]s$/.test(filename)) return true;
  if (/\.c[jt]s$/.test(filename)) return false;
  return packageType(path.dirname(filename)) === 'module';
}
