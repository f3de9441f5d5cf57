/** Unit of work details on every database: batching, cycles (post-update), every column type, stale data, aliased(), withParent. */
import {
  aliased,
  bigint,
  binary,
  boolean,
  column,
  date,
  datetime,
  declarativeBase,
  deleteFrom,
  enumType,
  foreignKey,
  integer,
  IntegrityError,
  json,
  many,
  one,
  select,
  Session,
  StaleDataError,
  string,
  textType,
  uuid,
  withParent,
} from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

const T = (n: string) => tableName('ormu', n);

function models() {
  const Base = declarativeBase();
  class Owner extends Base.model(T('owner'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(30), { nullable: false }),
    // The owner's favourite home: with Home.ownerId this makes a cycle, broken by post-update.
    homeId: column(integer(), { name: 'home_id', references: foreignKey(`${T('home')}.id`, { useAlter: true }) }),
    home: one<Home>('Home'),
    homes: many<Home>('Home', { backPopulates: 'owner' }),
  }) {}
  class Home extends Base.model(T('home'), {
    id: column(integer(), { primaryKey: true }),
    city: column(string(30), { nullable: false }),
    ownerId: column(integer(), { name: 'owner_id', nullable: false, references: foreignKey(`${T('owner')}.id`) }),
    owner: one<Owner>('Owner', { backPopulates: 'homes' }),
  }) {}
  class Emp extends Base.model(T('emp'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(30), { nullable: false }),
    bossId: column(integer(), { name: 'boss_id', references: foreignKey(`${T('emp')}.id`) }),
  }) {}
  class Thing extends Base.model(T('thing'), {
    id: column(integer(), { primaryKey: true }),
    big: column(bigint()),
    flag: column(boolean(), { nullable: false, default: false }),
    day: column(date()),
    at: column(datetime()),
    blob: column(binary()),
    doc: column(json<{ tags: string[] }>()),
    kind: column(enumType(['a', 'b'])),
    ref: column(uuid()),
    body: column(textType()),
  }) {}
  Base.register(Owner, Home, Emp, Thing);
  return { Base, Owner, Home, Emp, Thing };
}

