/**
 * Flushing many new objects: batched multi-row INSERTs (insert many values), each object
 * with its own generated key and server defaults; the no-RETURNING path (MySQL) with
 * consecutive auto-increment keys; a failing row leaves nothing written and the Session usable.
 */
import { column, declarativeBase, func, integer, IntegrityError, select, Session, string, text } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

const T = (n: string) => tableName('ormbi', n);
const log: string[] = [];

forEachDialect(
  'orm bulk insert',
  (ctx) => {
    const Base = declarativeBase();
    class Item extends Base.model(T('item'), {
      id: column(integer(), { primaryKey: true }),
      seq: column(integer(), { nullable: false, unique: true }),
      label: column(string(20), { nullable: false }),
      status: column(string(10), { nullable: false, serverDefault: text("'new'") }),
    }) {}
    Base.register(Item);
    let session: Session;
    const batches = () => log.filter((l) => l.includes('insertmanyvalues batch')).length;

    beforeAll(async () => {
      await Base.metadata.dropAll(ctx.engine);
      await Base.metadata.createAll(ctx.engine);
    });
    beforeEach(async () => {
      log.length = 0;
      session = new Session(ctx.engine);
      await ctx.engine.begin((conn) => conn.execDriverSql(`DELETE FROM ${Item.table.name}`));
    });
    afterEach(async () => {
      await session.close();
    });
    afterAll(async () => {
      await Base.metadata.dropAll(ctx.engine);
    });

    const make = (n: number, from = 0) => Array.from({ length: n }, (_, i) => new Item({ seq: from + n - i, label: `item ${from + n - i}` }));

    it('flushes 2,500 new objects in batches; each gets its own key and server default', async () => {
      const items = make(2500);
      session.addAll(items);
      await session.commit();
      expect(batches()).toBe(5); // page size 500
      expect(items.every((i) => i.status === 'new')).toBe(true);
      expect(new Set(items.map((i) => i.id)).size).toBe(2500);
      const conn = await ctx.engine.connect();
      const stored = new Map((await conn.execute(select(Item.c.seq, Item.c.id))).all().map((r) => [r.seq, r.id]));
      await conn.close();
      for (const i of items) expect(stored.get(i.seq)).toBe(i.id);
      // Identity-mapped under the keys they got.
      expect(await session.get(Item, items[1234].id)).toBe(items[1234]);
    });

    it('without RETURNING, multi-row INSERTs take consecutive auto-increment keys where the server promises them', async () => {
      if (ctx.leg.name !== 'mysql') {
        console.warn(`SKIPPED CASE [${ctx.leg.name}]: the consecutive auto-increment path is MySQL/MariaDB's (no RETURNING on MySQL)`);
        return;
      }
      expect(ctx.engine.dialect.consecutiveAutoincrement).toBeDefined();
      session.noReturning = true;
      const items = make(1200);
      session.addAll(items);
      await session.commit();
      const conn = await ctx.engine.connect();
      const stored = new Map((await conn.execute(select(Item.c.seq, Item.c.id))).all().map((r) => [r.seq, r.id]));
      await conn.close();
      expect(stored.size).toBe(1200);
      for (const i of items) expect(stored.get(i.seq)).toBe(i.id);
      expect(items.every((i) => i.status === 'new')).toBe(true);
      // Three multi-row INSERTs (page size 500), each with one SELECT of its server defaults.
      expect(log.filter((l) => /^\[retort\] INSERT/.test(l))).toHaveLength(3);
      expect(log.filter((l) => /^\[retort\] SELECT .* IN \(/.test(l))).toHaveLength(3);
    });

    it('a failing row in the middle of a batch leaves nothing written, and the Session is usable after', async () => {
      const items = make(1600);
      items[1100].seq = items[10].seq; // unique violation in the third batch
      session.addAll(items);
      await expect(session.flush()).rejects.toBeInstanceOf(IntegrityError);
      expect(items.every((i) => session.contains(i) === false)).toBe(true);
      expect(Number(await session.scalar(select(func.count()).selectFrom(Item.table)))).toBe(0);
      const again = make(3, 10000);
      session.addAll(again);
      await session.commit();
      expect(again.every((i) => typeof i.id === 'number')).toBe(true);
      expect(Number(await session.scalar(select(func.count()).selectFrom(Item.table)))).toBe(3);
    });
  },
  { insertManyValuesPageSize: 500, echo: (line) => log.push(line) },
);
