// Recipe "webpack 5": babel-loader with the project's Babel config; an ES5 bundle.
const path = require('path');
module.exports = {
  mode: 'production',
  entry: './src/main.js',
  target: ['web', 'es5'],
  output: { path: path.resolve(__dirname, 'dist'), filename: process.env.BUNDLE || 'bundle.js' },
  module: {
    rules: [{ test: /\.js$/, exclude: /node_modules/, use: { loader: 'babel-loader', options: { configFile: process.env.BABEL_CONFIG || './babel.config.js' } } }],
  },
};
