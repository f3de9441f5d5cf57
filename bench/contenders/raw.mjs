// The raw drivers: better-sqlite3, pg and mysql2, each used the fastest plain way. Every
// ratio in the results is to these lines (same database, same run).
import { CHILDREN, PARENTS, USERS, utcText } from '../lib/fixtures.mjs';
import { chunks, BATCH } from '../lib/util.mjs';

export const id = 'raw';

export async function open({ db, target }) {
  if (db === 'sqlite') {
    const Database = (await import('better-sqlite3')).default;
    const sqlite = new Database(target);
    return { db, sqlite, exec: (sql) => sqlite.exec(sql), scalar: (sql) => sqlite.prepare(sql).pluck().get(), close: () => sqlite.close() };
  }
  if (db === 'postgresql') {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    return { db, client, exec: (sql) => client.query(sql), scalar: async (sql) => Object.values((await client.query(sql)).rows[0])[0], close: () => client.end() };
  }
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({ uri: target });
  return { db, conn, exec: (sql) => conn.query(sql), scalar: async (sql) => Object.values((await conn.query(sql))[0][0])[0], close: () => conn.end() };
}

const COLS = 'id, name, email, created, score';
const PH = (db, n) => (db === 'postgresql' ? `$${n}` : '?');

async function inTransaction(h, fn) {
  if (h.db === 'sqlite') return h.sqlite.transaction(fn)();
  const q = h.db === 'postgresql' ? (s) => h.client.query(s) : (s) => h.conn.query(s);
  await q('BEGIN');
  try {
    const out = await fn();
    await q('COMMIT');
    return out;
  } catch (e) {
    await q('ROLLBACK');
    throw e;
  }
}

