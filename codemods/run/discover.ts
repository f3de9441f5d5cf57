/**
 * Which files a run touches: under each path, those git keeps (so .gitignore is honoured),
 * or every file when the path is not in a git work tree; filtered by extension and
 * `--ignore` globs; never anything inside node_modules, never declaration files.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { gitFiles } from './git';

export const DEFAULT_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'] as const;

/** A glob (`*`, `**`, `?`) as a regular expression over `/`-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern without a slash matches at any depth, like .gitignore.
  return new RegExp(glob.includes('/') ? `^${re}(?:/.*)?$` : `(?:^|/)${re}(?:/.*)?$`);
}

export interface DiscoverOptions {
  readonly extensions: readonly string[];
  readonly ignore: readonly string[];
}

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

/** Absolute paths of the files to transform under `path`; throws when `path` does not exist. */
export function discover(path: string, options: DiscoverOptions): string[] {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new Error(`${path}: no such file or directory`);
  const exts = new Set(options.extensions.map((e) => e.replace(/^\./, '')));
  const ignores = options.ignore.map(globToRegExp);
  const wanted = (file: string, base: string) => {
    const rel = relative(base, file).split(sep).join('/');
    if (rel.split('/').includes('node_modules')) return false;
    if (/\.d\.[mc]?ts$/.test(file)) return false;
    const ext = /\.([^./]+)$/.exec(file)?.[1];
    if (!ext || !exts.has(ext)) return false;
    return !ignores.some((r) => r.test(rel));
  };
  if (statSync(abs).isFile()) return wanted(abs, resolve(abs, '..')) ? [abs] : [];
  const listed = gitFiles(abs);
  let files: string[];
  if (listed) files = listed.map((f) => join(abs, f)).filter((f) => existsSync(f));
  else {
    files = [];
    walk(abs, files);
  }
  return files.filter((f) => wanted(f, abs)).sort();
}
