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

export function copyLegacyApp(retortRoot: string, app: string): void {
  cpSync(join(retortRoot, 'examples', 'legacy-app'), app, { recursive: true, filter: (p) => !p.includes('node_modules') });
  const git = (...a: string[]) => execFileSync('git', ['-C', app, '-c', 'user.email=upgrade@example.com', '-c', 'user.name=upgrade', ...a], { stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'the 1.x inventory service');
}
