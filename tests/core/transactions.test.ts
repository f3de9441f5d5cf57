/** Commit-as-you-go, begin blocks, savepoints, isolation levels, rollback of a failed unit. */
import { column, createEngine, func, insert, integer, IntegrityError, InvalidRequestError, MetaData, select, string, Table } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

forEachDialect('transactions', (ctx) => {
  const md = new MetaData();
  const t = new Table(tableName('tx', 'items'), md, {
    id: column(integer(), { primaryKey: true }),
    name: column(string(40), { nullable: false, unique: true }),
  });
  const count = async () => {
    const conn = await ctx.engine.connect();
    try {
      return await conn.scalar(select(func.count()).selectFrom(t));
    } finally {
      await conn.close();
    }
  };

  beforeAll(async () => {
    await md.dropAll(ctx.engine);
    await md.createAll(ctx.engine);
  });
  beforeEach(async () => {
    await ctx.engine.begin((conn) => conn.execDriverSql(`DELETE FROM ${t.name}`));
  });
  afterAll(async () => {
    await md.dropAll(ctx.engine);
  });

  it('autobegins, and close() without commit() rolls back', async () => {
    const conn = await ctx.engine.connect();
    await conn.execute(insert(t).values({ id: 1, name: 'a' }));
    expect(conn.inTransaction()).toBe(true);
    await conn.close();
    expect(await count()).toBe(0);
  });

  it('commits as you go', async () => {
    const conn = await ctx.engine.connect();
    await conn.execute(insert(t).values({ id: 1, name: 'a' }));
    await conn.commit();
    await conn.execute(insert(t).values({ id: 2, name: 'b' }));
    await conn.rollback();
    await conn.close();
    expect(await count()).toBe(1);
  });

  it('engine.begin() commits on success and rolls back everything when the function throws midway', async () => {
    await ctx.engine.begin((conn) => conn.execute(insert(t).values({ id: 1, name: 'a' })));
    await expect(
      ctx.engine.begin(async (conn) => {
        await conn.execute(insert(t).values({ id: 2, name: 'b' }));
        await conn.execute(insert(t).values({ id: 3, name: 'a' })); // unique violation
      }),
    ).rejects.toBeInstanceOf(IntegrityError);
    expect(await count()).toBe(1);
  });

  it('savepoints: beginNested() rolls back only its own work', async () => {
    const conn = await ctx.engine.connect();
    await conn.execute(insert(t).values({ id: 1, name: 'a' }));
    const sp = await conn.beginNested();
    await conn.execute(insert(t).values({ id: 2, name: 'b' }));
    await sp.rollback();
    await expect(
      conn.beginNested(async () => {
        await conn.execute(insert(t).values({ id: 3, name: 'c' }));
        throw new Error('undo c');
      }),
    ).rejects.toThrow('undo c');
    await conn.beginNested(async () => {
      await conn.execute(insert(t).values({ id: 4, name: 'd' }));
    });
    await conn.commit();
    await conn.close();
    const check = await ctx.engine.connect();
    expect((await check.scalars(select(t.c.name).orderBy(t.c.id))).all()).toEqual(['a', 'd']);
    await check.close();
  });

  it('refuses a second begin() (no hidden subtransactions) and ended transactions', async () => {
    const conn = await ctx.engine.connect();
    const tx = await conn.begin();
    await expect(conn.begin()).rejects.toBeInstanceOf(InvalidRequestError);
    await tx.commit();
    await expect(tx.commit()).rejects.toThrow(/already ended/);
    await conn.close();
    await expect(conn.execute(select(t.c.id))).rejects.toThrow(/connection is closed/);
  });

  it('applies isolation levels and AUTOCOMMIT', async () => {
    const levels = ctx.leg.name === 'sqlite' ? (['SERIALIZABLE', 'READ UNCOMMITTED'] as const) : (['READ COMMITTED', 'REPEATABLE READ', 'SERIALIZABLE'] as const);
    for (const level of levels) {
      await ctx.engine.begin((conn) => conn.execute(insert(t).values({ id: 10, name: level })), { isolationLevel: level });
      await ctx.engine.begin((conn) => conn.execDriverSql(`DELETE FROM ${t.name}`));
    }
    if (ctx.leg.name === 'postgresql') {
      const conn = await ctx.engine.connect({ isolationLevel: 'SERIALIZABLE' });
      expect(await conn.scalar(select(func.call('current_setting', string(), 'transaction_isolation')))).toBe('serializable');
      await conn.close();
    }
    const auto = await ctx.engine.connect({ isolationLevel: 'AUTOCOMMIT' });
    await auto.execute(insert(t).values({ id: 1, name: 'auto' }));
    expect(auto.inTransaction()).toBe(false);
    await auto.close();
    expect(await count()).toBe(1);
    const conn = await ctx.engine.connect();
    expect(() => conn.executionOptions({ isolationLevel: 'CHAOS' as never })).toThrow(/unknown isolation level/);
    await conn.close();
  });

  it('does not leak connections from the pool', async () => {
    for (let i = 0; i < 20; i++) {
      await ctx.engine.begin((conn) => conn.execute(select(t.c.id)));
      await expect(ctx.engine.begin(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    }
    expect(ctx.engine.pool.status().checkedOut).toBe(0);
  });
});

describe('transactions on a SQLite file database', () => {
  it('shares committed data between pooled connections', async () => {
    const file = `/tmp/retort-tx-${process.pid}.db`;
    const engine = createEngine(`sqlite:///${file}`);
    const md = new MetaData();
    const t = new Table('items', md, { id: column(integer(), { primaryKey: true }) });
    await md.dropAll(engine);
    await md.createAll(engine);
    const a = await engine.connect();
    await a.execute(insert(t).values({ id: 1 }));
    await a.commit();
    const b = await engine.connect();
    expect(await b.scalar(select(func.count()).selectFrom(t))).toBe(1);
    await b.close();
    await a.close();
    await md.dropAll(engine);
    await engine.dispose();
    (await import('node:fs')).rmSync(file, { force: true });
  });
});
