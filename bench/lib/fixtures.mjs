// The benchmark tables, their content and how each database gets them. Shared by the
// runner (setup once per workload and database), the worker (per-run resets) and the
// contenders (SQLite setup through their own connection).
//
// Tables (the same on every database):
//   retort_bench_users    id (generated integer key), name, email, created (timestamp), score
//   retort_bench_parents  id, name
//   retort_bench_children id, parent_id (→ parents, indexed), name, value
// Content is deterministic, so every contender's result can be checked against the same
// expected value (a contender cannot skip work).
export const USERS = 'retort_bench_users';
export const PARENTS = 'retort_bench_parents';
export const CHILDREN = 'retort_bench_children';
export const CHILDREN_PER_PARENT = 10;

export const DEFAULT_URLS = {
  postgresql: process.env.RETORT_BENCH_POSTGRESQL_URL ?? 'postgresql://postgres@127.0.0.1:5432/retort_bench',
  mysql: process.env.RETORT_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/retort_bench',
};

export const rowName = (id) => `user_${id}`;
export const rowEmail = (id) => `user_${id}@example.com`;
export const rowScore = (id) => (id * 37) % 1000;
/** The score the bulk-update workload writes (never equal to rowScore). */
export const newScore = (id) => 1000 + ((id * 13) % 1000);
const BASE = Date.UTC(2024, 0, 1);
export const rowCreated = (id) => new Date(BASE + id * 60_000);
/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC: how DATETIME is stored as text on SQLite. */
export const utcText = (d) => d.toISOString().replace('T', ' ').replace('Z', '');

/** The rows the insert workload writes, as plain data; row i gets key i + 1 in a fresh table. */
export function newUserRows(n) {
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    const k = i + 1;
    rows[i] = { name: rowName(k), email: rowEmail(k), created: rowCreated(k), score: rowScore(k) };
  }
  return rows;
}

const DDL = {
  sqlite: {
    users: `CREATE TABLE ${USERS} (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(100) NOT NULL, created DATETIME NOT NULL, score INTEGER NOT NULL)`,
    parents: `CREATE TABLE ${PARENTS} (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL)`,
    children: `CREATE TABLE ${CHILDREN} (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES ${PARENTS} (id), name VARCHAR(50) NOT NULL, value INTEGER NOT NULL)`,
  },
  postgresql: {
    users: `CREATE TABLE ${USERS} (id SERIAL PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(100) NOT NULL, created TIMESTAMP NOT NULL, score INTEGER NOT NULL)`,
    parents: `CREATE TABLE ${PARENTS} (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL)`,
    children: `CREATE TABLE ${CHILDREN} (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES ${PARENTS} (id), name VARCHAR(50) NOT NULL, value INTEGER NOT NULL)`,
  },
  mysql: {
    users: `CREATE TABLE ${USERS} (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(100) NOT NULL, created DATETIME(3) NOT NULL, score INT NOT NULL) ENGINE=InnoDB`,
    parents: `CREATE TABLE ${PARENTS} (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL) ENGINE=InnoDB`,
    children: `CREATE TABLE ${CHILDREN} (id INT PRIMARY KEY, parent_id INT NOT NULL, name VARCHAR(50) NOT NULL, value INT NOT NULL, FOREIGN KEY (parent_id) REFERENCES ${PARENTS} (id)) ENGINE=InnoDB`,
  },
};
const CHILD_INDEX = `CREATE INDEX ${CHILDREN}_parent ON ${CHILDREN} (parent_id)`;

/** SQL that fills the users table with ids 1..n (the content of rowName/rowScore/…). */
function fillUsers(db, n) {
  if (db === 'sqlite') {
    return `WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < ${n})
      INSERT INTO ${USERS} (id, name, email, created, score)
      SELECT i, 'user_' || i, 'user_' || i || '@example.com', strftime('%Y-%m-%d %H:%M:%f', '2024-01-01', '+' || i || ' minutes'), (i * 37) % 1000 FROM g`;
  }
  if (db === 'postgresql') {
    return `INSERT INTO ${USERS} (id, name, email, created, score)
      SELECT g, 'user_' || g, 'user_' || g || '@example.com', TIMESTAMP '2024-01-01' + g * INTERVAL '1 minute', (g * 37) % 1000
      FROM generate_series(1, ${n}) AS g`;
  }
  // MariaDB's SEQUENCE engine: seq_1_to_n is a virtual table of 1..n.
  return `INSERT INTO ${USERS} (id, name, email, created, score)
    SELECT seq, CONCAT('user_', seq), CONCAT('user_', seq, '@example.com'), TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq MINUTE, (seq * 37) % 1000
    FROM seq_1_to_${n}`;
}

