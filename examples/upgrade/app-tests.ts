/**
 * Runs the inventory service's own tests (its jest.config.js) on a copy of the app, with
 * `retort` and `retort/legacy` resolved to the sources of the Retort checkout.
 *
 * - `legacy: 'warn'`: the shim prints a Node DeprecationWarning per legacy call site (see
 *   ./legacy-warnings.ts to read them back);
 * - `legacy: 'error'` with `future: true`: removed patterns throw and the engine is a
 *   `future: true` one — the state the upgrade has to reach.
 *
 * `databases: 'sqlite'` drops the server URLs from the environment (SQLite in memory only);
 * `'configured'` runs every leg RETORT_TEST_POSTGRESQL_URL / RETORT_TEST_MYSQL_URL name.
 *
 * @example
 * const r = runAppTests('/work/retort', '/tmp/app', { legacy: 'error', future: true, databases: 'sqlite' });
 * if (r.status !== 0) throw new Error(r.output);
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface AppTestOptions {
  readonly legacy: 'warn' | 'error';
  readonly future: boolean;
  readonly databases: 'sqlite' | 'configured';
  /** Letters and digits: goes into the table prefix, so runs sharing a server do not collide. */
  readonly tag?: string;
  /** A JSON file the shim writes the legacy call sites it reached to (RETORT_LEGACY's report=). */
  readonly report?: string;
}

export interface AppTestResult {
  readonly status: number | null;
  /** stdout and stderr together (jest reports on stderr, Node's warnings go there too). */
  readonly output: string;
  /** jest's `Tests: … passed, … total` line, or '' when it printed none. */
  readonly summary: string;
}

export function runAppTests(retortRoot: string, app: string, options: AppTestOptions): AppTestResult {
  const legacy = options.report ? `${options.legacy},report=${options.report}` : options.legacy;
  const env: NodeJS.ProcessEnv = { ...process.env, RETORT_LEGACY: legacy, INVENTORY_TEST_TAG: options.tag ?? 'upgrade', RETORT_SOURCE_ROOT: retortRoot };
  if (options.future) env.INVENTORY_FUTURE = '1';
  else delete env.INVENTORY_FUTURE;
  // The warnings are the point of the shim run: a silenced Node would hide them.
  delete env.NODE_NO_WARNINGS;
  if (options.databases === 'sqlite') {
    delete env.RETORT_TEST_POSTGRESQL_URL;
    delete env.RETORT_TEST_MYSQL_URL;
  }
  const r = spawnSync(process.execPath, [join(retortRoot, 'node_modules/jest/bin/jest.js'), '-c', join(app, 'jest.config.js'), '--ci'], { cwd: app, env, encoding: 'utf8', timeout: 240_000 });
  const output = `${r.stdout}\n${r.stderr}`;
  return { status: r.status, output, summary: /^Tests:.*$/m.exec(output)?.[0] ?? '' };
}
