/**
 * The inventory service's tests, once per database: SQLite in memory always, PostgreSQL
 * and MySQL/MariaDB when RETORT_TEST_POSTGRESQL_URL / RETORT_TEST_MYSQL_URL are set.
 * `retort` and `retort/legacy` resolve to the sources of the Retort checkout at
 * RETORT_SOURCE_ROOT (default: the one this directory is in), so a copy of the app
 * elsewhere tests against the same code. jest.config.js runs them on their own; the root
 * jest config of Retort runs them with its own suites.
 */
const path = require('node:path');

function legacyAppProjects(appDir = __dirname, retortRoot = process.env.RETORT_SOURCE_ROOT ? path.resolve(process.env.RETORT_SOURCE_ROOT) : path.resolve(__dirname, '../..')) {
  const legs = [['sqlite', 'sqlite://']];
  if (process.env.RETORT_TEST_POSTGRESQL_URL) legs.push(['postgresql', process.env.RETORT_TEST_POSTGRESQL_URL]);
  if (process.env.RETORT_TEST_MYSQL_URL) legs.push(['mysql', process.env.RETORT_TEST_MYSQL_URL]);
  const fromRoot = (m) => require.resolve(m, { paths: [retortRoot] });
  return legs.map(([leg, url]) => ({
    displayName: `legacy-app [${leg}]`,
    rootDir: appDir,
    roots: ['<rootDir>/tests'],
    testMatch: ['**/*.test.ts'],
    testEnvironment: fromRoot('jest-environment-node'),
    transform: { '^.+\\.ts$': [fromRoot('@swc/jest'), { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
    moduleNameMapper: { '^retort$': path.join(retortRoot, 'core/index.ts'), '^retort/legacy$': path.join(retortRoot, 'legacy-api/index.ts') },
    globals: { INVENTORY_TEST_LEG: leg, INVENTORY_TEST_URL: url },
    setupFilesAfterEnv: ['<rootDir>/tests/setup.ts'],
  }));
}

module.exports = { legacyAppProjects };
