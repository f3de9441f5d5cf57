/** Session basics on every database: add/flush/commit, identity map, get, dirty tracking, delete, rollback, expiry. */
import {
  column,
  datetime,
  declarativeBase,
  DetachedInstanceError,
  ExpiredAttributeError,
  func,
  integer,
  IntegrityError,
  numeric,
  select,
  Session,
  sessionFactory,
  string,
  UnloadedAttributeError,
  update,
} from 'retort';
import { forEachDialect, tableName } from '../support/matrix';
import { sessionPerTest } from '../support/orm-session';

const T = (n: string) => tableName('orms', n);

function models() {
  const Base = declarativeBase();
  class Person extends Base.model(T('person'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(50), { nullable: false }),
    email: column(string(120)),
    score: column(integer(), { nullable: false, serverDefault: 7 }),
    balance: column(numeric(10, 2), { nullable: false, default: '0.00' }),
    createdAt: column(datetime(), { name: 'created_at', nullable: false, default: () => new Date('2024-01-02T03:04:05Z') }),
  }) {
    greet(): string {
      return `Hi ${this.name}`;
    }
  }
  class Pair extends Base.model(T('pair'), {
    a: column(integer(), { primaryKey: true, autoincrement: false }),
    b: column(string(10), { primaryKey: true }),
    label: column(string(20)),
  }) {}
  Base.register(Person, Pair);
  return { Base, Person, Pair };
}

