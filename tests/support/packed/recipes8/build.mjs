// Babel 8 over every source file (as @babel/cli or a bundler's loader would), then esbuild bundles
// the already-compiled files (and core-js) into one ES5 script.
import * as babel from '@babel/core';
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const [sourceDir, outDir, entry, bundle, ...presets] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
for (const name of fs.readdirSync(sourceDir)) {
  if (!/\.[jt]s$/.test(name)) continue;
  const filename = path.resolve(sourceDir, name);
  const result = await babel.transformFileAsync(filename, presets.includes('typescript') ? { presets: ['@babel/preset-typescript'], plugins: ['babel-plugin-async-state-machine'], configFile: false } : {});
  fs.writeFileSync(path.join(outDir, name.replace(/\.ts$/, '.js')), result.code);
}
await esbuild.build({ entryPoints: [path.join(outDir, entry)], bundle: true, format: 'iife', outfile: bundle, target: presets.includes('es5') ? 'es5' : 'es2020' });
