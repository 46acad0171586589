// babel.config.js of a library that must not touch globals: transform-runtime with core-js-pure.
module.exports = {
  plugins: ['babel-plugin-async-state-machine', ['@babel/plugin-transform-runtime', { corejs: 3 }]],
  presets: [['@babel/preset-env', { targets: 'ie 11' }]],
};
