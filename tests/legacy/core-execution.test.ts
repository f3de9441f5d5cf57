/** The 1.x execution patterns L101–L110 on every database: 1.x behaviour, the warning, and the 2.0 behaviour in future mode. */
import {
  column,
  createEngine,
  func,
  insert,
  integer,
  LegacyEngine,
  MetaData,
  RemovedInRetort2Error,
  select,
  string,
  Table,
  text,
  update,
} from 'retort/legacy';
import { inspect } from 'retort';
import { legs } from '../support/matrix';
import { tableName } from '../support/matrix';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureLegacyWarnings, expectLegacyWarnings, withLegacyConfig } from '../support/legacy';

/** SQLite legs use a file, so the engine and the future engine see the same database. */
const urlOf = (leg: { name: string; url: string }) => (leg.name === 'sqlite' ? `sqlite:///${join(mkdtempSync(join(tmpdir(), 'retort-legacy-')), 'db.sqlite')}` : leg.url);

for (const leg of legs()) {
  describe(`legacy execution [${leg.name}]`, () => {
    const url = urlOf(leg);
    let engine: LegacyEngine;
    let future: LegacyEngine;
    const md = new MetaData();
    const users = new Table(tableName('lgx', 'users'), md, {
      id: column(integer(), { primaryKey: true, autoincrement: false }),
      name: column(string(40), { nullable: false }),
    });
    const count = async () => {
      const conn = await engine.connect();
      try {
        return Number(await conn.scalar(select(func.count()).selectFrom(users)));
      } finally {
        await conn.close();
      }
    };

    beforeAll(async () => {
      engine = createEngine(url);
      future = createEngine(url, { future: true });
      await md.dropAll(engine);
      await md.createAll(engine);
    });
    beforeEach(async () => {
      await engine.begin((conn) => conn.execDriverSql(`DELETE FROM ${users.name}`));
    });
    afterAll(async () => {
      await md.dropAll(engine);
      await engine.dispose();
      await future.dispose();
    });

    it('L101 engine.execute() runs on its own connection, commits DML and warns once per call site', async () => {
      const { warnings } = await captureLegacyWarnings(async () => {
        for (let i = 1; i <= 3; i++) await engine.execute(insert(users).values({ id: i, name: `u${i}` }));
        const rows = (await engine.execute(select(users.c.name).orderBy(users.c.id))).all();
        expect(rows.map((r) => r[0])).toEqual(['u1', 'u2', 'u3']);
        expect(Number(await engine.scalar(select(func.count()).selectFrom(users)))).toBe(3);
      });
      expect(warnings.map((w) => w.code)).toEqual(['L101', 'L101', 'L101']);
      expect(warnings[0].message).toContain('engine.execute()');
      expect(warnings[0].detail).toContain('Use instead: const conn = await engine.connect()');
      expect(warnings[0].detail).toContain('npx retort-codemod connectionless-execution');
      expect(warnings[0].detail).toContain('migration-guide/L101-connectionless-execution.md');
      expect(engine.pool.status().checkedOut).toBe(0);
      expect(await count()).toBe(3);
    });

    it('L101 throws RemovedInRetort2Error on a future engine', async () => {
      await captureLegacyWarnings(() => {
        expect(() => future.execute(select(users.c.id))).toThrow(RemovedInRetort2Error);
        try {
          future.execute(select(users.c.id));
        } catch (e) {
          expect((e as RemovedInRetort2Error).code).toBe('L101');
          expect((e as RemovedInRetort2Error).guide).toBe('migration-guide/L101-connectionless-execution.md');
        }
      });
    });

    it('L102 bound metadata: createAll(), table.create(), stmt.execute() find the engine themselves', async () => {
      const bound = await expectLegacyWarnings(['L102'], () => new MetaData({ bind: engine }));
      expect(bound.bind).toBe(engine);
      const t = new Table(tableName('lgx', 'bound'), bound, { id: column(integer(), { primaryKey: true, autoincrement: false }) });
      const { warnings } = await captureLegacyWarnings(async () => {
        await bound.dropAll();
        await t.create();
        await t.insert({ id: 7 }).execute();
        const rows = (await select([t.c.id]).execute()).all();
        expect(rows.map((r) => r[0])).toEqual([7]);
        await bound.dropAll();
      });
      expect(new Set(warnings.map((w) => w.code))).toEqual(new Set(['L102', 'L201', 'L202']));
      expect(await inspect(engine).hasTable(t.name)).toBe(false);
      await captureLegacyWarnings(() => {
        const strict = new MetaData();
        expect(() => strict.createAll()).toThrow(/needs an Engine or Connection/);
        expect(() => new MetaData({ bind: future })).toThrow(RemovedInRetort2Error);
      });
    });

    it('L103 DML outside a transaction is committed by the library; executionOptions({ autocommit })', async () => {
      const conn = await engine.connect();
      await expectLegacyWarnings(['L103'], () => conn.execute(insert(users).values({ id: 1, name: 'a' })));
      await conn.close(); // a 2.0 connection would roll back here
      expect(await count()).toBe(1);
      const c2 = await engine.connect();
      // two call sites: the option, then the execution it autocommits
      await expectLegacyWarnings(['L103', 'L104', 'L103'], async () => {
        c2.executionOptions({ autocommit: true });
        await c2.execute(`SELECT 1`);
      });
      await c2.close();
    });

    it('L103 on a future engine: commit-as-you-go (close() without commit() rolls back), autocommit option throws', async () => {
      const conn = await future.connect();
      await conn.execute(insert(users).values({ id: 1, name: 'a' }));
      await conn.close();
      expect(await count()).toBe(0);
      const c2 = await future.connect();
      await captureLegacyWarnings(() => expect(() => c2.executionOptions({ autocommit: true })).toThrow(RemovedInRetort2Error));
      await c2.close();
    });

    it('L104 plain SQL strings run as driver SQL (positional) or text() (named)', async () => {
      const ph = leg.name === 'postgresql' ? '$1' : '?';
      const { warnings } = await captureLegacyWarnings(async () => {
        await engine.begin(async (conn) => {
          await conn.execute(`INSERT INTO ${users.name} (id, name) VALUES (${ph}, 'x')`, [1]);
          await conn.execute(`INSERT INTO ${users.name} (id, name) VALUES (:id, :name)`, { id: 2, name: 'y' });
        });
        const conn = await engine.connect();
        const rows = (await conn.execute(`SELECT name FROM ${users.name} ORDER BY id`)).all();
        expect(rows.map((r) => r[0])).toEqual(['x', 'y']);
        await conn.close();
      });
      expect(warnings.map((w) => w.code)).toEqual(['L104', 'L104', 'L104']);
      const c = await future.connect();
      await captureLegacyWarnings(() => expect(() => c.execute('SELECT 1')).toThrow(RemovedInRetort2Error));
      await c.close();
    });

    it('L105 several parameter objects are executemany; a positional tuple fills :names in order', async () => {
      await captureLegacyWarnings(async () => {
        const { warnings } = await captureLegacyWarnings(() =>
          engine.begin(async (conn) => {
            await conn.execute(insert(users), { id: 1, name: 'a' }, { id: 2, name: 'b' });
            await conn.execute(text(`INSERT INTO ${users.name} (id, name) VALUES (:id, :name)`), [3, 'c']);
          }),
        );
        expect(warnings.map((w) => w.code)).toEqual(['L105', 'L105']);
      });
      expect(await count()).toBe(3);
    });

    it('L106 a nested begin() is a subtransaction: its commit does nothing, its rollback ends the outer one', async () => {
      const conn = await engine.connect();
      await captureLegacyWarnings(async () => {
        const outer = await conn.begin();
        const inner = await expectLegacyWarnings(['L106'], () => conn.begin());
        await conn.execute(insert(users).values({ id: 1, name: 'a' }));
        await inner.commit();
        expect(outer.isActive).toBe(true);
        await outer.commit();
        const outer2 = await conn.begin();
        const inner2 = await conn.begin();
        await conn.execute(insert(users).values({ id: 2, name: 'b' }));
        await inner2.rollback();
        expect(conn.inTransaction()).toBe(false);
        expect(outer2.isActive).toBe(true); // 1.x marks it inactive at the next use; the work is gone already
      });
      await conn.close();
      expect(await count()).toBe(1);
      const fc = await future.connect();
      await fc.begin();
      await captureLegacyWarnings(() => expect(() => fc.begin()).toThrow(RemovedInRetort2Error));
      await fc.close();
    });

    it('L107 engine.transaction() and runCallable()', async () => {
      await expectLegacyWarnings(['L107', 'L107', 'L107'], async () => {
        await engine.transaction(async (conn, name: string) => conn.execute(insert(users).values({ id: 1, name })), 'a');
        await expect(
          engine.transaction(async (conn) => {
            await conn.execute(insert(users).values({ id: 2, name: 'b' }));
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        const n = await engine.runCallable(async (conn) => Number(await conn.scalar(select(func.count()).selectFrom(users))));
        expect(n).toBe(1);
      });
      await captureLegacyWarnings(() => expect(() => future.transaction(async () => 1)).toThrow(RemovedInRetort2Error));
    });

    it('L108 engine.tableNames(), engine.hasTable(), table.exists()', async () => {
      await expectLegacyWarnings(['L108', 'L108', 'L108'], async () => {
        expect(await engine.tableNames()).toContain(users.name);
        expect(await engine.hasTable(users.name)).toBe(true);
        expect(await users.exists(engine)).toBe(true);
      });
      await captureLegacyWarnings(() => expect(() => future.tableNames()).toThrow(RemovedInRetort2Error));
    });

    it('L109 rows answer keys(), get(), items() and `in`, warning once per call site', async () => {
      await engine.begin((conn) => conn.execute(insert(users).values({ id: 1, name: 'ada' })));
      const conn = await engine.connect();
      const row = (await conn.execute(select(users.c.id, users.c.name))).one();
      const { warnings } = await captureLegacyWarnings(() => {
        expect(row.keys()).toEqual(['id', 'name']);
        expect(row.get('name')).toBe('ada');
        expect(row.get(users.c.name)).toBe('ada');
        expect(row.get('missing', 'dflt')).toBe('dflt');
        expect('name' in row).toBe(true);
        expect(row.items()).toEqual([['id', 1], ['name', 'ada']]);
        for (let i = 0; i < 3; i++) row.keys();
      });
      expect(warnings.map((w) => w.code)).toEqual(['L109', 'L109', 'L109', 'L109', 'L109', 'L109', 'L109']);
      // The named tuple of 2.0 stays as it is, without warnings.
      expect(row.name).toBe('ada');
      expect(row[0]).toBe(1);
      expect(row._mapping).toEqual({ id: 1, name: 'ada' });
      await conn.close();
      const fc = await future.connect();
      const frow = (await fc.execute(select(users.c.id))).one();
      await captureLegacyWarnings(() => expect(() => frow.keys()).toThrow(RemovedInRetort2Error));
      await fc.close();
    });

    it('L110 await new Table(name, metadata, { autoload: true, autoloadWith }) reflects the table', async () => {
      const md2 = new MetaData();
      const loaded = await expectLegacyWarnings(['L110'], () => new Table(users.name, md2, { autoload: true, autoloadWith: engine }));
      expect(Object.keys(loaded.c)).toEqual(['id', 'name']);
      await engine.begin((conn) => conn.execute(insert(loaded).values({ id: 5, name: 'e' })));
      await expectLegacyWarnings(['L202'], async () => expect((await engine.connect().then(async (c) => { const r = (await c.execute(loaded.select())).all(); await c.close(); return r; })).length).toBe(1));
      await captureLegacyWarnings(() => expect(() => new Table(users.name, new MetaData(), { autoload: true, autoloadWith: future })).toThrow(RemovedInRetort2Error));
    });

    it('error mode: removed patterns throw, whatever the engine', async () => {
      await withLegacyConfig({ mode: 'error' }, async () => {
        await captureLegacyWarnings(async () => {
          expect(() => engine.execute(select(users.c.id))).toThrow(RemovedInRetort2Error);
          const conn = await engine.connect();
          // 2.0 behaviour: no library autocommit, no warning
          await conn.execute(insert(users).values({ id: 9, name: 'z' }));
          await conn.rollback();
          await conn.close();
        });
      });
      expect(await count()).toBe(0);
    });

    it('silent mode: 1.x behaviour, no warnings', async () => {
      await withLegacyConfig({ mode: 'silent' }, async () => {
        const { warnings } = await captureLegacyWarnings(() => engine.execute(update(users, users.c.id.eq(1), { name: 'q' })));
        expect(warnings).toEqual([]);
      });
    });
  });
}
