// Speed of `retort-codemod all` on a generated 1,000-file repository (a third of the files use
// the 1.x API, Core and ORM, the rest is unrelated code with look-alike calls), against a jscodeshift no-op
// transform (parse every file, change nothing) over the same files in the same run.
// Goals (issue 7): the full run under 60 s on this 2-core machine, under 2 GiB, within 3x of the no-op.
//
//   npm run build && node bench/codemods.mjs [--files 1000] [--runs 1] [--no-write]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const FILES = Number(arg('--files', '1000'));
const RUNS = Number(arg('--runs', '1'));
const WRITE = !process.argv.includes('--no-write');
const cli = join(root, 'dist/cjs/codemods/cli.js');
if (!existsSync(cli)) {
  console.error('bench/codemods.mjs: dist/ is missing; run `npm run build` first');
  process.exit(1);
}

// ---- the repository -------------------------------------------------------------------------
function legacyFile(i) {
  return `import { case_, column, createEngine, insert, integer, MetaData, select, string, Table, union } from 'retort/legacy';

const metadata = new MetaData();
export const items${i} = new Table('items_${i}', metadata, {
  id: column(integer(), { primaryKey: true }),
  name: column(string(40)),
  size: column(integer()),
});
const engine = createEngine('sqlite://');

export async function load${i}(min: number) {
  await engine.execute(insert(items${i}, { values: { id: ${i}, name: 'n${i}', size: ${i % 7} } }));
  const rows = (await engine.execute(select([items${i}.c.id, items${i}.c.name], items${i}.c.size.gt(min), { orderBy: [items${i}.c.id], limit: 50 }))).all();
  const names = rows.map((r) => r.get('name'));
  const label = case_([[items${i}.c.size.lt(3), 'small']], { else: 'large' });
  const both = union(select([items${i}.c.id]), select([items${i}.c.id]), { orderBy: [items${i}.c.id] });
  const count = await engine.scalar('SELECT count(*) FROM items_${i}');
  const tables = await engine.tableNames();
  const stmt = select([items${i}.c.id, label.label('label')]);
  stmt.appendWhereClause(items${i}.c.id.gt(${i}));
  return { names, both, count, tables, stmt, keys: rows[0].keys() };
}
`;
}

/** The ORM side of the 1.x API: a legacy Session's Query chains over 2.0 models. */
function ormLegacyFile(i) {
  return `import { column, declarativeBase, foreignKey, integer, many, one, string } from 'retort';
import { createEngine, Session } from 'retort/legacy';

const Base = declarativeBase();
export class Owner${i} extends Base.model('owners_${i}', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(40), { nullable: false }),
  pets: many<Pet${i}>('Pet${i}', { backPopulates: 'owner' }),
}) {}
export class Pet${i} extends Base.model('pets_${i}', {
  id: column(integer(), { primaryKey: true }),
  ownerId: column(integer(), { name: 'owner_id', nullable: false, references: foreignKey('owners_${i}.id') }),
  name: column(string(40), { nullable: false }),
  owner: one<Owner${i}>('Owner${i}', { backPopulates: 'pets' }),
}) {}
Base.register(Owner${i}, Pet${i});
const engine = createEngine('sqlite://');

export async function report${i}(min: number) {
  const session = new Session(engine);
  const owners = await session.query(Owner${i}).filter(Owner${i}.c.id.gt(min)).orderBy(Owner${i}.c.name).all();
  const first = await session.query(Owner${i}).get(${i});
  const pets = await session.query(Pet${i}).filter(Pet${i}.c.name.eq('rex')).count();
  const named = await session.query(Pet${i}).join('owner').filter(Owner${i}.c.name.eq('ann')).all();
  await session.query(Pet${i}).filter(Pet${i}.c.id.eq(${i})).update({ name: 'max' });
  await session.commit();
  return { owners, first, pets, named };
}
`;
}

