// Retort as a user imports it (the repository's own build, through its package exports),
// the benchmark's models and tables, and an engine with one pooled connection.
import { createRequire } from 'node:module';
import { CHILDREN, PARENTS, USERS } from './fixtures.mjs';

/** RETORT_BENCH_MODULE=/path/to/dist/cjs/core/index.js measures another build (before/after). */
export function loadRetort() {
  const req = createRequire(new URL('../../package.json', import.meta.url));
  return req(process.env.RETORT_BENCH_MODULE || 'retort');
}

export async function openRetort({ db, target, setup }, engineOptions = {}) {
  const retort = loadRetort();
  const { createEngine, declarativeBase, column, integer, string, datetime, foreignKey, many, one } = retort;
  const Base = declarativeBase();
  class User extends Base.model(USERS, {
    id: column(integer(), { primaryKey: true }),
    name: column(string(50), { nullable: false }),
    email: column(string(100), { nullable: false }),
    created: column(datetime(), { nullable: false }),
    score: column(integer(), { nullable: false }),
  }) {}
  class Parent extends Base.model(PARENTS, {
    id: column(integer(), { primaryKey: true }),
    name: column(string(50), { nullable: false }),
    children: many('Child', { backPopulates: 'parent' }),
  }) {}
  class Child extends Base.model(CHILDREN, {
    id: column(integer(), { primaryKey: true }),
    parentId: column(integer(), { name: 'parent_id', nullable: false, references: foreignKey(`${PARENTS}.id`) }),
    name: column(string(50), { nullable: false }),
    value: column(integer(), { nullable: false }),
    parent: one('Parent', { backPopulates: 'children' }),
  }) {}
  Base.register(User, Parent, Child);

  const url = db === 'sqlite' ? `sqlite:///${target}` : target;
  const engine = createEngine(url, { pool: { size: 1, maxOverflow: 0 }, ...engineOptions });
  const raw = async (fn) => {
    const conn = await engine.connect();
    try {
      const out = await fn(conn);
      await conn.commit();
      return out;
    } finally {
      await conn.close();
    }
  };
  // An in-memory SQLite database lives in the engine's one pooled connection: fill it there.
  if (setup.length) await raw(async (conn) => {
    for (const sql of setup) await conn.execDriverSql(sql);
  });
  return {
    db,
    retort,
    engine,
    User,
    Parent,
    Child,
    users: User.table,
    parents: Parent.table,
    children: Child.table,
    scalar: (sql) => raw(async (conn) => Number((await conn.execDriverSql(sql)).scalar())),
    close: () => engine.dispose(),
  };
}
