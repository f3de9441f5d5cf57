// Reflection benchmark: reading a generated 500-table schema (15 to 50 columns each,
// foreign keys, indexes, checks, comments) on SQLite, PostgreSQL and MySQL/MariaDB.
//
//   node bench/reflection.mjs [--runs 5] [--db sqlite,postgresql,mysql] [--only retort,…]
//                             [--tables 500] [--recreate] [--no-write]
//
// Contenders, each run in its own child process (fresh JIT and memory), runs interleaved:
//   retort       metadata.reflect(conn): batched catalog queries, builds real Tables with
//                columns, keys, indexes, constraints and comments
//   per-table    the same Inspector, one query per table per kind (what reflection did
//                before batching: SQLAlchemy 1.x, most ORMs)
//   kysely       db.introspection.getTables(): tables and columns only
//   knex         a catalog query for the table names, then knex(table).columnInfo() per table:
//                columns only
// Statements are counted the same way for all: every SQL statement the library sends
// (Retort: engine events; Kysely: its query log; knex: its 'query' event). The time is the
// reflection call alone, on an open, warmed-up connection.
//
// The schema lives in its own database (retort_bench_reflection on the servers, a file
// for SQLite) and is kept between runs; --recreate builds it again.
// Writes bench/results/reflection-<timestamp>.json and the "Reflection" block of
// bench/RESULTS.md. URLs: RETORT_BENCH_POSTGRESQL_URL / RETORT_BENCH_MYSQL_URL (a server to
// create the benchmark database on; default: the test servers).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildSchema, PREFIX, TABLES } from './lib/reflection-schema.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, '..');
const require = createRequire(import.meta.url);
const DB_NAME = 'retort_bench_reflection';
const SQLITE_FILE = '/tmp/retort_bench_reflection.sqlite';
const SERVER_URLS = {
  postgresql: process.env.RETORT_BENCH_POSTGRESQL_URL ?? 'postgresql://postgres@127.0.0.1:5432/retort_test',
  mysql: process.env.RETORT_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/retort_test',
};
const DB_TITLES = { sqlite: 'SQLite', postgresql: 'PostgreSQL', mysql: 'MySQL / MariaDB' };
const CONTENDERS = [
  { id: 'retort', label: 'Retort `metadata.reflect()` (batched; builds Tables with everything)' },
  { id: 'per-table', label: 'Retort Inspector, one query per table per kind (per-table approach)' },
  { id: 'kysely', label: 'Kysely 0.28 `introspection.getTables()` (columns only)' },
  { id: 'knex', label: 'knex 3 `columnInfo()` per table (columns only)' },
];

/** The URL of the benchmark database on each server. */
function benchUrl(db) {
  if (db === 'sqlite') return `sqlite:///${SQLITE_FILE}`;
  const u = new URL(SERVER_URLS[db]);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
}
const loadRetort = () => require(join(root, 'dist/cjs/core/index.js'));

