// `npm run bench` (node bench/run.mjs): the benchmark suite. Retort against the raw drivers
// and peer libraries on SQLite, PostgreSQL and MariaDB/MySQL, five workloads:
//   insert  bulk insert of 100,000 objects, primary keys fetched back
//   select  10,000 single-row selects by primary key
//   load    loading 100,000 rows as objects
//   eager   1,000 parents × 10 children, eager-loaded (select-in and joined)
//   update  bulk update of 10,000 rows by primary key
//
// Every (database, workload, case, run) is its own child process (bench/worker.mjs), the
// case order rotated run by run. Reported: median time over the runs, × raw (that median
// over the raw driver's median, same database, same run), client CPU, peak RSS.
// Writes bench/results/suite-<timestamp>.json, the results block of bench/RESULTS.md and
// the chart bench/results.svg.
//
// Options:
//   --quick                 1/10 of every size, 1 run per case (a smoke run: minutes, not medians)
//   --runs N                runs per case
//   --workload insert,load  only these workloads
//   --db sqlite,postgresql,mysql
//   --contender raw,retort-orm,typeorm   only these contenders (module ids or case ids; the
//                           raw baseline always runs)
//   --no-write              print only
//   --retort /path/to/dist/cjs/core/index.js   another Retort build (JSON only, RESULTS.md left alone)
//   --report a.json[,b.json…]   no run: write RESULTS.md and the chart from saved runs (the
//                           JSON is written after every workload, so a run stopped half-way
//                           can still be reported); several runs (e.g. one per database) are
//                           merged, a later file's table replacing an earlier one's
// Server URLs: RETORT_BENCH_POSTGRESQL_URL, RETORT_BENCH_MYSQL_URL (default: database
// retort_bench on the local servers, created when missing).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, '..');

if (!existsSync(join(benchDir, 'node_modules', 'kysely'))) {
  console.error('bench/node_modules is missing: run `npm install` in bench/ first (the peers are the benchmark’s own dependencies).');
  process.exit(1);
}

const { DEFAULT_URLS, ensureServerDatabase, runOnServer, setupStatements, dropStatements } = await import('./lib/fixtures.mjs');
const { WORKLOADS } = await import('./lib/workloads.mjs');
const { CONTENDERS } = await import('./contenders/index.mjs');
const { DB_TITLES, evaluateGoals } = await import('./lib/goals.mjs');
const { renderMarkdown, replaceBlock } = await import('./lib/report.mjs');
const { renderChart } = await import('./lib/chart.mjs');

// ---- options ---------------------------------------------------------------------------
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const list = (name) => (opt(name, '') ? opt(name, '').split(',') : undefined);
const QUICK = argv.includes('--quick');
const RUNS = Number(opt('runs', QUICK ? 1 : 5));
const DBS = list('db') ?? ['sqlite', 'postgresql', 'mysql'];
const ONLY_WORKLOADS = list('workload');
const ONLY = list('contender');
const WRITE = !argv.includes('--no-write');
const RETORT_MODULE = opt('retort', '');
const TIMEOUT_MS = Number(opt('timeout', QUICK ? 60 : 240)) * 1000;
for (const w of ONLY_WORKLOADS ?? []) if (!WORKLOADS.some((x) => x.id === w)) throw new Error(`--workload: no workload "${w}" (${WORKLOADS.map((x) => x.id).join(', ')})`);
for (const d of DBS) if (!DB_TITLES[d]) throw new Error(`--db: no database "${d}" (sqlite, postgresql, mysql)`);
for (const c of ONLY ?? []) if (!Object.keys(CONTENDERS).some((m) => c === m || c.startsWith(`${m}-`))) throw new Error(`--contender: no contender "${c}" (${Object.keys(CONTENDERS).join(', ')})`);

// ---- reporting a saved run -------------------------------------------------------------
if (opt('report', '')) {
  const merged = mergeRuns(opt('report', '').split(',').map((f) => JSON.parse(readFileSync(f, 'utf8'))));
  merged.goals = evaluateGoals(merged);
  writeOutputs(merged);
  process.exit(0);
}

