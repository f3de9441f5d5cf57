/** Relationship options on every database: orderBy in every loader, foreignKeys between doubly linked tables, postUpdate. */
import {
  column,
  declarativeBase,
  deleteFrom,
  foreignKey,
  integer,
  joinedLoad,
  many,
  MappingError,
  one,
  select,
  selectinLoad,
  Session,
  string,
  update,
  writeOnly,
} from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

const T = (n: string) => tableName('ormo', n);

function models() {
  const Base = declarativeBase();
  class Customer extends Base.model(T('customer'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(50), { nullable: false }),
    billingId: column(integer(), { name: 'billing_id', references: foreignKey(`${T('address')}.id`) }),
    shippingId: column(integer(), { name: 'shipping_id', references: foreignKey(`${T('address')}.id`) }),
    billing: one<Address>('Address', { foreignKeys: 'billingId', postUpdate: true }),
    shipping: one<Address>('Address', { foreignKeys: ['shippingId'], postUpdate: true }),
    addresses: many<Address>('Address', { foreignKeys: 'customerId', backPopulates: 'customer', cascade: 'all', orderBy: (a) => [a.city.desc(), a.id] }),
    log: writeOnly<Address>('Address', { foreignKeys: 'customerId', orderBy: (a) => a.city }),
  }) {}
  class Address extends Base.model(T('address'), {
    id: column(integer(), { primaryKey: true }),
    city: column(string(50), { nullable: false }),
    customerId: column(integer(), { name: 'customer_id', references: foreignKey(`${T('customer')}.id`) }),
    customer: one<Customer>('Customer', { backPopulates: 'addresses' }),
  }) {}
  Base.register(Customer, Address);
  return { Base, Customer, Address };
}

