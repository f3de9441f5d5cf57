/**
 * The work on one batch of files (a worker's share): syntax check, the jscodeshift
 * stage, the type-aware stage over the whole batch, TODO marks. Writes nothing: the new
 * texts go back to the coordinator, which runs the final stage and writes.
 */
import { readFileSync } from 'node:fs';
import { selectTransforms } from '../transforms/registry';
import type { TransformInfo } from '../transforms/types';
import { syntaxError } from './parse';
import { runSyntaxStage, SyntaxSite } from './syntax-stage';
import { legacyImportsRewrite } from './final-imports';
import { insertTodos, SiteAt } from './todos';
import { runTypedStage } from './typed-stage';

export interface FileJob {
  readonly path: string;
  readonly root: string;
  /** Selectors for this file only (the batch's otherwise). */
  readonly transforms?: readonly string[];
}

export interface SiteReport {
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
  readonly transform: string;
}

export interface FileResult {
  readonly path: string;
  readonly root: string;
  readonly status: 'changed' | 'unchanged' | 'failed';
  readonly before?: string;
  readonly after?: string;
  readonly error?: string;
  readonly rewritten: Record<string, number>;
  readonly manual: SiteReport[];
  /**
   * The final stage's rewrite of the file's last text (null: it changes nothing), worked out
   * with the rest of the file's work when its selection runs everything and no site is left;
   * `finalStage` decides whether it is applied.
   */
  readonly finalImports?: string | null;
}

export interface BatchOptions {
  readonly transforms: readonly string[];
  readonly todos: boolean;
}

const add = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};

function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) at = text.indexOf('\n', at) + 1;
  return at + column - 1;
}

function lineCol(text: string, pos: number): { line: number; column: number } {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return { line, column: pos - before.lastIndexOf('\n') };
}

/** Processes `jobs`; `onFile` is called as each file's outcome is known. */
export function processFiles(jobs: readonly FileJob[], options: BatchOptions, onFile?: (r: FileResult) => void): FileResult[] {
  const chosen = new Map<string, TransformInfo[]>();
  const transformsOf = (job: FileJob) => {
    const sel = job.transforms ?? options.transforms;
    const key = sel.join(',');
    if (!chosen.has(key)) chosen.set(key, selectTransforms(sel).filter((t) => !t.finalStage));
    return chosen.get(key)!;
  };
  const results = new Map<string, FileResult>();
  const staged = new Map<string, { job: FileJob; transforms: TransformInfo[]; before: string; text: string; rewritten: Record<string, number>; syntaxSites: SyntaxSite[] }>();
  const done = (r: FileResult) => {
    results.set(r.path, r);
    onFile?.(r);
  };
  for (const job of jobs) {
    let before: string;
    try {
      before = readFileSync(job.path, 'utf8');
    } catch (e) {
      done({ path: job.path, root: job.root, status: 'failed', error: `cannot read: ${(e as Error).message}`, rewritten: {}, manual: [] });
      continue;
    }
    const err = syntaxError(job.path, before);
    if (err) {
      done({ path: job.path, root: job.root, status: 'failed', error: `does not parse: ${err}`, rewritten: {}, manual: [] });
      continue;
    }
    try {
      const transforms = transformsOf(job);
      const s = runSyntaxStage(job.path, before, transforms);
      staged.set(job.path, { job, transforms, before, text: s.text, rewritten: { ...s.rewritten }, syntaxSites: s.manual });
    } catch (e) {
      done({ path: job.path, root: job.root, status: 'failed', error: `transform failed: ${(e as Error).message}`, rewritten: {}, manual: [] });
    }
  }
  const typed = runTypedStage(new Map([...staged].map(([p, s]) => [p, { text: s.text, transforms: s.transforms }])));
  for (const [path, s] of staged) {
    const t = typed.get(path);
    if (t?.error) {
      done({ path, root: s.job.root, status: 'failed', error: t.error, rewritten: {}, manual: [] });
      continue;
    }
    let text = t ? t.text : s.text;
    if (t) add(s.rewritten, t.rewritten);
    let syntaxSites = s.syntaxSites;
    if (syntaxSites.length && text !== s.before) {
      // A site's line is that of the text its transform saw: ask the transforms that reported
      // sites again, on the final text (they are idempotent; only their reports are kept).
      const again = s.transforms.filter((x) => syntaxSites.some((site) => site.transform === x.name));
      syntaxSites = runSyntaxStage(path, text, again).manual;
    }
    const sites: (SiteAt & { transform: string })[] = [
      ...syntaxSites.map((x) => ({ code: x.code, pos: offsetOf(text, x.line, x.column), reason: x.reason, transform: x.transform })),
      ...(t?.manual ?? []),
    ].sort((a, b) => a.pos - b.pos);
    let lineOf = (l: number) => l;
    if (options.todos && sites.length) {
      const marked = insertTodos(path, text, sites);
      if (marked.text !== text && !syntaxError(path, marked.text)) {
        lineOf = marked.lineOf;
        const original = text;
        text = marked.text;
        const manual = sites.map((x) => {
          const lc = lineCol(original, x.pos);
          return { code: x.code, line: lineOf(lc.line - 1) + 1, column: lc.column, reason: x.reason, transform: x.transform };
        });
        done(finish(path, s, text, manual, options));
        continue;
      }
    }
    done(finish(path, s, text, sites.map((x) => ({ code: x.code, ...lineCol(text, x.pos), reason: x.reason, transform: x.transform })), options));
  }
  return jobs.map((j) => results.get(j.path)!);
}

function finish(path: string, s: { job: FileJob; before: string; rewritten: Record<string, number> }, text: string, manual: SiteReport[], options: BatchOptions): FileResult {
  const changed = text !== s.before;
  const result: FileResult = { path, root: s.job.root, status: changed ? 'changed' : 'unchanged', before: changed ? s.before : undefined, after: changed ? text : undefined, rewritten: s.rewritten, manual };
  const selection = s.job.transforms ?? options.transforms;
  const runsAll = selection.length === 0 || selection.includes('all');
  return runsAll && !manual.length ? { ...result, finalImports: legacyImportsRewrite(path, text) } : result;
}
