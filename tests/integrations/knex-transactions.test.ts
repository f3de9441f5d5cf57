/**
 * Retort inside `knex.transaction()`: knex and Retort writes interleave on the transaction's
 * connection, each sees the other's uncommitted rows, and both commit or roll back together.
 */
import { column, func, insert, integer, InvalidRequestError, MetaData, select, string, Table } from 'retort';
import { tableName } from '../support/matrix';
import { forEachKnexLeg, knexInUse } from './support/knex-legs';

const md = new MetaData();
const notes = new Table(tableName('kxt', 'notes'), md, {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  author: column(string(20), { nullable: false }),
  body: column(string(100)),
});
const T = notes.name;

forEachKnexLeg('Retort inside a knex transaction', (ctx) => {
  beforeAll(async () => {
    await md.dropAll(ctx.engine);
    await md.createAll(ctx.engine);
  });
  beforeEach(async () => {
    await ctx.knex(T).del();
  });
  afterAll(async () => {
    await md.dropAll(ctx.engine);
  });

  const ids = async () => (await ctx.knex(T).select('id').orderBy('id')).map((r: { id: number }) => Number(r.id));
  const count = select(func.count()).selectFrom(notes);

  it('interleaves knex and Retort writes, each seeing the other, and rolls both back', async () => {
    const failure = new Error('undo everything');
    await expect(
      ctx.knex.transaction(async (trx) => {
        await trx(T).insert({ id: 1, author: 'knex', body: 'first' });
        await ctx.engine.withKnexTransaction(trx, async (conn) => {
          expect(Number(await conn.scalar(count))).toBe(1); // knex's uncommitted row
          await conn.execute(insert(notes).values({ id: 2, author: 'retort', body: 'second' }));
        });
        expect((await trx(T).select('author').orderBy('id')).map((r: { author: string }) => r.author)).toEqual(['knex', 'retort']);
        await trx(T).insert({ id: 3, author: 'knex', body: 'third' });
        await ctx.engine.withKnexTransaction(trx, async (conn) => {
          expect((await conn.scalars(select(notes.c.id).orderBy(notes.c.id))).all()).toEqual([1, 2, 3]);
        });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await ids()).toEqual([]);
    expect(knexInUse(ctx.knex).used).toBe(0);
  });

  it('commits knex and Retort writes together', async () => {
    await ctx.knex.transaction(async (trx) => {
      const conn = await ctx.engine.joinKnexTransaction(trx);
      try {
        await conn.execute(insert(notes), [
          { id: 10, author: 'retort', body: 'a' },
          { id: 11, author: 'retort', body: 'b' },
        ]);
        await trx(T).insert({ id: 12, author: 'knex', body: 'c' });
        await conn.execute(insert(notes).values({ id: 13, author: 'retort', body: 'd' }));
      } finally {
        await conn.close();
      }
    });
    expect(await ids()).toEqual([10, 11, 12, 13]);
    // Retort reads the committed rows on a connection of its own (borrowed from knex).
    const conn = await ctx.engine.connect();
    expect((await conn.scalars(select(notes.c.author).orderBy(notes.c.id))).all()).toEqual(['retort', 'retort', 'knex', 'retort']);
    await conn.close();
  });

  it('keeps uncommitted rows from other connections until knex commits', async () => {
    if (ctx.leg.name === 'sqlite') return; // knex keeps one connection to an in-memory database
    await ctx.knex.transaction(async (trx) => {
      await ctx.engine.withKnexTransaction(trx, (conn) => conn.execute(insert(notes).values({ id: 20, author: 'retort' })));
      const outside = await ctx.engine.connect();
      expect(Number(await outside.scalar(count))).toBe(0);
      await outside.close();
    });
    expect(await ids()).toEqual([20]);
  });

  it('makes savepoints with beginNested() inside the knex transaction', async () => {
    await ctx.knex.transaction(async (trx) => {
      await ctx.engine.withKnexTransaction(trx, async (conn) => {
        await conn.execute(insert(notes).values({ id: 30, author: 'retort' }));
        await expect(
          conn.beginNested(async () => {
            await conn.execute(insert(notes).values({ id: 31, author: 'retort' }));
            throw new Error('undo the savepoint only');
          }),
        ).rejects.toThrow('undo the savepoint only');
        const sp = await conn.beginNested();
        await trx(T).insert({ id: 32, author: 'knex' });
        await sp.commit();
      });
    });
    expect(await ids()).toEqual([30, 32]);
  });

  it('runs inside a knex savepoint (nested knex transaction)', async () => {
    await ctx.knex.transaction(async (trx) => {
      await trx(T).insert({ id: 40, author: 'knex' });
      await trx
        .transaction(async (inner) => {
          await ctx.engine.withKnexTransaction(inner, (conn) => conn.execute(insert(notes).values({ id: 41, author: 'retort' })));
          throw new Error('roll back to the knex savepoint');
        })
        .catch(() => undefined);
      await ctx.engine.withKnexTransaction(trx, (conn) => conn.execute(insert(notes).values({ id: 42, author: 'retort' })));
    });
    expect(await ids()).toEqual([40, 42]);
  });

  it('refuses to begin, commit or roll back the transaction knex owns', async () => {
    await ctx.knex.transaction(async (trx) => {
      await ctx.engine.withKnexTransaction(trx, async (conn) => {
        expect(conn.externalTransaction).toBe(true);
        expect(conn.inTransaction()).toBe(true);
        await conn.execute(insert(notes).values({ id: 50, author: 'retort' }));
        await expect(conn.commit()).rejects.toThrow(InvalidRequestError);
        await expect(conn.rollback()).rejects.toThrow(/another library owns.*knex/);
        await expect(conn.begin()).rejects.toThrow(InvalidRequestError);
        expect(() => conn.executionOptions({ isolationLevel: 'SERIALIZABLE' })).toThrow(InvalidRequestError);
      });
    });
    // Nothing Retort refused changed the outcome: knex committed the row.
    expect(await ids()).toEqual([50]);
  });

  it('refuses statements once the knex transaction has ended', async () => {
    let joined: Awaited<ReturnType<typeof ctx.engine.joinKnexTransaction>> | undefined;
    let ended: Parameters<typeof ctx.engine.joinKnexTransaction>[0] | undefined;
    await ctx.knex.transaction(async (trx) => {
      joined = await ctx.engine.joinKnexTransaction(trx);
      ended = trx;
    });
    await expect(joined!.execute(insert(notes).values({ id: 60, author: 'late' }))).rejects.toThrow(/already been committed or rolled back/);
    await expect(ctx.engine.joinKnexTransaction(ended!)).rejects.toThrow(InvalidRequestError);
    await joined!.close();
    expect(await ids()).toEqual([]);
  });

  it('leaves the transaction open when a joined connection closes, and a failed statement to knex', async () => {
    await expect(
      ctx.knex.transaction(async (trx) => {
        await trx(T).insert({ id: 70, author: 'knex' });
        const conn = await ctx.engine.joinKnexTransaction(trx);
        await conn.close();
        expect(await trx(T).count({ n: '*' })).toEqual([{ n: expect.anything() }]);
        await ctx.engine.withKnexTransaction(trx, (c) => c.execute(insert(notes).values({ id: 70, author: 'duplicate' })));
      }),
    ).rejects.toThrow();
    expect(await ids()).toEqual([]);
    expect(knexInUse(ctx.knex)).toEqual({ used: 0, pending: 0 });
  });
});
