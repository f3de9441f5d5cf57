// `npm run bench` (node bench/run.mjs): Retort against the raw drivers and peer libraries.
//
// For each database and each contender, the workload runs in its OWN child process (so
// memory and JIT state never mix), several times, contenders interleaved run by run. It
// prints a table of medians with the ratio to the raw driver, writes
// bench/results/<timestamp>.json and rewrites this workload's block in bench/RESULTS.md.
//
// Options: --runs N (default 7)  --db sqlite,postgresql,mysql  --only raw,retort-bindparam,…
//          --n N (queries timed, default 10000)  --warmup N (default 1000)  --no-write
//          --retort /path/to/dist/cjs/core/index.js  (another Retort build, e.g. a baseline for a
//          before/after comparison; the JSON is written, RESULTS.md is left alone)
// Database URLs: RETORT_BENCH_POSTGRESQL_URL, RETORT_BENCH_MYSQL_URL (defaults: the test databases).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, '..');

if (!existsSync(join(benchDir, 'node_modules', 'kysely'))) {
  console.error('bench/node_modules is missing: run `npm install` in bench/ first (the peers are the benchmark’s own dependencies).');
  process.exit(1);
}

// ---- options ---------------------------------------------------------------------------
const argv = process.argv.slice(2);
function opt(name, fallback) {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
}
const RUNS = Number(opt('runs', 7));
const N = Number(opt('n', 10_000));
const WARMUP = Number(opt('warmup', 1000));
const DBS = opt('db', 'sqlite,postgresql,mysql').split(',');
const ONLY = opt('only', '') ? opt('only', '').split(',') : undefined;
const WRITE = !argv.includes('--no-write');
const RETORT_MODULE = opt('retort', '');
const GOALS = { sqlite: 1.5, postgresql: 1.1, mysql: 1.1 };
const DB_TITLES = { sqlite: 'SQLite', postgresql: 'PostgreSQL', mysql: 'MySQL / MariaDB' };

// ---- build Retort if its sources changed ---------------------------------------------
console.log('building Retort if stale: node scripts/build.mjs --if-stale');
execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit', cwd: root });

const { prepare, expectedChecksum, ROWS } = await import('./lib/databases.mjs');
const workload = await import('./workloads/select-by-pk.mjs');
const { idSequence, TIMED_STEP } = workload;

