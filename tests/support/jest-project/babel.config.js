/*
 * A Jest user's Babel config (used by tests/jest.test.ts): preset-env for the running Node, and the
 * plugin unless ASYNC_STATE_MACHINE is "off" (then the same project runs on native async functions).
 */
const path = require('path');

const mode = process.env.ASYNC_STATE_MACHINE || 'import';
const plugins = [];
if (mode !== 'off') {
  const options = { runtime: mode };
  if (process.env.ASYNC_STATE_MACHINE_RUNTIME) options.runtimeModule = process.env.ASYNC_STATE_MACHINE_RUNTIME;
  plugins.push([path.join(__dirname, '..', '..', '..', 'lib', 'index.js'), options]);
}
module.exports = {
  plugins,
  presets: [['@babel/preset-env', { targets: { node: 'current' } }]],
};
