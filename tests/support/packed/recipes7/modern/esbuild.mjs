// esbuild.mjs (`node esbuild.mjs [entry] [outfile]`): esbuild has no Babel of its own, so a small
// plugin hands your .js/.ts files to Babel.
import * as esbuild from 'esbuild';
import babel from '@babel/core';
import fs from 'node:fs/promises';

const asyncStateMachine = {
  name: 'async-state-machine',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = await fs.readFile(args.path, 'utf8');
      const result = await babel.transformAsync(source, {
        filename: args.path,
        presets: args.path.endsWith('.ts') ? ['@babel/preset-typescript'] : [],
        plugins: ['babel-plugin-async-state-machine'],
      });
      return { contents: result.code, loader: 'js' };
    });
  },
};

await esbuild.build({
  entryPoints: [process.argv[2] || 'src/main.js'],
  bundle: true,
  format: 'iife',
  outfile: process.argv[3] || 'dist/bundle.js',
  plugins: [asyncStateMachine],
});
