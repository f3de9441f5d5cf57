// Kysely 0.28, a query builder: one pinned connection (db.connection()) for each workload.
import { CHILDREN, PARENTS, USERS, utcText } from '../lib/fixtures.mjs';
import { BATCH, chunks } from '../lib/util.mjs';

export const id = 'kysely';

export async function open({ db, target }) {
  const { Kysely, SqliteDialect, PostgresDialect, MysqlDialect, ParseJSONResultsPlugin, sql } = await import('kysely');
  let dialect;
  if (db === 'sqlite') {
    const Database = (await import('better-sqlite3')).default;
    dialect = new SqliteDialect({ database: new Database(target) });
  } else if (db === 'postgresql') {
    const pg = (await import('pg')).default;
    dialect = new PostgresDialect({ pool: new pg.Pool({ connectionString: target, max: 1 }) });
  } else {
    const mysql = (await import('mysql2')).default;
    dialect = new MysqlDialect({ pool: mysql.createPool({ uri: target, connectionLimit: 1 }) });
  }
  // SQLite and MariaDB return JSON aggregates as text: the plugin parses them (eager loading).
  const k = new Kysely({ dialect, plugins: db === 'postgresql' ? [] : [new ParseJSONResultsPlugin()] });
  const helpers = await import(`kysely/helpers/${db === 'postgresql' ? 'postgres' : db}`);
  return {
    db,
    k,
    sql,
    helpers,
    exec: (s) => sql.raw(s).execute(k),
    scalar: async (s) => Object.values((await sql.raw(s).execute(k)).rows[0])[0],
    close: () => k.destroy(),
  };
}

export const cases = [
  {
    id: 'kysely',
    workload: 'insert',
    label: {
      sqlite: `Kysely: insertInto().values(batch).returning('id'), ${BATCH.toLocaleString('en')} rows a statement, one transaction`,
      postgresql: `Kysely: insertInto().values(batch).returning('id'), ${BATCH.toLocaleString('en')} rows a statement, one transaction`,
      mysql: `Kysely: insertInto().values(batch) (keys: insertId + position; its MySQL driver gives no RETURNING rows), ${BATCH.toLocaleString('en')} rows a statement, one transaction`,
    },
    async run(h, { rows }) {
      const ids = [];
      const data = h.db === 'sqlite' ? rows.map((r) => ({ ...r, created: utcText(r.created) })) : rows;
      await h.k.transaction().execute(async (trx) => {
        for (const batch of chunks(data, BATCH)) {
          if (h.db === 'mysql') {
            const first = Number((await trx.insertInto(USERS).values(batch).executeTakeFirstOrThrow()).insertId);
            for (let i = 0; i < batch.length; i++) ids.push(first + i);
          } else for (const r of await trx.insertInto(USERS).values(batch).returning('id').execute()) ids.push(r.id);
        }
      });
      return ids;
    },
  },
  {
    id: 'kysely',
    workload: 'select',
    label: 'Kysely: selectFrom().selectAll().where(id).executeTakeFirst()',
    run: (h, { ids }) =>
      h.k.connection().execute(async (conn) => {
        let sum = 0;
        for (let k = 0; k < ids.length; k++) {
          const row = await conn.selectFrom(USERS).selectAll().where('id', '=', ids[k]).executeTakeFirst();
          sum += row.id + row.score + row.name.length;
        }
        return sum;
      }),
  },
  {
    id: 'kysely',
    workload: 'load',
    label: 'Kysely: selectFrom().select([...]).execute() (rows)',
    async run(h) {
      const rows = await h.k.selectFrom(USERS).select(['id', 'name', 'email', 'created', 'score']).execute();
      let sum = 0;
      for (const r of rows) sum += r.id + r.score + r.name.length;
      return { count: rows.length, checksum: sum };
    },
  },
  {
    id: 'kysely',
    workload: 'eager',
    label: 'Kysely: one query, children as jsonArrayFrom(subquery) (its nested-relation helper)',
    async run(h) {
      const { jsonArrayFrom } = h.helpers;
      const parents = await h.k
        .selectFrom(PARENTS)
        .select((eb) => ['id', 'name', jsonArrayFrom(eb.selectFrom(CHILDREN).select(['id', 'parent_id', 'name', 'value']).whereRef(`${CHILDREN}.parent_id`, '=', `${PARENTS}.id`).orderBy('id')).as('children')])
        .execute();
      let sum = 0;
      for (const p of parents) for (const c of p.children) sum += p.id * 7 + c.id + c.value;
      return sum;
    },
  },
  {
    id: 'kysely',
    workload: 'update',
    label: 'Kysely: updateTable().set({ score }).where(id) per row in one transaction',
    async run(h, { rows }) {
      await h.k.transaction().execute(async (trx) => {
        for (const r of rows) await trx.updateTable(USERS).set({ score: r.score }).where('id', '=', r.id).execute();
      });
    },
  },
];
