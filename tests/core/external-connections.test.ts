/**
 * The engine hooks for connections another library owns: `creator` with `pool.size: 0`
 * (open per checkout, close per return) and `engine.joinExternalTransaction(driver)` (a
 * Connection whose transactions are savepoints inside a transaction it never ends).
 */
import { ArgumentError, column, createEngine, DriverConnection, Engine, insert, integer, MetaData, select, Table } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

const md = new MetaData();
const t = new Table(tableName('ext', 'rows'), md, { id: column(integer(), { primaryKey: true, autoincrement: false }) });

forEachDialect('connections owned elsewhere', (ctx) => {
  beforeAll(async () => {
    await md.dropAll(ctx.engine);
    await md.createAll(ctx.engine);
  });
  afterAll(async () => {
    await md.dropAll(ctx.engine);
  });

  it('opens through the creator on every checkout and closes on every return with pool.size 0', async () => {
    const lent = await ctx.engine.connect();
    const events: string[] = [];
    const driver = lent.driver;
    const creator = async (): Promise<DriverConnection> => {
      events.push('open');
      return { run: (s, p, o) => driver.run(s, p, o), stream: (s, p, o) => driver.stream(s, p, o), exec: (s) => driver.exec(s), ping: () => driver.ping(), broken: false, close: async () => void events.push('close') };
    };
    const engine = createEngine(ctx.leg.url, { creator, pool: { size: 0 } });
    try {
      for (let i = 0; i < 2; i++) {
        const conn = await engine.connect();
        expect(await conn.scalars(select(t.c.id))).toBeDefined();
        await conn.close();
      }
      expect(events).toEqual(['open', 'close', 'open', 'close']);
      expect(engine.pool.status()).toMatchObject({ open: 0, idle: 0, checkedOut: 0 });
    } finally {
      await engine.dispose();
      await lent.close();
    }
  });

  it('joins a transaction begun elsewhere: its own transactions are savepoints, the owner ends the real one', async () => {
    const owner = await ctx.engine.connect();
    await owner.begin();
    const joined = await ctx.engine.joinExternalTransaction(owner.driver);
    expect(joined.externalTransaction).toBe(true);
    await joined.execute(insert(t).values({ id: 1 }));
    await joined.beginNested(async () => {
      await joined.execute(insert(t).values({ id: 2 }));
    });
    await joined.commit(); // releases the savepoint; the owner's transaction stays open
    await joined.execute(insert(t).values({ id: 3 }));
    await joined.rollback(); // undoes 3 only
    await joined.execute(insert(t).values({ id: 4 }));
    await joined.close(); // not committed: undone
    expect(owner.inTransaction()).toBe(true);
    expect((await owner.scalars(select(t.c.id).orderBy(t.c.id))).all()).toEqual([1, 2]);
    await owner.rollback();
    expect((await owner.scalars(select(t.c.id))).all()).toEqual([]);
    await owner.close();
    expect(ctx.engine.pool.status().checkedOut).toBe(0);
  });
});

describe('connection hooks: bad input', () => {
  it('refuses a creator that is not a function', () => {
    expect(() => createEngine('sqlite://', { creator: 'open' as unknown as () => Promise<DriverConnection> })).toThrow(ArgumentError);
  });
  it('refuses a pool that can never hand out a connection', () => {
    expect(() => createEngine('sqlite:///x.db', { pool: { size: 0, maxOverflow: 0 } })).toThrow(/cannot both be 0/);
  });
  it('refuses to join something that is not a driver connection', async () => {
    const engine: Engine = createEngine('sqlite://');
    await expect(engine.joinExternalTransaction({} as DriverConnection)).rejects.toThrow(ArgumentError);
    await expect(engine.joinExternalTransaction(null as unknown as DriverConnection)).rejects.toThrow(ArgumentError);
    await engine.dispose();
  });
});
