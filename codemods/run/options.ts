/** The transform runner's command line: `retort-codemod [transforms…] <paths…> [options]`. */
import { availableParallelism } from 'node:os';
import { isSelector } from '../transforms/registry';
import { DEFAULT_EXTENSIONS } from './discover';

export interface RunOptions {
  readonly selectors: string[];
  readonly paths: string[];
  readonly reposFile?: string;
  readonly dry: boolean;
  readonly json?: string;
  readonly workers: number;
  readonly extensions: string[];
  readonly ignore: string[];
  readonly force: boolean;
  readonly todos: boolean;
}

/**
 * Workers when `--workers` is not given: two for every three cores, at least one. A worker
 * keeps about one and a half cores busy (V8 compiles the type checker's hot code and
 * collects garbage on threads of its own), and each worker loads its own TypeScript program
 * and warms up its own checker; one per core was slower than one in all on two cores, at
 * 1,000 and at 3,000 files (docs/decisions/codemod-default-workers.md).
 */
export function defaultWorkers(cores = availableParallelism()): number {
  return Math.max(1, Math.floor((cores * 2) / 3));
}

export const RUN_USAGE = `usage: retort-codemod [transforms…] <paths…> [options]
       retort-codemod --list
       retort-codemod <command> [options]   (a command, below)

Rewrites Retort 1.x-style code (retort/legacy) to the 2.0 API. Transforms are chosen by
name or by legacy code (L201); \`all\` (the default) runs every transform in a safe order.

Options:
  --dry               write nothing; print unified diffs (colored on a terminal)
  --json <file>       write the report as JSON
  --workers <n>       parallel workers (default: two for every three cores, at least one)
  --extensions <list> file extensions, comma-separated (default: ${DEFAULT_EXTENSIONS.join(',')})
  --ignore <glob>     skip matching paths (repeatable); .gitignore is honoured, node_modules never read
  --repos <file>      repository roots, one a line (with or besides <paths…>)
  --force             run on a git tree with uncommitted changes (or outside git)
  --todos             mark each site left for a human with // TODO(retort-2.0): <code> …
  --list              the transforms, their codes and engines
  -h, --help          this help

Exit status: 0 done, 1 some file failed (parse error) or the run was refused, 2 wrong usage.
`;

/** Parses the runner's argv; throws an Error naming the bad word. */
export function parseRunArgs(argv: readonly string[]): RunOptions {
  const o = { selectors: [] as string[], paths: [] as string[], reposFile: undefined as string | undefined, dry: false, json: undefined as string | undefined, workers: defaultWorkers(), extensions: [...DEFAULT_EXTENSIONS] as string[], ignore: [] as string[], force: false, todos: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--dry' || a === '--dry-run') o.dry = true;
    else if (a === '--force') o.force = true;
    else if (a === '--todos') o.todos = true;
    else if (a === '--json') o.json = value();
    else if (a === '--repos') o.reposFile = value();
    else if (a === '--ignore') o.ignore.push(value());
    else if (a === '--extensions') {
      o.extensions = value().split(',').map((e) => e.trim().replace(/^\./, '')).filter(Boolean);
      if (!o.extensions.length) throw new Error('--extensions needs at least one extension');
    } else if (a === '--workers') {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--workers must be a positive integer, not ${JSON.stringify(v)}`);
      o.workers = n;
    } else if (a.startsWith('-')) throw new Error(`unknown option ${JSON.stringify(a)}`);
    else if (isSelector(a) && o.paths.length === 0) o.selectors.push(a);
    else o.paths.push(a);
  }
  if (!o.paths.length && !o.reposFile) throw new Error('no paths given (retort-codemod [transforms…] <paths…>)');
  return o;
}