export const cases = [
  {
    id: 'raw',
    workload: 'insert',
    baseline: true,
    label: {
      sqlite: 'raw better-sqlite3: prepared INSERT, run() per row in one transaction (lastInsertRowid)',
      postgresql: `raw pg: multi-row INSERT … VALUES … RETURNING id, ${BATCH.toLocaleString('en')} rows a statement, one transaction`,
      mysql: `raw mysql2: query('INSERT … VALUES ? RETURNING id', [rows]), ${BATCH.toLocaleString('en')} rows a statement, one transaction`,
    },
    async run(h, { rows }) {
      const ids = new Array(rows.length);
      if (h.db === 'sqlite') {
        const stmt = h.sqlite.prepare(`INSERT INTO ${USERS} (name, email, created, score) VALUES (?, ?, ?, ?)`);
        h.sqlite.transaction(() => {
          for (let i = 0; i < rows.length; i++) {
            const r = rows[i];
            ids[i] = Number(stmt.run(r.name, r.email, utcText(r.created), r.score).lastInsertRowid);
          }
        })();
        return ids;
      }
      await inTransaction(h, async () => {
        let at = 0;
        for (const batch of chunks(rows, BATCH)) {
          if (h.db === 'postgresql') {
            const values = [];
            const tuples = [];
            for (const r of batch) {
              const n = values.length;
              tuples.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4})`);
              values.push(r.name, r.email, r.created, r.score);
            }
            const res = await h.client.query(`INSERT INTO ${USERS} (name, email, created, score) VALUES ${tuples.join(', ')} RETURNING id`, values);
            for (const row of res.rows) ids[at++] = row.id;
          } else {
            const [res] = await h.conn.query(`INSERT INTO ${USERS} (name, email, created, score) VALUES ? RETURNING id`, [batch.map((r) => [r.name, r.email, r.created, r.score])]);
            for (const row of res) ids[at++] = row.id;
          }
        }
      });
      return ids;
    },
  },
  {
    id: 'raw',
    workload: 'select',
    baseline: true,
    label: { sqlite: 'raw better-sqlite3: reused stmt.get(id)', postgresql: 'raw pg: client.query({text, values})', mysql: 'raw mysql2: conn.execute(sql, [id])' },
    async run(h, { ids }) {
      const sql = `SELECT ${COLS} FROM ${USERS} WHERE id = ${PH(h.db, 1)}`;
      let sum = 0;
      if (h.db === 'sqlite') {
        const stmt = (h.byId ??= h.sqlite.prepare(sql));
        for (let k = 0; k < ids.length; k++) {
          const row = stmt.get(ids[k]);
          sum += row.id + row.score + row.name.length;
        }
      } else if (h.db === 'postgresql') {
        for (let k = 0; k < ids.length; k++) {
          const row = (await h.client.query({ text: sql, values: [ids[k]] })).rows[0];
          sum += row.id + row.score + row.name.length;
        }
      } else {
        for (let k = 0; k < ids.length; k++) {
          const [rows] = await h.conn.execute(sql, [ids[k]]);
          const row = rows[0];
          sum += row.id + row.score + row.name.length;
        }
      }
      return sum;
    },
  },
  {
    id: 'raw-named',
    workload: 'select',
    dbs: ['postgresql'],
    label: 'raw pg: named prepared statement',
    async run(h, { ids }) {
      const text = `SELECT ${COLS} FROM ${USERS} WHERE id = $1`;
      let sum = 0;
      for (let k = 0; k < ids.length; k++) {
        const row = (await h.client.query({ name: 'bench_user_by_id', text, values: [ids[k]] })).rows[0];
        sum += row.id + row.score + row.name.length;
      }
      return sum;
    },
  },
  {
    id: 'raw',
    workload: 'load',
    baseline: true,
    label: { sqlite: 'raw better-sqlite3: stmt.all()', postgresql: 'raw pg: client.query(sql).rows', mysql: 'raw mysql2: conn.query(sql)' },
    async run(h) {
      const sql = `SELECT ${COLS} FROM ${USERS}`;
      const rows = h.db === 'sqlite' ? h.sqlite.prepare(sql).all() : h.db === 'postgresql' ? (await h.client.query(sql)).rows : (await h.conn.query(sql))[0];
      return loadSum(rows);
    },
  },
  {
    id: 'raw',
    workload: 'eager',
    baseline: true,
    label: 'raw driver: two queries (parents; children WHERE parent_id IN (…)), grouped in a Map',
    async run(h) {
      const parents = await all(h, `SELECT id, name FROM ${PARENTS}`, []);
      const byId = new Map();
      for (const p of parents) {
        p.children = [];
        byId.set(p.id, p);
      }
      const ids = parents.map((p) => p.id);
      const list = ids.map((_, i) => PH(h.db, i + 1)).join(', ');
      const children = await all(h, `SELECT id, parent_id, name, value FROM ${CHILDREN} WHERE parent_id IN (${list})`, ids);
      for (const c of children) byId.get(c.parent_id).children.push(c);
      return familySum(parents);
    },
  },
  {
    id: 'raw',
    workload: 'update',
    baseline: true,
    label: { sqlite: 'raw better-sqlite3: prepared UPDATE, run() per row in one transaction', postgresql: 'raw pg: UPDATE per row (named prepared statement) in one transaction', mysql: 'raw mysql2: conn.execute(UPDATE …) per row in one transaction' },
    async run(h, { rows }) {
      const sql = `UPDATE ${USERS} SET score = ${PH(h.db, 1)} WHERE id = ${PH(h.db, 2)}`;
      if (h.db === 'sqlite') {
        const stmt = h.sqlite.prepare(sql);
        h.sqlite.transaction(() => {
          for (const r of rows) stmt.run(r.score, r.id);
        })();
        return;
      }
      await inTransaction(h, async () => {
        if (h.db === 'postgresql') for (const r of rows) await h.client.query({ name: 'bench_update_score', text: sql, values: [r.score, r.id] });
        else for (const r of rows) await h.conn.execute(sql, [r.score, r.id]);
      });
    },
  },
];

async function all(h, sql, params) {
  if (h.db === 'sqlite') return h.sqlite.prepare(sql).all(...params);
  if (h.db === 'postgresql') return (await h.client.query(sql, params)).rows;
  return (await h.conn.execute(sql, params))[0];
}

function loadSum(rows) {
  let sum = 0;
  for (const r of rows) sum += r.id + r.score + r.name.length;
  return { count: rows.length, checksum: sum };
}

function familySum(parents) {
  let sum = 0;
  for (const p of parents) for (const c of p.children) sum += p.id * 7 + c.id + c.value;
  return sum;
}
