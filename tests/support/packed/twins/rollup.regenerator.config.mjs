// Twin of the rollup recipe: preset-env (async-to-generator + regenerator) instead of the plugin.
import { babel } from '@rollup/plugin-babel';
import { nodeResolve } from '@rollup/plugin-node-resolve';

export default {
  input: 'src/main.js',
  output: { file: 'dist/bundle.js', format: 'iife' },
  plugins: [nodeResolve(), babel({ babelHelpers: 'bundled', presets: [['@babel/preset-env', { targets: 'ie 11' }]] })],
};
