// The databases the benchmarks run on: where they are, how to (re)create the benchmark
// table, and how to read the server version. Used by run.mjs (setup) and by the workers.
export const TABLE = 'retort_bench_users';
export const ROWS = 10_000;

export const DEFAULT_URLS = {
  postgresql: process.env.RETORT_BENCH_POSTGRESQL_URL ?? 'postgresql://postgres@127.0.0.1:5432/retort_test',
  mysql: process.env.RETORT_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/retort_test',
};

/** Deterministic row content, so every contender can be checked against the same checksum. */
export const rowName = (id) => `user_${id}`;
export const rowEmail = (id) => `user_${id}@example.com`;
export const rowScore = (id) => (id * 37) % 1000;
const BASE = Date.UTC(2024, 0, 1);
export const rowCreated = (id) => new Date(BASE + id * 60_000);
/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC: how Retort stores DATETIME on SQLite. */
export const utcText = (d) => d.toISOString().replace('T', ' ').replace('Z', '');

/** The checksum a workload over `ids` must produce: sum of id + score + name length. */
export function expectedChecksum(ids) {
  let sum = 0;
  for (const id of ids) sum += id + rowScore(id) + rowName(id).length;
  return sum;
}

/**
 * Creates and fills the benchmark table. Returns { target, version, cleanup } where
 * target is what workers connect to (a file path for SQLite, a URL otherwise).
 * Throws when the database is unreachable.
 */
export async function prepare(db) {
  if (db === 'sqlite') return prepareSqlite();
  if (db === 'postgresql') return preparePg(DEFAULT_URLS.postgresql);
  if (db === 'mysql') return prepareMysql(DEFAULT_URLS.mysql);
  throw new Error(`unknown database ${db}`);
}

/**
 * SQLite runs in memory, one database per worker process: a file database would measure
 * SQLite's per-statement file locking (about 5 µs a query outside a transaction) rather
 * than the libraries, and would favour any contender that holds a transaction open.
 * Every worker fills its database with these statements, through its own connection.
 */
export const SQLITE_SETUP = [
  `CREATE TABLE ${TABLE} (
    id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(100) NOT NULL,
    created DATETIME NOT NULL, score INTEGER NOT NULL)`,
  `WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < ${ROWS})
   INSERT INTO ${TABLE} (id, name, email, created, score)
   SELECT i, 'user_' || i, 'user_' || i || '@example.com', strftime('%Y-%m-%d %H:%M:%f', '2024-01-01', '+' || i || ' minutes'), (i * 37) % 1000 FROM g`,
];

async function prepareSqlite() {
  const Database = (await import('better-sqlite3')).default;
  const sqlite = new Database(':memory:');
  for (const sql of SQLITE_SETUP) sqlite.exec(sql);
  const row = sqlite.prepare(`SELECT count(*) AS n, max(created) AS last FROM ${TABLE}`).get();
  if (row.n !== ROWS || row.last !== utcText(rowCreated(ROWS))) throw new Error(`SQLite setup made ${row.n} rows, last created ${row.last}`);
  const version = sqlite.prepare('SELECT sqlite_version() AS v').get().v;
  sqlite.close();
  return { target: ':memory:', version: `SQLite ${version} (better-sqlite3, in memory)`, cleanup: async () => undefined };
}

async function preparePg(url) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await client.query(`CREATE TABLE ${TABLE} (
      id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(100) NOT NULL,
      created TIMESTAMP NOT NULL, score INTEGER NOT NULL)`);
    await client.query(
      `INSERT INTO ${TABLE} (id, name, email, created, score)
       SELECT g, 'user_' || g, 'user_' || g || '@example.com', TIMESTAMP '2024-01-01' + g * INTERVAL '1 minute', (g * 37) % 1000
       FROM generate_series(1, $1::int) AS g`,
      [ROWS],
    );
    await client.query(`ANALYZE ${TABLE}`);
    const version = (await client.query('SHOW server_version')).rows[0].server_version;
    return { target: url, version: `PostgreSQL ${version}`, cleanup: () => dropTable('postgresql', url) };
  } finally {
    await client.end();
  }
}

async function prepareMysql(url) {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({ uri: url, connectTimeout: 5000 });
  try {
    await conn.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await conn.query(`CREATE TABLE ${TABLE} (
      id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(100) NOT NULL,
      created DATETIME NOT NULL, score INT NOT NULL) ENGINE=InnoDB`);
    for (let start = 1; start <= ROWS; start += 1000) {
      const rows = [];
      for (let id = start; id < start + 1000 && id <= ROWS; id++) {
        rows.push([id, rowName(id), rowEmail(id), utcText(rowCreated(id)).slice(0, 19), rowScore(id)]);
      }
      await conn.query(`INSERT INTO ${TABLE} (id, name, email, created, score) VALUES ?`, [rows]);
    }
    await conn.query(`ANALYZE TABLE ${TABLE}`);
    const [[row]] = await conn.query('SELECT VERSION() AS v');
    return { target: url, version: /mariadb/i.test(row.v) ? `MariaDB ${row.v}` : `MySQL ${row.v}`, cleanup: () => dropTable('mysql', url) };
  } finally {
    await conn.end();
  }
}

/** Drops the benchmark table again, so the shared test database is left as it was. */
async function dropTable(db, url) {
  if (db === 'postgresql') {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP TABLE IF EXISTS ${TABLE}`).finally(() => client.end());
  } else {
    const mysql = await import('mysql2/promise');
    const conn = await mysql.createConnection({ uri: url });
    await conn.query(`DROP TABLE IF EXISTS ${TABLE}`).finally(() => conn.end());
  }
}
