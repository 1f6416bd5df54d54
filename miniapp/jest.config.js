// Two kinds of tests: plain logic (node) and miniprogram-simulate on the compiled weapp (jsdom).
const path = require('path')

const transform = {
  '^.+\\.tsx?$': [
    '@swc/jest',
    {
      jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2020', transform: { react: { runtime: 'automatic' } } },
      module: { type: 'commonjs' },
    },
  ],
}
const moduleNameMapper = { '^@kejing/shared$': path.join(__dirname, '..', 'shared', 'src', 'index.ts') }

module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'simulate',
      rootDir: __dirname,
      testEnvironment: 'jsdom',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/simulate/**/*.test.ts'],
    },
  ],
}
