/** The 1.x Session (L308, L310, L401, L402, L409) on every database: 1.x behaviour, warnings, error and future modes. */
import { func, insert, select, Session as CoreSession } from 'retort';
import { createEngine as legacyEngine, RemovedInRetort2Error, Session } from 'retort/legacy';
import { forEachDialect } from '../support/matrix';
import { captureLegacyWarnings, expectLegacyWarnings, withLegacyConfig } from '../support/legacy';
import { createTables, ormModels, seed } from '../support/legacy-orm';

forEachDialect('legacy ORM session', (ctx) => {
  const m = ormModels('lgs');
  const { User, Address } = m;
  /** Names of the users the database holds (read on a connection of its own, so only committed rows). */
  const committedNames = async () => {
    const conn = await ctx.engine.connect();
    try {
      return (await conn.execute(select(User.c.name).orderBy(User.c.id))).all().map((r) => r[0]);
    } finally {
      await conn.close();
    }
  };
  let session: Session;
  beforeAll(async () => {
    await createTables(ctx.engine, m);
  });
  beforeEach(async () => {
    await seed(ctx.engine, m);
    session = new Session(ctx.engine);
  });
  afterEach(async () => {
    await session.close();
  });
  afterAll(async () => {
    await m.Base.metadata.dropAll(ctx.engine);
  });

  it('L401 an autocommit session commits each flush and query on its own until begin()', async () => {
    const auto = await expectLegacyWarnings(['L401'], () => new Session({ bind: ctx.engine, autocommit: true }));
    try {
      auto.add(new User({ id: 4, name: 'dee' }));
      await auto.flush();
      expect(auto.inTransaction()).toBe(false);
      expect(await committedNames()).toEqual(['ada', 'bob', 'cy', 'dee']);
      const dee = (await auto.get(User, 4))!;
      expect(auto.inTransaction()).toBe(false); // the read committed too: no transaction held
      await auto.begin();
      dee.name = 'dora';
      auto.add(new User({ id: 5, name: 'eve' }));
      await auto.flush();
      expect(auto.inTransaction()).toBe(true); // inside begin(): one transaction until commit()
      await auto.rollback();
      expect(await committedNames()).toEqual(['ada', 'bob', 'cy', 'dee']);
      await auto.begin();
      auto.add(new User({ id: 5, name: 'eve' }));
      await auto.commit();
      expect(await committedNames()).toEqual(['ada', 'bob', 'cy', 'dee', 'eve']);
    } finally {
      await auto.close();
    }
    await captureLegacyWarnings(() => {
      expect(() => new Session({ bind: ctx.engine, autocommit: true, future: true })).toThrow(RemovedInRetort2Error);
    });
    await withLegacyConfig({ mode: 'error' }, () => captureLegacyWarnings(() => expect(() => new Session({ bind: ctx.engine, autocommit: true })).toThrow(/\[L401\]/)));
  });

  it('L402 begin({ subtransactions: true }) nests: inner commits only flush, the outer commits', async () => {
    const { warnings } = await captureLegacyWarnings(async () => {
      await session.begin({ subtransactions: true }); // outermost: a real transaction
      session.add(new User({ id: 4, name: 'dee' }));
      const inner = await session.begin({ subtransactions: true });
      session.add(new User({ id: 5, name: 'eve' }));
      await inner.commit(); // flushes only
      expect(session.inTransaction()).toBe(true);
      // (SQLite in memory has one connection, held by the session: another cannot look)
      if (ctx.leg.name !== 'sqlite') expect(await committedNames()).toEqual(['ada', 'bob', 'cy']);
      await session.begin({ subtransactions: true });
      await session.commit(); // ends the inner one
      expect(session.inTransaction()).toBe(true);
      await session.commit(); // the outer one
      expect(await committedNames()).toEqual(['ada', 'bob', 'cy', 'dee', 'eve']);
      // an inner rollback rolls back the whole transaction, as in 1.x
      await session.get(User, 1); // autobegins
      const sub = await session.begin({ subtransactions: true });
      session.add(new User({ id: 6, name: 'fay' }));
      await sub.rollback();
      expect(session.inTransaction()).toBe(false);
      expect(session.new).toEqual([]);
    });
    expect(warnings.map((w) => w.code)).toEqual(['L402', 'L402', 'L402', 'L402']);
    expect(await committedNames()).toEqual(['ada', 'bob', 'cy', 'dee', 'eve']);
    const strict = new Session(ctx.engine, { future: true });
    await captureLegacyWarnings(() => expect(() => strict.begin({ subtransactions: true })).toThrow(RemovedInRetort2Error));
    await strict.close();
  });

  it('L409 execute(stmt, params, { mapper, bind }) runs as 2.0 execute; a foreign bind is refused', async () => {
    const rows = await expectLegacyWarnings(['L409'], () => session.execute(select(User).where(User.c.id.eq(2)), {}, { mapper: User }));
    expect(rows.scalars().all().map((u) => u.name)).toEqual(['bob']);
    await captureLegacyWarnings(async () => {
      expect((await session.execute(select(User.c.id), undefined, { bind: ctx.engine })).all()).toHaveLength(3);
      expect(() => session.execute(select(User.c.id), {}, { mapper: 'User' as never })).toThrow(/mapper must be a mapped class/);
      expect(() => session.execute(select(User.c.id), {}, { bind: {} as never })).toThrow(/not this session's engine/);
      // other keys are 2.0 execution options, checked by 2.0
      await expect(session.execute(select(User.c.id), {}, { mapper: User, bindArguments: {} } as never)).rejects.toThrow(/unknown execution option "bindArguments"/);
    });
    await captureLegacyWarnings(() => expect(() => new Session(ctx.engine, { future: true }).execute(select(User.c.id), {}, { mapper: User })).toThrow(RemovedInRetort2Error));
  });

  it('L308 bulkInsertMappings / bulkUpdateMappings write rows without the unit of work', async () => {
    const { warnings } = await captureLegacyWarnings(async () => {
      await session.bulkInsertMappings(User, [{ id: 10, name: 'x' }, { id: 11, name: 'y' }]);
      await session.bulkUpdateMappings(User, [{ id: 10, name: 'xx' }, { id: 2, name: 'bo' }]);
      await session.bulkInsertMappings(User, []); // an empty list runs no statement
      await expect(session.bulkUpdateMappings(User, [{ name: 'no key' }])).rejects.toThrow(/no value for the primary key "id"/);
      expect(() => session.bulkInsertMappings(User, {} as never)).toThrow(/takes an array/);
    });
    expect(warnings.map((w) => w.code)).toEqual(['L308', 'L308', 'L308', 'L308', 'L308']);
    await session.commit();
    expect(await committedNames()).toEqual(['ada', 'bo', 'cy', 'xx', 'y']);
    // legacy status: works in a future session; the 2.0 spelling gives the same rows
    const strict = new Session(ctx.engine, { future: true });
    await expectLegacyWarnings(['L308'], () => strict.bulkInsertMappings(User, [{ id: 12, name: 'z' }]));
    await strict.execute(insert(User.table), [{ id: 13, name: 'zz' }]);
    await strict.commit();
    expect((await committedNames()).slice(-2)).toEqual(['z', 'zz']);
  });

  it('L310 bulkSaveObjects UPDATEs the objects the session holds, INSERTs the others, and attaches none', async () => {
    const { warnings } = await captureLegacyWarnings(async () => {
      const cy = (await session.get(User, 3))!;
      cy.name = 'cyd';
      const fresh = new Address({ id: 9, userId: 1, email: 'x@example.com' });
      await session.bulkSaveObjects([cy, fresh]);
      expect(session.contains(fresh)).toBe(false); // bulk saves do not attach
      expect(() => session.bulkSaveObjects({} as never)).toThrow(/takes an array/);
    });
    expect(warnings.map((w) => w.code)).toEqual(['L310', 'L310']);
    await session.commit();
    expect(await committedNames()).toEqual(['ada', 'bob', 'cyd']);
    const conn = await ctx.engine.connect();
    try {
      expect(Number(await conn.scalar(select(func.count()).selectFrom(Address.table).where(Address.c.id.eq(9))))).toBe(1);
    } finally {
      await conn.close();
    }
    // legacy status: works in a future session
    const strict = new Session(ctx.engine, { future: true });
    const bob = (await strict.get(User, 2))!;
    bob.name = 'bo';
    await expectLegacyWarnings(['L310'], () => strict.bulkSaveObjects([bob]));
    await strict.commit();
    await strict.close();
    expect(await committedNames()).toEqual(['ada', 'bo', 'cyd']);
  });

  it('a 2.0 Session on a 1.x engine runs its unit of work in one transaction: no L103 autocommit inside it', async () => {
    const engine = legacyEngine(ctx.leg.url);
    try {
      if (ctx.leg.name === 'sqlite') await m.Base.metadata.createAll(engine);
      const work = new CoreSession(engine);
      await expectLegacyWarnings([], async () => {
        work.add(new User({ id: 21, name: 'tmp' }));
        work.add(new Address({ id: 21, userId: 21, email: 'tmp@example.com' }));
        await work.flush();
        expect(work.inTransaction()).toBe(true);
        await work.rollback();
      });
      const check = new CoreSession(engine);
      expect(await check.get(User, 21)).toBeNull();
      // commit() commits, as always
      check.add(new User({ id: 22, name: 'kept' }));
      await check.commit();
      await check.close();
      const again = new CoreSession(engine);
      expect((await again.get(User, 22))?.name).toBe('kept');
      await again.close();
      await work.close();
    } finally {
      await engine.dispose();
    }
  });

  it('a 1.x Session on a 1.x engine works in its own transaction (no 1.x connection autocommit, L103)', async () => {
    // SQLite in memory: the other engine has a database of its own, so it gets the tables too.
    const engine = legacyEngine(ctx.leg.url);
    try {
      if (ctx.leg.name === 'sqlite') await m.Base.metadata.createAll(engine);
      const work = new Session(engine);
      expect(work.future).toBe(false);
      await expectLegacyWarnings([], async () => {
        work.add(new User({ id: 20, name: 'tmp' }));
        await work.flush();
        await work.rollback();
      });
      const check = new Session(engine);
      expect(await check.get(User, 20)).toBeNull();
      await check.close();
      await work.close();
      const futureEngine = legacyEngine(ctx.leg.url, { future: true });
      expect(new Session(futureEngine).future).toBe(true);
      await futureEngine.dispose();
    } finally {
      await engine.dispose();
    }
  });
});
