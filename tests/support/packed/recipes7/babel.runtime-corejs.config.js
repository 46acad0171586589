// Recipe "transform-runtime with core-js-pure" (a library that must not touch globals).
module.exports = {
  plugins: ['babel-plugin-async-state-machine', ['@babel/plugin-transform-runtime', { corejs: 3 }]],
  presets: [['@babel/preset-env', { targets: 'ie 11' }]],
};
