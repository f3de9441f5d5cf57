/** Bad input and faults: clear errors, nothing half-written, and a pool that recovers. */
import {
  ArgumentError,
  column,
  ConnectionError,
  createEngine,
  DatabaseError,
  func,
  insert,
  integer,
  MetaData,
  parseUrl,
  PoolTimeoutError,
  select,
  string,
  Table,
  text,
  UrlError,
} from 'retort';
import { forEachDialect, legs, tableName } from '../support/matrix';

describe('URLs and engine options', () => {
  it('parses the supported URL forms and masks passwords', () => {
    expect(parseUrl('sqlite://').database).toBe(':memory:');
    expect(parseUrl('sqlite:///app.db').database).toBe('app.db');
    expect(parseUrl('sqlite:////var/data/app.db').database).toBe('/var/data/app.db');
    const u = parseUrl('postgresql://scott:t%40ger@db.example.com:6543/shop?sslmode=require');
    expect([u.username, u.password, u.host, u.port, u.database, u.query.sslmode]).toEqual(['scott', 't@ger', 'db.example.com', 6543, 'shop', 'require']);
    expect(String(u)).toBe('postgresql://scott:***@db.example.com:6543/shop?sslmode=require');
    expect(parseUrl('mariadb://root@127.0.0.1/x').drivername).toBe('mariadb');
    expect(String(createEngine('mysql://u:secret@h/d'))).not.toContain('secret');
  });

  it('rejects malformed URLs, unknown databases and unknown options clearly', () => {
    expect(() => createEngine('not a url')).toThrow(UrlError);
    expect(() => createEngine('oracle://scott:tiger@h/d')).toThrow(/unknown database "oracle".*sqlite, postgresql, mysql/);
    expect(() => createEngine('oracle://scott:tiger@h/d')).not.toThrow(/tiger/);
    expect(() => createEngine('postgresql://h:99999/d')).toThrow(/bad port/);
    expect(() => createEngine(42 as never)).toThrow(/non-empty string/);
    expect(() => createEngine('sqlite://', { poolSize: 3 } as never)).toThrow(/unknown option "poolSize"/);
    expect(() => createEngine('sqlite://', { pool: { size: -1 } })).toThrow(/pool.size must be a non-negative number/);
  });

  it('rejects wrong arguments from JavaScript callers', async () => {
    const md = new MetaData();
    expect(() => new Table('t', md, { id: 'integer' as never })).toThrow(/must be made with column/);
    expect(() => column('integer' as never)).toThrow(/needs a SQL type/);
    expect(() => column(integer as never)).toThrow(/call it: integer\(\)/);
    expect(() => select([1, 2] as never)).toThrow(/not a list/);
    const t = new Table('t', md, { id: column(integer(), { primaryKey: true }) });
    expect(() => select(t.c.id).where('id = 1' as never)).toThrow(/takes SQL expressions/);
    expect(() => select(t.c.id).limit(-1)).toThrow(/non-negative integer/);
    expect(() => t.c.id.eq(undefined as never)).toThrow(/undefined is not a SQL value/);
    expect(() => t.c.id.in([1, null] as never)).toThrow(/use isNull/);
    const engine = createEngine('sqlite://');
    const conn = await engine.connect();
    await expect(conn.execute('SELECT 1' as never)).rejects.toThrow(/wrap the SQL in text\(\)/);
    await expect(conn.execute(select(t.c.id), 5 as never)).rejects.toThrow(ArgumentError);
    await expect(conn.execute(select(t.c.id), [])).rejects.toThrow(/at least one parameter object/);
    await conn.close();
    await engine.dispose();
  });
});