/** One report from several saved runs: each database table keeps the size and run it came from. */
function mergeRuns(runs) {
  if (runs.length === 1) return runs[0];
  const merged = { ...runs[0], machine: { ...runs[0].machine, databases: {} }, workloads: {}, parts: [] };
  for (const r of runs) {
    merged.parts.push({ command: r.command, date: r.date, runs: r.runs, totalSeconds: r.totalSeconds, retort: r.machine.retort, tables: [] });
    for (const [w, wr] of Object.entries(r.workloads)) {
      const m = (merged.workloads[w] ??= { title: wr.title, size: wr.size, databases: {} });
      for (const [db, d] of Object.entries(wr.databases)) {
        // The workload is titled by the run that gave it a table last (the larger run, listed last).
        m.title = wr.title;
        m.size = wr.size;
        m.databases[db] = { ...d, title: wr.title, runs: r.runs };
        merged.machine.databases[db] = r.machine.databases[db];
        merged.parts.at(-1).tables.push(`${w}/${db}`);
      }
    }
  }
  merged.date = runs.map((r) => r.date).sort()[0];
  merged.runs = Math.min(...runs.map((r) => r.runs));
  merged.quick = runs.every((r) => r.quick);
  return merged;
}

// ---- Retort build ----------------------------------------------------------------------
if (!RETORT_MODULE) {
  console.log('building Retort if stale: node scripts/build.mjs --if-stale');
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit', cwd: root });
}

// ---- the cases -------------------------------------------------------------------------
const modules = {};
for (const [id, load] of Object.entries(CONTENDERS)) modules[id] = await load();
/** Cases of a workload on a database, in table order; the baseline always included. */
function casesFor(workload, db) {
  const out = [];
  for (const [mid, mod] of Object.entries(modules)) {
    for (const c of mod.cases) {
      if (c.workload !== workload || !(c.dbs ?? mod.dbs ?? DBS).includes(db)) continue;
      if (ONLY && !c.baseline && !ONLY.includes(mid) && !ONLY.includes(c.id)) continue;
      out.push({ module: mid, ...c, label: typeof c.label === 'string' ? c.label : c.label[db] });
    }
  }
  return out;
}