// ---- child: one measurement ------------------------------------------------------------
async function measure({ db, contender }) {
  const url = benchUrl(db);
  let statements = 0;
  let found = {};
  let elapsed;
  if (contender === 'retort' || contender === 'per-table') {
    const r = loadRetort();
    const engine = r.createEngine(url);
    const conn = await engine.connect();
    await conn.execDriverSql('SELECT 1');
    engine.events.on('beforeExecute', () => {
      statements++;
    });
    const t0 = performance.now();
    if (contender === 'retort') {
      const md = new r.MetaData();
      await md.reflect(conn, { only: (n) => n.startsWith(PREFIX) });
      elapsed = performance.now() - t0;
      const tables = [...md.tables.values()];
      found = {
        tables: tables.length,
        columns: tables.reduce((s, t) => s + t.columns.length, 0),
        foreignKeys: tables.reduce((s, t) => s + t.foreignKeys.length, 0),
        indexes: tables.reduce((s, t) => s + t.indexes.length, 0),
      };
    } else {
      const insp = r.inspect(conn);
      const names = (await insp.getTableNames()).filter((n) => n.startsWith(PREFIX));
      found = { tables: names.length, columns: 0, foreignKeys: 0, indexes: 0 };
      for (const n of names) {
        found.columns += (await insp.getColumns(n)).length;
        await insp.getPrimaryKey(n);
        found.foreignKeys += (await insp.getForeignKeys(n)).length;
        // Indexes that implement a constraint are counted with the constraint, as reflect() does.
        found.indexes += (await insp.getIndexes(n)).filter((i) => !i.duplicatesConstraint).length;
        await insp.getUniqueConstraints(n);
        await insp.getCheckConstraints(n);
        await insp.getTableComment(n);
      }
      elapsed = performance.now() - t0;
    }
    await conn.close();
    await engine.dispose();
  } else if (contender === 'kysely') {
    const k = await import('kysely');
    const log = (e) => {
      if (e.level === 'query') statements++;
    };
    let dialect;
    if (db === 'sqlite') {
      const Database = (await import('better-sqlite3')).default;
      dialect = new k.SqliteDialect({ database: new Database(SQLITE_FILE) });
    } else if (db === 'postgresql') {
      const pg = (await import('pg')).default;
      dialect = new k.PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) });
    } else {
      const mysql = await import('mysql2');
      dialect = new k.MysqlDialect({ pool: mysql.createPool({ uri: url, connectionLimit: 1 }) });
    }
    const kdb = new k.Kysely({ dialect, log });
    await k.sql`SELECT 1`.execute(kdb);
    statements = 0;
    const t0 = performance.now();
    const tables = (await kdb.introspection.getTables()).filter((t) => t.name.startsWith(PREFIX));
    elapsed = performance.now() - t0;
    found = { tables: tables.length, columns: tables.reduce((s, t) => s + t.columns.length, 0) };
    await kdb.destroy();
  } else if (contender === 'knex') {
    const knex = (await import('knex')).default;
    const config =
      db === 'sqlite'
        ? { client: 'better-sqlite3', connection: { filename: SQLITE_FILE }, useNullAsDefault: true }
        : { client: db === 'postgresql' ? 'pg' : 'mysql2', connection: url, pool: { min: 1, max: 1 } };
    const kx = knex(config);
    await kx.raw('SELECT 1');
    kx.on('query', () => {
      statements++;
    });
    const listSql = {
      sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
      postgresql: "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
      mysql: "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 1",
    }[db];
    const t0 = performance.now();
    const raw = await kx.raw(listSql);
    const rows = db === 'postgresql' ? raw.rows : db === 'mysql' ? raw[0] : raw;
    const names = rows.map((row) => Object.values(row)[0]).filter((n) => n.startsWith(PREFIX));
    let columns = 0;
    for (const n of names) columns += Object.keys(await kx(n).columnInfo()).length;
    elapsed = performance.now() - t0;
    found = { tables: names.length, columns };
    await kx.destroy();
  }
  return { ms: elapsed, statements, found, rssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
}

if (process.argv[2] === '--child') {
  const out = await measure(JSON.parse(process.argv[3]));
  console.log(`RESULT ${JSON.stringify(out)}`);
  process.exit(0);
}

// ---- parent -------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const RUNS = Number(opt('runs', 5));
const DBS = opt('db', 'sqlite,postgresql,mysql').split(',');
const ONLY = opt('only', '') ? opt('only', '').split(',') : undefined;
const N_TABLES = Number(opt('tables', TABLES));
const WRITE = !argv.includes('--no-write');

if (!existsSync(join(benchDir, 'node_modules', 'knex')) || !existsSync(join(benchDir, 'node_modules', 'kysely'))) {
  console.error('bench/node_modules lacks knex or kysely: run `npm install` in bench/ first.');
  process.exit(1);
}
console.log('building Retort if stale: node scripts/build.mjs --if-stale');
execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit', cwd: root });
const r = loadRetort();

