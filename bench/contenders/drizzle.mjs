// Drizzle ORM 0.45: tables and relations declared per database, prepared statements with
// sql.placeholder where Drizzle offers them, relational queries for eager loading.
import { CHILDREN, PARENTS, USERS, utcText } from '../lib/fixtures.mjs';
import { BATCH, chunks } from '../lib/util.mjs';

export const id = 'drizzle';

export async function open({ db, target }) {
  const { eq, sql, relations } = await import('drizzle-orm');
  let core;
  let client;
  let ddb;
  let close;
  if (db === 'sqlite') {
    core = await import('drizzle-orm/sqlite-core');
    const Database = (await import('better-sqlite3')).default;
    client = new Database(target);
    close = () => client.close();
  } else if (db === 'postgresql') {
    core = await import('drizzle-orm/pg-core');
    const pg = (await import('pg')).default;
    client = new pg.Client({ connectionString: target });
    await client.connect();
    close = () => client.end();
  } else {
    core = await import('drizzle-orm/mysql-core');
    const mysql = await import('mysql2/promise');
    client = await mysql.createConnection({ uri: target });
    close = () => client.end();
  }
  const table = db === 'sqlite' ? core.sqliteTable : db === 'postgresql' ? core.pgTable : core.mysqlTable;
  const int = db === 'mysql' ? core.int : core.integer;
  const str = db === 'sqlite' ? (name, length) => core.text(name, { length }) : (name, length) => core.varchar(name, { length });
  const created = db === 'sqlite' ? core.text('created') : db === 'postgresql' ? core.timestamp('created') : core.datetime('created', { fsp: 3 });
  const idCol = db === 'sqlite' ? core.integer('id').primaryKey() : db === 'postgresql' ? core.serial('id').primaryKey() : core.int('id').autoincrement().primaryKey();
  const users = table(USERS, { id: idCol, name: str('name', 50).notNull(), email: str('email', 100).notNull(), created: created.notNull(), score: int('score').notNull() });
  const parents = table(PARENTS, { id: int('id').primaryKey(), name: str('name', 50).notNull() });
  const children = table(CHILDREN, { id: int('id').primaryKey(), parentId: int('parent_id').notNull(), name: str('name', 50).notNull(), value: int('value').notNull() });
  const parentsRelations = relations(parents, ({ many }) => ({ children: many(children) }));
  const childrenRelations = relations(children, ({ one }) => ({ parent: one(parents, { fields: [children.parentId], references: [parents.id] }) }));
  const schema = { users, parents, children, parentsRelations, childrenRelations };
  const { drizzle } = await import(db === 'sqlite' ? 'drizzle-orm/better-sqlite3' : db === 'postgresql' ? 'drizzle-orm/node-postgres' : 'drizzle-orm/mysql2');
  // (Drizzle 0.45 rejects { client, mode } as a config object on mysql2: the two-argument form.)
  ddb = db === 'mysql' ? drizzle(client, { schema, mode: 'default' }) : drizzle({ client, schema });
  const run = (q) => (db === 'sqlite' ? q.all() : q);
  return {
    db,
    ddb,
    users,
    eq,
    sql,
    exec: (s) => (db === 'sqlite' ? ddb.run(sql.raw(s)) : ddb.execute(sql.raw(s))),
    scalar: async (s) => {
      if (db === 'sqlite') return Object.values(ddb.get(sql.raw(s)))[0];
      const r = await ddb.execute(sql.raw(s));
      return Object.values(db === 'postgresql' ? r.rows[0] : r[0][0])[0];
    },
    all: run,
    close,
  };
}

export const cases = [
  {
    id: 'drizzle',
    workload: 'insert',
    label: { sqlite: `Drizzle: insert().values(batch).returning({ id }), ${BATCH.toLocaleString('en')} rows a statement, one transaction`, postgresql: `Drizzle: insert().values(batch).returning({ id }), ${BATCH.toLocaleString('en')} rows a statement, one transaction`, mysql: `Drizzle: insert().values(batch).$returningId(), ${BATCH.toLocaleString('en')} rows a statement, one transaction` },
    async run(h, { rows }) {
      const ids = [];
      const { users } = h;
      if (h.db === 'sqlite') {
        const data = rows.map((r) => ({ ...r, created: utcText(r.created) }));
        h.ddb.transaction((tx) => {
          for (const batch of chunks(data, BATCH)) for (const r of tx.insert(users).values(batch).returning({ id: users.id }).all()) ids.push(r.id);
        });
        return ids;
      }
      await h.ddb.transaction(async (tx) => {
        for (const batch of chunks(rows, BATCH)) {
          const res = h.db === 'postgresql' ? await tx.insert(users).values(batch).returning({ id: users.id }) : await tx.insert(users).values(batch).$returningId();
          for (const r of res) ids.push(r.id);
        }
      });
      return ids;
    },
  },
  {
    id: 'drizzle',
    workload: 'select',
    label: 'Drizzle: select().from(users).where(eq(id, placeholder)).prepare()',
    async run(h, { ids }) {
      const { users, eq, sql } = h;
      const q = h.ddb.select().from(users).where(eq(users.id, sql.placeholder('id')));
      const prepared = (h.byId ??= h.db === 'postgresql' ? q.prepare('bench_drizzle_user_by_id') : q.prepare());
      let sum = 0;
      if (h.db === 'sqlite') {
        for (let k = 0; k < ids.length; k++) {
          const row = prepared.get({ id: ids[k] });
          sum += row.id + row.score + row.name.length;
        }
        return sum;
      }
      for (let k = 0; k < ids.length; k++) {
        const row = (await prepared.execute({ id: ids[k] }))[0];
        sum += row.id + row.score + row.name.length;
      }
      return sum;
    },
  },
  {
    id: 'drizzle',
    workload: 'load',
    label: 'Drizzle: select().from(users) (objects)',
    async run(h) {
      const rows = await h.all(h.ddb.select().from(h.users));
      let sum = 0;
      for (const r of rows) sum += r.id + r.score + r.name.length;
      return { count: rows.length, checksum: sum };
    },
  },
  {
    id: 'drizzle',
    workload: 'eager',
    label: 'Drizzle: db.query.parents.findMany({ with: { children: true } }) (relational query, one statement)',
    async run(h) {
      const q = h.ddb.query.parents.findMany({ with: { children: true } });
      const parents = h.db === 'sqlite' ? q.sync() : await q;
      let sum = 0;
      for (const p of parents) for (const c of p.children) sum += p.id * 7 + c.id + c.value;
      return sum;
    },
  },
  {
    id: 'drizzle',
    workload: 'update',
    label: 'Drizzle: prepared update().set({ score: placeholder }).where(eq(id, placeholder)) per row, one transaction',
    async run(h, { rows }) {
      const { users, eq, sql } = h;
      if (h.db === 'sqlite') {
        h.ddb.transaction((tx) => {
          const p = tx.update(users).set({ score: sql.placeholder('score') }).where(eq(users.id, sql.placeholder('id'))).prepare();
          for (const r of rows) p.run({ id: r.id, score: r.score });
        });
        return;
      }
      await h.ddb.transaction(async (tx) => {
        const q = tx.update(users).set({ score: sql.placeholder('score') }).where(eq(users.id, sql.placeholder('id')));
        const p = h.db === 'postgresql' ? q.prepare('bench_drizzle_update') : q.prepare();
        for (const r of rows) await p.execute({ id: r.id, score: r.score });
      });
    },
  },
];
