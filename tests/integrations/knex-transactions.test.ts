/**
 * Retort inside `knex.transaction()`: knex and Retort writes interleave on the transaction's
 * connection, each sees the other's uncommitted rows, and both commit or roll back together.
 * Retort's own transactions there are savepoints; ORM sessions work through the engine view.
 */
import { column, declarativeBase, func, insert, integer, IntegrityError, InvalidRequestError, MetaData, select, Session, string, Table } from 'retort';
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
        await conn.commit(); // into the knex transaction
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

  it('commits into the knex transaction with savepoints, never ending it', async () => {
    await ctx.knex.transaction(async (trx) => {
      const conn = await ctx.engine.joinKnexTransaction(trx);
      try {
        expect(conn.externalTransaction).toBe(true);
        expect(conn.inTransaction()).toBe(false);
        await conn.execute(insert(notes).values({ id: 50, author: 'retort' }));
        expect(conn.inTransaction()).toBe(true);
        await conn.commit(); // RELEASE SAVEPOINT: the row is knex's to commit now
        await trx(T).insert({ id: 51, author: 'knex' });
        await conn.execute(insert(notes).values({ id: 52, author: 'retort' }));
        await conn.rollback(); // back to the savepoint: only Retort's 52 is undone
        const tx = await conn.begin();
        await conn.execute(insert(notes).values({ id: 53, author: 'retort' }));
        await tx.commit();
        await conn.execute(insert(notes).values({ id: 54, author: 'never committed' }));
        expect(() => conn.executionOptions({ isolationLevel: 'SERIALIZABLE' })).toThrow(InvalidRequestError);
      } finally {
        await conn.close(); // undoes 54 only
      }
      expect((await trx(T).select('id').orderBy('id')).map((r: { id: number }) => Number(r.id))).toEqual([50, 51, 53]);
    });
    expect(await ids()).toEqual([50, 51, 53]);
  });

  it('rolls back a failed Retort statement to its savepoint, and the knex transaction goes on', async () => {
    await ctx.knex.transaction(async (trx) => {
      await trx(T).insert({ id: 55, author: 'knex' });
      await expect(ctx.engine.withKnexTransaction(trx, (conn) => conn.execute(insert(notes).values({ id: 55, author: 'duplicate' })))).rejects.toThrow(IntegrityError);
      await trx(T).insert({ id: 56, author: 'knex' }); // PostgreSQL too: the failed statement was rolled back to its savepoint
    });
    expect(await ids()).toEqual([55, 56]);
  });

  it('runs an ORM session inside the knex transaction', async () => {
    const Base = declarativeBase();
    class Note extends Base.model(T, {
      id: column(integer(), { primaryKey: true, autoincrement: false }),
      author: column(string(20), { nullable: false }),
      body: column(string(100)),
    }) {}
    Base.register(Note);
    await expect(
      ctx.knex.transaction(async (trx) => {
        await trx(T).insert({ id: 60, author: 'knex', body: 'draft' });
        const session = new Session(ctx.engine.forKnexTransaction(trx));
        try {
          const note = await session.get(Note, 60); // knex's uncommitted row
          expect(note?.body).toBe('draft');
          note!.body = 'edited by the ORM';
          session.add(new Note({ id: 61, author: 'orm' }));
          await session.commit();
        } finally {
          await session.close();
        }
        expect(await trx(T).select('id', 'body').orderBy('id')).toEqual([
          { id: 60, body: 'edited by the ORM' },
          { id: 61, body: null },
        ]);
        throw new Error('and knex rolls it all back');
      }),
    ).rejects.toThrow('and knex rolls it all back');
    expect(await ids()).toEqual([]);
    await ctx.knex.transaction(async (trx) => {
      const session = new Session(ctx.engine.forKnexTransaction(trx));
      session.add(new Note({ id: 62, author: 'orm' }));
      await session.commit();
      await session.close();
    });
    expect(await ids()).toEqual([62]);
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
