// The same app through preset-env + regenerator (measured next to the plugin's bundles).
module.exports = { presets: [['@babel/preset-env', { targets: 'ie 11', useBuiltIns: 'usage', corejs: '3.40' }]] };
