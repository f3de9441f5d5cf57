/**
 * `retort-codemod knex-to-retort --tables <file> --engine <file> [options] <paths…>`: runs the
 * transform over files and folders, writes each changed file atomically, and prints every
 * site left alone (file:line:column, kind, reason) and a summary with the commonest reasons.
 */
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandIo } from '../../command';
import { CliError, usageError } from '../../cli-error';
import { resolveOptions, rewriteKnexFile } from './index';
import { formatSite, KnexSite } from './skip';

const HELP = `usage: retort-codemod knex-to-retort --tables <file> --engine <file> [options] <paths…>

Rewrites knex query-builder chains to typed Retort Core statements; what it cannot rewrite
whole is left exactly as it was and reported with file:line and the reason.

  --tables <file>     the tables module (retort-codemod generate-tables writes one)
  --engine <file>     the module exporting the engine: createEngineFromKnex(knex)
  --engine-export <n> the engine's export name (default engine)
  --knex <names>      comma-separated names of the module-level knex instance (default knex)
  --dry               change nothing; print what would be rewritten and reported
  --json <file>       write every site as JSON
  --quiet             print only the summary
`;

const EXTENSIONS = /\.(ts|tsx|js|mjs|cjs)$/;

/** Runs the command; resolves to the exit code (1 when a file could not be parsed). */
export async function runKnexToRetort(argv: readonly string[], io: CommandIo): Promise<number> {
  const flags: Record<string, string> = {};
  const paths: string[] = [];
  let dry = false;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      io.out(HELP);
      return 0;
    }
    if (a === '--dry') dry = true;
    else if (a === '--quiet') quiet = true;
    else if (['--tables', '--engine', '--engine-export', '--knex', '--json'].includes(a)) {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw usageError(`${a} needs a value`, 'knex-to-retort');
      if (a in flags) throw usageError(`${a} is given twice`, 'knex-to-retort');
      flags[a] = v;
    } else if (a.startsWith('-')) throw usageError(`unknown option ${a}`, 'knex-to-retort');
    else paths.push(a);
  }
  for (const f of ['--tables', '--engine']) if (!flags[f]) throw usageError(`${f} is required`, 'knex-to-retort');
  if (paths.length === 0) throw usageError('no paths to rewrite', 'knex-to-retort');
  let options;
  try {
    options = resolveOptions({ tables: flags['--tables'], engine: flags['--engine'], engineExport: flags['--engine-export'], knex: flags['--knex'] }, io.cwd);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const sites: KnexSite[] = [];
  let changed = 0;
  let failed = 0;
  for (const file of paths.flatMap((p) => filesUnder(resolve(io.cwd, p)))) {
    const source = readFileSync(file, 'utf8');
    let result;
    try {
      result = rewriteKnexFile(source, file, options);
    } catch (e) {
      failed++;
      io.err(`${file}: not parsed, left alone: ${(e as Error).message.split('\n')[0]}\n`);
      continue;
    }
    sites.push(...result.sites);
    if (result.output !== source) {
      changed++;
      if (!dry) writeAtomically(file, result.output);
    }
  }
  if (!quiet) for (const s of sites.filter((x) => x.outcome === 'reported')) io.out(formatSite(s) + '\n');
  io.out(summary(sites, changed, dry));
  if (flags['--json']) writeAtomically(resolve(io.cwd, flags['--json']), JSON.stringify(sites, null, 2) + '\n');
  return failed ? 1 : 0;
}

/** Counts of rewritten and reported sites, and the reported ones by kind, commonest first. */
export function summary(sites: readonly KnexSite[], changedFiles: number, dry: boolean): string {
  const rewritten = sites.filter((s) => s.outcome === 'rewritten').length;
  const reported = sites.filter((s) => s.outcome === 'reported');
  const byKind = new Map<string, number>();
  for (const s of reported) byKind.set(s.kind!, (byKind.get(s.kind!) ?? 0) + 1);
  const kinds = [...byKind].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return [
    `knex sites: ${sites.length}, rewritten: ${rewritten}, left alone and reported: ${reported.length}; files ${dry ? 'that would change' : 'changed'}: ${changedFiles}`,
    ...kinds.map(([k, n]) => `  ${String(n).padStart(5)}  ${k}`),
    '',
  ].join('\n');
}

function filesUnder(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CliError(`${path}: no such file or folder`);
  }
  if (st.isFile()) return [path];
  const out: string[] = [];
  for (const e of readdirSync(path, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(path, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (EXTENSIONS.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.retort-${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
