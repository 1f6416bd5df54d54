// The shared project on its own, for Stryker (its jest runner takes one project, not the root's
// list): the `shared` entry of the root jest.config.js, plus a setup that stops fast-check from
// shrinking (see src/testing/mutation-setup.ts).
const preset = require('../config/jest.preset');
module.exports = {
  displayName: 'shared',
  ...preset(__dirname),
  setupFiles: ['<rootDir>/src/testing/mutation-setup.ts'],
};