forEachDialect('database errors and recovery', (ctx) => {
  const md = new MetaData();
  const t = new Table(tableName('flt', 'items'), md, {
    id: column(integer(), { primaryKey: true }),
    name: column(string(40), { nullable: false }),
  });
  beforeAll(async () => {
    await md.dropAll(ctx.engine);
    await md.createAll(ctx.engine);
  });
  afterAll(async () => {
    await md.dropAll(ctx.engine);
  });

  it('wraps server errors with the SQL, keeps the driver error, hides parameters unless asked', async () => {
    const conn = await ctx.engine.connect();
    const err = await conn.execute(text('SELECT nope FROM missing_table WHERE x = :secret'), { secret: 'hunter2' }).catch((e) => e);
    await conn.close();
    expect(err).toBeInstanceOf(DatabaseError);
    expect(err.sql).toContain('missing_table');
    expect(err.message).toContain('[SQL: ');
    expect(err.message).not.toContain('hunter2');
    expect(err.params).toBeUndefined();
    expect(err.driverError).toBeDefined();

    const verbose = createEngine(ctx.leg.url, { includeParametersInErrors: true });
    const c2 = await verbose.connect();
    const err2 = await c2.execute(text('SELECT nope FROM missing_table WHERE x = :secret'), { secret: 'hunter2' }).catch((e) => e);
    await c2.close();
    await verbose.dispose();
    expect(err2.message).toContain('hunter2');
  });

  it('says which server it cannot connect to, with the password masked, and keeps the driver error', async () => {
    const refused = ctx.leg.name === 'sqlite' ? 'sqlite:///retort-no-such-directory/x.db' : `${ctx.leg.name}://someone:hunter2@127.0.0.1:1/nowhere`;
    const engine = createEngine(refused);
    const err = await engine.connect().catch((e) => e);
    await engine.dispose();
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toMatch(/^cannot connect to (sqlite|postgresql|mysql):\/\//);
    expect(err.message).not.toContain('hunter2');
    expect(err.message).not.toContain('[SQL:');
    expect(err.driverError).toBeDefined();
    expect(err.cause).toBe(err.driverError);
    if (ctx.leg.name === 'sqlite') return;
    expect(err.message).toContain('someone:***@127.0.0.1:1/nowhere');
    expect(err.driverCode).toBe('ECONNREFUSED');
    // A live server that refuses: an unknown database.
    const url = new URL(ctx.leg.url);
    url.pathname = '/retort_no_such_database';
    const unknown = createEngine(url.toString());
    const err2 = await unknown.connect().catch((e) => e);
    await unknown.dispose();
    expect(err2).toBeInstanceOf(ConnectionError);
    expect(err2.message).toMatch(/cannot connect to .*retort_no_such_database: .*retort_no_such_database/);
  });

  it('leaves nothing half-written when a multi-row insert fails', async () => {
    await expect(ctx.engine.begin((conn) => conn.execute(insert(t), [{ id: 1, name: 'a' }, { id: 2, name: 'b' }, { id: 1, name: 'dup' }]))).rejects.toThrow(DatabaseError);
    const conn = await ctx.engine.connect();
    expect(await conn.scalar(select(func.count()).selectFrom(t))).toBe(0);
    await conn.close();
  });

  it('times out clearly when the pool is exhausted, without hanging', async () => {
    const small = createEngine(ctx.leg.url, { pool: { size: 1, maxOverflow: 0, timeout: 150 } });
    const held = await small.connect();
    const started = Date.now();
    await expect(small.connect()).rejects.toBeInstanceOf(PoolTimeoutError);
    expect(Date.now() - started).toBeLessThan(5000);
    await held.close();
    const again = await small.connect();
    await again.close();
    await small.dispose();
  });

  if (ctx.leg.name !== 'sqlite') {
    it('recovers on the next checkout after the server kills a connection', async () => {
      const engine = createEngine(ctx.leg.url, { pool: { size: 1, maxOverflow: 0 } });
      const conn = await engine.connect();
      const pidSql = ctx.leg.name === 'postgresql' ? 'SELECT pg_backend_pid()' : 'SELECT CONNECTION_ID()';
      const pid = (await conn.execDriverSql(pidSql)).scalar();
      await conn.commit();
      await conn.close();
      const killer = createEngine(ctx.leg.url);
      await killer.begin((k) => k.execDriverSql(ctx.leg.name === 'postgresql' ? `SELECT pg_terminate_backend(${Number(pid)})` : `KILL ${Number(pid)}`));
      await killer.dispose();
      await new Promise((r) => setTimeout(r, 100));
      // The idle connection is dead: either the pool notices on checkout, or the first
      // statement fails with a ConnectionError and the connection is not reused.
      const c2 = await engine.connect();
      const first = await c2.execute(select(func.count()).selectFrom(t)).then(
        (r) => r.scalar(),
        (e) => e,
      );
      await c2.close();
      if (first instanceof Error) expect(first).toBeInstanceOf(ConnectionError);
      const c3 = await engine.connect();
      expect(await c3.scalar(select(func.count()).selectFrom(t))).toBe(0);
      await c3.close();
      await engine.dispose();
    });

    it('recovers without a failed statement when pre-ping is on', async () => {
      const engine = createEngine(ctx.leg.url, { pool: { size: 1, maxOverflow: 0, prePing: true } });
      const conn = await engine.connect();
      const pid = (await conn.execDriverSql(ctx.leg.name === 'postgresql' ? 'SELECT pg_backend_pid()' : 'SELECT CONNECTION_ID()')).scalar();
      await conn.close();
      const killer = createEngine(ctx.leg.url);
      await killer.begin((k) => k.execDriverSql(ctx.leg.name === 'postgresql' ? `SELECT pg_terminate_backend(${Number(pid)})` : `KILL ${Number(pid)}`));
      await killer.dispose();
      await new Promise((r) => setTimeout(r, 100));
      const c2 = await engine.connect();
      expect(await c2.scalar(select(func.count()).selectFrom(t))).toBe(0);
      await c2.close();
      await engine.dispose();
    });
  }
});

describe('compiled statement cache, echo and events', () => {
  it('compiles each statement shape once, logs cache badges, and calls hooks', async () => {
    const lines: string[] = [];
    const engine = createEngine('sqlite://', { echo: (l) => lines.push(l) });
    const md = new MetaData();
    const t = new Table('cache_t', md, { id: column(integer(), { primaryKey: true }), name: column(string(10)) });
    await md.createAll(engine);
    const seen: string[] = [];
    const off = engine.events.on('afterExecute', (e) => {
      seen.push(`${e.sql}|${e.rowCount}`);
    });
    const conn = await engine.connect();
    const before = engine.compiledCacheStats;
    for (let i = 0; i < 5; i++) await conn.execute(select(t.c.name).where(t.c.id.eq(i)));
    const after = engine.compiledCacheStats;
    expect(after.size - before.size).toBe(1);
    expect(after.hits - before.hits).toBe(4);
    expect(lines.some((l) => /\[generated in [\d.]+ms\] \[0\]/.test(l))).toBe(true);
    expect(lines.some((l) => /\[cached since [\d.]+s ago\] \[4\]/.test(l))).toBe(true);
    expect(seen).toHaveLength(5);
    off();
    await conn.execute(select(t.c.name));
    expect(seen).toHaveLength(5);
    await conn.close();
    await engine.dispose();
  });

  it('only runs legs whose URLs are set, and says so', () => {
    expect(legs().map((l) => l.name)).toContain('sqlite');
  });
});
