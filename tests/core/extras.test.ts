/** Smaller Core features: filterBy, correlation control, LATERAL, pool recycle, withOnlyColumns. */
import { column, compile, createEngine, func, insert, integer, MetaData, select, string, Table } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

const md = new MetaData();
const a = new Table('xa', md, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });
const b = new Table('xb', md, { id: column(integer(), { primaryKey: true }), aId: column(integer(), { name: 'a_id' }) });

describe('select extras (compiled)', () => {
  it('filterBy() compares columns of the FROM element by key', () => {
    expect(compile(select(a).filterBy({ name: 'x', id: 1 }), 'sqlite').sql).toBe('SELECT xa.id, xa.name FROM xa WHERE xa.name = ? AND xa.id = ?');
    expect(() => select(a).filterBy({ nope: 1 })).toThrow(/xa has no column "nope"/);
  });

  it('correlates enclosing tables by default, and not with correlate(null)', () => {
    const inner = select(func.count()).selectFrom(b).where(b.c.aId.eq(a.c.id));
    expect(compile(select(a.c.id, inner.scalarSubquery()), 'sqlite').sql).toBe('SELECT xa.id, (SELECT count(*) FROM xb WHERE xb.a_id = xa.id) FROM xa');
    expect(compile(select(a.c.id, inner.correlate(null).scalarSubquery()), 'sqlite').sql).toBe('SELECT xa.id, (SELECT count(*) FROM xb, xa WHERE xb.a_id = xa.id) FROM xa');
  });

  it('renders LATERAL subqueries on PostgreSQL', () => {
    const top = select(b.c.id).where(b.c.aId.eq(a.c.id)).limit(1).subquery('top').asLateral();
    expect(compile(select(a.c.name, top.c.id).join(top, top.c.id.isNotNull()), 'postgresql').sql).toBe(
      'SELECT xa.name, top.id FROM xa JOIN LATERAL (SELECT xb.id FROM xb WHERE xb.a_id = xa.id LIMIT $1) AS top ON top.id IS NOT NULL',
    );
  });

  it('withOnlyColumns() and addColumns() keep the rest of the statement', () => {
    const base = select(a.c.id).where(a.c.name.eq('x')).orderBy(a.c.id);
    expect(compile(base.withOnlyColumns(a.c.name), 'sqlite').sql).toBe('SELECT xa.name FROM xa WHERE xa.name = ? ORDER BY xa.id');
    expect(compile(base.addColumns(a.c.name), 'sqlite').sql).toBe('SELECT xa.id, xa.name FROM xa WHERE xa.name = ? ORDER BY xa.id');
  });
});

forEachDialect('pool recycle and lateral', (ctx) => {
  const m = new MetaData();
  const t = new Table(tableName('ext', 'items'), m, { id: column(integer(), { primaryKey: true }) });
  beforeAll(async () => {
    await m.dropAll(ctx.engine);
    await m.createAll(ctx.engine);
  });
  afterAll(async () => {
    await m.dropAll(ctx.engine);
  });

  if (ctx.leg.name !== 'sqlite') {
    it('replaces connections older than pool.recycle', async () => {
      // The pool reads the clock through Date.now(); moving it forward makes the test exact on a busy machine.
      let now = Date.now();
      const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
      const engine = createEngine(ctx.leg.url, { pool: { size: 1, recycle: 60_000 } });
      try {
        const pidSql = ctx.leg.name === 'postgresql' ? 'SELECT pg_backend_pid()' : 'SELECT CONNECTION_ID()';
        const c1 = await engine.connect();
        const first = (await c1.execDriverSql(pidSql)).scalar();
        await c1.close();
        now += 59_000;
        const c2 = await engine.connect();
        const same = (await c2.execDriverSql(pidSql)).scalar();
        await c2.close();
        now += 2_000;
        const c3 = await engine.connect();
        const later = (await c3.execDriverSql(pidSql)).scalar();
        await c3.close();
        expect(same).toEqual(first);
        expect(later).not.toEqual(first);
      } finally {
        clock.mockRestore();
        await engine.dispose();
      }
    });
  }

  it('keeps working through a fresh pool after dispose()', async () => {
    await ctx.engine.begin((conn) => conn.execute(insert(t).values({ id: 1 })));
    await ctx.engine.dispose();
    const conn = await ctx.engine.connect();
    if (ctx.leg.name === 'sqlite') {
      // An in-memory database lives in its connection: dispose() starts a new, empty one.
      await expect(conn.scalar(select(func.count()).selectFrom(t))).rejects.toThrow(/no such table/);
      await conn.close();
      await m.createAll(ctx.engine);
    } else {
      expect(await conn.scalar(select(func.count()).selectFrom(t))).toBe(1);
      await conn.close();
    }
  });
});
