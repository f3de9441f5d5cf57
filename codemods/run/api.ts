/**
 * The runner as a function, for programs and tests: transforms files in this thread and
 * returns the results (new texts, sites) without writing anything.
 */
import { dirname } from 'node:path';
import { FileResult, processFiles } from './process-files';
import { finalStage } from './run';

export interface TransformFilesOptions {
  /** Selectors (names, codes, `all`); `all` when omitted. */
  readonly transforms?: readonly string[];
  readonly todos?: boolean;
}

/**
 * Transforms `files`; each entry is a path, or a path with its own selectors.
 * @example
 * const [r] = transformFiles(['src/db.ts'], { transforms: ['select-list-form'] });
 * if (r.status === 'changed') console.log(r.after);
 */
export function transformFiles(files: readonly (string | { path: string; transforms: readonly string[] })[], options: TransformFilesOptions = {}): FileResult[] {
  const defaults = options.transforms ?? [];
  const jobs = files.map((f) => (typeof f === 'string' ? { path: f, root: dirname(f) } : { path: f.path, root: dirname(f.path), transforms: f.transforms }));
  const selection = new Map(jobs.map((j) => [j.path, j.transforms ?? defaults]));
  const results = processFiles(jobs, { transforms: defaults, todos: !!options.todos });
  const runsAll = (p: string) => {
    const s = selection.get(p) ?? [];
    return s.length === 0 || s.includes('all');
  };
  const byRoot = new Map<string, FileResult[]>();
  for (const r of results) byRoot.set(r.root, [...(byRoot.get(r.root) ?? []), r]);
  const done = new Map([...byRoot.values()].flatMap((rs) => finalStage(rs, runsAll)).map((r) => [r.path, r]));
  return results.map((r) => done.get(r.path)!);
}
