// Workload: single-row SELECT by primary key, many times, on ONE connection.
//
// Run as a child process by ../run.mjs, one process per (database, contender, run), so
// memory and JIT state never mix:
//   node bench/workloads/select-by-pk.mjs '{"db":"sqlite","contender":"raw","target":"/tmp/x.db","n":10000,"warmup":1000}'
// It prints one line `RESULT {json}` with the loop time, this process's CPU time in the
// loop (for a server database, the client-side cost), the checksum and peak RSS.
//
// Each contender writes its loop the way a user of that library would (a synchronous
// driver is called synchronously, an async API is awaited), so the cost of an API's
// shape is part of what is measured.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { TABLE, ROWS, SQLITE_SETUP } from '../lib/databases.mjs';

export const WORKLOAD = 'select-by-pk';
export const describe = (n) => `${n.toLocaleString('en')} single-row selects by primary key on a ${ROWS.toLocaleString('en')}-row table`;

/** Contenders, in table order. `raw` is the baseline ratios are taken against. */
export const CONTENDERS = [
  { id: 'raw', dbs: ['sqlite', 'postgresql', 'mysql'], label: { sqlite: 'raw better-sqlite3, reused stmt.get(id)', postgresql: 'raw pg client.query({text, values})', mysql: 'raw mysql2 conn.execute(sql, [id])' } },
  { id: 'raw-named', dbs: ['postgresql'], label: { postgresql: 'raw pg named prepared statement' } },
  { id: 'retort-built', dbs: ['sqlite', 'postgresql', 'mysql'], label: 'Retort Core, select() built per call', retort: true },
  { id: 'retort-bindparam', dbs: ['sqlite', 'postgresql', 'mysql'], label: 'Retort Core, reused select() + bindparam', retort: true },
  // Retort autobegins one transaction for the whole loop; the raw drivers and peers run each
  // SELECT in autocommit. This line runs Retort in AUTOCOMMIT too, for a like-for-like ratio.
  { id: 'retort-bindparam-autocommit', dbs: ['postgresql', 'mysql'], label: 'Retort Core, reused select() + bindparam, AUTOCOMMIT', retort: true },
  { id: 'kysely', dbs: ['sqlite', 'postgresql', 'mysql'], label: 'Kysely 0.28, executeTakeFirst()' },
  { id: 'drizzle', dbs: ['sqlite', 'postgresql', 'mysql'], label: 'Drizzle 0.45, .prepare() + sql.placeholder' },
];

/** The ids queried: a fixed permutation of 1..ROWS (and a different one for warm-up). */
export function idSequence(n, step) {
  const ids = new Array(n);
  for (let k = 0; k < n; k++) ids[k] = ((k * step) % ROWS) + 1;
  return ids;
}
export const TIMED_STEP = 7919;
export const WARMUP_STEP = 13;

const COLS = 'id, name, email, created, score';
const SQL = {
  sqlite: `SELECT ${COLS} FROM ${TABLE} WHERE id = ?`,
  postgresql: `SELECT ${COLS} FROM ${TABLE} WHERE id = $1`,
  mysql: `SELECT ${COLS} FROM ${TABLE} WHERE id = ?`,
};

/**
 * Each factory opens one connection and returns { loop(ids) -> checksum, close() }.
 * A checksum (id + score + name length per row) proves every row was really read.
 */
