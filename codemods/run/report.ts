/** The run's report: per repository and in total; as text for the terminal and as JSON for `--json`. */
import { relative } from 'node:path';
import { guidePath, legacyRecord } from '../../legacy-api/registry';
import { legacyOnlyNames } from '../transforms/legacy-names';
import type { FileResult } from './process-files';

export interface ResidualUse {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  /**
   * The names the import brings in that exist only in the shim (what still ties the file to
   * 1.x); empty when every name has a 2.0 twin, so the import moves to 'retort' on a later
   * run once no site of the repository is left for a person.
   */
  readonly legacyOnly: string[];
}

export interface RepoReport {
  readonly root: string;
  readonly files: { scanned: number; changed: number; unchanged: number; failed: number };
  readonly rewritten: Record<string, number>;
  readonly manual: { file: string; line: number; column: number; code: string; reason: string; guide: string; transform: string }[];
  readonly failed: { file: string; error: string }[];
  readonly residual: ResidualUse[];
  readonly writeErrors: { file: string; error: string }[];
}

export interface RunReport {
  readonly transforms: string[];
  readonly dry: boolean;
  readonly repositories: RepoReport[];
  readonly totals: Omit<RepoReport, 'root'>;
}

const LEGACY_IMPORT = /(?:from\s*|require\s*\(\s*|import\s*\(\s*)(['"])retort\/legacy\1/;

const NAMED_LEGACY_IMPORT = /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*(['"])retort\/legacy\2/g;

/** Lines of `text` that still import `retort/legacy`, with the shim-only names each brings in. */
export function residualUses(file: string, text: string): ResidualUse[] {
  if (!text.includes('retort/legacy')) return [];
  // Named imports by the line their `from` stands on (an import may span lines).
  const namesAt = new Map<number, string[]>();
  for (const m of text.matchAll(NAMED_LEGACY_IMPORT)) {
    const line = text.slice(0, m.index! + m[0].length).split('\n').length;
    const names = m[1]
      .split(',')
      .map((p) => p.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0].trim())
      .filter(Boolean);
    namesAt.set(line, names);
  }
  const only = legacyOnlyNames();
  const out: ResidualUse[] = [];
  text.split('\n').forEach((l, i) => {
    if (!LEGACY_IMPORT.test(l)) return;
    // A namespace import or a require: which names it uses is not read here, so it counts as tied to 1.x.
    const names = namesAt.get(i + 1);
    out.push({ file, line: i + 1, text: l.trim(), legacyOnly: names ? names.filter((n) => only.has(n)) : ['*'] });
  });
  return out;
}

/** The report of one repository root from its files' results. */
export function repoReport(root: string, results: readonly FileResult[], finalText: (r: FileResult) => string | undefined, writeErrors: { file: string; error: string }[]): RepoReport {
  const rel = (p: string) => relative(root, p) || p;
  const rewritten: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.rewritten)) rewritten[k] = (rewritten[k] ?? 0) + v;
  return {
    root,
    files: {
      scanned: results.length,
      changed: results.filter((r) => r.status === 'changed').length,
      unchanged: results.filter((r) => r.status === 'unchanged').length,
      failed: results.filter((r) => r.status === 'failed').length,
    },
    rewritten: Object.fromEntries(Object.entries(rewritten).sort()),
    manual: results.flatMap((r) => r.manual.map((m) => ({ file: rel(r.path), line: m.line, column: m.column, code: m.code, reason: m.reason, guide: guidePath(legacyRecord(m.code)), transform: m.transform }))),
    failed: results.filter((r) => r.status === 'failed').map((r) => ({ file: rel(r.path), error: r.error ?? 'failed' })),
    residual: results.flatMap((r) => residualUses(rel(r.path), finalText(r) ?? '')),
    writeErrors: writeErrors.map((w) => ({ file: rel(w.file), error: w.error })),
  };
}

export function totals(repos: readonly RepoReport[]): Omit<RepoReport, 'root'> {
  const sum = (k: 'scanned' | 'changed' | 'unchanged' | 'failed') => repos.reduce((n, r) => n + r.files[k], 0);
  const rewritten: Record<string, number> = {};
  for (const r of repos) for (const [k, v] of Object.entries(r.rewritten)) rewritten[k] = (rewritten[k] ?? 0) + v;
  return {
    files: { scanned: sum('scanned'), changed: sum('changed'), unchanged: sum('unchanged'), failed: sum('failed') },
    rewritten: Object.fromEntries(Object.entries(rewritten).sort()),
    manual: repos.flatMap((r) => r.manual.map((m) => ({ ...m, file: repos.length > 1 ? `${r.root}/${m.file}` : m.file }))),
    failed: repos.flatMap((r) => r.failed),
    residual: repos.flatMap((r) => r.residual),
    writeErrors: repos.flatMap((r) => r.writeErrors),
  };
}

function section(title: string, r: Omit<RepoReport, 'root'>, dry: boolean): string[] {
  const f = r.files;
  const out = [`${title}: ${f.scanned} files scanned, ${f.changed} ${dry ? 'would change' : 'changed'}, ${f.unchanged} unchanged, ${f.failed} failed`];
  const codes = Object.entries(r.rewritten);
  if (codes.length) {
    out.push(`  sites ${dry ? 'to rewrite' : 'rewritten'} by code:`);
    for (const [code, n] of codes) out.push(`    ${code}  ${String(n).padStart(4)}  ${legacyRecord(code).title}`);
  } else out.push(`  no site ${dry ? 'to rewrite' : 'rewritten'}`);
  if (r.manual.length) {
    out.push(`  left for a human (${r.manual.length}):`);
    for (const m of r.manual) out.push(`    ${m.file}:${m.line}:${m.column}  ${m.code}  ${m.reason}  (${m.guide})`);
  }
  if (r.failed.length) {
    out.push(`  failed (${r.failed.length}, left untouched):`);
    for (const x of r.failed) out.push(`    ${x.file}  ${x.error}`);
  }
  if (r.writeErrors.length) {
    out.push(`  could not write (${r.writeErrors.length}):`);
    for (const x of r.writeErrors) out.push(`    ${x.file}  ${x.error}`);
  }
  if (r.residual.length) {
    out.push(`  still using retort/legacy (${r.residual.length}):`);
    for (const x of r.residual) {
      const why = x.legacyOnly.length ? `shim only: ${x.legacyOnly.join(', ')}` : "every name exists in 2.0: the import moves to 'retort' when the codemod runs again with no site left for a person";
      out.push(`    ${x.file}:${x.line}  ${x.text}  (${why})`);
    }
  }
  return out;
}

/** The summary printed at the end of a run. */
export function formatReport(report: RunReport): string {
  const lines: string[] = [];
  if (report.repositories.length > 1) for (const r of report.repositories) lines.push(...section(r.root, r, report.dry), '');
  lines.push(...section(report.repositories.length > 1 ? 'total' : 'retort-codemod', report.totals, report.dry));
  if (report.dry) lines.push('dry run: nothing was written');
  return lines.join('\n') + '\n';
}
