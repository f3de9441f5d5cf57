/** Git questions about a repository root: is it a work tree, is it clean, which files does it keep. */
import { spawnSync } from 'node:child_process';

function git(root: string, args: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ok: r.status === 0, out: r.stdout ?? '', err: r.stderr ?? (r.error ? String(r.error) : '') };
}

/** The top of the git work tree containing `dir`, or null when it is not in one (or git is missing). */
export function gitTop(dir: string): string | null {
  const r = git(dir, ['rev-parse', '--show-toplevel']);
  return r.ok ? r.out.trim() : null;
}

/** Paths (relative to the top) with uncommitted changes: staged, unstaged or untracked. */
export function dirtyPaths(top: string): string[] {
  const r = git(top, ['status', '--porcelain', '--untracked-files=normal']);
  if (!r.ok) throw new Error(`git status failed in ${top}: ${r.err.trim()}`);
  return r.out.split('\n').filter(Boolean).map((l) => l.slice(3));
}

/** Files under `dir` that git keeps or would keep (tracked, plus untracked ones .gitignore does not exclude). */
export function gitFiles(dir: string): string[] | null {
  const r = git(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.']);
  if (!r.ok) return null;
  return r.out.split('\0').filter(Boolean);
}
