// MikroORM 6.6.16 (7.x needs Node 22): EntitySchema entities, a forked EntityManager (its own
// identity map) for each workload, flush() for writes. On MariaDB its own driver package
// (@mikro-orm/mariadb, on the `mariadb` connector).
import { CHILDREN, PARENTS, USERS, utcText } from '../lib/fixtures.mjs';

export const id = 'mikroorm';
const PACKAGES = { sqlite: '@mikro-orm/better-sqlite', postgresql: '@mikro-orm/postgresql', mysql: '@mikro-orm/mariadb' };

export async function open({ db, target }) {
  const { MikroORM, EntitySchema } = await import(PACKAGES[db]);
  const User = new EntitySchema({
    name: 'User',
    tableName: USERS,
    properties: {
      id: { type: 'number', primary: true, autoincrement: true },
      name: { type: 'string', length: 50 },
      email: { type: 'string', length: 100 },
      created: db === 'sqlite' ? { type: 'string' } : { type: 'Date' },
      score: { type: 'number' },
    },
  });
  const Parent = new EntitySchema({
    name: 'Parent',
    tableName: PARENTS,
    properties: { id: { type: 'number', primary: true, autoincrement: false }, name: { type: 'string', length: 50 }, children: { kind: '1:m', entity: 'Child', mappedBy: 'parent' } },
  });
  const Child = new EntitySchema({
    name: 'Child',
    tableName: CHILDREN,
    properties: { id: { type: 'number', primary: true, autoincrement: false }, parent: { kind: 'm:1', entity: 'Parent', fieldName: 'parent_id' }, name: { type: 'string', length: 50 }, value: { type: 'number' } },
  });
  const orm = await MikroORM.init({
    entities: [User, Parent, Child],
    ...(db === 'sqlite' ? { dbName: target } : { clientUrl: target }),
    pool: { min: 1, max: 1 },
    debug: false,
    allowGlobalContext: true,
  });
  const conn = () => orm.em.getConnection();
  return {
    db,
    orm,
    User,
    Parent,
    exec: (sql) => conn().execute(sql),
    scalar: async (sql) => Object.values((await conn().execute(sql))[0])[0],
    close: () => orm.close(true),
  };
}

export const cases = [
  {
    id: 'mikroorm',
    workload: 'insert',
    label: 'MikroORM: em.create(User, row) × n; em.flush() (it batches the INSERTs)',
    async run(h, { rows }) {
      const em = h.orm.em.fork();
      const objs = rows.map((r) => em.create(h.User, h.db === 'sqlite' ? { ...r, created: utcText(r.created) } : r));
      await em.flush();
      return objs.map((o) => o.id);
    },
  },
  {
    id: 'mikroorm',
    workload: 'select',
    label: 'MikroORM: em.findOne(User, id)',
    async run(h, { ids }) {
      const em = h.orm.em.fork();
      let sum = 0;
      for (let k = 0; k < ids.length; k++) {
        const u = await em.findOne(h.User, ids[k]);
        sum += u.id + u.score + u.name.length;
      }
      return sum;
    },
  },
  {
    id: 'mikroorm',
    workload: 'load',
    label: 'MikroORM: em.find(User, {}) (entities)',
    async run(h) {
      const users = await h.orm.em.fork().find(h.User, {});
      let sum = 0;
      for (const u of users) sum += u.id + u.score + u.name.length;
      return { count: users.length, checksum: sum };
    },
  },
  {
    id: 'mikroorm-selectin',
    workload: 'eager',
    label: "MikroORM: em.find(Parent, {}, { populate: ['children'], strategy: 'select-in' })",
    run: (h) => families(h, 'select-in'),
  },
  {
    id: 'mikroorm-joined',
    workload: 'eager',
    label: "MikroORM: em.find(Parent, {}, { populate: ['children'], strategy: 'joined' })",
    run: (h) => families(h, 'joined'),
  },
  {
    id: 'mikroorm',
    workload: 'update',
    label: 'MikroORM: em.getReference(User, id).score = …; em.flush() (it batches the UPDATEs)',
    async run(h, { rows }) {
      const em = h.orm.em.fork();
      for (const r of rows) em.getReference(h.User, r.id).score = r.score;
      await em.flush();
    },
  },
];

async function families(h, strategy) {
  const parents = await h.orm.em.fork().find(h.Parent, {}, { populate: ['children'], strategy });
  let sum = 0;
  for (const p of parents) for (const c of p.children) sum += p.id * 7 + c.id + c.value;
  return sum;
}
