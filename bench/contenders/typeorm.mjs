// TypeORM 1.1: entities declared with EntitySchema (no decorators in plain JavaScript),
// the EntityManager API (insert, findOneBy, find, update) on a DataSource with one connection.
import { CHILDREN, PARENTS, USERS, utcText } from '../lib/fixtures.mjs';
import { BATCH, chunks } from '../lib/util.mjs';

export const id = 'typeorm';

export async function open({ db, target }) {
  await import('reflect-metadata');
  const { DataSource, EntitySchema } = await import('typeorm');
  const User = new EntitySchema({
    name: 'User',
    tableName: USERS,
    columns: {
      id: { type: Number, primary: true, generated: 'increment' },
      name: { type: String, length: 50 },
      email: { type: String, length: 100 },
      // SQLite keeps the timestamp as text (as the table was filled); the servers as a timestamp.
      created: db === 'sqlite' ? { type: 'varchar' } : { type: db === 'postgresql' ? 'timestamp' : 'datetime' },
      score: { type: Number },
    },
  });
  const Parent = new EntitySchema({
    name: 'Parent',
    tableName: PARENTS,
    columns: { id: { type: Number, primary: true }, name: { type: String, length: 50 } },
    relations: { children: { type: 'one-to-many', target: 'Child', inverseSide: 'parent' } },
  });
  const Child = new EntitySchema({
    name: 'Child',
    tableName: CHILDREN,
    columns: { id: { type: Number, primary: true }, parent_id: { type: Number }, name: { type: String, length: 50 }, value: { type: Number } },
    relations: { parent: { type: 'many-to-one', target: 'Parent', joinColumn: { name: 'parent_id' }, inverseSide: 'children' } },
  });
  const common = { entities: [User, Parent, Child], synchronize: false, logging: false };
  const ds = new DataSource(
    db === 'sqlite'
      ? { type: 'better-sqlite3', database: target, ...common }
      : db === 'postgresql'
        ? { type: 'postgres', url: target, poolSize: 1, ...common }
        : { type: 'mariadb', url: target, poolSize: 1, ...common },
  );
  await ds.initialize();
  return {
    db,
    ds,
    User,
    Parent,
    exec: (sql) => ds.query(sql),
    scalar: async (sql) => Object.values((await ds.query(sql))[0])[0],
    close: () => ds.destroy(),
  };
}

export const cases = [
  {
    id: 'typeorm',
    workload: 'insert',
    label: `TypeORM: manager.insert(User, batch) (identifiers back), ${BATCH.toLocaleString('en')} rows a call, one transaction`,
    async run(h, { rows }) {
      const ids = [];
      const data = h.db === 'sqlite' ? rows.map((r) => ({ ...r, created: utcText(r.created) })) : rows;
      await h.ds.transaction(async (m) => {
        for (const batch of chunks(data, BATCH)) for (const idf of (await m.insert(h.User, batch)).identifiers) ids.push(idf.id);
      });
      return ids;
    },
  },
  {
    id: 'typeorm',
    workload: 'select',
    label: 'TypeORM: manager.findOneBy(User, { id })',
    async run(h, { ids }) {
      let sum = 0;
      for (let k = 0; k < ids.length; k++) {
        const u = await h.ds.manager.findOneBy(h.User, { id: ids[k] });
        sum += u.id + u.score + u.name.length;
      }
      return sum;
    },
  },
  {
    id: 'typeorm',
    workload: 'load',
    label: 'TypeORM: manager.find(User) (entities)',
    async run(h) {
      const users = await h.ds.manager.find(h.User);
      let sum = 0;
      for (const u of users) sum += u.id + u.score + u.name.length;
      return { count: users.length, checksum: sum };
    },
  },
  {
    id: 'typeorm-query',
    workload: 'eager',
    label: "TypeORM: find(Parent, { relations: { children: true }, relationLoadStrategy: 'query' }) (select-in)",
    run: (h) => families(h, 'query'),
  },
  {
    id: 'typeorm-join',
    workload: 'eager',
    label: "TypeORM: find(Parent, { relations: { children: true } }) (its default: joined)",
    run: (h) => families(h, 'join'),
  },
  {
    id: 'typeorm',
    workload: 'update',
    label: 'TypeORM: manager.update(User, id, { score }) per row in one transaction',
    async run(h, { rows }) {
      await h.ds.transaction(async (m) => {
        for (const r of rows) await m.update(h.User, r.id, { score: r.score });
      });
    },
  },
];

async function families(h, relationLoadStrategy) {
  const parents = await h.ds.manager.find(h.Parent, { relations: { children: true }, relationLoadStrategy });
  let sum = 0;
  for (const p of parents) for (const c of p.children) sum += p.id * 7 + c.id + c.value;
  return sum;
}
