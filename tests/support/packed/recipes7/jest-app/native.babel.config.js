// The same project on native async functions (the oracle of tests/packed.test.ts).
module.exports = {
  presets: [['@babel/preset-env', { targets: { node: 'current' } }]],
};
