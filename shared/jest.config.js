// The shared project on its own, for Stryker (its jest runner takes one project, not the root's list).
// Same shape as the `shared` entry of the root jest.config.js.
const preset = require('../config/jest.preset');
module.exports = { displayName: 'shared', ...preset(__dirname) };
