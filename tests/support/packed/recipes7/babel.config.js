// Recipe "Babel 7" / "preset-env with polyfills": the plugin before preset-env; preset-env keeps
// its own async transforms (the plugin lowers every async function before they run).
module.exports = {
  plugins: ['babel-plugin-async-state-machine'],
  presets: [['@babel/preset-env', { targets: 'ie 11', useBuiltIns: 'usage', corejs: '3.40' }]],
};