forEachDialect('orm unit of work', (ctx) => {
  const { Base, Owner, Home, Emp, Thing } = models();
  let session: Session;
  const statements: string[] = [];
  const record = (e: { sql: string }) => void statements.push(e.sql);
  beforeAll(async () => {
    await Base.metadata.dropAll(ctx.engine);
    await Base.metadata.createAll(ctx.engine);
    ctx.engine.events.on('beforeExecute', record as never);
  });
  beforeEach(() => {
    session = new Session(ctx.engine);
    statements.length = 0;
  });
  afterEach(async () => {
    await session.close();
  });
  afterAll(async () => {
    await Base.metadata.dropAll(ctx.engine);
  });

  it('many new objects of one table are one INSERT with RETURNING where the database has it', async () => {
    const emps = Array.from({ length: 50 }, (_, i) => new Emp({ name: `e${i}` }));
    session.addAll(emps);
    await session.flush();
    const inserts = statements.filter((s) => /^INSERT/i.test(s));
    expect(inserts).toHaveLength(ctx.engine.dialect.supports.returning.insert ? 1 : 50);
    const ids = emps.map((e) => e.id);
    expect(new Set(ids).size).toBe(50);
    // Keys came back to the right objects.
    const byId = new Map((await session.execute(select(Emp.c.id, Emp.c.name).where(Emp.c.id.in(ids)))).all().map((r) => [r[0], r[1]]));
    emps.forEach((e) => expect(byId.get(e.id)).toBe(e.name));
    await session.rollback();
  });

  it('change tracking: a value set back writes nothing, a changed primary key updates the row found by its old key, the state is invisible to reflection', async () => {
    const e = new Emp({ name: 'Ann' });
    session.add(e);
    await session.commit();
    const oldId = e.id;
    e.name = 'Bea';
    e.name = 'Ann'; // back to what the row has
    expect(session.dirty).toEqual([]);
    statements.length = 0;
    await session.flush();
    expect(statements.filter((s) => /^UPDATE/i.test(s))).toEqual([]);

    const newId = oldId + 1000;
    e.id = newId;
    e.name = 'Cid';
    await session.commit();
    const rows = (await session.execute(select(Emp.c.id, Emp.c.name).where(Emp.c.id.in([oldId, newId])))).all();
    expect(rows.map((r) => [r[0], r[1]])).toEqual([[newId, 'Cid']]);
    expect(await session.get(Emp, newId)).toBe(e);

    // The ORM's bookkeeping is not a property of the object: reflection and spreads do not see it.
    expect(Object.getOwnPropertySymbols(e)).toEqual([]);
    expect(Object.keys(e)).toEqual([]);
    expect(() => session.add({ ...e })).toThrow(/not a mapped class or instance/);
    session.delete(e);
    await session.commit();
  });

  it('a cycle between two new rows is broken with post-update, and deletes null it first', async () => {
    const o = new Owner({ name: 'Olga' });
    const h = new Home({ city: 'Oslo', owner: o });
    o.home = h;
    session.add(o);
    await session.commit();
    const sqls = statements.filter((s) => /^(INSERT|UPDATE)/i.test(s)).map((s) => s.slice(0, 20));
    expect(sqls.map((s) => s.split(' ')[0])).toEqual(['INSERT', 'INSERT', 'UPDATE']);
    await session.close();
    const row = (await session.execute(select(Owner.c.homeId, Home.c.ownerId).selectFrom(Owner.table).join(Home.table, Home.c.ownerId.eq(Owner.c.id)).where(Owner.c.id.eq(o.id)))).one();
    expect([row[0], row[1]]).toEqual([h.id, o.id]);
    await session.commit();
    const o2 = (await session.get(Owner, o.id))!;
    const h2 = (await session.get(Home, h.id))!;
    session.delete(o2);
    session.delete(h2);
    await session.commit();
    expect(await session.get(Owner, o.id)).toBeNull();
  });

  it('every column type round-trips through objects; changes to dates, buffers and JSON are detected', async () => {
    const t = new Thing({
      big: 9007199254740993n,
      day: '2024-02-29',
      at: new Date('2024-05-06T07:08:09.123Z'),
      blob: Buffer.from([0, 1, 2, 255]),
      doc: { tags: ['x', 'y'] },
      kind: 'b',
      ref: '0b7f6a0e-0b5e-4bd5-9f4c-6c1d1f6c7b1e',
      body: 'naïve — “quotes” \' "',
    });
    session.add(t);
    await session.commit();
    await session.close();
    const u = (await session.get(Thing, t.id))!;
    expect(u).not.toBe(t);
    expect(u.big).toBe(9007199254740993n);
    expect(u.flag).toBe(false);
    expect(u.day).toBe('2024-02-29');
    expect(u.at!.toISOString()).toBe('2024-05-06T07:08:09.123Z');
    expect(Buffer.compare(u.blob!, Buffer.from([0, 1, 2, 255]))).toBe(0);
    expect(u.doc).toEqual({ tags: ['x', 'y'] });
    expect(u.kind).toBe('b');
    expect(u.body).toBe('naïve — “quotes” \' "');
    u.at = new Date('2024-05-06T07:08:09.123Z'); // same instant: no change
    u.blob = Buffer.from([0, 1, 2, 255]);
    expect(session.dirty).toEqual([]);
    u.doc = { tags: ['z'] };
    u.flag = true;
    expect(session.dirty).toEqual([u]);
    await session.commit();
    await session.close();
    const v = (await session.get(Thing, t.id))!;
    expect([v.doc, v.flag]).toEqual([{ tags: ['z'] }, true]);
  });

  it('StaleDataError when the row was deleted underneath', async () => {
    const e = new Emp({ name: 'ghost' });
    session.add(e);
    await session.commit();
    await ctx.engine.begin(async (conn) => {
      await conn.execute(deleteFrom(Emp.table).where(Emp.table.c.id.eq(e.id)));
    });
    e.name = 'changed';
    await expect(session.flush()).rejects.toBeInstanceOf(StaleDataError);
  });

  it('aliased() for self-joins; withParent() for related rows', async () => {
    const boss = new Emp({ name: 'Boss' });
    session.add(boss);
    await session.flush();
    session.addAll([new Emp({ name: 'W1', bossId: boss.id }), new Emp({ name: 'W2', bossId: boss.id })]);
    await session.commit();
    const b = aliased(Emp, 'boss');
    const rows = (await session.execute(select(Emp, b).join(b, Emp.c.bossId.eq(b.c.id)).where(b.c.name.eq('Boss')).orderBy(Emp.c.name))).all();
    expect(rows.map(([w, m]) => [w.name, m.name])).toEqual([['W1', 'Boss'], ['W2', 'Boss']]);
    expect(rows[0][1]).toBe(boss); // the same identity-mapped object
    const o = new Owner({ name: 'P' });
    const h1 = new Home({ city: 'A', owner: o });
    new Home({ city: 'B', owner: o });
    session.add(o);
    await session.commit();
    const cities = (await session.scalars(select(Home.c.city).where(withParent(o, Owner.c.homes)).orderBy(Home.c.city))).all();
    expect(cities).toEqual(['A', 'B']);
    const owners = (await session.scalars(select(Owner).where(withParent(h1, Home.c.owner)))).all();
    expect(owners).toEqual([o]);
  });

  it('plain index assignment in a collection is seen at flush', async () => {
    const o = new Owner({ name: 'Q', homes: [new Home({ city: 'C' })] });
    session.add(o);
    await session.commit();
    const n = new Home({ city: 'D', ownerId: o.id });
    o.homes[0] = n; // no back-population, but the flush sees the collection changed
    session.add(n);
    // The replaced home is taken out of the collection, so its owner_id would become NULL: NOT NULL says no.
    await expect(session.commit()).rejects.toBeInstanceOf(IntegrityError);
  });
});
