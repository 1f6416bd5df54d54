const preset = require('./config/jest.preset');
module.exports = {
  projects: [
    { displayName: 'shared', ...preset(__dirname + '/shared') },
    { displayName: 'server', ...preset(__dirname + '/server') },
    { displayName: 'api', ...preset(__dirname + '/tests/api') },
  ],
};