forEachDialect('orm relationship options', (ctx) => {
  const { Base, Customer, Address } = models();
  let session: Session;
  const statements: string[] = [];
  const record = (e: { sql: string }) => void statements.push(e.sql);
  /** The two tables refer to each other: unlink the rows so that the tables can be dropped. */
  async function dropTables(): Promise<void> {
    const s = new Session(ctx.engine);
    try {
      await s.execute(update(Customer.table).values({ billingId: null, shippingId: null }));
      await s.execute(deleteFrom(Address.table));
      await s.execute(deleteFrom(Customer.table));
      await s.commit();
    } catch {
      await s.rollback(); // the tables do not exist yet
    }
    await Base.metadata.dropAll(ctx.engine);
  }
  beforeAll(async () => {
    await dropTables();
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
    await dropTables();
  });

  async function seed(name: string): Promise<number> {
    const cities = ['Bern', 'Oslo', 'Rome', 'Lima'];
    const c = new Customer({ name, addresses: cities.map((city) => new Address({ city })) });
    c.billing = c.addresses[1];
    c.shipping = c.addresses[2];
    session.add(c);
    await session.commit();
    await session.close();
    return c.id;
  }
  const expected = ['Rome', 'Oslo', 'Lima', 'Bern'];

  it('orderBy: select-in, joined, explicit loading and a write-only select() give the same order', async () => {
    const id = await seed('ordered');
    const sel = (await session.scalars(select(Customer).where(Customer.c.id.eq(id)).options(selectinLoad(Customer.c.addresses)))).one();
    expect(sel.addresses.map((a) => a.city)).toEqual(expected);
    await session.close();
    const joined = (await session.scalars(select(Customer).where(Customer.c.id.eq(id)).options(joinedLoad(Customer.c.addresses)))).one();
    expect(joined.addresses.map((a) => a.city)).toEqual(expected);
    await session.close();
    const lazy = (await session.get(Customer, id))!;
    expect((await session.load(lazy, 'addresses')).map((a) => a.city)).toEqual(expected);
    expect((await session.scalars(lazy.log.select())).all().map((a) => a.city)).toEqual(['Bern', 'Lima', 'Oslo', 'Rome']);
  });

  it('foreignKeys: each relationship writes, loads and joins through its own foreign key', async () => {
    const id = await seed('two-keys');
    const c = (await session.scalars(select(Customer).where(Customer.c.id.eq(id)).options(joinedLoad(Customer.c.billing), selectinLoad(Customer.c.shipping), selectinLoad(Customer.c.addresses)))).one();
    expect(c.billing?.city).toBe('Oslo');
    expect(c.shipping?.city).toBe('Rome');
    expect(c.billingId).toBe(c.billing?.id);
    expect(c.shippingId).toBe(c.shipping?.id);
    const viaShipping = await session.execute(select(Customer.c.name, Address.c.city).join(Customer.c.shipping).where(Customer.c.id.eq(id)));
    expect(viaShipping.all().map((r) => [...r])).toEqual([['two-keys', 'Rome']]);
    expect(await session.scalar(select(Customer.c.name).where(Customer.c.id.eq(id), Customer.c.billing.has(Address.c.city.eq('Oslo'))))).toBe('two-keys');
    // Moving billing to another address changes billing_id only.
    c.billing = c.addresses.find((a) => a.city === 'Lima')!;
    await session.commit();
    const row = (await session.execute(select(Customer.c.billingId, Customer.c.shippingId).where(Customer.c.id.eq(id)))).one();
    expect([row[0], row[1]]).toEqual([c.billing.id, c.shipping!.id]);
  });

  it('postUpdate: rows that refer to each other are inserted and deleted in one flush', async () => {
    const c = new Customer({ name: 'cycle', addresses: [new Address({ city: 'Kyiv' })] });
    c.billing = c.addresses[0];
    session.add(c);
    await session.flush();
    const writes = statements.filter((s) => /^\s*(INSERT|UPDATE)/i.test(s)).map((s) => s.trim().split(/\s+/).slice(0, 3).join(' ').replace(/[`"]/g, ''));
    // The customer goes in with billing_id NULL, then the address, then the UPDATE that links them.
    expect(writes).toEqual([`INSERT INTO ${T('customer')}`, `INSERT INTO ${T('address')}`, `UPDATE ${T('customer')} SET`]);
    expect(await session.scalar(select(Customer.c.billingId).where(Customer.c.id.eq(c.id)))).toBe(c.addresses[0].id);
    await session.commit();
    session.delete(c); // cascade 'all' deletes the addresses; billing_id is set NULL first
    await session.commit();
    expect(await session.get(Customer, c.id)).toBeNull();
  });

  it('bad mapping: two foreign keys without foreignKeys, foreignKeys naming no foreign key, postUpdate on a NOT NULL key', () => {
    const Base2 = declarativeBase();
    class Shop extends Base2.model(T('shop'), {
      id: column(integer(), { primaryKey: true }),
      mainId: column(integer(), { name: 'main_id', references: foreignKey(`${T('place')}.id`) }),
      backupId: column(integer(), { name: 'backup_id', nullable: false, references: foreignKey(`${T('place')}.id`) }),
      main: one<Place>('Place'),
      wrong: one<Place>('Place', { foreignKeys: 'name' }),
      strict: one<Place>('Place', { foreignKeys: 'backupId', postUpdate: true }),
    }) {}
    class Place extends Base2.model(T('place'), {
      id: column(integer(), { primaryKey: true }),
      name: column(string(20)),
    }) {}
    Base2.register(Shop, Place);
    expect(() => Shop.c.main.has()).toThrow(MappingError);
    expect(() => Shop.c.main.has()).toThrow(/Shop\.main: .*shop has 2 foreign keys to .*place \(mainId, backupId\); say which one this relationship uses with foreignKeys: 'mainId'/);
    expect(() => Shop.c.wrong.has()).toThrow(/foreignKeys name is not a foreign key between/);
    expect(() => Shop.c.strict.has()).toThrow(/postUpdate .* backup_id must be nullable/);
    expect(() => one<Place>('Place', { orderBy: 'name' as never })).toThrow(/orderBy must be a function of the target's columns/);
    expect(() => many<Place>('Place', { postUpdate: 'yes' as never })).toThrow(/postUpdate must be true or false/);
  });
});
