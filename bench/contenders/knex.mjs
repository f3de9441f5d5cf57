// knex 3, a query builder: one pooled connection, each workload the way its docs write it.
import { CHILDREN, PARENTS, USERS } from '../lib/fixtures.mjs';
import { BATCH, chunks } from '../lib/util.mjs';

export const id = 'knex';
const CLIENTS = { sqlite: 'better-sqlite3', postgresql: 'pg', mysql: 'mysql2' };

export async function open({ db, target }) {
  const knex = (await import('knex')).default;
  const k = knex({
    client: CLIENTS[db],
    connection: db === 'sqlite' ? { filename: target } : target,
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  return {
    db,
    k,
    exec: (sql) => k.raw(sql),
    scalar: async (sql) => {
      const r = await k.raw(sql);
      const row = db === 'postgresql' ? r.rows[0] : db === 'mysql' ? r[0][0] : r[0];
      return Object.values(row)[0];
    },
    close: () => k.destroy(),
  };
}

export const cases = [
  {
    id: 'knex',
    workload: 'insert',
    // knex writes a multi-row insert on SQLite as INSERT … SELECT … UNION ALL SELECT …, and
    // SQLite takes at most 500 terms in a compound SELECT: 500 rows a statement there.
    label: { sqlite: "knex: trx(table).insert(batch).returning('id'), 500 rows a statement (knex's SQLite form allows no more)", postgresql: `knex: trx(table).insert(batch).returning('id'), ${BATCH.toLocaleString('en')} rows a statement`, mysql: `knex: trx(table).insert(batch) (keys: insertId + position; knex has no RETURNING on MySQL), ${BATCH.toLocaleString('en')} rows a statement` },
    async run(h, { rows }) {
      const ids = [];
      await h.k.transaction(async (trx) => {
        for (const batch of chunks(rows, h.db === 'sqlite' ? 500 : BATCH)) {
          if (h.db === 'mysql') {
            const [first] = await trx(USERS).insert(batch);
            for (let i = 0; i < batch.length; i++) ids.push(first + i);
          } else {
            for (const r of await trx(USERS).insert(batch).returning('id')) ids.push(r.id);
          }
        }
      });
      return ids;
    },
  },
  {
    id: 'knex',
    workload: 'select',
    label: "knex: knex(table).where('id', id).first()",
    async run(h, { ids }) {
      let sum = 0;
      for (let k = 0; k < ids.length; k++) {
        const row = await h.k(USERS).where('id', ids[k]).first();
        sum += row.id + row.score + row.name.length;
      }
      return sum;
    },
  },
  {
    id: 'knex',
    workload: 'load',
    label: 'knex: knex(table).select() (rows)',
    async run(h) {
      const rows = await h.k(USERS).select('id', 'name', 'email', 'created', 'score');
      let sum = 0;
      for (const r of rows) sum += r.id + r.score + r.name.length;
      return { count: rows.length, checksum: sum };
    },
  },
  {
    id: 'knex',
    workload: 'eager',
    label: 'knex: two queries (whereIn parent ids), grouped in a Map',
    async run(h) {
      const parents = await h.k(PARENTS).select('id', 'name');
      const kids = new Map(parents.map((p) => [p.id, []]));
      for (const c of await h.k(CHILDREN).select('id', 'parent_id', 'name', 'value').whereIn('parent_id', [...kids.keys()])) kids.get(c.parent_id).push(c);
      let sum = 0;
      for (const p of parents) for (const c of kids.get(p.id)) sum += p.id * 7 + c.id + c.value;
      return sum;
    },
  },
  {
    id: 'knex',
    workload: 'update',
    label: "knex: trx(table).where('id', id).update({ score }) per row in one transaction",
    async run(h, { rows }) {
      await h.k.transaction(async (trx) => {
        for (const r of rows) await trx(USERS).where('id', r.id).update({ score: r.score });
      });
    },
  },
];