const factories = {
  async raw({ db, target }) {
    if (db === 'sqlite') {
      const Database = (await import('better-sqlite3')).default;
      const sqlite = openSqlite(Database, target);
      const stmt = sqlite.prepare(SQL.sqlite);
      return {
        loop(ids) {
          let sum = 0;
          for (let k = 0; k < ids.length; k++) {
            const row = stmt.get(ids[k]);
            sum += row.id + row.score + row.name.length;
          }
          return sum;
        },
        close: () => sqlite.close(),
      };
    }
    if (db === 'postgresql') {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: target });
      await client.connect();
      return {
        async loop(ids) {
          let sum = 0;
          for (let k = 0; k < ids.length; k++) {
            const row = (await client.query({ text: SQL.postgresql, values: [ids[k]] })).rows[0];
            sum += row.id + row.score + row.name.length;
          }
          return sum;
        },
        close: () => client.end(),
      };
    }
    const mysql = await import('mysql2/promise');
    const conn = await mysql.createConnection({ uri: target });
    return {
      async loop(ids) {
        let sum = 0;
        for (let k = 0; k < ids.length; k++) {
          const [rows] = await conn.execute(SQL.mysql, [ids[k]]);
          const row = rows[0];
          sum += row.id + row.score + row.name.length;
        }
        return sum;
      },
      close: () => conn.end(),
    };
  },

  async 'raw-named'({ target }) {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    return {
      async loop(ids) {
        let sum = 0;
        for (let k = 0; k < ids.length; k++) {
          const row = (await client.query({ name: 'bench_user_by_id', text: SQL.postgresql, values: [ids[k]] })).rows[0];
          sum += row.id + row.score + row.name.length;
        }
        return sum;
      },
      close: () => client.end(),
    };
  },

  async 'retort-built'({ db, target }) {
    const { retort, engine, users } = await retortSetup(db, target);
    const { select } = retort;
    const conn = await engine.connect();
    return {
      async loop(ids) {
        let sum = 0;
        for (let k = 0; k < ids.length; k++) {
          const result = await conn.execute(select(users.c.id, users.c.name, users.c.email, users.c.created, users.c.score).where(users.c.id.eq(ids[k])));
          const row = result.one();
          sum += row.id + row.score + row.name.length;
        }
        return sum;
      },
      async close() {
        await conn.commit();
        await conn.close();
        await engine.dispose();
      },
    };
  },

  'retort-bindparam-autocommit': (args) => factories['retort-bindparam'](args, { isolationLevel: 'AUTOCOMMIT' }),

  async 'retort-bindparam'({ db, target }, engineOptions = {}) {
    const { retort, engine, users } = await retortSetup(db, target, engineOptions);
    const { select, bindparam, integer } = retort;
    const stmt = select(users.c.id, users.c.name, users.c.email, users.c.created, users.c.score).where(users.c.id.eq(bindparam('id', integer())));
    const conn = await engine.connect();
    return {
      async loop(ids) {
        let sum = 0;
        for (let k = 0; k < ids.length; k++) {
          const row = (await conn.execute(stmt, { id: ids[k] })).one();
          sum += row.id + row.score + row.name.length;
        }
        return sum;
      },
      async close() {
        await conn.commit();
        await conn.close();
        await engine.dispose();
      },
    };
  },

  async kysely({ db, target }) {
    const { Kysely, SqliteDialect, PostgresDialect, MysqlDialect } = await import('kysely');
    let dialect;
    if (db === 'sqlite') {
      const Database = (await import('better-sqlite3')).default;
      dialect = new SqliteDialect({ database: openSqlite(Database, target) });
    } else if (db === 'postgresql') {
      const pg = (await import('pg')).default;
      dialect = new PostgresDialect({ pool: new pg.Pool({ connectionString: target, max: 1 }) });
    } else {
      const mysql = (await import('mysql2')).default;
      dialect = new MysqlDialect({ pool: mysql.createPool({ uri: target, connectionLimit: 1 }) });
    }
    const kdb = new Kysely({ dialect });
    return {
      // db.connection() pins one connection for the whole loop: no pool checkout per query.
      loop: (ids) =>
        kdb.connection().execute(async (conn) => {
          let sum = 0;
          for (let k = 0; k < ids.length; k++) {
            const row = await conn.selectFrom(TABLE).selectAll().where('id', '=', ids[k]).executeTakeFirst();
            sum += row.id + row.score + row.name.length;
          }
          return sum;
        }),
      close: () => kdb.destroy(),
    };
  },

  async drizzle({ db, target }) {
    const { eq, sql } = await import('drizzle-orm');
    if (db === 'sqlite') {
      const Database = (await import('better-sqlite3')).default;
      const { drizzle } = await import('drizzle-orm/better-sqlite3');
      const { sqliteTable, integer, text } = await import('drizzle-orm/sqlite-core');
      const users = sqliteTable(TABLE, { id: integer('id').primaryKey(), name: text('name', { length: 50 }).notNull(), email: text('email', { length: 100 }).notNull(), created: text('created').notNull(), score: integer('score').notNull() });
      const client = openSqlite(Database, target);
      const ddb = drizzle({ client });
      const prepared = ddb.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare();
      return {
        loop(ids) {
          let sum = 0;
          for (let k = 0; k < ids.length; k++) {
            const row = prepared.get({ id: ids[k] });
            sum += row.id + row.score + row.name.length;
          }
          return sum;
        },
        close: () => client.close(),
      };
    }
    if (db === 'postgresql') {
      const pg = (await import('pg')).default;
      const { drizzle } = await import('drizzle-orm/node-postgres');
      const { pgTable, integer, varchar, timestamp } = await import('drizzle-orm/pg-core');
      const users = pgTable(TABLE, { id: integer('id').primaryKey(), name: varchar('name', { length: 50 }).notNull(), email: varchar('email', { length: 100 }).notNull(), created: timestamp('created').notNull(), score: integer('score').notNull() });
      const client = new pg.Client({ connectionString: target });
      await client.connect();
      const ddb = drizzle({ client });
      const prepared = ddb.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare('bench_drizzle_user_by_id');
      return {
        async loop(ids) {
          let sum = 0;
          for (let k = 0; k < ids.length; k++) {
            const row = (await prepared.execute({ id: ids[k] }))[0];
            sum += row.id + row.score + row.name.length;
          }
          return sum;
        },
        close: () => client.end(),
      };
    }
    const mysql = await import('mysql2/promise');
    const { drizzle } = await import('drizzle-orm/mysql2');
    const { mysqlTable, int, varchar, datetime } = await import('drizzle-orm/mysql-core');
    const users = mysqlTable(TABLE, { id: int('id').primaryKey(), name: varchar('name', { length: 50 }).notNull(), email: varchar('email', { length: 100 }).notNull(), created: datetime('created').notNull(), score: int('score').notNull() });
    const client = await mysql.createConnection({ uri: target });
    // (Passing mode: 'default' here makes Drizzle 0.45's isConfig() reject the object; the default is 'default' anyway.)
    const ddb = drizzle({ client });
    const prepared = ddb.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare();
    return {
      async loop(ids) {
        let sum = 0;
        for (let k = 0; k < ids.length; k++) {
          const row = (await prepared.execute({ id: ids[k] }))[0];
          sum += row.id + row.score + row.name.length;
        }
        return sum;
      },
      close: () => client.end(),
    };
  },
};

