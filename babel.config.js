/*
 * The project's own example of enabling the plugin in a Babel pipeline (used by
 * tests/pipeline.test.ts): our plugin lowers async functions first (plugins run before presets),
 * then @babel/preset-env takes the rest of the syntax down to ES5. preset-env's own async
 * transforms need no excluding: they find no async function left.
 */
module.exports = {
  plugins: [[require.resolve('./lib/index.js'), { runtime: 'import' }]],
  presets: [['@babel/preset-env', { targets: { ie: '11' }, modules: 'commonjs' }]],
};
