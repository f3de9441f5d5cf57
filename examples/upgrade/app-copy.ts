/**
 * A copy of examples/legacy-app in a git repository of its own, committed, as a team's
 * checkout would be before an upgrade: `retort-codemod` refuses a tree with uncommitted
 * changes, and the commit is what its diffs are against.
 *
 * @example
 * copyLegacyApp('/work/retort', '/tmp/upgrade/app');
 */
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';

const git = (app: string, ...a: string[]) => execFileSync('git', ['-C', app, '-c', 'user.email=upgrade@example.com', '-c', 'user.name=upgrade', ...a], { stdio: 'pipe' });

export function copyLegacyApp(retortRoot: string, app: string): void {
  cpSync(join(retortRoot, 'examples', 'legacy-app'), app, { recursive: true, filter: (p) => !p.includes('node_modules') });
  git(app, 'init', '-q');
  commitApp(app, 'the 1.x inventory service');
}

/**
 * Commits every change of the copy, as a team commits each step of the upgrade (the codemod
 * runs on a clean tree only).
 * @example commitApp('/tmp/upgrade/app', 'the hand edits');
 */
export function commitApp(app: string, message: string): void {
  git(app, 'add', '-A');
  git(app, 'commit', '-q', '--allow-empty', '-m', message);
}
