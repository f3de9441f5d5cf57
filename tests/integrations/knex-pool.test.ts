/**
 * An engine made from knex borrows knex's pooled connections: one pool for both libraries,
 * every checkout given back (also after errors and under concurrency), knex's limits and
 * timeouts apply, and values read on knex's connections are the same as on Retort's own.
 */
import knexFactory from 'knex';
import {
  bigint,
  binary,
  boolean,
  column,
  createEngine,
  createEngineFromKnex,
  date,
  datetime,
  func,
  insert,
  integer,
  json,
  MetaData,
  numeric,
  PoolTimeoutError,
  select,
  string,
  Table,
  textType,
  time,
} from 'retort';
import { tableName } from '../support/matrix';
import { forEachKnexLeg, knexConfig, knexInUse } from './support/knex-legs';

const md = new MetaData();
const items = new Table(tableName('kxp', 'items'), md, {
  id: column(integer(), { primaryKey: true }),
  label: column(string(40), { nullable: false }),
});
const values = new Table(tableName('kxp', 'values'), md, {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  big: column(bigint()),
  price: column(numeric(12, 2)),
  doc: column(json()),
  at: column(datetime()),
  atTz: column(datetime({ timezone: true }), { name: 'at_tz' }),
  day: column(date()),
  clock: column(time()),
  flag: column(boolean()),
  blob: column(binary(16)),
  note: column(textType()),
});

forEachKnexLeg(
  "an engine on knex's pool",
  (ctx) => {
    beforeAll(async () => {
      await md.dropAll(ctx.engine);
      await md.createAll(ctx.engine);
    });
    afterAll(async () => {
      await md.dropAll(ctx.engine);
    });

    it('borrows a knex connection per checkout and gives it back on close', async () => {
      const conn = await ctx.engine.connect();
      expect(knexInUse(ctx.knex).used).toBe(1);
      await conn.execute(select(func.count()).selectFrom(items));
      await conn.close();
      expect(knexInUse(ctx.knex).used).toBe(0);
      expect(ctx.engine.pool.status()).toMatchObject({ open: 0, checkedOut: 0, idle: 0 });
    });

    it('shares the pool under concurrent knex and Retort work without leaking a connection', async () => {
      await ctx.knex(items.name).del();
      const work = Array.from({ length: 24 }, (_, i) => {
        const id = i + 1;
        switch (i % 4) {
          case 0:
            return ctx.engine.begin((conn) => conn.execute(insert(items).values({ id, label: 'retort' })));
          case 1:
            return ctx.knex(items.name).insert({ id, label: 'knex' });
          case 2:
            return ctx.knex.transaction((trx) => ctx.engine.withKnexTransaction(trx, (conn) => conn.execute(insert(items).values({ id, label: 'joined' }))));
          default:
            return (async () => {
              const conn = await ctx.engine.connect();
              try {
                for await (const _row of await conn.stream(select(items.c.id), {}, { batchSize: 2 }));
                await conn.execute(insert(items).values({ id, label: 'streamer' }));
                await conn.commit();
              } finally {
                await conn.close();
              }
            })();
        }
      });
      await Promise.all(work);
      expect(Number((await ctx.knex(items.name).count({ n: '*' }))[0].n)).toBe(24);
      expect(knexInUse(ctx.knex)).toEqual({ used: 0, pending: 0 });
      expect(ctx.engine.pool.status()).toMatchObject({ open: 0, checkedOut: 0 });
    });

    it('gives the connection back when a statement or the transaction fails', async () => {
      await expect(ctx.engine.begin((conn) => conn.execDriverSql('SELECT * FROM no_such_table_kxp'))).rejects.toThrow();
      await expect(
        ctx.engine.begin(async (conn) => {
          await conn.execute(insert(items).values({ id: 1000, label: 'x' }));
          await conn.execute(insert(items).values({ id: 1000, label: 'duplicate' }));
        }),
      ).rejects.toThrow();
      expect(await ctx.knex(items.name).where({ id: 1000 })).toEqual([]);
      expect(knexInUse(ctx.knex)).toEqual({ used: 0, pending: 0 });
    });

    it("reads values on knex's connections exactly as on Retort's own", async () => {
      const row = {
        id: 1,
        big: 9007199254740993n,
        price: '12345.60',
        doc: 'a JSON string, not an object',
        at: new Date('2024-02-29T23:59:58.250Z'),
        atTz: new Date('2024-03-01T01:02:03.000Z'),
        day: '2024-02-29',
        clock: '13:14:15',
        flag: true,
        blob: Buffer.from([0, 1, 2, 255]),
        note: 'naïve “quotes” \'single\' 🍵',
      };
      await ctx.engine.begin(async (conn) => {
        await conn.execute(insert(values).values(row));
        await conn.execute(insert(values).values({ id: 2, doc: { nested: [1, 'two', null] } }));
      });
      const conn = await ctx.engine.connect();
      try {
        const got = (await conn.execute(select(values).orderBy(values.c.id))).mappings().all();
        const blob = got[0].blob as Buffer;
        // TIME comes back with the precision the database stores (MySQL: 13:14:15.000000).
        expect({ ...got[0], blob: blob.subarray(0, 4), clock: String(got[0].clock).slice(0, 8) }).toEqual(row);
        expect(got[1]).toMatchObject({ id: 2, doc: { nested: [1, 'two', null] }, big: null, at: null });
        if (ctx.leg.name !== 'sqlite') {
          // The same rows read by an engine with Retort's own connections.
          const native = createEngine(ctx.leg.url);
          try {
            expect(await native.begin(async (c) => (await c.execute(select(values).orderBy(values.c.id))).mappings().all())).toEqual(got);
          } finally {
            await native.dispose();
          }
        }
      } finally {
        await conn.close();
      }
    });

    it('leaves knex working when the engine is disposed', async () => {
      const engine = createEngineFromKnex(ctx.knex);
      await engine.begin((conn) => conn.execute(select(func.count()).selectFrom(items)));
      await engine.dispose();
      expect(await ctx.knex(items.name).count({ n: '*' })).toHaveLength(1);
      expect(Number(await engine.begin((conn) => conn.scalar(select(func.count()).selectFrom(items))))).toBeGreaterThan(0);
    });
  },
  { pool: { min: 0, max: 3 } },
);

forEachKnexLeg("knex's pool limits", (ctx) => {
  it("times out with a PoolTimeoutError when knex's pool has no free connection", async () => {
    const quiet = () => undefined; // knex logs each acquire timeout
    const log = { warn: quiet, error: quiet, debug: quiet, deprecate: quiet };
    const small = knexFactory(knexConfig(ctx.leg, { pool: { min: 0, max: 1 }, acquireConnectionTimeout: 250, log }));
    const engine = createEngineFromKnex(small);
    try {
      const held = await engine.connect();
      await expect(engine.connect()).rejects.toBeInstanceOf(PoolTimeoutError);
      await held.close();
      const again = await engine.connect();
      await again.close();
      expect(knexInUse(small).used).toBe(0);
    } finally {
      await engine.dispose();
      await small.destroy();
    }
  });
});
