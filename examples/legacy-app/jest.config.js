/** `npx jest -c examples/legacy-app/jest.config.js`: the service's tests on every database configured (see jest.projects.js). */
const { legacyAppProjects } = require('./jest.projects');

module.exports = { testTimeout: 30000, projects: legacyAppProjects() };
