/** Wrong inputs to the knex integration: clear ArgumentErrors, nothing borrowed and not given back. */
import knexFactory from 'knex';
import { ArgumentError, createEngineFromKnex, KnexLike, KnexTransactionLike } from 'retort';

const fakeKnex = (client: string, raw: unknown = {}) => {
  const released: unknown[] = [];
  const knex: KnexLike = {
    client: { config: { client }, acquireConnection: async () => raw, releaseConnection: async (c: unknown) => void released.push(c) },
  };
  return { knex, released };
};

describe('createEngineFromKnex(): bad input', () => {
  it('needs a knex instance', () => {
    for (const bad of [undefined, null, {}, 'pg', { client: {} }]) {
      expect(() => createEngineFromKnex(bad as unknown as KnexLike)).toThrow(/takes a knex instance/);
    }
  });

  it('names the knex client to use instead of one Retort cannot share', () => {
    expect(() => createEngineFromKnex(fakeKnex('sqlite3').knex)).toThrow(/'better-sqlite3'/);
    expect(() => createEngineFromKnex(fakeKnex('mysql').knex)).toThrow(/'mysql2'/);
    expect(() => createEngineFromKnex(fakeKnex('mssql').knex)).toThrow(ArgumentError);
  });

  it("refuses options that are knex's to set, and unknown options", () => {
    const { knex } = fakeKnex('pg');
    expect(() => createEngineFromKnex(knex, { pool: { size: 2 } } as never)).toThrow(/"pool" is knex's to configure/);
    expect(() => createEngineFromKnex(knex, { driverOptions: {} } as never)).toThrow(ArgumentError);
    expect(() => createEngineFromKnex(knex, { colour: 'blue' } as never)).toThrow(/unknown option "colour"/);
  });

  it('gives back a connection that is not what the dialect expects, with a clear error', async () => {
    const { knex, released } = fakeKnex('pg', { not: 'a pg client' });
    const engine = createEngineFromKnex(knex);
    await expect(engine.connect()).rejects.toThrow(/not a pg Client/);
    expect(released).toHaveLength(1);
    expect(engine.pool.status()).toMatchObject({ open: 0, checkedOut: 0 });
  });

  it('never prints the password of the knex connection', () => {
    const fromObject = knexFactory({ client: 'pg', connection: { host: 'db.example', port: 5433, user: 'app', password: 's3cret', database: 'shop' } });
    const fromString = knexFactory({ client: 'mysql2', connection: 'mysql://app:s3cret@db.example:3307/shop' });
    expect(String(createEngineFromKnex(fromObject))).toBe('Engine(postgresql://app@db.example:5433/shop)');
    expect(String(createEngineFromKnex(fromString))).toBe('Engine(mysql://app@db.example:3307/shop)');
    return Promise.all([fromObject.destroy(), fromString.destroy()]);
  });
});

describe('joinKnexTransaction(): bad input', () => {
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  const other = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  const engine = createEngineFromKnex(knex);
  afterAll(() => Promise.all([engine.dispose(), knex.destroy(), other.destroy()]));

  it('needs the trx of knex.transaction()', async () => {
    await expect(engine.joinKnexTransaction(knex as unknown as KnexTransactionLike)).rejects.toThrow(/takes the trx of knex.transaction/);
    await expect(engine.joinKnexTransaction(undefined as unknown as KnexTransactionLike)).rejects.toThrow(ArgumentError);
  });

  it('refuses a transaction of another knex instance', async () => {
    await other.transaction(async (trx) => {
      await expect(engine.joinKnexTransaction(trx)).rejects.toThrow(/another knex instance/);
    });
  });

  it('needs a function for withKnexTransaction', async () => {
    await knex.transaction(async (trx) => {
      await expect(engine.withKnexTransaction(trx, 'SELECT 1' as never)).rejects.toThrow(/takes a function/);
    });
  });
});
