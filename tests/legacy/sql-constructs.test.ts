/** The 1.x SQL construct patterns L201–L208 on every database: same rows as the 2.0 form, the warning, error mode. */
import {
  case_ as legacyCase,
  column,
  createEngine,
  delete_,
  func,
  insert,
  integer,
  LegacyEngine,
  MetaData,
  RemovedInRetort2Error,
  select,
  string,
  Table,
  union,
  update,
} from 'retort/legacy';
import * as core from 'retort';
import { legs, tableName } from '../support/matrix';
import { captureLegacyWarnings, expectLegacyWarnings, withLegacyConfig } from '../support/legacy';

for (const leg of legs()) {
  describe(`legacy SQL constructs [${leg.name}]`, () => {
    let engine: LegacyEngine;
    const md = new MetaData();
    const users = new Table(tableName('lgs', 'users'), md, {
      id: column(integer(), { primaryKey: true, autoincrement: false }),
      name: column(string(40), { nullable: false }),
    });
    const addresses = new Table(tableName('lgs', 'addresses'), md, {
      id: column(integer(), { primaryKey: true, autoincrement: false }),
      userId: column(integer(), { name: 'user_id', nullable: false }),
      email: column(string(60), { nullable: false }),
    });
    /** Runs a statement on a 2.0 connection (unwrapping a legacy select) and returns plain tuples. */
    const rows = async (stmt: unknown) => {
      const conn = await engine.connect();
      try {
        return (await conn.execute(stmt as core.Executable)).all().map((r) => [...r]);
      } finally {
        await conn.close();
      }
    };

    beforeAll(async () => {
      engine = createEngine(leg.url);
      await md.dropAll(engine);
      await md.createAll(engine);
      await engine.begin(async (conn) => {
        await conn.execute(core.insert(users), [{ id: 1, name: 'ada' }, { id: 2, name: 'bob' }, { id: 3, name: 'cy' }]);
        await conn.execute(core.insert(addresses), [{ id: 1, userId: 1, email: 'a@x' }, { id: 2, userId: 1, email: 'a@y' }, { id: 3, userId: 2, email: 'b@x' }]);
      });
    });
    afterAll(async () => {
      await md.dropAll(engine);
      await engine.dispose();
    });

    it('L201 select([cols], where, { orderBy, limit, offset, groupBy }) gives the rows of the 2.0 form', async () => {
      const legacy = await expectLegacyWarnings(['L201'], () => select([users.c.id, users.c.name], users.c.id.gt(1), { orderBy: [users.c.name], limit: 5, offset: 0 }));
      const modern = core.select(users.c.id, users.c.name).where(users.c.id.gt(1)).orderBy(users.c.name).limit(5).offset(0);
      expect(await rows(legacy)).toEqual(await rows(modern));
      expect(await rows(legacy)).toEqual([[2, 'bob'], [3, 'cy']]);
      const grouped = await expectLegacyWarnings(['L201'], () => select([addresses.c.userId, func.count().label('n')], null, { groupBy: addresses.c.userId, orderBy: addresses.c.userId }));
      expect((await rows(grouped)).map(([u, n]) => [u, Number(n)])).toEqual([[1, 2], [2, 1]]);
      // the 2.0 positional form through the legacy import does not warn
      expect(await rows(select(users.c.id).where(users.c.id.eq(1)))).toEqual([[1]]);
    });

    it('L202 table.select(where), insert(t, { values }), update(t, where, values), delete_(t, where)', async () => {
      const { warnings } = await captureLegacyWarnings(async () => {
        expect(await rows(users.select(users.c.id.eq(2)))).toEqual([[2, 'bob']]);
        await engine.begin(async (conn) => {
          await conn.execute(insert(users, { values: { id: 10, name: 'tmp' } }));
          await conn.execute(update(users, users.c.id.eq(10), { name: 'tmp2' }));
          await conn.execute(users.update(users.c.id.eq(10), { name: 'tmp3' }));
        });
        expect(await rows(core.select(users.c.name).where(users.c.id.eq(10)))).toEqual([['tmp3']]);
        await engine.begin((conn) => conn.execute(delete_(users, users.c.id.eq(10))));
      });
      expect(warnings.map((w) => w.code)).toEqual(['L202', 'L202', 'L202', 'L202', 'L202']);
      expect(await rows(core.select(users.c.id).where(users.c.id.eq(10)))).toEqual([]);
    });

    it('L203 case([[cond, value]], { else }) is case_() with positional pairs', async () => {
      const legacy = await expectLegacyWarnings(['L203'], () => legacyCase([[users.c.id.lt(2), 'low'], [users.c.id.lt(3), 'mid']], { else: 'high' }));
      const modern = core.case_([users.c.id.lt(2), 'low'], [users.c.id.lt(3), 'mid'], { else: 'high' });
      const q = (c: core.ColumnElement<unknown>) => core.select(users.c.id, c.label('band')).orderBy(users.c.id);
      expect(await rows(q(legacy))).toEqual(await rows(q(modern)));
      expect((await rows(q(legacy))).map((r) => r[1])).toEqual(['low', 'mid', 'high']);
    });

    it('L204 union(a, b, { orderBy, limit }) is union(a, b).orderBy().limit()', async () => {
      const a = core.select(users.c.name).where(users.c.id.eq(1));
      const b = core.select(users.c.name).where(users.c.id.eq(3));
      const legacy = await expectLegacyWarnings(['L204'], () => union(a, b, { orderBy: [users.c.name.desc()], limit: 1 }));
      expect(await rows(legacy)).toEqual([['cy']]);
      expect(await rows(legacy)).toEqual(await rows(core.union(a, b).orderBy(users.c.name.desc()).limit(1)));
    });

    it('L205 applyLabels() and useLabels name the columns <table>_<column>', async () => {
      const s = await expectLegacyWarnings(['L205'], () => select(users.c.id, users.c.name).where(users.c.id.eq(1)).applyLabels());
      const conn = await engine.connect();
      try {
        const row = (await conn.execute(s)).one();
        expect(row._mapping).toEqual({ [`${users.name}_id`]: 1, [`${users.name}_name`]: 'ada' });
      } finally {
        await conn.close();
      }
      await expectLegacyWarnings(['L201', 'L205'], () => select([users.c.id], null, { useLabels: true }));
      // The replacement works on a 1.x select too (a code base fixes L205 before it drops retort/legacy), with no warning.
      const styled = await expectLegacyWarnings([], () => select(users.c.id, users.c.name).where(users.c.id.eq(1)).setLabelStyle('tablenamePlusCol'));
      const conn2 = await engine.connect();
      try {
        expect((await conn2.execute(styled)).one()._mapping).toEqual({ [`${users.name}_id`]: 1, [`${users.name}_name`]: 'ada' });
      } finally {
        await conn2.close();
      }
      expect(() => select(users.c.id).setLabelStyle('plain' as never)).toThrow(/setLabelStyle\(\) takes 'none', 'disambiguateOnly' or 'tablenamePlusCol', got "plain"/);
    });

    it('L206 appendWhereClause/appendOrderBy/appendColumn/appendFrom change the statement in place, safely for caches', async () => {
      const s = select(users.c.id);
      expect((await rows(s)).length).toBe(3); // executed (and cached) before the mutation
      await expectLegacyWarnings(['L206', 'L206', 'L206'], () => {
        s.appendWhereClause(users.c.id.lt(3));
        s.appendOrderBy(users.c.id.desc());
        s.appendColumn(users.c.name);
      });
      expect(await rows(s)).toEqual([[2, 'bob'], [1, 'ada']]);
      const c = select(func.count().label('n'));
      await expectLegacyWarnings(['L206'], () => c.appendFrom(addresses));
      expect(Number((await rows(c))[0][0])).toBe(3);
    });

    it('L207 asScalar() is scalarSubquery(), and keeps working in error mode (legacy status)', async () => {
      const counted = () => select(func.count(addresses.c.id)).where(addresses.c.userId.eq(users.c.id)).asScalar();
      await withLegacyConfig({ mode: 'error' }, async () => {
        const sub = await expectLegacyWarnings(['L207'], counted);
        const got = (await rows(core.select(users.c.name, sub.label('n')).orderBy(users.c.id))).map(([n, c]) => [n, Number(c)]);
        expect(got).toEqual([['ada', 2], ['bob', 1], ['cy', 0]]);
      });
    });

    it('L208 select.c and select.select() use the SELECT as one subquery', async () => {
      const inner = select(users.c.id, users.c.name).where(users.c.id.gt(1));
      const outer = await expectLegacyWarnings(['L208', 'L208'], () => core.select(inner.c.name).where(inner.c.id.lt(3)));
      expect(await rows(outer)).toEqual([['bob']]);
      const wrapped = await expectLegacyWarnings(['L208'], () => inner.select());
      expect((await rows(wrapped)).length).toBe(2);
    });

    it('error mode: removed construct patterns throw RemovedInRetort2Error with the code', async () => {
      await withLegacyConfig({ mode: 'error' }, async () => {
        await captureLegacyWarnings(() => {
          expect(() => select([users.c.id])).toThrow(RemovedInRetort2Error);
          expect(() => users.select()).toThrow(expect.objectContaining({ code: 'L202' }));
          expect(() => legacyCase([[users.c.id.eq(1), 'x']])).toThrow(expect.objectContaining({ code: 'L203', guide: 'migration-guide/L203-case-list-form.md' }));
          expect(() => select(users.c.id).c).toThrow(expect.objectContaining({ code: 'L208' }));
        });
      });
    });
  });
}
