// The transform-runtime recipe's twin through preset-env + regenerator.
module.exports = { plugins: [['@babel/plugin-transform-runtime', { corejs: 3 }]], presets: [['@babel/preset-env', { targets: 'ie 11' }]] };
