/** The 1.x Query (L301–L307, L309) on every database: 1.x behaviour, one warning per call site, error and future modes. */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { func, joinedLoad, select, Session as CoreSession } from 'retort';
import { joinedload, RemovedInRetort2Error, selectinload, Session } from 'retort/legacy';
import { forEachDialect } from '../support/matrix';
import { captureLegacyWarnings, expectLegacyWarnings, withLegacyConfig } from '../support/legacy';
import { createTables, lineOf, ormModels, seed } from '../support/legacy-orm';

forEachDialect('legacy ORM query', (ctx) => {
  const m = ormModels('lgq');
  const { User, Address } = m;
  let session: Session;
  let future: Session;
  beforeAll(async () => {
    await createTables(ctx.engine, m);
  });
  beforeEach(async () => {
    await seed(ctx.engine, m);
    session = new Session(ctx.engine);
    future = new Session({ bind: ctx.engine, future: true });
  });
  afterEach(async () => {
    await session.close();
    await future.close();
  });
  afterAll(async () => {
    await m.Base.metadata.dropAll(ctx.engine);
  });

  it('L301 query().filter().orderBy().all() runs the 2.0 select and warns once per call site', async () => {
    const { warnings } = await captureLegacyWarnings(async () => {
      for (let i = 0; i < 3; i++) {
        const found = await session.query(User).filter(User.c.id.gt(1)).orderBy(User.c.name.desc()).all();
        expect(found.map((u) => u.name)).toEqual(['cy', 'bob']);
        expect(found[0]).toBeInstanceOf(User);
      }
      expect((await session.query(User).filterBy({ name: 'bob' }).first())?.id).toBe(2);
      expect((await session.query(User).filter(User.c.name.eq('ada')).one()).id).toBe(1);
      expect(await session.query(User).filter(User.c.name.eq('zed')).oneOrNone()).toBeNull();
      expect(await session.query(User.c.name).filter(User.c.id.eq(3)).scalar()).toBe('cy');
      const rows = await session.query(User.c.id, Address.c.email).join(User.c.addresses).orderBy(Address.c.id).limit(2).all();
      expect(rows.map((r) => [r[0], r[1]])).toEqual([[1, 'ada@example.com'], [1, 'ada@work.example']]);
      await expect(session.query(User).one()).rejects.toThrow(/expected one row, got 3/);
    });
    expect(warnings.map((w) => w.code)).toEqual(Array(7).fill('L301'));
    expect(warnings[0].message).toContain(lineOf(__filename, "orderBy(User.c.name.desc()).all()"));
    expect(warnings[0].detail).toContain('npx retort-codemod query-to-select');
    // The same objects as the 2.0 spelling (one identity map).
    const modern = await session.scalars(select(User).where(User.c.id.gt(1)).orderBy(User.c.name.desc()));
    const legacy = await expectLegacyWarnings(['L301'], () => session.query(User).filter(User.c.id.gt(1)).orderBy(User.c.name.desc()).all());
    expect(legacy).toEqual(modern.all());
    expect(legacy[0]).toBe(modern.all()[0]);
  });

  it('L301 keeps working in a future session and in error mode (legacy status)', async () => {
    await expectLegacyWarnings(['L301'], async () => {
      expect((await future.query(User).orderBy(User.c.id).all()).map((u) => u.id)).toEqual([1, 2, 3]);
    });
    await future.close(); // SQLite in memory has one connection
    await withLegacyConfig({ mode: 'error' }, () => expectLegacyWarnings(['L302', 'L303'], async () => {
      expect((await session.query(User).get(2))?.name).toBe('bob');
      expect(await session.query(User).count()).toBe(3);
    }));
  });

  it('L302 query.get() is session.get(): from the identity map when it is there', async () => {
    const ada = await session.get(User, 1);
    const events: string[] = [];
    const listener = (e: { sql: string }) => events.push(e.sql);
    const off = ctx.engine.events.on('beforeExecute', listener as never);
    try {
      const again = await expectLegacyWarnings(['L302'], () => session.query(User).get(1));
      expect(again).toBe(ada);
      expect(events).toEqual([]);
      expect(await captureLegacyWarnings(() => session.query(User).get(99)).then((r) => r.result)).toBeNull();
    } finally {
      off();
    }
    await captureLegacyWarnings(() => expect(() => session.query(User).filter(User.c.id.eq(1)).get(1)).toThrow(/get\(\) looks up by primary key alone/));
  });

  it('L303 query.count() counts the rows of the query as a subquery', async () => {
    await expectLegacyWarnings(['L303'], async () => {
      expect(await session.query(User).filter(User.c.name.like('%o%')).count()).toBe(1);
    });
    // a join repeats users: 1.x counted rows, so does this
    await expectLegacyWarnings(['L303'], async () => expect(await session.query(User).join(User.c.addresses).count()).toBe(3));
  });

  it('L304 join() by relationship name, dotted chains and tuples; throws in a future session and error mode', async () => {
    const { warnings } = await captureLegacyWarnings(async () => {
      const byName = await session.query(User).join('addresses').filter(Address.c.email.like('%@example.com')).orderBy(User.c.id).all();
      expect(byName.map((u) => u.id)).toEqual([1, 2]);
      const chain = await session.query(Address).join('user').filterBy({ name: 'bob' }).all();
      expect(chain.map((a) => a.email)).toEqual(['bob@example.com']);
      const tuple = await session.query(User).join([Address, Address.c.userId.eq(User.c.id)]).filter(Address.c.id.eq(3)).all();
      expect(tuple.map((u) => u.name)).toEqual(['bob']);
      expect(() => session.query(User).join('nope')).toThrow(/has no relationship "nope" \(relationships: addresses\)/);
    });
    expect(warnings.map((w) => w.code)).toEqual(['L304', 'L301', 'L304', 'L301', 'L304', 'L301', 'L304']);
    await captureLegacyWarnings(() => {
      expect(() => future.query(User).join('addresses')).toThrow(RemovedInRetort2Error);
      // the 2.0 spelling is fine in a future session
      expect(() => future.query(User).join(User.c.addresses)).not.toThrow();
    });
    await withLegacyConfig({ mode: 'error' }, () => captureLegacyWarnings(() => expect(() => session.query(User).join('addresses')).toThrow(/\[L304\]/)));
  });

  it('L305 loader options by string path resolve against the query entity', async () => {
    const users = await expectLegacyWarnings(['L305', 'L301'], () => session.query(User).options(selectinload('addresses')).orderBy(User.c.id).all());
    expect(users.map((u) => u.addresses.map((a) => a.id))).toEqual([[1, 2], [3], []]);
    const addrs = await expectLegacyWarnings(['L305', 'L301'], () => session.query(Address).options(selectinload('user.addresses')).orderBy(Address.c.id).all());
    expect(addrs[2].user?.addresses.map((a) => a.id)).toEqual([3]);
    await captureLegacyWarnings(() => {
      expect(() => session.query(User).options(selectinload('nope'))).toThrow(/has no relationship "nope"/);
      expect(() => future.query(User).options(selectinload('addresses'))).toThrow(RemovedInRetort2Error);
    });
    await withLegacyConfig({ mode: 'error' }, () => captureLegacyWarnings(() => expect(() => selectinload('addresses')).toThrow(/\[L305\]/)));
  });

  it('L306 fromSelf() selects the entities the query returned; later criteria still name the entity', async () => {
    const users = await expectLegacyWarnings(['L306', 'L301'], () =>
      session.query(User).filter(User.c.id.gt(1)).orderBy(User.c.id).limit(2).fromSelf().filter(User.c.name.ne('bob')).orderBy(User.c.name).all(),
    );
    expect(users.map((u) => u.name)).toEqual(['cy']);
    await captureLegacyWarnings(() => expect(() => future.query(User).fromSelf()).toThrow(RemovedInRetort2Error));
  });

  it('L307 query.update()/delete() run bulk DML and keep the session in step', async () => {
    const bob = (await session.get(User, 2))!;
    const bobAddress = (await session.get(Address, 3))!;
    const { warnings } = await captureLegacyWarnings(async () => {
      expect(await session.query(User).filter(User.c.id.eq(2)).update({ name: 'bo' })).toBe(1);
      expect(bob.name).toBe('bo'); // synchronized, as in 1.x
      expect(await session.query(Address).filter(Address.c.userId.eq(2)).delete()).toBe(1);
      expect(session.contains(bobAddress)).toBe(false);
      await session.commit(); // SQLite in memory has one connection
      // legacy status: works in a future session
      expect(await future.query(User).filter(User.c.id.eq(3)).update({ name: 'cyd' }, { synchronizeSession: false })).toBe(1);
    });
    expect(warnings.map((w) => w.code)).toEqual(['L307', 'L307', 'L307']);
    await future.commit();
    const conn = await ctx.engine.connect();
    try {
      expect((await conn.execute(select(User.c.name).orderBy(User.c.id))).all().map((r) => r[0])).toEqual(['ada', 'bo', 'cyd']);
      expect(await conn.scalar(select(func.count()).selectFrom(Address.table))).toBe(2);
    } finally {
      await conn.close();
    }
  });

  it('L309 a joined eager load of a collection gives each object once, warns, and throws in a future session', async () => {
    const users = await expectLegacyWarnings(['L305', 'L301', 'L309'], () => session.query(User).options(joinedload('addresses')).orderBy(User.c.id).all());
    expect(users.map((u) => [u.id, u.addresses.length])).toEqual([[1, 2], [2, 1], [3, 0]]);
    const first = await expectLegacyWarnings(['L301', 'L309'], () => session.query(User).options(joinedLoad(User.c.addresses)).orderBy(User.c.id).first());
    expect(first?.addresses.length).toBe(2);
    await captureLegacyWarnings(() => expect(() => future.query(User).options(joinedLoad(User.c.addresses)).all()).toThrow(RemovedInRetort2Error));
    // a many-to-one joined load repeats nothing: no warning
    await expectLegacyWarnings(['L301'], () => session.query(Address).options(joinedLoad(Address.c.user)).all());
  });

  it('report mode lists ORM call sites with file:line', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'retort-orm-report-')), 'report.json');
    await withLegacyConfig({ mode: 'silent', report }, () =>
      captureLegacyWarnings(async () => {
        await session.query(User).count(); // report-marker
      }),
    );
    const inventory = JSON.parse(readFileSync(report, 'utf8')) as { sites: { code: string; site: string; count: number }[] };
    expect(inventory.sites).toEqual([{ code: 'L303', site: expect.stringContaining(lineOf(__filename, '// report-marker')), count: 1 }]);
  });

  it('a 2.0 Session has no query(): legacy code must import the 1.x Session', () => {
    expect('query' in new CoreSession(ctx.engine)).toBe(false);
  });
});
