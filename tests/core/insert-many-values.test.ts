/**
 * "Insert many values": executemany INSERTs sent as multi-row VALUES batches sized by the
 * page size and the parameter limit, with RETURNING rows in parameter order (generated
 * keys, given keys, concurrent writers) and nothing half-written when a row fails.
 */
import { column, func, insert, integer, IntegrityError, MetaData, select, string, Table, text } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

const T = (n: string) => tableName('imv', n);
const log: string[] = [];
const batchesLogged = () => log.filter((l) => /insertmanyvalues batch \d+ of \d+/.test(l)).map((l) => /batch (\d+) of (\d+)/.exec(l)!.slice(1).join('/'));

forEachDialect(
  'insert many values',
  (ctx) => {
    const md = new MetaData();
    const items = new Table(T('items'), md, {
      id: column(integer(), { primaryKey: true }),
      seq: column(integer(), { nullable: false, unique: true }),
      label: column(string(20), { nullable: false }),
      status: column(string(10), { nullable: false, serverDefault: text("'new'") }),
      source: column(string(10), { default: () => 'client' }),
    });
    const coded = new Table(T('coded'), md, {
      code: column(string(12), { primaryKey: true }),
      n: column(integer(), { nullable: false }),
      status: column(string(10), { nullable: false, serverDefault: text("'made'") }),
    });
    const wideCols: Record<string, ReturnType<typeof column>> = { id: column(integer(), { primaryKey: true }) };
    for (let i = 0; i < 40; i++) wideCols[`c${i}`] = column(integer());
    const wide = new Table(T('wide'), md, wideCols as never);

    beforeAll(async () => {
      await md.dropAll(ctx.engine);
      await md.createAll(ctx.engine);
    });
    beforeEach(async () => {
      log.length = 0;
      await ctx.engine.begin(async (conn) => {
        for (const t of [items, coded, wide]) await conn.execDriverSql(`DELETE FROM ${t.name}`);
      });
    });
    afterAll(async () => {
      await md.dropAll(ctx.engine);
    });

    const rowsOf = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ seq: from + i, label: `row ${from + i}` }));

    it('returns generated keys and server defaults in parameter order across batches (2,500 rows, page size 1,000)', async () => {
      const params = rowsOf(2500).reverse(); // seq descending, so id order and seq order differ
      const rows = await ctx.engine.begin(async (conn) => (await conn.execute(insert(items).returning(items.c.seq, items.c.status, items.c.source), params)).all());
      expect(rows.map((r) => r.seq)).toEqual(params.map((p) => p.seq));
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['new']));
      expect(new Set(rows.map((r) => r.source))).toEqual(new Set(['client']));
      expect(batchesLogged()).toEqual(['1/3', '2/3', '3/3']);
      // The keys the database gave each seq are the ones stored for it.
      const withIds = await ctx.engine.begin(async (conn) => (await conn.execute(insert(items).returning(items.c.id, items.c.seq), rowsOf(1200, 5000))).all());
      const conn = await ctx.engine.connect();
      const stored = new Map((await conn.execute(select(items.c.seq, items.c.id).where(items.c.seq.ge(5000)))).all().map((r) => [r.seq, r.id]));
      await conn.close();
      expect(withIds.map((r) => r.seq)).toEqual(rowsOf(1200, 5000).map((p) => p.seq));
      for (const r of withIds) expect(stored.get(r.seq)).toBe(r.id);
      const ids = withIds.map((r) => r.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    });

    it('keeps parameter order while another connection inserts into the same table', async () => {
      if (ctx.leg.name === 'sqlite') {
        console.warn('SKIPPED CASE [sqlite]: concurrent inserts — SQLite lets one connection write at a time, so no other writer can interleave');
        return;
      }
      const mine = rowsOf(3000).reverse();
      const other = ctx.engine.begin(async (conn) => {
        for (let i = 0; i < 30; i++) await conn.execute(insert(items), rowsOf(50, 100000 + i * 50));
      });
      const [rows] = await Promise.all([ctx.engine.begin(async (conn) => (await conn.execute(insert(items).returning(items.c.id, items.c.seq), mine)).all()), other]);
      expect(rows.map((r) => r.seq)).toEqual(mine.map((p) => p.seq));
      const conn = await ctx.engine.connect();
      const stored = new Map((await conn.execute(select(items.c.seq, items.c.id))).all().map((r) => [r.seq, r.id]));
      await conn.close();
      expect(stored.size).toBe(3000 + 1500);
      for (const r of rows) expect(stored.get(r.seq)).toBe(r.id);
    });

    it('matches rows to parameter sets by a given primary key', async () => {
      const params = Array.from({ length: 1500 }, (_, i) => ({ code: `k${(i * 7919) % 1500}`, n: i }));
      const rows = await ctx.engine.begin(async (conn) => (await conn.execute(insert(coded).returning(coded.c.n, coded.c.status), params)).all());
      expect(rows.map((r) => r.n)).toEqual(params.map((p) => p.n));
      expect(rows.every((r) => r.status === 'made')).toBe(true);
      expect(batchesLogged()).toEqual(['1/2', '2/2']);
    });

    it('sends an executemany without RETURNING in batches too, and counts the rows', async () => {
      const res = await ctx.engine.begin((conn) => conn.execute(insert(items), rowsOf(2100)));
      expect(res.rowCount).toBe(2100);
      expect(batchesLogged()).toEqual(['1/3', '2/3', '3/3']);
      const sql = log.find((l) => l.includes('batch 1 of 3'))!;
      expect(sql.match(/\(/g)!.length).toBeGreaterThan(1000);
    });

    it("sizes batches from the dialect's bound-parameter limit when it allows fewer rows than the page size", async () => {
      const n = 2000;
      const params = Array.from({ length: n }, (_, i) => Object.fromEntries([['id', i + 1], ...Array.from({ length: 40 }, (_, j) => [`c${j}`, i + j])]));
      await ctx.engine.begin((conn) => conn.execute(insert(wide), params));
      // 41 parameters a row: SQLite (32,766) takes 799 rows, PostgreSQL and MySQL (65,535) the page's 1,000.
      const perBatch = Math.min(1000, Math.floor(ctx.engine.dialect.supports.maxParams / 41));
      const total = Math.ceil(n / perBatch);
      expect(batchesLogged()).toEqual(Array.from({ length: total }, (_, i) => `${i + 1}/${total}`));
      expect(total).toBe(ctx.leg.name === 'sqlite' ? 3 : 2);
      const conn = await ctx.engine.connect();
      expect(Number(await conn.scalar(select(func.count()).selectFrom(wide)))).toBe(n);
      await conn.close();
    });

    it('leaves nothing written when a row in the middle of a batch fails', async () => {
      const params = rowsOf(2500);
      params[1700] = { seq: 5, label: 'duplicate seq' };
      await expect(ctx.engine.begin((conn) => conn.execute(insert(items).returning(items.c.id), params))).rejects.toBeInstanceOf(IntegrityError);
      const conn = await ctx.engine.connect();
      expect(Number(await conn.scalar(select(func.count()).selectFrom(items)))).toBe(0);
      // The connection is usable after the rollback.
      await conn.execute(insert(items), rowsOf(3));
      await conn.commit();
      expect(Number(await conn.scalar(select(func.count()).selectFrom(items)))).toBe(3);
      await conn.close();
    });
  },
  { insertManyValuesPageSize: 1000, echo: (line) => log.push(line) },
);
