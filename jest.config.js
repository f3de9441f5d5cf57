/**
 * Jest runs the TypeScript sources directly through SWC; type checking is `npm run test:types`.
 * Two kinds of projects: Retort's own suites (tests/), and the tests of the legacy
 * application in examples/legacy-app, once per database configured (its jest.projects.js).
 */
const { legacyAppProjects } = require('./examples/legacy-app/jest.projects');

const retort = {
  displayName: 'retort',
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  moduleNameMapper: { '^retort$': '<rootDir>/core/index.ts', '^retort/legacy$': '<rootDir>/legacy-api/index.ts' },
  // Legacy (retort/legacy) DeprecationWarnings are errors unless a test captures them.
  setupFilesAfterEnv: ['<rootDir>/tests/support/legacy-setup.ts'],
};

module.exports = {
  testTimeout: 30000,
  projects: [retort, ...legacyAppProjects()],
};