/** Creates the benchmark database and the generated schema unless it is already there. */
async function prepare(db) {
  if (db !== 'sqlite') {
    const admin = r.createEngine(SERVER_URLS[db]);
    try {
      const conn = await admin.connect();
      conn.executionOptions({ isolationLevel: 'AUTOCOMMIT' });
      const exists = db === 'postgresql' ? 'SELECT 1 FROM pg_database WHERE datname = $1' : 'SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?';
      if ((await conn.execDriverSql(exists, [DB_NAME])).all().length === 0) await conn.execDriverSql(`CREATE DATABASE ${DB_NAME}`);
      await conn.close();
    } finally {
      await admin.dispose();
    }
  }
  const engine = r.createEngine(benchUrl(db));
  try {
    const { metadata, stats } = buildSchema(r, N_TABLES);
    const insp = r.inspect(engine);
    const present = (await insp.getTableNames()).filter((n) => n.startsWith(PREFIX));
    const version = String((await engine.begin((c) => c.execDriverSql(db === 'sqlite' ? 'SELECT sqlite_version()' : 'SELECT version()'))).all()[0][0]);
    if (present.length === N_TABLES && !argv.includes('--recreate')) return { stats, version };
    console.log(`${DB_TITLES[db]}: creating ${N_TABLES} tables in ${db === 'sqlite' ? SQLITE_FILE : DB_NAME} …`);
    const t0 = performance.now();
    // Drop whatever an earlier run left (another table count, an older generator).
    const old = new r.MetaData();
    await old.reflect(engine, { only: (n) => n.startsWith(PREFIX) });
    await old.dropAll(engine, { checkfirst: false });
    await metadata.createAll(engine, { checkfirst: false });
    console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return { stats, version };
  } finally {
    await engine.dispose();
  }
}

function runChild(db, contender) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', JSON.stringify({ db, contender })], { cwd: benchDir, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`${db}/${contender} failed (exit ${code}): ${out.slice(-500)}`));
      else resolve(JSON.parse(line.slice(7)));
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (n, d = 0) => n.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });

const contenders = CONTENDERS.filter((c) => !ONLY || ONLY.includes(c.id));
const results = {};
const schemas = {};
const started = Date.now();
for (const db of DBS) {
  schemas[db] = await prepare(db);
  results[db] = Object.fromEntries(contenders.map((c) => [c.id, []]));
  for (let run = 0; run < RUNS; run++) {
    // Rotate the order so no contender always runs first (cold server caches).
    const order = contenders.map((_, i) => contenders[(i + run) % contenders.length]);
    for (const c of order) results[db][c.id].push(await runChild(db, c.id));
  }
  console.log(`\n${DB_TITLES[db]} (${shortVersion(schemas[db].version)}): ${schemas[db].stats.tables} tables, ${schemas[db].stats.columns} columns`);
  console.log(table(db).join('\n'));
}

/** `PostgreSQL 15.20`, `10.11.19-MariaDB`, `3.53.2`. */
function shortVersion(v) {
  const m = /^PostgreSQL [\d.]+/.exec(v);
  return m ? m[0] : v.split(/[\s-]+/).slice(0, v.includes('MariaDB') ? 2 : 1).join('-');
}

