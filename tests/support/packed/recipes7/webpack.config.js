// webpack.config.js: babel-loader reads the project's babel.config.js; an ES5 bundle.
const path = require('path');

module.exports = {
  mode: 'production',
  entry: './src/main.js',
  target: ['web', 'es5'],
  output: { path: path.resolve(__dirname, 'dist'), filename: 'bundle.js' },
  module: { rules: [{ test: /\.js$/, exclude: /node_modules/, use: 'babel-loader' }] },
};
