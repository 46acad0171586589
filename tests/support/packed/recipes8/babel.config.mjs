// babel.config.mjs for Babel 8: preset-env's polyfills are babel-plugin-polyfill-corejs3 there, and
// `targets` goes at the top level so that the polyfill plugin sees it too.
export default {
  targets: 'ie 11',
  plugins: ['babel-plugin-async-state-machine', ['babel-plugin-polyfill-corejs3', { method: 'usage-global', version: '3.40' }]],
  presets: ['@babel/preset-env'],
};