function fillFamilies(db, parents) {
  const children = parents * CHILDREN_PER_PARENT;
  if (db === 'sqlite') {
    return [
      `WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < ${parents}) INSERT INTO ${PARENTS} (id, name) SELECT i, 'parent_' || i FROM g`,
      `WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < ${children}) INSERT INTO ${CHILDREN} (id, parent_id, name, value) SELECT i, ((i - 1) / ${CHILDREN_PER_PARENT}) + 1, 'child_' || i, (i * 7) % 100 FROM g`,
    ];
  }
  if (db === 'postgresql') {
    return [
      `INSERT INTO ${PARENTS} (id, name) SELECT g, 'parent_' || g FROM generate_series(1, ${parents}) AS g`,
      `INSERT INTO ${CHILDREN} (id, parent_id, name, value) SELECT g, ((g - 1) / ${CHILDREN_PER_PARENT}) + 1, 'child_' || g, (g * 7) % 100 FROM generate_series(1, ${children}) AS g`,
    ];
  }
  return [
    `INSERT INTO ${PARENTS} (id, name) SELECT seq, CONCAT('parent_', seq) FROM seq_1_to_${parents}`,
    `INSERT INTO ${CHILDREN} (id, parent_id, name, value) SELECT seq, ((seq - 1) DIV ${CHILDREN_PER_PARENT}) + 1, CONCAT('child_', seq), (seq * 7) % 100 FROM seq_1_to_${children}`,
  ];
}

/**
 * The statements that give a database what a workload needs: `users` (empty or with n rows)
 * or `families` (n parents with 10 children each). Tables are dropped and created again.
 */
export function setupStatements(db, fixture) {
  const ddl = DDL[db];
  const drop = (t) => (db === 'postgresql' ? `DROP TABLE IF EXISTS ${t} CASCADE` : `DROP TABLE IF EXISTS ${t}`);
  if (fixture.kind === 'users') {
    const out = db === 'sqlite' ? [] : [drop(USERS)];
    out.push(ddl.users);
    if (fixture.rows > 0) out.push(fillUsers(db, fixture.rows));
    return out;
  }
  const out = db === 'sqlite' ? [] : [drop(CHILDREN), drop(PARENTS)];
  out.push(ddl.parents, ddl.children, CHILD_INDEX, ...fillFamilies(db, fixture.parents));
  return out;
}

/** Runs statements on a server database through the raw driver (setup, never timed). */
export async function runOnServer(db, url, statements) {
  if (db === 'postgresql') {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      for (const s of statements) await client.query(s);
    } finally {
      await client.end();
    }
    return;
  }
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({ uri: url, connectTimeout: 5000 });
  try {
    for (const s of statements) await conn.query(s);
  } finally {
    await conn.end();
  }
}

/** Creates the benchmark database on the server when it is missing; returns the server version. */
export async function ensureServerDatabase(db, url) {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`benchmark database name must be letters, digits and _: ${name}`);
  if (db === 'postgresql') {
    const pg = (await import('pg')).default;
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
      return `PostgreSQL ${(await client.query('SHOW server_version')).rows[0].server_version}`;
    } finally {
      await client.end();
    }
  }
  const mysql = await import('mysql2/promise');
  const admin = new URL(url);
  admin.pathname = '/';
  const conn = await mysql.createConnection({ uri: admin.toString(), connectTimeout: 5000 });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS ${name}`);
    const [[row]] = await conn.query('SELECT VERSION() AS v');
    return /mariadb/i.test(row.v) ? `MariaDB ${row.v}` : `MySQL ${row.v}`;
  } finally {
    await conn.end();
  }
}

/** Drops the benchmark tables again. */
export function dropStatements(db) {
  return [CHILDREN, PARENTS, USERS].map((t) => (db === 'postgresql' ? `DROP TABLE IF EXISTS ${t} CASCADE` : `DROP TABLE IF EXISTS ${t}`));
}