// ---- machine ---------------------------------------------------------------------------
const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
};
const cpuModel = (() => {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1].trim() ?? cpus()[0]?.model;
  } catch {
    return cpus()[0]?.model ?? 'unknown';
  }
})();
const pkgVersion = (name) => {
  try {
    return JSON.parse(readFileSync(join(benchDir, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
};
const commit = sh('git', ['rev-parse', '--short', 'HEAD']);
const coreDirty = sh('git', ['status', '--porcelain', '--', 'core']);
const PACKAGES = ['better-sqlite3', 'pg', 'mysql2', 'knex', 'kysely', 'drizzle-orm', 'typeorm', '@mikro-orm/core', 'sequelize', 'sqlite3'];
const machine = {
  node: process.version,
  cpu: cpuModel,
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  os: `Linux ${release()}`,
  retort: RETORT_MODULE ? `build at ${RETORT_MODULE}` : `${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version} @ ${commit ?? '?'}${coreDirty ? ' (core/ has uncommitted changes)' : ''}`,
  packages: Object.fromEntries(PACKAGES.map((p) => [p, pkgVersion(p)])),
  databases: {},
};

// ---- one worker ------------------------------------------------------------------------
function runWorker(args) {
  return new Promise((resolve) => {
    const env = RETORT_MODULE ? { ...process.env, RETORT_BENCH_MODULE: RETORT_MODULE } : process.env;
    const child = spawn(process.execPath, ['--expose-gc', join(benchDir, 'worker.mjs'), JSON.stringify(args)], { cwd: benchDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (timedOut) resolve({ error: `timed out after ${TIMEOUT_MS / 1000} s` });
      else if (code === 0 && line) resolve(JSON.parse(line.slice(7)));
      else resolve({ error: firstError(err) || `exit code ${code}` });
    });
  });
}
/** The first line of a stack (the message), plus the next when the message is a prefix only. */
function firstError(stderr) {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at ') && !l.startsWith('(Use `node --trace'));
  return lines.slice(0, 2).join(' / ').slice(0, 300);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---- the run ---------------------------------------------------------------------------
const started = new Date();
const t0 = Date.now();
const workloads = WORKLOADS.filter((w) => !ONLY_WORKLOADS || ONLY_WORKLOADS.includes(w.id));
const results = { date: started.toISOString(), command: ['npm run bench --', ...argv].join(' ').replace(/ --$/, ''), quick: QUICK, runs: RUNS, machine, workloads: {} };
for (const w of workloads) results.workloads[w.id] = { title: w.title(w.size(QUICK)), size: w.size(QUICK), databases: {} };

for (const db of DBS) {
  const target = db === 'sqlite' ? ':memory:' : DEFAULT_URLS[db];
  try {
    machine.databases[db] = db === 'sqlite' ? await sqliteVersion() : await ensureServerDatabase(db, target);
  } catch (e) {
    const why = String(e?.message ?? e).split('\n')[0];
    console.log(`\n!!! SKIPPED DATABASE ${DB_TITLES[db]}: unreachable or not set up (${why})`);
    for (const w of workloads) results.workloads[w.id].databases[db] = { skipped: why };
    continue;
  }
  console.log(`\n${DB_TITLES[db]} (${machine.databases[db]})`);
  for (const w of workloads) {
    const size = w.size(QUICK);
    const cases = casesFor(w.id, db);
    if (db !== 'sqlite') await runOnServer(db, target, setupStatements(db, w.fixture(size)));
    process.stdout.write(`  ${w.id}: ${cases.length} cases × ${RUNS} runs `);
    const runs = new Map(cases.map((c) => [c, []]));
    for (let r = 0; r < RUNS; r++) {
      const order = cases.map((_, i) => cases[(i + r) % cases.length]);
      for (const c of order) {
        const done = runs.get(c);
        // A case that failed or is not available is not run again (its error is reported).
        if (done.length && (done[0].error || done[0].unavailable)) continue;
        const res = await runWorker({ workload: w.id, db, contender: c.module, case: c.id, target, size });
        done.push(res);
        process.stdout.write(res.unavailable ? '-' : res.error ? 'x' : '.');
      }
    }
    process.stdout.write(` ${Math.round((Date.now() - t0) / 1000)} s\n`);
    results.workloads[w.id].databases[db] = summarize(cases, runs);
    saveJson();
  }
  if (db !== 'sqlite') await runOnServer(db, target, dropStatements(db));
}
results.totalSeconds = (Date.now() - t0) / 1000;
results.goals = evaluateGoals(results);

function summarize(cases, runs) {
  const rows = cases.map((c) => {
    const all = runs.get(c);
    const base = { id: c.id, module: c.module, label: c.label, retort: c.retort, goal: c.goal, baseline: !!c.baseline };
    if (all[0]?.unavailable) return { ...base, unavailable: all[0].unavailable };
    const ok = all.filter((x) => !x.error);
    if (ok.length === 0 || ok.length < all.length) return { ...base, error: all.find((x) => x.error)?.error ?? 'no runs' };
    return {
      ...base,
      runsOk: ok.length,
      medianMs: median(ok.map((x) => x.ms)),
      minMs: Math.min(...ok.map((x) => x.ms)),
      maxMs: Math.max(...ok.map((x) => x.ms)),
      cpuMs: median(ok.map((x) => x.cpuMs)),
      peakRssMB: median(ok.map((x) => x.maxRssMB)),
      runs: ok.map((x) => Math.round(x.ms * 10) / 10),
    };
  });
  const raw = rows.find((x) => x.baseline && x.medianMs !== undefined);
  for (const x of rows) {
    if (raw && x.medianMs !== undefined) {
      x.ratio = x.medianMs / raw.medianMs;
      x.rssRatio = x.peakRssMB / raw.peakRssMB;
    }
  }
  return { rows };
}

async function sqliteVersion() {
  const Database = (await import('better-sqlite3')).default;
  const d = new Database(':memory:');
  const v = d.prepare('SELECT sqlite_version()').pluck().get();
  d.close();
  return `SQLite ${v} (better-sqlite3, in memory)`;
}

// ---- output ----------------------------------------------------------------------------
console.log(`\n${renderMarkdown(results, { workloads: WORKLOADS })}\n`);
console.log(`total ${Math.round(results.totalSeconds)} s`);
if (!WRITE) process.exit(0);
saveJson();
console.log(`wrote ${jsonPath().slice(root.length + 1)}`);
if (RETORT_MODULE || ONLY || ONLY_WORKLOADS || list('db')) {
  console.log(`a filter or --retort was given: bench/RESULTS.md and the chart are left as they are (they show whole runs; \`node bench/run.mjs --report ${jsonPath().slice(root.length + 1)}\` writes them from this run)`);
  process.exit(0);
}
writeOutputs(results);

function jsonPath() {
  const stamp = started.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  // The databases in the name: runners started in the same second (one per database) must not share a file.
  return join(benchDir, 'results', `suite-${stamp}-${DBS.join('+')}${QUICK ? '-quick' : ''}${RETORT_MODULE ? '-custom-retort' : ''}.json`);
}
function saveJson() {
  if (!WRITE) return;
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  results.totalSeconds = (Date.now() - t0) / 1000;
  results.goals = evaluateGoals(results);
  writeFileSync(jsonPath(), JSON.stringify(results, null, 2) + '\n');
}
function writeOutputs(r) {
  writeFileSync(join(benchDir, 'results.svg'), renderChart(r, { workloads: WORKLOADS }));
  const mdPath = join(benchDir, 'RESULTS.md');
  writeFileSync(mdPath, replaceBlock(readFileSync(mdPath, 'utf8'), 'suite', renderMarkdown(r, { workloads: WORKLOADS })));
  console.log('updated bench/RESULTS.md and bench/results.svg');
}