// ---- machine --------------------------------------------------------------------------
function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}
const cpuModel = (() => {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1].trim();
  } catch {}
  return cpus()[0]?.model ?? 'unknown';
})();
const pkgVersion = (name) => {
  try {
    return JSON.parse(readFileSync(join(benchDir, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
};
const commit = sh('git', ['rev-parse', '--short', 'HEAD']);
const coreDirty = sh('git', ['status', '--porcelain', '--', 'core']);
const machine = {
  node: process.version,
  cpu: cpuModel,
  cores: cpus().length,
  memoryGB: Math.round(totalmem() / 2 ** 30),
  os: `Linux ${release()}`,
  retort: RETORT_MODULE ? `build at ${RETORT_MODULE}` : `${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version} @ ${commit ?? '?'}${coreDirty ? ' (core/ has uncommitted changes)' : ''}`,
  packages: Object.fromEntries(['better-sqlite3', 'pg', 'mysql2', 'kysely', 'drizzle-orm'].map((p) => [p, pkgVersion(p)])),
  databases: {},
};

// ---- running one worker ---------------------------------------------------------------
function runWorker(args) {
  return new Promise((resolve) => {
    const env = RETORT_MODULE ? { ...process.env, RETORT_BENCH_MODULE: RETORT_MODULE } : process.env;
    const child = spawn(process.execPath, [join(benchDir, 'workloads', 'select-by-pk.mjs'), JSON.stringify(args)], { cwd: benchDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice(7)));
      else resolve({ error: (err.trim().split('\n').slice(0, 3).join(' | ') || `exit code ${code}`).slice(0, 300) });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, d = 1) => x.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });

// ---- the run --------------------------------------------------------------------------
const started = new Date();
const expected = expectedChecksum(idSequence(N, TIMED_STEP));
const results = { workload: workload.WORKLOAD, description: workload.describe(N), date: started.toISOString(), command: ['node bench/run.mjs', ...argv].join(' '), params: { n: N, warmup: WARMUP, runs: RUNS, rows: ROWS }, machine, databases: {} };
const t0 = Date.now();

for (const db of DBS) {
  const contenders = workload.CONTENDERS.filter((c) => c.dbs.includes(db) && (!ONLY || ONLY.includes(c.id) || c.id === 'raw'));
  let prepared;
  try {
    prepared = await prepare(db);
  } catch (e) {
    console.log(`\n!!! SKIPPED DATABASE ${DB_TITLES[db] ?? db}: unreachable or not set up (${String(e?.message ?? e).split('\n')[0]})`);
    results.databases[db] = { skipped: String(e?.message ?? e).split('\n')[0] };
    continue;
  }
  machine.databases[db] = prepared.version;
  console.log(`\n${DB_TITLES[db]}: ${prepared.version} — ${contenders.length} contenders × ${RUNS} runs`);
  const runs = Object.fromEntries(contenders.map((c) => [c.id, []]));
  try {
    for (let r = 0; r < RUNS; r++) {
      // Rotate the order each run so no contender always goes first (or right after setup).
      const order = contenders.map((_, i) => contenders[(i + r) % contenders.length]);
      for (const c of order) {
        const res = await runWorker({ db, contender: c.id, target: prepared.target, n: N, warmup: WARMUP });
        if (!res.error && res.checksum !== expected) res.error = `wrong checksum ${res.checksum}, expected ${expected}`;
        runs[c.id].push(res);
        process.stdout.write(res.error ? 'x' : '.');
      }
    }
  } finally {
    await prepared.cleanup();
  }
  process.stdout.write('\n');
  const rows = contenders.map((c) => {
    const ok = runs[c.id].filter((x) => !x.error);
    const label = typeof c.label === 'string' ? c.label : c.label[db];
    if (ok.length === 0) return { id: c.id, label, error: runs[c.id][0]?.error ?? 'no runs' };
    const ms = median(ok.map((x) => x.ms));
    return {
      id: c.id,
      label,
      retort: !!c.retort,
      runsOk: ok.length,
      medianMs: ms,
      minMs: Math.min(...ok.map((x) => x.ms)),
      maxMs: Math.max(...ok.map((x) => x.ms)),
      opsPerSec: N / (ms / 1000),
      usPerQuery: (ms * 1000) / N,
      cpuUsPerQuery: (median(ok.map((x) => x.cpuMs)) * 1000) / N,
      peakRssMB: median(ok.map((x) => x.maxRssMB)),
      runs: runs[c.id],
      errors: runs[c.id].filter((x) => x.error).map((x) => x.error),
    };
  });
  const base = rows.find((x) => x.id === 'raw' && !x.error);
  for (const row of rows) if (base && !row.error) row.ratio = row.medianMs / base.medianMs;
  const goal = GOALS[db];
  const verdicts = rows.filter((x) => x.retort).map((x) => ({ id: x.id, label: x.label, ratio: x.ratio, goal, met: x.ratio !== undefined && x.ratio <= goal }));
  results.databases[db] = { version: prepared.version, goal, rows, verdicts };
  printTable(db, results.databases[db]);
}
results.totalSeconds = (Date.now() - t0) / 1000;
console.log(`\ntotal ${fmt(results.totalSeconds, 0)} s`);

function tableLines(db, r) {
  const lines = [
    `| Contender | median ms | µs/query | ops/s | × raw | min–max ms | client CPU µs/query | peak RSS MB |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|`,
  ];
  for (const x of r.rows) {
    if (x.error) lines.push(`| ${x.label} | FAILED: ${x.error.replace(/\|/g, '/')} | | | | | | |`);
    else {
      const name = x.retort ? `**${x.label}**` : x.label;
      lines.push(`| ${name} | ${fmt(x.medianMs)} | ${fmt(x.usPerQuery, 2)} | ${fmt(x.opsPerSec, 0)} | ${x.ratio === undefined ? '—' : fmt(x.ratio, 2) + '×'} | ${fmt(x.minMs)}–${fmt(x.maxMs)} | ${fmt(x.cpuUsPerQuery, 2)} | ${fmt(x.peakRssMB, 0)} |`);
    }
  }
  return lines;
}
function verdictLine(r) {
  return `Goal: Retort within ${r.goal}× of the raw driver — ` + r.verdicts.map((v) => `${v.id}: ${v.ratio === undefined ? 'n/a' : fmt(v.ratio, 2) + '×'} ${v.met ? 'MET' : 'MISSED'}`).join('; ');
}
function printTable(db, r) {
  console.log(`\n${DB_TITLES[db]} (${r.version}) — ${workload.describe(N)}, median of ${RUNS}`);
  for (const l of tableLines(db, r)) console.log(l);
  console.log(verdictLine(r));
}

// ---- writing results ------------------------------------------------------------------
if (!WRITE) process.exit(0);
mkdirSync(join(benchDir, 'results'), { recursive: true });
const stamp = started.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
const jsonPath = join(benchDir, 'results', `${stamp}${RETORT_MODULE ? '-custom-retort' : ''}.json`);
writeFileSync(jsonPath, JSON.stringify(results, null, 2) + '\n');
console.log(`wrote ${jsonPath.slice(root.length + 1)}`);
if (RETORT_MODULE) {
  console.log('--retort given: bench/RESULTS.md left as it is');
  process.exit(0);
}

const md = [];
md.push(`### ${workload.WORKLOAD}: ${workload.describe(N)}`, '');
md.push(`Run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`${results.command}\` (${RUNS} runs per contender, each in its own process; ${fmt(WARMUP, 0)} warm-up queries, then ${fmt(N, 0)} timed; ${fmt(results.totalSeconds, 0)} s in all).`, '');
md.push('Machine:', '');
md.push(`- Node ${machine.node}, ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, ${machine.os}`);
md.push(`- Retort ${machine.retort}`);
md.push(`- Drivers and peers: ${Object.entries(machine.packages).map(([k, v]) => `${k} ${v}`).join(', ')}`);
for (const db of DBS) {
  const r = results.databases[db];
  md.push(`- ${DB_TITLES[db] ?? db}: ${r?.skipped ? `SKIPPED (${r.skipped})` : r?.version ?? 'not run'}`);
}
for (const db of DBS) {
  const r = results.databases[db];
  if (!r || r.skipped) continue;
  md.push('', `#### ${DB_TITLES[db]}`, '', ...tableLines(db, r), '', verdictLine(r));
}
const block = md.join('\n');
const startMark = `<!-- results:${workload.WORKLOAD}:start -->`;
const endMark = `<!-- results:${workload.WORKLOAD}:end -->`;
const mdPath = join(benchDir, 'RESULTS.md');
let doc = existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : `# Benchmark results\n\nWritten by \`npm run bench\` (bench/run.mjs). The blocks between the markers are rewritten by every run; the rest is by hand.\n\n${startMark}\n${endMark}\n`;
if (!doc.includes(startMark)) doc += `\n${startMark}\n${endMark}\n`;
doc = doc.slice(0, doc.indexOf(startMark) + startMark.length) + '\n' + block + '\n' + doc.slice(doc.indexOf(endMark));
writeFileSync(mdPath, doc);
console.log(`updated ${mdPath.slice(root.length + 1)}`);
