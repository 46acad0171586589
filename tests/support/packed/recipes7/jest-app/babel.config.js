// babel.config.js of a Jest project: babel-jest reads it; jest.mock factories may hold async functions.
module.exports = {
  plugins: ['babel-plugin-async-state-machine'],
  presets: [['@babel/preset-env', { targets: { node: 'current' } }]],
};
