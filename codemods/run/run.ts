/**
 * The transform runner: discovers the files of every repository root, refuses a dirty
 * tree (unless --force or --dry), spreads the files over worker threads, runs the final
 * stage (imports) per root, writes atomically or prints diffs, and reports.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CliError } from '../cli-error';
import type { CommandIo } from '../command';
import { selectTransforms, transformByName } from '../transforms/registry';
import { writeAtomic } from './atomic-write';
import { unifiedDiff } from './diff';
import { discover } from './discover';
import { dirtyPaths, gitTop } from './git';
import { parseRunArgs, RunOptions } from './options';
import type { BatchOptions, FileJob, FileResult } from './process-files';
import { Progress, progress } from './progress';
import { formatReport, repoReport, RunReport, totals } from './report';

/** How the runner talks to its caller; `tty` turns on the progress bar and colored diffs. */
export interface RunIo extends CommandIo {
  readonly tty?: boolean;
  progress?(text: string): void;
}

function readRoots(o: RunOptions, cwd: string): string[] {
  const roots = o.paths.map((p) => resolve(cwd, p));
  if (o.reposFile) {
    const file = resolve(cwd, o.reposFile);
    if (!existsSync(file)) throw new CliError(`--repos ${o.reposFile}: no such file`, 2);
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const l = line.trim();
      if (l && !l.startsWith('#')) roots.push(resolve(cwd, l));
    }
  }
  for (const r of roots) if (!existsSync(r)) throw new CliError(`${JSON.stringify(relative(cwd, r) || r)}: no such file or directory (nor a transform, code or command; see retort-codemod --list)`, 2);
  return [...new Set(roots)];
}

/** Refuses roots with uncommitted changes (or outside git) unless forced. */
function checkClean(roots: readonly string[], o: RunOptions): void {
  if (o.dry || o.force) return;
  for (const root of roots) {
    const dir = statSync(root).isDirectory() ? root : resolve(root, '..');
    const top = gitTop(dir);
    if (!top) throw new CliError(`${root} is not in a git work tree, so the rewrite could not be undone: commit it to git first, or pass --force (or --dry to only look)`, 1);
    const dirty = dirtyPaths(top);
    if (dirty.length) throw new CliError(`${top} has uncommitted changes (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}): commit or stash them first so the codemod's changes can be reviewed and undone, or pass --force`, 1);
  }
}

function workerScript(): string | null {
  const p = join(__dirname, 'worker.js');
  return existsSync(p) ? p : null;
}

/** Runs the batches on worker threads (or in this thread for small runs and from sources). */
async function processAll(jobs: FileJob[], batch: BatchOptions, workers: number, bar: Progress): Promise<FileResult[]> {
  const script = workerScript();
  const n = Math.min(workers, Math.ceil(jobs.length / 25));
  if (!script || n <= 1) return (await import('./process-files')).processFiles(jobs, batch, (r) => bar.file(r.path, r.status));
  const size = Math.ceil(jobs.length / n);
  const chunks = Array.from({ length: n }, (_, i) => jobs.slice(i * size, (i + 1) * size)).filter((c) => c.length);
  const results = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<FileResult[]>((res, rej) => {
          const out: FileResult[] = [];
          const w = new Worker(script, { workerData: { jobs: chunk, options: batch } });
          w.on('message', (m: { type: string; result?: FileResult; message?: string }) => {
            if (m.type === 'file') {
              out.push(m.result!);
              bar.file(m.result!.path, m.result!.status);
            } else if (m.type === 'done') res(out);
            else rej(new Error(m.message));
          });
          w.on('error', rej);
          w.on('exit', (code) => (code !== 0 ? rej(new Error(`worker exited with code ${code}`)) : res(out)));
        }),
    ),
  );
  const byPath = new Map(results.flat().map((r) => [r.path, r]));
  return jobs.map((j) => byPath.get(j.path)!);
}

