// webpack.config.js for webpack 4 (its output is ES5 already; it resolves the runtime through the
// package's root-level files, since it ignores `exports`).
const path = require('path');

module.exports = {
  mode: 'production',
  entry: './src/main.js',
  output: { path: path.resolve(__dirname, 'dist'), filename: 'bundle.js' },
  module: { rules: [{ test: /\.js$/, exclude: /node_modules/, use: 'babel-loader' }] },
};
