// Recipe "Babel 8": preset-env's polyfills moved to babel-plugin-polyfill-corejs3.
export default {
  plugins: ['babel-plugin-async-state-machine', ['babel-plugin-polyfill-corejs3', { method: 'usage-global', version: '3.40' }]],
  presets: [['@babel/preset-env', { targets: 'ie 11' }]],
};
