// vite.config.mjs: Vite builds with rollup, so @rollup/plugin-babel goes in build.rollupOptions
// (`lib` makes one script of src/main.js; an index.html app takes the same rollupOptions line).
import { defineConfig } from 'vite';
import { babel } from '@rollup/plugin-babel';

export default defineConfig({
  build: {
    lib: { entry: 'src/main.js', formats: ['iife'], name: 'app', fileName: () => 'bundle.js' },
    rollupOptions: { plugins: [babel({ babelHelpers: 'bundled', plugins: ['babel-plugin-async-state-machine'] })] },
  },
});
