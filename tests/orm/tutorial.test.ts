/**
 * SQLAlchemy 2.0's ORM Quick Start and the ORM chapters of its Unified Tutorial, ported to
 * Retort and run on every database: the User/Address models; creating the tables; add,
 * addAll, flush, commit; select of entities and of columns, ORM rows, scalars, get; updates
 * by attribute change; delete with cascade; rollback; relationships in memory both ways;
 * explicit, select-in, joined and raise loading; joins along relationships; any()/has().
 *
 * The steps build on each other (one session story, as in the tutorial), so they run in order.
 * Where Retort differs on purpose, the test says so: attribute access never loads (an
 * unloaded relationship throws; `await session.load()` loads it), and commit does not expire.
 */
import {
  column,
  declarativeBase,
  ExpiredAttributeError,
  foreignKey,
  integer,
  joinedLoad,
  many,
  one,
  raiseLoad,
  select,
  selectinLoad,
  Session,
  string,
  UnloadedAttributeError,
} from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

const T = (n: string) => tableName('ormt', n);

function models() {
  const Base = declarativeBase();
  class User extends Base.model(T('user_account'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(30), { nullable: false }),
    fullname: column(string(100)),
    addresses: many<Address>('Address', { backPopulates: 'user', cascade: 'all, delete-orphan' }),
  }) {
    override toString(): string {
      return `User(id=${this.id}, name=${this.name}, fullname=${this.fullname})`;
    }
  }
  class Address extends Base.model(T('address'), {
    id: column(integer(), { primaryKey: true }),
    emailAddress: column(string(100), { name: 'email_address', nullable: false }),
    userId: column(integer(), { name: 'user_id', nullable: false, references: foreignKey(`${T('user_account')}.id`) }),
    user: one<User>('User', { backPopulates: 'addresses' }),
  }) {}
  Base.register(User, Address);
  return { Base, User, Address };
}

