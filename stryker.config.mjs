// Mutation testing of the domain (shared/src): `npm run test:mutation` (everything) and
// `npm run test:mutation:changed` (files changed against main, reusing reports/stryker-incremental.json).
// Equivalent mutants are disabled in place and listed in mutation-testing.md.
// The test workers inherit this: property tests replay a fixed seed with fewer runs (shared/src/testing/property-runs.ts).
process.env.KEJING_MUTATION_RUN = '1';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'shared/jest.config.js', enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  tsconfigFile: 'shared/tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [
    'shared/src/**/*.ts',
    '!shared/src/**/*.test.ts',
    // Test helpers, not product code.
    '!shared/src/**/test-fixtures.ts',
    '!shared/src/**/test-factories.ts',
    '!shared/src/testing/**',
    // Data tables: the wire shapes' lists and names, and the seeded rule texts (pinned by default-rules.zh.test.ts).
    '!shared/src/contracts/**',
    '!shared/src/kyc1984/default-rules.zh.ts',
  ],
  // The sandbox needs only shared/, the jest preset and the TypeScript configs (node_modules is linked).
  ignorePatterns: ['/miniapp', '/server', '/tests', '/bench', '/content', '/docs', '/scripts', '/.ci', '/data', '/coverage', '/test-artifacts'],
  concurrency: 2,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0, reportScoreTable: true, reportMutants: false },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
  // A mutant whose tests outrun this counts as detected, so load alone must not reach it: at 10 s, 81 of
  // the first 327 kyb134 mutants timed out while the shared 2-core machine ran at a load of about 15.
  // An endless loop is still stopped early by Stryker's hit limit, not by this clock.
  timeoutMS: 60000,
};
