// babel.config.js: the plugin goes in `plugins`, which Babel runs before `presets`.
module.exports = {
  plugins: ['babel-plugin-async-state-machine'],
  presets: [['@babel/preset-env', { targets: 'ie 11', useBuiltIns: 'usage', corejs: '3.40' }]],
};