/**
 * The stages' modules load TypeScript and jscodeshift (most of a second): the coordinator,
 * whose workers do that work, loads them only when it needs them itself, so the workers
 * start that much sooner.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const finalImportsModule = () => require('./final-imports') as typeof import('./final-imports');

/**
 * The final stage of one root: `legacy-imports` on each file that still imports
 * retort/legacy, when no site of the file is left for a human, and — if any site of the
 * root is — only in files that export nothing (their legacy objects could reach that site).
 * A changed file that keeps its legacy imports still loses the names the rewrites left unused.
 */
export function finalStage(results: FileResult[], runsAll: (path: string) => boolean): FileResult[] {
  const info = transformByName('legacy-imports')!;
  const rootHasSites = results.some((r) => r.manual.length > 0);
  return results.map(({ finalImports, ...r }) => {
    if (r.status === 'failed' || !runsAll(r.path)) return r;
    const text = r.after ?? readFileSync(r.path, 'utf8');
    if (!info.trigger.test(text)) return r;
    const keepsLegacy = r.manual.length > 0 || (rootHasSites && /^\s*export\b|module\.exports|\bexports\./m.test(text));
    const out = keepsLegacy
      ? r.before !== undefined && r.after !== undefined
        ? finalImportsModule().prunedLegacyImports(r.path, text, r.before)
        : null
      : // Computed by the worker on this same text when the file's selection ran everything.
        finalImports !== undefined
        ? finalImports
        : finalImportsModule().legacyImportsRewrite(r.path, text);
    if (out === null) return r;
    const before = r.before ?? text;
    return { ...r, status: 'changed', before, after: out, rewritten: { ...r.rewritten } };
  });
}

/** `retort-codemod [transforms…] <paths…>`: resolves to the exit code. */
export async function runTransforms(argv: readonly string[], io: RunIo): Promise<number> {
  let o: RunOptions;
  try {
    o = parseRunArgs(argv);
    selectTransforms(o.selectors);
  } catch (e) {
    throw new CliError(`${(e as Error).message}\nRun \`retort-codemod --help\` for usage.`, 2);
  }
  const roots = readRoots(o, io.cwd);
  checkClean(roots, o);
  const jobs: FileJob[] = [];
  for (const root of roots) {
    for (const path of discover(root, { extensions: o.extensions, ignore: o.ignore })) jobs.push({ path, root });
  }
  const seen = new Set<string>();
  const unique = jobs.filter((j) => !seen.has(j.path) && seen.add(j.path));
  const bar = progress(unique.length, !!io.tty, io.progress ?? io.err);
  const results = await processAll(unique, { transforms: o.selectors, todos: o.todos }, o.workers, bar);
  bar.end();

  const repos = [];
  for (const root of roots) {
    const all = !o.selectors.length || o.selectors.includes('all');
    const mine = finalStage(results.filter((r) => r.root === root), () => all);
    const writeErrors: { file: string; error: string }[] = [];
    for (const r of mine) {
      if (r.status !== 'changed') continue;
      if (o.dry) io.out(unifiedDiff(relative(io.cwd, r.path), r.before!, r.after!, !!io.tty));
      else {
        try {
          writeAtomic(r.path, r.after!);
        } catch (e) {
          writeErrors.push({ file: r.path, error: (e as Error).message });
        }
      }
    }
    repos.push(repoReport(root, mine, (r) => r.after ?? (r.status === 'failed' ? undefined : readFileSync(r.path, 'utf8')), writeErrors));
  }
  const report: RunReport = { transforms: selectTransforms(o.selectors).map((t) => t.name), dry: o.dry, repositories: repos, totals: totals(repos) };
  io.out(formatReport(report));
  if (o.json) writeFileSync(resolve(io.cwd, o.json), JSON.stringify(report, null, 2) + '\n');
  return report.totals.files.failed > 0 || report.totals.writeErrors.length > 0 ? 1 : 0;
}
