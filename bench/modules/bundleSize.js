/*
 * bundleSize: the size of a bundled, minified app built from each contender's output: every
 * generated corpus module's output as a module of one app (the real-world files require
 * packages of their own and are left out) (an entry requires them all), bundled and
 * minified with esbuild, then gzipped (level 9). The runtimes and helpers each output needs
 * are resolved from node_modules (ours: the built lib/runtime/asyncMachine.js), so a runtime
 * shared by many modules is counted once, as in a real app.
 * Must never: minify one contender differently from another, or leave out a runtime it needs.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { WORK_DIR, RUNTIME_ID, RUNTIME_PATH, ensureDir, gzipSize, markdownTable, formatRatio } = require('./util');

function safeName(name, index) {
  return `m${index}-${name.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/\.(m|c)?[jt]s$/, '')}.js`;
}

/** variants: [{ id, label, files: Map(name -> code) }]; returns { table, sizes: Map(id -> { min, gzip }) }. */
function measureBundleSizes(variants) {
  const esbuild = require('esbuild');
  const sizes = new Map();
  const rows = [];
  for (const variant of variants) {
    const dir = path.join(WORK_DIR, 'bundle', variant.id);
    fs.rmSync(dir, { recursive: true, force: true });
    ensureDir(dir);
    const names = [];
    let index = 0;
    for (const [name, code] of variant.files) {
      if (!name.startsWith('generated/')) continue;
      const file = safeName(name, index++);
      fs.writeFileSync(path.join(dir, file), code);
      names.push(file);
    }
    fs.writeFileSync(path.join(dir, 'app.js'), `module.exports = [${names.map((file) => `require(${JSON.stringify(`./${file}`)})`).join(', ')}];\n`);
    const result = esbuild.buildSync({
      entryPoints: [path.join(dir, 'app.js')],
      bundle: true,
      minify: true,
      write: false,
      format: 'iife',
      platform: 'node',
      target: 'es2015',
      logLevel: 'silent',
      // what the package's `exports` gives a bundler: the minified build
      alias: { [RUNTIME_ID]: RUNTIME_PATH },
    });
    const code = result.outputFiles[0].text;
    const size = { min: Buffer.byteLength(code), gzip: gzipSize(code) };
    sizes.set(variant.id, size);
    rows.push([variant.label, size.min.toLocaleString('en-US'), size.gzip.toLocaleString('en-US')]);
  }
  const base = sizes.get('native');
  if (base) for (const row of rows) row.push(formatRatio(sizes.get(variants[rows.indexOf(row)].id).gzip / base.gzip));
  return { table: markdownTable(['contender', 'min bytes', 'min+gzip bytes', '× input app (gzip)'], rows), sizes };
}

module.exports = { measureBundleSizes };
