// Twin of the Vite recipe: preset-env (async-to-generator + regenerator) instead of the plugin.
import { defineConfig } from 'vite';
import { babel } from '@rollup/plugin-babel';

export default defineConfig({
  build: {
    lib: { entry: 'src/main.js', formats: ['iife'], name: 'app', fileName: () => 'bundle.js' },
    rollupOptions: { plugins: [babel({ babelHelpers: 'bundled', presets: [['@babel/preset-env', { targets: 'ie 11' }]] })] },
  },
});
