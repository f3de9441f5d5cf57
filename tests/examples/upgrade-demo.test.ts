/**
 * `npm run demo:upgrade` (examples/upgrade/demo.ts) run as a program on SQLite: it exits 0,
 * prints the four parts of the upgrade with what each is meant to show, and removes its
 * temporary copy of the app. The codemod CLI is the test build tests/codemods share
 * (RETORT_CODEMOD_CLI), so this never races a build of dist/.
 *
 * The upgrade's own correctness (every leg, the report against legacy-sites.json,
 * idempotence, the type check) is tests/codemods/legacy-app-e2e.test.ts's job; this only
 * holds the demo to what it prints.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UPGRADE_PARTS } from '../../examples/upgrade/run-upgrade';
import { builtCli } from '../codemods/support/cli-build';

const root = join(__dirname, '..', '..');

describe('npm run demo:upgrade', () => {
  it('shows the four parts of the upgrade on SQLite and exits 0, leaving no temporary copy', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, RETORT_CODEMOD_CLI: builtCli() };
    delete env.RETORT_TEST_POSTGRESQL_URL;
    delete env.RETORT_TEST_MYSQL_URL;
    const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'examples/upgrade/demo.ts')], { cwd: root, env, encoding: 'utf8', timeout: 280_000 });
    const out = r.stdout;
    if (r.status !== 0) throw new Error(`the demo exited with ${r.status}:\n${out}\n${r.stderr}`);

    const at = UPGRADE_PARTS.map((p) => out.indexOf(`== ${p}\n`));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const part = (i: number) => out.slice(at[i], at[i + 1] ?? out.length);

    // 1: the shim's tests pass and the warnings are summed up per code, with one site each.
    expect(part(0)).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(part(0)).toMatch(/legacy warnings: \d+ call sites under \d+ codes/);
    expect(part(0)).toMatch(/^ {4}L102 +\d+ {2}Implicit execution through bound metadata +e\.g\. src\/db\.ts:\d+$/m);
    expect(part(0)).not.toContain('DeprecationWarning');
    // 2: the CLI's own dry-run summary, diffs cut to a line per file.
    expect(part(1)).toMatch(/retort-codemod: \d+ files scanned, \d+ would change/);
    expect(part(1)).toContain('left for a human');
    expect(part(1)).toMatch(/^ {4}src\/stock\.ts {2}\+\d+ -\d+$/m);
    expect(part(1)).not.toMatch(/^@@/m);
    // 3: the real run, then each hand edit announced with its code and reason.
    expect(part(2)).toMatch(/retort-codemod: \d+ files scanned, \d+ changed/);
    expect(part(2)).toMatch(/^ {4}L102 src\/db\.ts \(human, 1 site, 1 edit\): the MetaData stops carrying the engine/m);
    expect(part(2)).toMatch(/after the hand edits, retort-codemod all again: retort-codemod: \d+ files scanned, [1-9]\d* changed/);
    // 4: the upgraded app's tests in future mode, and the share rewritten automatically.
    expect(part(3)).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(part(3)).toMatch(/\n\d+ of \d+ legacy call sites \(\d+%\) rewritten automatically by retort-codemod/);

    const copy = /on a copy in (\S+)/.exec(out)?.[1];
    expect(copy).toBeDefined();
    expect(existsSync(copy!)).toBe(false);
  }, 300_000);
});