forEachDialect('orm session', (ctx) => {
  const { Base, Person, Pair } = models();
  let session: Session;
  sessionPerTest(ctx, Base.metadata, (s) => (session = s));

  const both = [false, true];
  for (const noReturning of both) {
    it(`add + flush inserts, fetching generated keys and server defaults${noReturning ? ' (one row at a time, no RETURNING)' : ''}`, async () => {
      // PostgreSQL always has RETURNING and its driver reports no last insert id.
      if (noReturning && ctx.engine.dialect.name === 'postgresql') return;
      session.noReturning = noReturning;
      const a = new Person({ name: 'Ada' });
      const b = new Person({ name: 'Bob', email: 'bob@x.org' });
      session.addAll([a, b]);
      expect(session.new).toEqual([a, b]);
      await session.flush();
      expect(typeof a.id).toBe('number');
      expect(b.id).toBeGreaterThan(a.id);
      expect(a.score).toBe(7); // server default read back
      expect(a.balance).toBe('0.00'); // client default applied
      expect(a.createdAt.toISOString()).toBe('2024-01-02T03:04:05.000Z');
      expect(a.greet()).toBe('Hi Ada');
      expect(session.new).toEqual([]);
      // Identity map: get() returns the same object without a query.
      expect(await session.get(Person, a.id)).toBe(a);
      await session.commit();
      const other = new Session(ctx.engine);
      const loaded = await other.get(Person, b.id);
      expect(loaded).not.toBe(b);
      expect(loaded).toBeInstanceOf(Person);
      expect(loaded!.email).toBe('bob@x.org');
      expect(loaded!.greet()).toBe('Hi Bob');
      await other.close();
    });
  }

  it('select(Model) returns identity-mapped objects; class-level columns work in where/orderBy', async () => {
    session.addAll([new Person({ name: 'Cy' }), new Person({ name: 'Di', email: 'di@x.org' })]);
    await session.commit();
    const people = (await session.scalars(select(Person).where(Person.c.name.in(['Cy', 'Di'])).orderBy(Person.c.name))).all();
    expect(people.map((p) => p.name)).toEqual(['Cy', 'Di']);
    const again = (await session.scalars(select(Person).filterBy({ name: 'Di' }))).one();
    expect(again).toBe(people[1]);
    const rows = (await session.execute(select(Person, Person.c.email).where(Person.c.name.eq('Di')))).all();
    expect(rows[0][0]).toBe(people[1]);
    expect(rows[0][1]).toBe('di@x.org');
    expect(await session.scalar(select(func.count(Person.c.id)).where(Person.c.name.eq('Cy')))).toBe(1);
    expect(await session.get(Person, -1)).toBeNull();
  });

  it('changes to attributes become an UPDATE of only the changed columns; dirty lists them', async () => {
    const p = new Person({ name: 'Eve' });
    session.add(p);
    await session.commit();
    p.email = 'eve@x.org';
    expect(session.dirty).toEqual([p]);
    const seen: string[] = [];
    const listener = (e: { sql: string }) => void seen.push(e.sql);
    const stop = ctx.engine.events.on('beforeExecute', listener as never);
    await session.commit();
    stop();
    const upd = seen.filter((s) => /^UPDATE/i.test(s));
    expect(upd).toHaveLength(1);
    expect(upd[0]).toMatch(/email/);
    expect(upd[0]).not.toMatch(/name/);
    const fresh = new Session(ctx.engine);
    expect((await fresh.get(Person, p.id))!.email).toBe('eve@x.org');
    await fresh.close();
  });

  it('autoflush: a query sees pending objects', async () => {
    session.add(new Person({ name: 'Fay' }));
    const found = (await session.scalars(select(Person).where(Person.c.name.eq('Fay')))).all();
    expect(found).toHaveLength(1);
    await session.rollback();
  });

  it('delete removes the row; rollback brings back deleted and un-inserts new objects', async () => {
    const g = new Person({ name: 'Gus' });
    const h = new Person({ name: 'Hal' });
    session.add(g);
    await session.commit();
    session.add(h);
    await session.flush();
    session.delete(g);
    await session.flush();
    expect(await session.get(Person, g.id)).toBeNull();
    const hid = h.id;
    await session.rollback();
    // The new object is transient again: its generated key is gone, its values stay.
    expect(() => h.id).toThrow(UnloadedAttributeError);
    expect(h.name).toBe('Hal');
    expect(session.contains(h)).toBe(false);
    expect(await session.get(Person, hid)).toBeNull();
    // The delete was rolled back: the row is there and the object is expired.
    expect(() => g.name).toThrow(ExpiredAttributeError);
    const back = await session.get(Person, g.id);
    expect(back).toBe(g);
    expect(g.name).toBe('Gus');
    session.delete(g);
    await session.commit();
    expect(await session.get(Person, g.id)).toBeNull();
  });

  it('expire / refresh / expireOnCommit, and clear errors instead of undefined', async () => {
    const p = new Person({ name: 'Ida' });
    expect(() => p.email).toThrow(UnloadedAttributeError); // never set on a new object
    session.add(p);
    await session.commit();
    expect(p.name).toBe('Ida'); // default: still readable after commit
    session.expire(p, ['name']);
    expect(() => p.name).toThrow(ExpiredAttributeError);
    await session.refresh(p);
    expect(p.name).toBe('Ida');
    await session.commit();
    // Someone else changes the row; the stale object takes the new value on the next load.
    await ctx.engine.begin(async (conn) => {
      await conn.execute(update(Person.table).values({ name: 'Ida2' }).where(Person.table.c.id.eq(p.id)));
    });
    expect(p.name).toBe('Ida');
    await session.scalars(select(Person).where(Person.c.id.eq(p.id)));
    expect(p.name).toBe('Ida2');
    await session.commit();

    const strict = new Session(ctx.engine, { expireOnCommit: true });
    const q = new Person({ name: 'Jo' });
    strict.add(q);
    await strict.commit();
    expect(() => q.name).toThrow(ExpiredAttributeError);
    await strict.refresh(q);
    expect(q.name).toBe('Jo');
    await strict.close();
    // Detached: loaded values stay readable, unloaded ones throw DetachedInstanceError.
    const d = new Session(ctx.engine);
    const dq = (await d.get(Person, q.id))!;
    d.expire(dq, ['email']);
    await d.close();
    expect(dq.name).toBe('Jo');
    expect(() => dq.email).toThrow(ExpiredAttributeError);
  });

  it('a Core UPDATE run through the session: the next load of each affected row refreshes its object', async () => {
    const p = new Person({ name: 'Uma' });
    session.add(p);
    await session.flush();
    await session.execute(update(Person.table).values({ name: 'Uma2' }).where(Person.table.c.id.eq(p.id)));
    expect(p.name).toBe('Uma'); // attribute reads never query
    expect(await session.get(Person, p.id)).toBe(p);
    expect(p.name).toBe('Uma2');
  });

  it('composite primary keys: insert, get by array or object, update', async () => {
    session.add(new Pair({ a: 1, b: 'x', label: 'one' }));
    session.add(new Pair({ a: 1, b: 'y' }));
    await session.commit();
    const s2 = new Session(ctx.engine);
    const p = (await s2.get(Pair, [1, 'x']))!;
    expect(p.label).toBe('one');
    expect(await s2.get(Pair, { a: 1, b: 'x' })).toBe(p);
    p.label = 'uno';
    await s2.commit();
    const s3 = new Session(ctx.engine);
    expect((await s3.get(Pair, [1, 'x']))!.label).toBe('uno');
    expect((await s3.get(Pair, [1, 'y']))!.label).toBeNull();
    await s2.close();
    await s3.close();
  });

  it('a failed flush rolls back and leaves the session usable', async () => {
    const ok = new Person({ name: 'Kim' });
    session.add(ok);
    session.add(new Person({ email: 'no-name@x.org' })); // name is NOT NULL
    await expect(session.flush()).rejects.toBeInstanceOf(IntegrityError);
    expect(session.new).toEqual([]);
    const n = (await session.scalars(select(Person).where(Person.c.name.eq('Kim')))).all();
    expect(n).toHaveLength(0);
    session.add(ok);
    await session.commit();
    expect(typeof ok.id).toBe('number');
  });

  it('begin(fn) commits or rolls back; beginNested rolls back to a savepoint; sessionFactory', async () => {
    const Factory = sessionFactory(ctx.engine);
    const id = await Factory.begin(async (s) => {
      const p = new Person({ name: 'Lu' });
      s.add(p);
      await s.flush();
      return p.id;
    });
    const s = Factory();
    expect((await s.get(Person, id))!.name).toBe('Lu');
    await s.commit(); // get() began a transaction (autobegin); begin() starts a new one
    await expect(
      s.begin(async () => {
        s.add(new Person({ name: 'Mo' }));
        await s.flush();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await s.scalars(select(Person).where(Person.c.name.eq('Mo')))).all()).toHaveLength(0);
    const keep = new Person({ name: 'Ned' });
    s.add(keep);
    const drop = new Person({ name: 'Oz' });
    await s.beginNested(async () => {
      s.add(drop);
      await s.flush();
    }).catch(() => undefined);
    const sp = await s.beginNested();
    const gone = new Person({ name: 'Pia' });
    s.add(gone);
    await s.flush();
    await sp.rollback();
    expect(s.contains(gone)).toBe(false);
    await s.commit();
    const names = (await s.scalars(select(Person.c.name).where(Person.c.name.in(['Ned', 'Oz', 'Pia'])).orderBy(Person.c.name))).all();
    expect(names).toEqual(['Ned', 'Oz']);
    await s.close();
  });

  it('merge copies a detached object onto the session object', async () => {
    const p = new Person({ name: 'Quin' });
    session.add(p);
    await session.commit();
    await session.close();
    p.email = 'quin@x.org';
    const s2 = new Session(ctx.engine);
    const merged = await s2.merge(p);
    expect(merged).not.toBe(p);
    expect(merged.email).toBe('quin@x.org');
    await s2.commit();
    const s3 = new Session(ctx.engine);
    expect((await s3.get(Person, p.id))!.email).toBe('quin@x.org');
    await s2.close();
    await s3.close();
  });

  it('bad input: clear errors', async () => {
    expect(() => session.add({} as never)).toThrow(/not a mapped class or instance/);
    expect(() => new Person({ nickname: 'x' } as never)).toThrow(/unknown attribute "nickname"/);
    await expect(session.get(Pair, 1)).rejects.toThrow(/2 columns/);
    await expect(session.get({} as never, 1)).rejects.toThrow(/needs a model class/);
    const other = new Session(ctx.engine);
    const p = new Person({ name: 'R' });
    session.add(p);
    expect(() => other.add(p)).toThrow(/another session/);
    await other.close();
    expect(() => (p as unknown as { name: unknown }).name = undefined).toThrow(/undefined is not a value/);
    await expect(new Session(ctx.engine).refresh(new Person({ name: 'x' }))).rejects.toThrow(/not persistent/);
    void DetachedInstanceError;
  });
});
