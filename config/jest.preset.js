// One jest preset for every package: swc transpiles TypeScript (type-checking is tsc's job in CI).
const path = require('path');
module.exports = (rootDir, overrides = {}) => ({
  rootDir,
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: { '^@kejing/shared$': path.join(__dirname, '..', 'shared', 'src', 'index.ts') },
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  ...overrides,
});
