/**
 * ORM-enabled DML through session.execute() on every database: INSERT … RETURNING model
 * objects (executemany and multi-row VALUES), UPDATE/DELETE with each synchronizeSession
 * mode, bulk UPDATE by primary key, and upserts returning objects.
 */
import { column, declarativeBase, deleteFrom, insert, integer, select, Session, string, text, update } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

const T = (n: string) => tableName('ormdml', n);

forEachDialect(
  'orm-enabled DML',
  (ctx) => {
    const Base = declarativeBase();
    class Player extends Base.model(T('player'), {
      id: column(integer(), { primaryKey: true }),
      handle: column(string(30), { nullable: false, unique: true }),
      team: column(string(10), { nullable: false }),
      score: column(integer(), { nullable: false }),
      level: column(string(10), { nullable: false, serverDefault: text("'rookie'") }),
    }) {}
    Base.register(Player);
    let session: Session;
    const statements: string[] = [];
    const returning = () => ctx.engine.dialect.supports.returning;

    beforeAll(async () => {
      await Base.metadata.dropAll(ctx.engine);
      await Base.metadata.createAll(ctx.engine);
      ctx.engine.events.on('beforeExecute', ((e: { sql: string }) => void statements.push(e.sql)) as never);
    });
    beforeEach(async () => {
      session = new Session(ctx.engine);
      await ctx.engine.begin((conn) => conn.execDriverSql(`DELETE FROM ${Player.table.name}`));
      statements.length = 0;
    });
    afterEach(async () => {
      await session.close();
    });
    afterAll(async () => {
      await Base.metadata.dropAll(ctx.engine);
    });

    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ handle: `p${i}`, team: i % 2 ? 'red' : 'blue', score: i }));
    const seed = async (n: number) => {
      await session.execute(insert(Player), rows(n));
      await session.commit();
      return (await session.scalars(select(Player).orderBy(Player.c.score))).all();
    };
    /** The objects the session still maps (get() answers from the identity map, or finds no row). */
    const alive = async <P extends { id: number }>(ps: P[]) => {
      const out: P[] = [];
      for (const p of ps) if ((await session.get(Player, p.id)) === (p as unknown)) out.push(p);
      return out;
    };
    const stored = async () => {
      const conn = await ctx.engine.connect();
      try {
        return new Map((await conn.execute(select(Player.c.handle, Player.c.score, Player.c.team))).all().map((r) => [r.handle, { score: r.score, team: r.team }]));
      } finally {
        await conn.close();
      }
    };

    it('insert(Model).returning(Model) with many parameter sets returns identity-mapped objects in parameter order', async () => {
      if (!returning().insert) return void console.warn(`SKIPPED CASE [${ctx.leg.name}]: ${ctx.engine.dialect.describe()} has no INSERT … RETURNING`);
      const params = rows(1200).reverse();
      const players = (await session.scalars(insert(Player).returning(Player), params)).all();
      expect(players.map((p) => p.handle)).toEqual(params.map((p) => p.handle));
      expect(players.every((p) => p instanceof Player && p.level === 'rookie' && typeof p.id === 'number')).toBe(true);
      statements.length = 0;
      expect(await session.get(Player, players[700].id)).toBe(players[700]);
      expect(statements).toHaveLength(0); // from the identity map
      // A multi-row values() list works the same way, and mixes columns with objects.
      const out = (await session.execute(insert(Player).values([{ handle: 'x1', team: 't', score: 1 }, { handle: 'x2', team: 't', score: 2 }]).returning(Player.c.handle, Player))).all();
      expect(out.map((r) => [r[0], r[1].handle, r[1].id > 0])).toEqual([['x1', 'x1', true], ['x2', 'x2', true]]);
    });

    it("synchronizeSession 'evaluate' (and 'auto') applies WHERE and SET to the loaded objects without asking the database", async () => {
      const players = await seed(10);
      statements.length = 0;
      await session.execute(update(Player).where(Player.c.score.ge(5), Player.c.score.lt(8)).values({ score: Player.c.score.add(100) }), undefined, { synchronizeSession: 'evaluate' });
      expect(statements.filter((s) => /^SELECT/i.test(s))).toHaveLength(0);
      expect(players.map((p) => p.score)).toEqual([0, 1, 2, 3, 4, 105, 106, 107, 8, 9]);
      await session.execute(deleteFrom(Player).where(Player.c.score.gt(100)));
      const left = await alive(players);
      expect(left.map((p) => p.score)).toEqual([0, 1, 2, 3, 4, 8, 9]);
      await session.commit();
      const db = await stored();
      expect(db.size).toBe(7);
      for (const p of left) expect(db.get(p.handle)!.score).toBe(p.score);
    });

    it("synchronizeSession 'fetch' (and 'auto' for what cannot be evaluated) reads back which rows changed", async () => {
      const players = await seed(8);
      // LIKE is not evaluated in JavaScript: 'auto' fetches.
      await session.execute(update(Player).where(Player.c.handle.like('p%'), Player.c.team.eq('red')).values({ team: 'green' }));
      expect(players.map((p) => p.team)).toEqual(['blue', 'green', 'blue', 'green', 'blue', 'green', 'blue', 'green']);
      await session.execute(update(Player).where(Player.c.score.lt(2)).values({ score: Player.c.score.mul(10) }), undefined, { synchronizeSession: 'fetch' });
      expect(players.slice(0, 3).map((p) => p.score)).toEqual([0, 10, 2]);
      await session.execute(deleteFrom(Player).where(Player.c.team.eq('green')), undefined, { synchronizeSession: 'fetch' });
      expect((await alive(players)).map((p) => p.team)).toEqual(['blue', 'blue', 'blue', 'blue']);
      await session.commit();
      expect((await stored()).size).toBe(4);
    });

    it("'evaluate' refuses what it cannot evaluate; false leaves objects until their next load; a rollback brings deleted objects back", async () => {
      const players = await seed(4);
      await expect(session.execute(update(Player).where(Player.c.handle.like('p%')).values({ score: 0 }), undefined, { synchronizeSession: 'evaluate' })).rejects.toThrow(/synchronizeSession 'evaluate'.*LIKE|synchronizeSession 'evaluate'/);
      await expect(session.execute(update(Player).values({ score: 1 }), undefined, { synchronizeSession: 'sometimes' as never })).rejects.toThrow(/synchronizeSession must be/);
      await session.execute(update(Player).values({ score: 50 }), undefined, { synchronizeSession: false });
      expect(players[0].score).toBe(0);
      await session.scalars(select(Player));
      expect(players.map((p) => p.score)).toEqual([50, 50, 50, 50]);
      await session.execute(deleteFrom(Player).where(Player.c.id.eq(players[0].id)));
      expect(await alive(players)).toEqual(players.slice(1));
      await session.rollback();
      expect(await alive(players)).toEqual(players);
      await session.commit(); // (frees the connection: in-memory SQLite has one)
      expect((await stored()).size).toBe(4);
    });

    it('bulk UPDATE by primary key: one executemany per set of keys; the objects take the new values', async () => {
      const players = await seed(6);
      const res = await session.execute(update(Player), [
        { id: players[0].id, score: 70 },
        { id: players[1].id, score: 71, team: 'gold' },
        { id: players[2].id, score: 72 },
        { id: players[3].id, team: 'gold', score: 73 },
      ]);
      expect(res.rowCount).toBe(4);
      expect(statements.filter((s) => /^UPDATE/i.test(s)).length).toBeGreaterThanOrEqual(2);
      expect(players.map((p) => [p.score, p.team])).toEqual([[70, 'blue'], [71, 'gold'], [72, 'blue'], [73, 'gold'], [4, 'blue'], [5, 'red']]);
      await session.commit();
      const db = await stored();
      for (const p of players) expect(db.get(p.handle)).toEqual({ score: p.score, team: p.team });
      await expect(session.execute(update(Player), [{ score: 1 }])).rejects.toThrow(/parameter set 1 has no primary key value for id/);
    });

    it('upsert returns objects where the database can, and objects already in the Session take the new values', async () => {
      const players = await seed(3);
      const stmt = insert(Player).values([
        { handle: 'p1', team: 'upd', score: 11 },
        { handle: 'new', team: 'new', score: 99 },
      ]);
      const upsert = ctx.leg.name === 'mysql' ? stmt.onDuplicateKeyUpdate((ex) => ({ team: ex.team, score: ex.score })) : stmt.onConflictDoUpdate({ target: [Player.c.handle], set: (ex) => ({ team: ex.team, score: ex.score }) });
      if (returning().insert) {
        const got = (await session.scalars(upsert.returning(Player))).all();
        expect(got.map((p) => p.handle).sort()).toEqual(['new', 'p1']);
        expect(got.find((p) => p.handle === 'p1')).toBe(players[1]);
      } else {
        console.warn(`SKIPPED PART [${ctx.leg.name}]: ${ctx.engine.dialect.describe()} has no RETURNING; the upsert runs without it`);
        await session.execute(upsert);
        await session.scalars(select(Player));
      }
      expect([players[1].team, players[1].score]).toEqual(['upd', 11]);
      await session.commit();
      const db = await stored();
      expect(db.get('p1')).toEqual({ score: 11, team: 'upd' });
      expect(db.get('new')).toEqual({ score: 99, team: 'new' });
    });
  },
  { insertManyValuesPageSize: 500 },
);