function unrelatedFile(i) {
  return `// Unrelated application code: look-alike calls of other libraries must stay as they are.
interface Query { execute(sql: string, params?: unknown[]): Promise<unknown[]>; scalar(sql: string): Promise<number> }

export class Service${i} {
  private cache = new Map<string, number>();
  constructor(private readonly db: Query) {}

  async find(id: number): Promise<unknown[]> {
    const key = 'k' + id;
    if (this.cache.has(key)) return [this.cache.get(key)];
    const rows = await this.db.execute('SELECT * FROM t${i} WHERE id = ?', [id]);
    this.cache.set(key, rows.length);
    return rows;
  }

  async total(): Promise<number> {
    return this.db.scalar('SELECT count(*) FROM t${i}');
  }

  keys(): string[] {
    return [...this.cache.keys()].sort();
  }
}

export function select(items: string[], where?: string): string {
  return 'SELECT ' + items.join(', ') + (where ? ' WHERE ' + where : '');
}

export const statement${i} = select(['a', 'b'], 'c > ${i}');
export const total${i} = [${Array.from({ length: 20 }, (_, k) => k * i).join(', ')}].reduce((a, b) => a + b, 0);
`;
}

function makeRepo(dir) {
  for (let i = 0; i < FILES; i++) {
    const sub = join(dir, 'src', `m${Math.floor(i / 100)}`);
    mkdirSync(sub, { recursive: true });
    // A third of the files use the 1.x API: half of those Core, half the ORM.
    writeFileSync(join(sub, `f${i}.ts`), i % 6 === 0 ? legacyFile(i) : i % 6 === 3 ? ormLegacyFile(i) : unrelatedFile(i));
  }
  const git = (...a) => execFileSync('git', ['-C', dir, '-c', 'user.email=bench@example.com', '-c', 'user.name=bench', ...a], { stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'generated');
}

// ---- the runs -------------------------------------------------------------------------------
/**
 * Wall time, CPU time (user + system of the process and the children it waited for: worker
 * threads, jscodeshift's worker processes) and peak RSS (KiB, the largest single process) of a
 * command, from GNU time. CPU time is the steadier figure on a machine shared with other work.
 */
function timed(args, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NODE_PATH: join(root, 'node_modules') } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const [user, sys, rss] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { ms, cpuMs: (user + sys) * 1000, rssKiB: rss, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const noop = join(tmpdir(), `retort-bench-noop-${process.pid}.cjs`);
writeFileSync(noop, "module.exports = (file, api) => { api.jscodeshift(file.source); return undefined; };\nmodule.exports.parser = 'ts';\n");
const jscodeshiftBin = join(root, 'node_modules/jscodeshift/bin/jscodeshift.js');
const workers = availableParallelism();
// The CLI's own default, which the `--dry all` and `all` passes use (no --workers given).
const defaultWorkers = createRequire(import.meta.url)(join(root, 'dist/cjs/codemods/run/options.js')).defaultWorkers();

const work = mkdtempSync(join(tmpdir(), 'retort-bench-codemods-'));
const pristine = join(work, 'pristine');
makeRepo(pristine);
const results = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const copy = join(work, `run${run}`);
    cpSync(pristine, copy, { recursive: true });
    const nop = timed([process.execPath, jscodeshiftBin, '-t', noop, '--parser=ts', '--extensions=ts,tsx,mts,cts,js,jsx,mjs,cjs', `--cpus=${workers}`, '--dry', '--silent', 'src'], copy);
    if (nop.status !== 0) throw new Error(`jscodeshift no-op failed: ${nop.stderr}`);
    const dry = timed([process.execPath, cli, '--dry', '--json', join(work, `dry${run}.json`), 'all', '.'], copy);
    if (dry.status !== 0) throw new Error(`retort-codemod --dry failed (${dry.status}): ${dry.stderr.slice(-2000)}`);
    // One worker per core, as the no-op has one process per core: shown beside the default.
    const perCore = timed([process.execPath, cli, '--dry', '--workers', String(workers), 'all', '.'], copy);
    if (perCore.status !== 0) throw new Error(`retort-codemod --dry --workers ${workers} failed (${perCore.status}): ${perCore.stderr.slice(-2000)}`);
    const full = timed([process.execPath, cli, '--json', join(work, `all${run}.json`), 'all', '.'], copy);
    if (full.status !== 0) throw new Error(`retort-codemod all failed (${full.status}): ${full.stderr.slice(-2000)}`);
    const report = JSON.parse(readFileSync(join(work, `all${run}.json`), 'utf8'));
    const changed = execFileSync('git', ['-C', copy, 'status', '--porcelain'], { encoding: 'utf8' }).split('\n').filter(Boolean).length;
    results.push({ nop, dry, perCore, full, report, changed });
    console.log(`run ${run + 1}: no-op ${(nop.ms / 1000).toFixed(1)} s (cpu ${(nop.cpuMs / 1000).toFixed(1)} s), --dry ${(dry.ms / 1000).toFixed(1)} s (cpu ${(dry.cpuMs / 1000).toFixed(1)} s), --dry --workers ${workers} ${(perCore.ms / 1000).toFixed(1)} s, all ${(full.ms / 1000).toFixed(1)} s (cpu ${(full.cpuMs / 1000).toFixed(1)} s), peak ${(full.rssKiB / 1024).toFixed(0)} MiB; ${changed} files changed`);
    rmSync(copy, { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(noop, { force: true });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const m = (k, f) => median(results.map((r) => r[k][f]));
const last = results[results.length - 1];
const t = last.report.totals;
const sites = Object.values(t.rewritten).reduce((a, b) => a + b, 0);
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const ok = (b) => (b ? 'met' : '**not met**');
const block = `<!-- codemods:results:start -->
Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${FILES} files (${Math.ceil(FILES / 3)} using the 1.x API, half Core, half ORM), ${workers} cores, ${RUNS} run(s) (medians), load average at the end ${(await import('node:os')).loadavg()[0].toFixed(1)}.

| pass | wall time | × no-op | CPU time | × no-op | peak RSS (largest process) |
|---|---:|---:|---:|---:|---:|
| jscodeshift no-op (parse only, ${workers} processes) | ${s(m('nop', 'ms'))} | 1.00 | ${s(m('nop', 'cpuMs'))} | 1.00 | ${(m('nop', 'rssKiB') / 1024).toFixed(0)} MiB |
| \`retort-codemod --dry all\` (the default: ${defaultWorkers} worker${defaultWorkers === 1 ? '' : 's'}) | ${s(m('dry', 'ms'))} | ${(m('dry', 'ms') / m('nop', 'ms')).toFixed(2)} | ${s(m('dry', 'cpuMs'))} | ${(m('dry', 'cpuMs') / m('nop', 'cpuMs')).toFixed(2)} | ${(m('dry', 'rssKiB') / 1024).toFixed(0)} MiB |
| \`retort-codemod --dry all --workers ${workers}\` (one per core) | ${s(m('perCore', 'ms'))} | ${(m('perCore', 'ms') / m('nop', 'ms')).toFixed(2)} | ${s(m('perCore', 'cpuMs'))} | ${(m('perCore', 'cpuMs') / m('nop', 'cpuMs')).toFixed(2)} | ${(m('perCore', 'rssKiB') / 1024).toFixed(0)} MiB |
| \`retort-codemod all\` (writes; the default) | ${s(m('full', 'ms'))} | ${(m('full', 'ms') / m('nop', 'ms')).toFixed(2)} | ${s(m('full', 'cpuMs'))} | ${(m('full', 'cpuMs') / m('nop', 'cpuMs')).toFixed(2)} | ${(m('full', 'rssKiB') / 1024).toFixed(0)} MiB |

The full run: ${t.files.scanned} files scanned, ${t.files.changed} changed, ${t.files.failed} failed; ${sites} sites rewritten (${Object.entries(t.rewritten).map(([k, v]) => `${k} ${v}`).join(', ')}); ${t.manual.length} left for a human.
Goals: under 60 s — ${ok(m('full', 'ms') < 60_000)}; under 2 GiB — ${ok(m('full', 'rssKiB') < 2 * 1024 * 1024)}; within 3× of the no-op — ${ok(m('full', 'ms') / m('nop', 'ms') <= 3)}.
<!-- codemods:results:end -->`;
console.log(block);
if (WRITE) {
  const file = join(root, 'bench/RESULTS.md');
  let md = readFileSync(file, 'utf8');
  const start = md.indexOf('<!-- codemods:results:start -->');
  const end = md.indexOf('<!-- codemods:results:end -->');
  if (start >= 0 && end > start) md = md.slice(0, start) + block + md.slice(end + '<!-- codemods:results:end -->'.length);
  else md += `\n## Codemods\n\n${block}\n`;
  writeFileSync(file, md);
}
