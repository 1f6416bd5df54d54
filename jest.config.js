const preset = require('./config/jest.preset');
module.exports = {
  // API suites migrate a fresh database in their setup (MariaDB DDL takes seconds on a busy 2-core machine).
  testTimeout: 30_000,
  projects: [
    { displayName: 'shared', ...preset(__dirname + '/shared') },
    { displayName: 'server', ...preset(__dirname + '/server') },
    { displayName: 'api', ...preset(__dirname + '/tests/api') },
  ],
};
