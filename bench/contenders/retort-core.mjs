// Retort Core: statements built with select()/insert()/update() on a Connection.
import { openRetort } from '../lib/retort.mjs';
import { BATCH, chunks } from '../lib/util.mjs';

export const id = 'retort-core';
export const ownsSetup = true; // openRetort() runs the SQLite setup on the engine's one connection
export const open = (ctx) => openRetort(ctx, ctx.variant === 'autocommit' ? { isolationLevel: 'AUTOCOMMIT' } : {});

/** Runs fn on one connection and commits (Retort begins a transaction on first use). */
async function onConnection(h, fn) {
  const conn = (h.conn ??= await h.engine.connect());
  const out = await fn(conn);
  await conn.commit();
  return out;
}

async function selectLoop(h, ids, statementFor, params) {
  return onConnection(h, async (conn) => {
    let sum = 0;
    for (let k = 0; k < ids.length; k++) {
      const row = (await conn.execute(statementFor(ids[k]), params(ids[k]))).one();
      sum += row.id + row.score + row.name.length;
    }
    return sum;
  });
}

async function releaseConnection(h) {
  if (h.conn) await h.conn.close();
  h.conn = undefined;
}

export const cases = [
  {
    id: 'retort-core-executemany',
    workload: 'insert',
    retort: 'core',
    label: 'Retort Core: conn.execute(insert(users).returning(users.c.id), rows)',
    async run(h, { rows }) {
      const { insert } = h.retort;
      const ids = await onConnection(h, async (conn) => (await conn.execute(insert(h.users).returning(h.users.c.id), rows)).all().map((r) => r.id));
      await releaseConnection(h);
      return ids;
    },
  },
  {
    id: 'retort-core-values',
    workload: 'insert',
    retort: 'core',
    label: `Retort Core: insert(users).values(batch).returning(users.c.id), ${BATCH.toLocaleString('en')} rows a statement`,
    async run(h, { rows }) {
      const { insert } = h.retort;
      const ids = await onConnection(h, async (conn) => {
        const out = [];
        for (const batch of chunks(rows, BATCH)) for (const r of (await conn.execute(insert(h.users).values(batch).returning(h.users.c.id))).all()) out.push(r.id);
        return out;
      });
      await releaseConnection(h);
      return ids;
    },
  },
  {
    id: 'retort-core-built',
    workload: 'select',
    retort: 'core',
    label: 'Retort Core: select() built per call',
    run(h, { ids }) {
      const { select } = h.retort;
      const u = h.users.c;
      return selectLoop(h, ids, (id) => select(u.id, u.name, u.email, u.created, u.score).where(u.id.eq(id)), () => undefined);
    },
  },
  {
    id: 'retort-core-bindparam',
    workload: 'select',
    retort: 'core',
    label: 'Retort Core: reused select() + bindparam',
    run(h, { ids }) {
      const { select, bindparam, integer } = h.retort;
      const u = h.users.c;
      const stmt = (h.byId ??= select(u.id, u.name, u.email, u.created, u.score).where(u.id.eq(bindparam('id', integer()))));
      return selectLoop(h, ids, () => stmt, (id) => ({ id }));
    },
  },
  {
    // Retort holds one transaction for the loop; the raw drivers run each SELECT in autocommit.
    id: 'retort-core-bindparam-autocommit',
    workload: 'select',
    variant: 'autocommit',
    retort: 'core',
    dbs: ['postgresql', 'mysql'],
    label: 'Retort Core: reused select() + bindparam, AUTOCOMMIT engine',
    run(h, { ids }) {
      const { select, bindparam, integer } = h.retort;
      const u = h.users.c;
      const stmt = (h.byId ??= select(u.id, u.name, u.email, u.created, u.score).where(u.id.eq(bindparam('id', integer()))));
      return selectLoop(h, ids, () => stmt, (id) => ({ id }));
    },
  },
  {
    id: 'retort-core',
    workload: 'load',
    retort: 'core',
    goal: 'load-core',
    label: 'Retort Core: conn.execute(select(users)).all() (rows)',
    async run(h) {
      const { select } = h.retort;
      const rows = await onConnection(h, async (conn) => (await conn.execute(select(h.users))).all());
      let sum = 0;
      for (const r of rows) sum += r.id + r.score + r.name.length;
      return { count: rows.length, checksum: sum };
    },
  },
  {
    id: 'retort-core',
    workload: 'eager',
    retort: 'core',
    label: 'Retort Core: two selects (children where parentId.in(ids)), grouped in a Map',
    async run(h) {
      const { select } = h.retort;
      return onConnection(h, async (conn) => {
        const parents = (await conn.execute(select(h.parents))).all();
        const kids = new Map(parents.map((p) => [p.id, []]));
        const rows = (await conn.execute(select(h.children).where(h.children.c.parentId.in(parents.map((p) => p.id))))).all();
        for (const c of rows) kids.get(c.parentId).push(c);
        let sum = 0;
        for (const p of parents) for (const c of kids.get(p.id)) sum += p.id * 7 + c.id + c.value;
        return sum;
      });
    },
  },
  {
    id: 'retort-core',
    workload: 'update',
    retort: 'core',
    label: 'Retort Core: conn.execute(update(users), rows) (executemany by primary key)',
    async run(h, { rows }) {
      const { update } = h.retort;
      await onConnection(h, (conn) => conn.execute(update(h.users), rows));
      await releaseConnection(h);
    },
  },
];

/** Called by the worker after the timed part, before scalar(): the pool has one connection. */
export const release = releaseConnection;