/** A better-sqlite3 database holding the benchmark table (in memory: see lib/databases.mjs). */
function openSqlite(Database, target) {
  const sqlite = new Database(target);
  for (const sql of SQLITE_SETUP) sqlite.exec(sql);
  return sqlite;
}

/** Retort from the repository's own build, through its package exports (as a user imports it). */
async function retortSetup(db, target, engineOptions = {}) {
  // RETORT_BENCH_MODULE=/path/to/dist/cjs/core/index.js compares another build (A/B of a change).
  const req = createRequire(new URL('../../package.json', import.meta.url));
  const retort = req(process.env.RETORT_BENCH_MODULE || 'retort');
  const { createEngine, MetaData, Table, column, integer, string, datetime } = retort;
  const metadata = new MetaData();
  const users = new Table(TABLE, metadata, {
    id: column(integer(), { primaryKey: true }),
    name: column(string(50), { nullable: false }),
    email: column(string(100), { nullable: false }),
    created: column(datetime(), { nullable: false }),
    score: column(integer(), { nullable: false }),
  });
  const url = db === 'sqlite' ? `sqlite:///${target}` : target;
  const engine = createEngine(url, { pool: { size: 1, maxOverflow: 0 }, ...engineOptions });
  if (db === 'sqlite') {
    // The in-memory database lives in the engine's one pooled connection: fill it there.
    const conn = await engine.connect();
    for (const sql of SQLITE_SETUP) await conn.execDriverSql(sql);
    await conn.commit();
    await conn.close();
  }
  return { retort, engine, users };
}

async function main() {
  const args = JSON.parse(process.argv[2]);
  const make = factories[args.contender];
  if (!make) throw new Error(`unknown contender ${args.contender}`);
  const bench = await make(args);
  await bench.loop(idSequence(args.warmup, WARMUP_STEP));
  const ids = idSequence(args.n, TIMED_STEP);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const checksum = await bench.loop(ids);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await bench.close();
  const mem = process.memoryUsage();
  const out = { ms, cpuMs: (cpu.user + cpu.system) / 1000, checksum, maxRssMB: process.resourceUsage().maxRSS / 1024, heapUsedMB: mem.heapUsed / 1048576 };
  process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e?.stack ?? e);
    process.exit(1);
  });
}
