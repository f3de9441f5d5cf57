// `npm test`: the type tests (tsc), then the jest suites on every database leg configured.
// Legs without a URL are skipped with one line each; RETORT_TEST_REQUIRE_ALL=1 makes that fatal.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const legs = [
  ['PostgreSQL', 'RETORT_TEST_POSTGRESQL_URL'],
  ['MySQL/MariaDB', 'RETORT_TEST_MYSQL_URL'],
];
let missing = 0;
for (const [name, env] of legs) {
  if (!process.env[env]) {
    missing++;
    console.log(`SKIPPED LEG: ${name} — set ${env} to run it (e.g. ${env === 'RETORT_TEST_POSTGRESQL_URL' ? 'postgresql://postgres@127.0.0.1:5432/retort_test' : 'mysql://root@127.0.0.1:3306/retort_test'})`);
  }
}
if (missing && process.env.RETORT_TEST_REQUIRE_ALL === '1') {
  console.error('RETORT_TEST_REQUIRE_ALL=1 but some database legs have no URL; failing.');
  process.exit(1);
}

const run = (cmd, args) => spawnSync(process.execPath, [join(root, cmd), ...args], { stdio: 'inherit', cwd: root }).status ?? 1;
console.log('type tests: tsc -p tests/types');
if (run('node_modules/typescript/bin/tsc', ['-p', 'tests/types/tsconfig.json', '--noEmit']) !== 0) process.exit(1);
process.exit(run('node_modules/jest/bin/jest.js', process.argv.slice(2)));
