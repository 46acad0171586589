// Recipe "Babel 8": preset-env's polyfills moved to babel-plugin-polyfill-corejs3; `targets` at
// the top level so that the polyfill plugin sees them too.
export default {
  targets: 'ie 11',
  plugins: ['babel-plugin-async-state-machine', ['babel-plugin-polyfill-corejs3', { method: 'usage-global', version: '3.40' }]],
  presets: ['@babel/preset-env'],
};
