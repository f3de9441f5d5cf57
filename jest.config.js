/** Jest runs the TypeScript sources directly through SWC; type checking is `npm run test:types`. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  moduleNameMapper: { '^retort$': '<rootDir>/core/index.ts', '^retort/legacy$': '<rootDir>/legacy-api/index.ts' },
  testTimeout: 30000,
  // Legacy (retort/legacy) DeprecationWarnings are errors unless a test captures them.
  setupFilesAfterEnv: ['<rootDir>/tests/support/legacy-setup.ts'],
};
