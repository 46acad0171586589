/*
 * The project's own example of enabling the plugin in a Babel pipeline (used by
 * tests/pipeline.test.ts): our plugin lowers async functions first, then @babel/preset-env
 * takes the rest of the syntax down to ES5. preset-env must not lower async functions itself,
 * so its async/regenerator transforms are excluded.
 */
module.exports = {
  plugins: [[require.resolve('./lib/index.js'), { runtime: 'import' }]],
  presets: [
    [
      '@babel/preset-env',
      {
        targets: { ie: '11' },
        exclude: ['transform-async-to-generator', 'transform-regenerator', 'transform-async-generator-functions'],
        modules: 'commonjs',
      },
    ],
  ],
};
