// rollup.config.mjs: the runtime is an ES module, so no @rollup/plugin-commonjs is needed for it.
import { babel } from '@rollup/plugin-babel';
import { nodeResolve } from '@rollup/plugin-node-resolve';

export default {
  input: 'src/main.js',
  output: { file: 'dist/bundle.js', format: 'iife' },
  plugins: [nodeResolve(), babel({ babelHelpers: 'bundled', plugins: ['babel-plugin-async-state-machine'] })],
};
