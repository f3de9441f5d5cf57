/**
 * `npm run demo:upgrade`: the upgrade of examples/legacy-app, on a temporary copy, on
 * SQLite (no server needed) — its tests on the shim with the legacy warnings they raise,
 * the codemod's dry run, the rewrite and the hand edits, its tests in future mode. The
 * copy is removed at the end; a failed step exits non-zero.
 *
 * It runs `retort-codemod` from dist/ (`npm run demo:upgrade` builds it when stale);
 * RETORT_CODEMOD_CLI points it at another build of cli.js.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runUpgrade } from './run-upgrade';

const retortRoot = join(__dirname, '..', '..');
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'retort-upgrade-demo-'));
let code = 0;
try {
  console.log(`The upgrade of examples/legacy-app, on a copy in ${work}`);
  runUpgrade({
    retortRoot,
    cli: process.env.RETORT_CODEMOD_CLI ?? join(retortRoot, 'dist', 'cjs', 'codemods', 'cli.js'),
    work,
    databases: 'sqlite',
    tag: 'demo',
    print: (line) => console.log(line),
  });
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
} catch (e) {
  console.error(`\nupgrade demo: ${(e as Error).message}`);
  code = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(code);