function table(db) {
  const retortMs = results[db].retort ? median(results[db].retort.map((x) => x.ms)) : undefined;
  const lines = ['| Contender | statements | median ms | min–max ms | × Retort | tables | columns | foreign keys | indexes | peak RSS MB |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
  for (const c of contenders) {
    const rs = results[db][c.id];
    const ms = rs.map((x) => x.ms);
    const f = rs[0].found;
    const m = median(ms);
    lines.push(
      `| ${c.id === 'retort' ? `**${c.label}**` : c.label} | ${fmt(median(rs.map((x) => x.statements)))} | ${fmt(m, 1)} | ${fmt(Math.min(...ms), 1)}–${fmt(Math.max(...ms), 1)} | ${retortMs ? `${(m / retortMs).toFixed(2)}×` : '–'} | ${f.tables} | ${f.columns} | ${f.foreignKeys ?? '–'} | ${f.indexes ?? '–'} | ${median(rs.map((x) => x.rssMB))} |`,
    );
  }
  return lines;
}

// ---- write results ---------------------------------------------------------------------
const cpuModel = (() => {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1].trim() ?? cpus()[0]?.model;
  } catch {
    return cpus()[0]?.model ?? 'unknown';
  }
})();
const version = (name) => {
  try {
    return JSON.parse(readFileSync(join(benchDir, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
};
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
})();
const machine = { node: process.version, cpu: cpuModel, cores: cpus().length, memoryGB: Math.round(totalmem() / 2 ** 30), os: `Linux ${release()}` };
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
if (WRITE) {
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  writeFileSync(join(benchDir, 'results', `reflection-${stamp}.json`), JSON.stringify({ machine, commit, runs: RUNS, schemas, results }, null, 2));
  const goal = (() => {
    const pg = results.postgresql?.retort;
    if (!pg) return [];
    const st = median(pg.map((x) => x.statements));
    const ms = median(pg.map((x) => x.ms));
    return [``, `Goal on local PostgreSQL: fewer than 15 statements (${st}: ${st < 15 ? 'MET' : 'MISSED'}) and under 1 s for ${schemas.postgresql.stats.tables} tables (${fmt(ms)} ms: ${ms < 1000 ? 'MET' : 'MISSED'}).`];
  })();
  const block = [
    '<!-- results:reflection:start -->',
    `### reflection: a generated ${N_TABLES}-table schema (15 to 50 columns, foreign keys, indexes, checks, comments)`,
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`node bench/reflection.mjs\` (${RUNS} runs per contender, each in its own process; ${((Date.now() - started) / 1000).toFixed(0)} s in all). Time is the reflection call alone on an open connection; statements are every SQL statement the library sent.`,
    '',
    `- Node ${process.version}, ${cpuModel}, ${cpus().length} cores, ${machine.memoryGB} GB, ${machine.os}`,
    `- Retort @ ${commit}; kysely ${version('kysely')}, knex ${version('knex')}, pg ${version('pg')}, mysql2 ${version('mysql2')}, better-sqlite3 ${version('better-sqlite3')}`,
    ...DBS.map((db) => `- ${DB_TITLES[db]}: ${shortVersion(schemas[db].version)}; the schema: ${schemas[db].stats.tables} tables, ${schemas[db].stats.columns} columns, ${schemas[db].stats.foreignKeys} foreign keys, ${schemas[db].stats.indexes} indexes, ${schemas[db].stats.checks} checks`),
    '',
    'What each contender reads: Retort `reflect()` reads columns (types with length/precision, defaults, nullability, autoincrement, comments), primary keys, foreign keys, indexes, unique and check constraints and table comments, and builds `Table` objects; the per-table line reads the same through the Inspector one table at a time (7 statements per table, what reflection cost before batching); Kysely and knex read columns only. Statement counts leave out transaction control (BEGIN/ROLLBACK).',
    ...DBS.flatMap((db) => ['', `#### ${DB_TITLES[db]}`, '', ...table(db)]),
    ...goal,
    '<!-- results:reflection:end -->',
  ].join('\n');
  const file = join(benchDir, 'RESULTS.md');
  let md = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const start = md.indexOf('<!-- results:reflection:start -->');
  const end = md.indexOf('<!-- results:reflection:end -->');
  if (start >= 0 && end > start) md = md.slice(0, start) + block + md.slice(end + '<!-- results:reflection:end -->'.length);
  else md = `${md.trimEnd()}\n\n## Reflection\n\n${block}\n`;
  writeFileSync(file, md);
  console.log(`\nwrote bench/results/reflection-${stamp}.json and the Reflection block of bench/RESULTS.md`);
}
