// Retort ORM: a Session over the models in lib/retort.mjs (identity map, unit of work).
import { openRetort } from '../lib/retort.mjs';
import { NotAvailable } from '../lib/util.mjs';

export const id = 'retort-orm';
export const ownsSetup = true; // openRetort() runs the SQLite setup on the engine's one connection
export const open = (ctx) => openRetort(ctx);

/**
 * A new Session for each call (a fresh identity map: no object comes from an earlier call),
 * closed at the end as a user would (inside the timed call). Reads do not commit.
 */
async function withSession(h, fn) {
  const session = new h.retort.Session(h.engine);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}

/** An ORM-enabled DML statement on a model, or NotAvailable when this build does not take one. */
function ormStatement(h, kind, model) {
  try {
    return h.retort[kind](model);
  } catch (e) {
    throw new NotAvailable(`${kind}(${model.name}) is not accepted by this build: ${String(e?.message ?? e).split('\n')[0]}`);
  }
}

function familySum(parents) {
  let sum = 0;
  for (const p of parents) for (const c of p.children) sum += p.id * 7 + c.id + c.value;
  return sum;
}

export const cases = [
  {
    id: 'retort-orm-flush',
    workload: 'insert',
    retort: 'orm',
    goal: 'insert',
    label: 'Retort ORM: session.addAll(new User(…) × n); flush()',
    run: (h, { rows }) =>
      withSession(h, async (session) => {
        const objs = rows.map((r) => new h.User(r));
        session.addAll(objs);
        await session.flush();
        const ids = objs.map((o) => o.id);
        await session.commit();
        return ids;
      }),
  },
  {
    id: 'retort-orm-execute',
    workload: 'insert',
    retort: 'orm',
    label: 'Retort ORM: session.execute(insert(User).returning(User.c.id), rows)',
    async run(h, { rows }) {
      const stmt = ormStatement(h, 'insert', h.User).returning(h.User.c.id);
      return withSession(h, async (session) => {
        const ids = (await session.execute(stmt, rows)).all().map((r) => r.id);
        await session.commit();
        return ids;
      });
    },
  },
  {
    id: 'retort-orm-get',
    workload: 'select',
    retort: 'orm',
    goal: 'select',
    label: 'Retort ORM: session.get(User, id)',
    run: (h, { ids }) =>
      withSession(h, async (session) => {
        let sum = 0;
        for (let k = 0; k < ids.length; k++) {
          const u = await session.get(h.User, ids[k]);
          sum += u.id + u.score + u.name.length;
        }
        return sum;
      }),
  },
  {
    id: 'retort-orm-select',
    workload: 'select',
    retort: 'orm',
    goal: 'select',
    label: 'Retort ORM: session.scalars(select(User).where(User.c.id.eq(id))).one()',
    run: (h, { ids }) =>
      withSession(h, async (session) => {
        const { select } = h.retort;
        const U = h.User;
        let sum = 0;
        for (let k = 0; k < ids.length; k++) {
          const u = (await session.scalars(select(U).where(U.c.id.eq(ids[k])))).one();
          sum += u.id + u.score + u.name.length;
        }
        return sum;
      }),
  },
  {
    id: 'retort-orm',
    workload: 'load',
    retort: 'orm',
    goal: 'load',
    label: 'Retort ORM: session.scalars(select(User)).all() (entities)',
    run: (h) =>
      withSession(h, async (session) => {
        const users = (await session.scalars(h.retort.select(h.User))).all();
        let sum = 0;
        for (const u of users) sum += u.id + u.score + u.name.length;
        return { count: users.length, checksum: sum };
      }),
  },
  {
    id: 'retort-orm-selectin',
    workload: 'eager',
    retort: 'orm',
    goal: 'eager',
    label: 'Retort ORM: select(Parent).options(selectinLoad(Parent.c.children))',
    run: (h) =>
      withSession(h, async (session) => {
        const { select, selectinLoad } = h.retort;
        const parents = (await session.scalars(select(h.Parent).options(selectinLoad(h.Parent.c.children)))).all();
        const sum = familySum(parents);
        return sum;
      }),
  },
  {
    id: 'retort-orm-joined',
    workload: 'eager',
    retort: 'orm',
    label: 'Retort ORM: select(Parent).options(joinedLoad(Parent.c.children))',
    run: (h) =>
      withSession(h, async (session) => {
        const { select, joinedLoad } = h.retort;
        const parents = (await session.scalars(select(h.Parent).options(joinedLoad(h.Parent.c.children)))).all();
        const sum = familySum(parents);
        return sum;
      }),
  },
  {
    id: 'retort-orm',
    workload: 'update',
    retort: 'orm',
    label: 'Retort ORM: session.execute(update(User), rows) (bulk UPDATE by primary key)',
    async run(h, { rows }) {
      const stmt = ormStatement(h, 'update', h.User);
      await withSession(h, async (session) => {
        await session.execute(stmt, rows);
        await session.commit();
      });
    },
  },
];