forEachDialect('orm tutorial', (ctx) => {
  const { Base, User, Address } = models();
  const statements: string[] = [];
  let stopRecording = () => {};
  const selects = () => statements.filter((s) => /^\s*SELECT/i.test(s));
  let session: Session;
  /** A second session (its own connection) to see what is committed; always closed, so no lock outlives a failed check. */
  const fresh = async <R>(fn: (s: Session) => Promise<R>): Promise<R> => {
    const s = new Session(ctx.engine);
    try {
      return await fn(s);
    } finally {
      await s.close();
    }
  };
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    await Base.metadata.dropAll(ctx.engine);
    // "Create Tables": DDL from the models' metadata.
    await Base.metadata.createAll(ctx.engine);
    stopRecording = ctx.engine.events.on('beforeExecute', (e) => void statements.push(e.sql));
    session = new Session(ctx.engine);
  });
  beforeEach(() => {
    statements.length = 0;
  });
  afterAll(async () => {
    stopRecording();
    await session.close();
    await Base.metadata.dropAll(ctx.engine);
  });

  it('quick start: create objects with their addresses and commit them in one unit of work', async () => {
    const spongebob = new User({ name: 'spongebob', fullname: 'Spongebob Squarepants', addresses: [new Address({ emailAddress: 'spongebob@sqlalchemy.org' })] });
    const sandy = new User({
      name: 'sandy',
      fullname: 'Sandy Cheeks',
      addresses: [new Address({ emailAddress: 'sandy@sqlalchemy.org' }), new Address({ emailAddress: 'sandy@squirrelpower.org' })],
    });
    const patrick = new User({ name: 'patrick', fullname: 'Patrick Star' });
    session.addAll([spongebob, sandy, patrick]);
    await session.commit();
    // Users first, then addresses carrying the generated user ids.
    const tables = statements.filter((s) => /^INSERT/i.test(s)).map((s) => (s.match(/INSERT INTO [`"]?(\w+)/i) ?? [])[1]);
    expect(tables.indexOf(T('user_account'))).toBeLessThan(tables.indexOf(T('address')));
    expect(sandy.addresses.map((a) => a.userId)).toEqual([sandy.id, sandy.id]);
    expect(String(spongebob)).toBe(`User(id=${spongebob.id}, name=spongebob, fullname=Spongebob Squarepants)`);
    Object.assign(ids, { spongebob: spongebob.id, sandy: sandy.id, patrick: patrick.id });
    expect(new Set(Object.values(ids)).size).toBe(3);
  });

  it('quick start: simple SELECT of entities with scalars()', async () => {
    const users = (await session.scalars(select(User).where(User.c.name.in(['spongebob', 'sandy'])).orderBy(User.c.id))).all();
    expect(users.map(String)).toEqual([
      `User(id=${ids.spongebob}, name=spongebob, fullname=Spongebob Squarepants)`,
      `User(id=${ids.sandy}, name=sandy, fullname=Sandy Cheeks)`,
    ]);
    // The same session already holds these rows: the identity map gives back the same objects.
    expect(users[1]).toBe(await session.get(User, ids.sandy));
  });

  it('quick start: SELECT with JOIN along the relationship', async () => {
    const address = (
      await session.scalars(select(Address).join(Address.c.user).where(User.c.name.eq('sandy'), Address.c.emailAddress.eq('sandy@sqlalchemy.org')))
    ).one();
    expect(address.emailAddress).toBe('sandy@sqlalchemy.org');
    expect(address.userId).toBe(ids.sandy);
    expect(selects()[0]).toMatch(/JOIN/i);
  });

  it('quick start: make changes (attribute change, append to a collection) and commit', async () => {
    const patrick = (await session.scalars(select(User).where(User.c.name.eq('patrick')))).one();
    // Reading an attribute never queries: a collection not loaded yet is loaded with an awaited call.
    expect(() => patrick.addresses).toThrow(UnloadedAttributeError);
    expect(await session.load(patrick, 'addresses')).toEqual([]);
    statements.length = 0;
    patrick.addresses.push(new Address({ emailAddress: 'patrickstar@sqlalchemy.org' }));
    const sandyAddress = (await session.scalars(select(Address).join(Address.c.user).where(User.c.name.eq('sandy'), Address.c.emailAddress.eq('sandy@sqlalchemy.org')))).one();
    sandyAddress.emailAddress = 'sandy_cheeks@sqlalchemy.org';
    await session.commit(); // the query above autoflushed the new address; commit flushes the change
    expect(statements.filter((s) => /^INSERT/i.test(s))).toHaveLength(1);
    expect(statements.filter((s) => /^UPDATE/i.test(s))).toHaveLength(1);
    // Sorted here: the databases' collations order '_' and '@' differently.
    const emails = await fresh(async (check) => (await check.scalars(select(Address.c.emailAddress))).all().sort());
    expect(emails).toEqual(['patrickstar@sqlalchemy.org', 'sandy@squirrelpower.org', 'sandy_cheeks@sqlalchemy.org', 'spongebob@sqlalchemy.org']);
  });

  it('quick start: delete an orphaned address, then a user with cascade', async () => {
    const sandy = (await session.get(User, ids.sandy))!;
    const sandyAddress = sandy.addresses.find((a) => a.emailAddress === 'sandy_cheeks@sqlalchemy.org')!;
    (sandy.addresses as unknown as { remove(a: object): boolean }).remove(sandyAddress);
    statements.length = 0;
    await session.flush(); // delete-orphan: the address row goes
    expect(statements.filter((s) => /^DELETE/i.test(s))).toHaveLength(1);
    expect(await session.get(Address, sandyAddress.id)).toBeNull();

    const patrick = (await session.get(User, ids.patrick))!;
    const patrickAddressId = patrick.addresses[0].id;
    session.delete(patrick); // cascade "all": its addresses are deleted with it
    await session.commit();
    await fresh(async (check) => {
      expect(await check.get(User, ids.patrick)).toBeNull();
      expect(await check.get(Address, patrickAddressId)).toBeNull();
      expect((await check.scalars(select(Address.c.emailAddress).where(Address.c.userId.eq(ids.sandy)))).all()).toEqual(['sandy@squirrelpower.org']);
    });
    await session.close();
  });

  it('tutorial, inserting rows: pending objects, flush, generated keys, identity map get() without a query', async () => {
    const squidward = new User({ name: 'squidward', fullname: 'Squidward Tentacles' });
    const krabs = new User({ name: 'ehkrabs', fullname: 'Eugene H. Krabs' });
    session.add(squidward);
    session.add(krabs);
    expect(session.new).toEqual([squidward, krabs]);
    expect(() => squidward.id).toThrow(UnloadedAttributeError); // no key before the INSERT
    await session.flush();
    expect(session.new).toEqual([]);
    expect(typeof squidward.id).toBe('number');
    expect(krabs.id).not.toBe(squidward.id);
    statements.length = 0;
    const same = await session.get(User, squidward.id);
    expect(same).toBe(squidward);
    expect(statements).toEqual([]); // the identity map answered
    await session.commit();
    ids.squidward = squidward.id;
    ids.ehkrabs = krabs.id;
  });

  it('tutorial, selecting ORM entities and columns: ORM rows, scalars, filterBy', async () => {
    const row = (await session.execute(select(User).filterBy({ name: 'spongebob' }))).one();
    expect(row[0].name).toBe('spongebob');
    expect((row as unknown as Record<string, unknown>)[User.name]).toBe(row[0]); // rows name an entity by its class

    const cols = (await session.execute(select(User.c.name, User.c.fullname).orderBy(User.c.id))).all();
    expect(cols.map((r) => [r.name, r.fullname])).toEqual([
      ['spongebob', 'Spongebob Squarepants'],
      ['sandy', 'Sandy Cheeks'],
      ['squidward', 'Squidward Tentacles'],
      ['ehkrabs', 'Eugene H. Krabs'],
    ]);

    const mixed = (await session.execute(select(User.c.name, Address).where(User.c.id.eq(Address.c.userId)).orderBy(Address.c.id))).all();
    expect(mixed.map(([n, a]) => [n, a.emailAddress])).toEqual([
      ['spongebob', 'spongebob@sqlalchemy.org'],
      ['sandy', 'sandy@squirrelpower.org'],
    ]);
    expect(mixed[0][1]).toBeInstanceOf(Address);
    expect(await session.scalar(select(User.c.fullname).where(User.c.name.eq('ehkrabs')))).toBe('Eugene H. Krabs');
  });

  it('tutorial, updating: dirty objects are flushed before the next query (autoflush)', async () => {
    const sandy = (await session.scalars(select(User).where(User.c.name.eq('sandy')))).one();
    sandy.fullname = 'Sandy Squirrel';
    expect(session.dirty).toEqual([sandy]);
    const fullname = await session.scalar(select(User.c.fullname).where(User.c.id.eq(ids.sandy)));
    expect(fullname).toBe('Sandy Squirrel'); // the UPDATE was flushed first
    expect(session.dirty).toEqual([]);
  });

  it('tutorial, deleting and rolling back: deleted rows come back, changes are undone, objects expire', async () => {
    const patrickLike = (await session.get(User, ids.squidward))!;
    session.delete(patrickLike);
    expect(session.deleted).toEqual([patrickLike]);
    // The query autoflushes the DELETE; the row is gone inside the transaction.
    expect(await session.scalar(select(User.c.id).where(User.c.name.eq('squidward')))).toBeNull();
    const sandy = (await session.get(User, ids.sandy))!;
    await session.rollback();
    // Rollback expires every persistent object: reading throws until the row is loaded again.
    expect(() => sandy.fullname).toThrow(ExpiredAttributeError);
    await session.refresh(sandy);
    expect(sandy.fullname).toBe('Sandy Cheeks');
    expect(session.contains(patrickLike)).toBe(true); // back in the session
    const back = (await session.scalars(select(User).where(User.c.name.eq('squidward')))).one();
    expect(back).toBe(patrickLike);
    expect(back.fullname).toBe('Squidward Tentacles');
    await session.close();
    // Closed: the objects are detached; values loaded before stay readable.
    expect(session.contains(sandy)).toBe(false);
    expect(sandy.name).toBe('sandy');
  });

  it('tutorial, related objects: both sides kept in sync in memory; cascade brings the addresses in', async () => {
    const u1 = new User({ name: 'pkrabs', fullname: 'Pearl Krabs' });
    expect(u1.addresses).toEqual([]);
    const a1 = new Address({ emailAddress: 'pearl.krabs@gmail.com' });
    u1.addresses.push(a1);
    expect(a1.user).toBe(u1);
    const a2 = new Address({ emailAddress: 'pearl@aol.com', user: u1 });
    expect(u1.addresses).toEqual([a1, a2]);
    session.add(u1);
    await session.flush();
    // Cascade save-update: the addresses were inserted with u1, after it, with its key.
    expect(session.contains(a1) && session.contains(a2)).toBe(true);
    expect([a1.userId, a2.userId]).toEqual([u1.id, u1.id]);
    await session.commit();
    ids.pkrabs = u1.id;
    await session.close();
  });

  it('tutorial, loading relationships: never on attribute access; explicit await session.load()', async () => {
    const u1 = (await session.get(User, ids.pkrabs))!;
    expect(() => u1.addresses).toThrow(UnloadedAttributeError);
    statements.length = 0;
    const addresses = await session.load(u1, 'addresses');
    expect(selects()).toHaveLength(1);
    expect(addresses.map((a) => a.emailAddress)).toEqual(['pearl.krabs@gmail.com', 'pearl@aol.com']);
    expect(u1.addresses).toBe(addresses);
    // The many-to-one side of an address whose user is in the identity map needs no query.
    statements.length = 0;
    expect(await session.load(addresses[0], 'user')).toBe(u1);
    expect(statements).toEqual([]);
    await session.close();
  });

  it('tutorial, joins along relationships: select_from + join, explicit ON clause', async () => {
    const viaRel = (
      await session.scalars(select(Address.c.emailAddress).selectFrom(User.table).join(User.c.addresses).where(User.c.name.eq('pkrabs')).orderBy(Address.c.emailAddress))
    ).all();
    expect(viaRel).toEqual(['pearl.krabs@gmail.com', 'pearl@aol.com']);
    const viaOn = (
      await session.scalars(select(Address.c.emailAddress).selectFrom(User.table).join(Address.table, User.c.id.eq(Address.c.userId)).where(User.c.name.eq('pkrabs')).orderBy(Address.c.emailAddress))
    ).all();
    expect(viaOn).toEqual(viaRel);
    const pairs = (await session.execute(select(User, Address).join(User.c.addresses).orderBy(Address.c.id))).all();
    expect(pairs.map(([u, a]) => `${u.name}:${a.emailAddress}`)).toEqual([
      'spongebob:spongebob@sqlalchemy.org',
      'sandy:sandy@squirrelpower.org',
      'pkrabs:pearl.krabs@gmail.com',
      'pkrabs:pearl@aol.com',
    ]);
    expect(pairs[2][0]).toBe(pairs[3][0]); // one User object for both rows
    await session.close();
  });

  it('tutorial, loader strategies: selectinLoad (one more query), joinedLoad (none), raiseLoad', async () => {
    statements.length = 0;
    const users = (await session.scalars(select(User).options(selectinLoad(User.c.addresses)).orderBy(User.c.id))).all();
    expect(selects()).toHaveLength(2);
    expect(users.map((u) => `${u.name}(${u.addresses.map((a) => a.emailAddress).join(', ')})`)).toEqual([
      'spongebob(spongebob@sqlalchemy.org)',
      'sandy(sandy@squirrelpower.org)',
      'squidward()',
      'ehkrabs()',
      'pkrabs(pearl.krabs@gmail.com, pearl@aol.com)',
    ]);
    await session.close();

    statements.length = 0;
    const addresses = (await session.scalars(select(Address).options(joinedLoad(Address.c.user)).orderBy(Address.c.emailAddress))).all();
    expect(selects()).toHaveLength(1);
    expect(addresses.map((a) => `${a.emailAddress} ${a.user!.name}`)).toEqual([
      'pearl.krabs@gmail.com pkrabs',
      'pearl@aol.com pkrabs',
      'sandy@squirrelpower.org sandy',
      'spongebob@sqlalchemy.org spongebob',
    ]);
    expect(addresses[0].user).toBe(addresses[1].user);
    await session.close();

    const strict = (await session.scalars(select(User).where(User.c.name.eq('pkrabs')).options(raiseLoad(User.c.addresses)))).one();
    expect(() => strict.addresses).toThrow(/raise-on-access/);
    await expect(session.load(strict, 'addresses')).rejects.toThrow(/raise-on-access/);
    await session.close();
  });

  it('tutorial, relationship WHERE operators: any() and has()', async () => {
    const fullnames = (await session.scalars(select(User.c.fullname).where(User.c.addresses.any(Address.c.emailAddress.eq('pearl.krabs@gmail.com'))))).all();
    expect(fullnames).toEqual(['Pearl Krabs']);
    const withoutAddresses = (await session.scalars(select(User.c.name).where(User.c.addresses.any().not()).orderBy(User.c.name))).all();
    expect(withoutAddresses).toEqual(['ehkrabs', 'squidward']);
    const emails = (await session.scalars(select(Address.c.emailAddress).where(Address.c.user.has(User.c.name.eq('pkrabs'))).orderBy(Address.c.emailAddress))).all();
    expect(emails).toEqual(['pearl.krabs@gmail.com', 'pearl@aol.com']);
    await session.close();
  });
});
