module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/*.spec.js'],
  transform: { '\\.js$': 'babel-jest' },
};
