/** The expression language executed on every database: the same statements, the same rows. */
import {
  bindparam,
  case_,
  column,
  deleteFrom,
  except,
  exists,
  foreignKey,
  func,
  insert,
  integer,
  intersect,
  literal,
  MetaData,
  numeric,
  select,
  string,
  Table,
  text,
  union,
  unionAll,
  update,
  cast,
} from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

forEachDialect('queries', (ctx) => {
  const md = new MetaData();
  const dept = new Table(tableName('qry', 'dept'), md, {
    id: column(integer(), { primaryKey: true }),
    name: column(string(40), { nullable: false, unique: true }),
  });
  const emp = new Table(tableName('qry', 'emp'), md, {
    id: column(integer(), { primaryKey: true }),
    name: column(string(40), { nullable: false }),
    deptId: column(integer(), { name: 'dept_id', references: foreignKey(() => dept.c.id) }),
    managerId: column(integer(), { name: 'manager_id', references: foreignKey(`${tableName('qry', 'emp')}.id`) }),
    salary: column(numeric(10, 2), { nullable: false }),
  });
  const caps = () => ctx.engine.dialect.supports;

  beforeAll(async () => {
    await md.dropAll(ctx.engine);
    await md.createAll(ctx.engine);
    await ctx.engine.begin(async (conn) => {
      await conn.execute(insert(dept).values([{ id: 1, name: 'eng' }, { id: 2, name: 'ops' }, { id: 3, name: 'empty' }]));
      await conn.execute(insert(emp), [
        { id: 1, name: 'Ada', deptId: 1, managerId: null, salary: '300.00' },
        { id: 2, name: 'Bob', deptId: 1, managerId: 1, salary: '200.50' },
        { id: 3, name: 'Cy', deptId: 2, managerId: 1, salary: '150.25' },
        { id: 4, name: 'Di', deptId: 2, managerId: 3, salary: '150.25' },
        { id: 5, name: 'Ed', deptId: null, managerId: 4, salary: '99.99' },
      ]);
    });
  });
  afterAll(async () => {
    await md.dropAll(ctx.engine);
  });

  async function rows<T>(fn: (conn: Awaited<ReturnType<typeof ctx.engine.connect>>) => Promise<T>): Promise<T> {
    const conn = await ctx.engine.connect();
    try {
      return await fn(conn);
    } finally {
      await conn.close();
    }
  }

  it('filters with comparison, IN (including empty and expanding), BETWEEN, LIKE and IS NULL', async () => {
    await rows(async (conn) => {
      expect((await conn.scalars(select(emp.c.name).where(emp.c.id.in([2, 4, 99])).orderBy(emp.c.id))).all()).toEqual(['Bob', 'Di']);
      expect((await conn.scalars(select(emp.c.name).where(emp.c.id.in([])))).all()).toEqual([]);
      expect((await conn.scalars(select(func.count()).selectFrom(emp).where(emp.c.id.notIn([])))).one()).toBe(5);
      const byIds = select(emp.c.name).where(emp.c.id.in(bindparam('ids'))).orderBy(emp.c.name);
      expect((await conn.scalars(byIds, { ids: [1, 5] })).all()).toEqual(['Ada', 'Ed']);
      expect((await conn.scalars(byIds, { ids: [3] })).all()).toEqual(['Cy']);
      expect((await conn.scalars(select(emp.c.name).where(emp.c.salary.between('150', '201')).orderBy(emp.c.id))).all()).toEqual(['Bob', 'Cy', 'Di']);
      expect((await conn.scalars(select(emp.c.name).where(emp.c.name.ilike('a%')))).all()).toEqual(['Ada']);
      expect((await conn.scalars(select(emp.c.name).where(emp.c.deptId.isNull()))).all()).toEqual(['Ed']);
      expect((await conn.scalars(select(emp.c.name).where(emp.c.managerId.eq(null)))).all()).toEqual(['Ada']);
    });
  });

  it('computes arithmetic, concatenation, CASE, CAST and functions', async () => {
    await rows(async (conn) => {
      const r = (
        await conn.execute(
          select(
            emp.c.id.mul(10).add(1).label('calc'),
            emp.c.name.concat('!').label('shout'),
            case_([emp.c.salary.gt('200'), 'high'], { else: 'low' }).label('band'),
            cast(emp.c.id, string(10)).label('idText'),
            func.upper(emp.c.name).label('up'),
            func.coalesce(emp.c.deptId, 0).label('dept'),
          ).where(emp.c.id.eq(5)),
        )
      ).one();
      expect(r._mapping).toEqual({ calc: 51, shout: 'Ed!', band: 'low', idText: '5', up: 'ED', dept: 0 });
    });
  });

  it('joins with inferred and explicit ON, outer joins, and self-joins through aliases', async () => {
    await rows(async (conn) => {
      const inner = await conn.execute(select(emp.c.name, dept.c.name.label('dept')).join(dept).orderBy(emp.c.id));
      expect(inner.all().map((r) => [r.name, r.dept])).toEqual([['Ada', 'eng'], ['Bob', 'eng'], ['Cy', 'ops'], ['Di', 'ops']]);
      const outer = await conn.execute(select(dept.c.name, func.count(emp.c.id).label('n')).outerJoin(emp, emp.c.deptId.eq(dept.c.id)).groupBy(dept.c.name).orderBy(dept.c.name));
      expect(outer.all().map((r) => [r.name, r.n])).toEqual([['empty', 0], ['eng', 2], ['ops', 2]]);
      const boss = emp.alias('boss');
      const pairs = await conn.execute(select(emp.c.name, boss.c.name.label('boss')).join(boss, boss.c.id.eq(emp.c.managerId)).orderBy(emp.c.id));
      expect(pairs.all().map((r) => `${r.name}<${r.boss}`)).toEqual(['Bob<Ada', 'Cy<Ada', 'Di<Cy', 'Ed<Di']);
      if (caps().fullJoin) {
        const full = await conn.execute(select(emp.c.name, dept.c.name.label('d')).fullJoin(dept, dept.c.id.eq(emp.c.deptId)));
        expect(full.all().length).toBe(6);
      }
    });
  });

  it('groups with HAVING, orders with NULLS FIRST/LAST, limits and offsets', async () => {
    await rows(async (conn) => {
      const g = await conn.execute(select(emp.c.deptId, func.sum(emp.c.salary).label('total')).groupBy(emp.c.deptId).having(func.count().gt(1)).orderBy(emp.c.deptId));
      expect(g.all().map((r) => [r.deptId, r.total])).toEqual([[1, '500.50'], [2, '300.50']]);
      const nullsFirst = await conn.scalars(select(emp.c.name).orderBy(emp.c.deptId.asc().nullsFirst(), emp.c.id));
      expect(nullsFirst.all()).toEqual(['Ed', 'Ada', 'Bob', 'Cy', 'Di']);
      const nullsLast = await conn.scalars(select(emp.c.name).orderBy(emp.c.deptId.desc().nullsLast(), emp.c.id));
      expect(nullsLast.all()).toEqual(['Cy', 'Di', 'Ada', 'Bob', 'Ed']);
      expect((await conn.scalars(select(emp.c.id).orderBy(emp.c.id).limit(2).offset(1))).all()).toEqual([2, 3]);
      expect((await conn.scalars(select(emp.c.id).orderBy(emp.c.id).offset(3))).all()).toEqual([4, 5]);
      expect((await conn.scalars(select(emp.c.salary).distinct().orderBy(emp.c.salary))).all()).toEqual(['99.99', '150.25', '200.50', '300.00']);
    });
  });

  it('runs scalar, correlated and EXISTS subqueries and subqueries in FROM', async () => {
    await rows(async (conn) => {
      const headcount = select(func.count()).selectFrom(emp).where(emp.c.deptId.eq(dept.c.id)).scalarSubquery();
      const r = await conn.execute(select(dept.c.name, headcount.label('n')).orderBy(dept.c.id));
      expect(r.all().map((x) => [x.name, x.n])).toEqual([['eng', 2], ['ops', 2], ['empty', 0]]);
      const withStaff = await conn.scalars(select(dept.c.name).where(exists(select(emp.c.id).where(emp.c.deptId.eq(dept.c.id)))).orderBy(dept.c.id));
      expect(withStaff.all()).toEqual(['eng', 'ops']);
      const totals = select(emp.c.deptId, func.max(emp.c.salary).label('top')).groupBy(emp.c.deptId).subquery('totals');
      const tops = await conn.execute(select(dept.c.name, totals.c.top).join(totals, totals.c.deptId.eq(dept.c.id)).orderBy(dept.c.id));
      expect(tops.all().map((x) => [x.name, x.top])).toEqual([['eng', '300.00'], ['ops', '150.25']]);
      const avg = select(func.avg(emp.c.salary)).scalarSubquery();
      expect((await conn.scalars(select(emp.c.name).where(emp.c.salary.gt(avg as never)).orderBy(emp.c.id))).all()).toEqual(['Ada', 'Bob']);
    });
  });

  it('runs CTEs, including a recursive walk up the management chain', async () => {
    await rows(async (conn) => {
      const rich = select(emp.c.id, emp.c.name).where(emp.c.salary.gt('180')).cte('rich');
      expect((await conn.scalars(select(rich.c.name).orderBy(rich.c.name))).all()).toEqual(['Ada', 'Bob']);
      const chainBase = select(emp.c.id, emp.c.managerId, literal(0).label('depth')).where(emp.c.id.eq(5)).cte('chain', { recursive: true });
      const up = emp.alias('up');
      const chain = chainBase.unionAll(select(up.c.id, up.c.managerId, chainBase.c.depth.add(1)).join(chainBase, up.c.id.eq(chainBase.c.managerId)));
      const walked = await conn.execute(select(chain.c.id, chain.c.depth).orderBy(chain.c.depth));
      expect(walked.all().map((r) => r.id)).toEqual([5, 4, 3, 1]);
    });
  });

  it('runs UNION, UNION ALL, INTERSECT and EXCEPT', async () => {
    await rows(async (conn) => {
      const a = select(emp.c.name).where(emp.c.deptId.eq(1));
      const b = select(emp.c.name).where(emp.c.salary.lt('160'));
      expect((await conn.scalars(union(a, b).orderBy(emp.c.name))).all()).toEqual(['Ada', 'Bob', 'Cy', 'Di', 'Ed']);
      expect((await conn.scalars(unionAll(a, a))).all()).toHaveLength(4);
      if (caps().intersectExcept) {
        expect((await conn.scalars(intersect(a, select(emp.c.name).where(emp.c.id.eq(2))))).all()).toEqual(['Bob']);
        expect((await conn.scalars(except(a, select(emp.c.name).where(emp.c.id.eq(2))))).all()).toEqual(['Ada']);
      }
    });
  });

  it('runs window functions', async () => {
    await rows(async (conn) => {
      const ranked = await conn.execute(
        select(emp.c.name, func.rank().over({ partitionBy: [emp.c.deptId], orderBy: [emp.c.salary.desc()] }).label('rnk'), func.sum(emp.c.salary).over({ orderBy: [emp.c.id], rows: [null, 0] }).label('running'))
          .where(emp.c.deptId.isNotNull())
          .orderBy(emp.c.id),
      );
      expect(ranked.all().map((r) => [r.name, r.rnk, r.running])).toEqual([
        ['Ada', 1, '300.00'],
        ['Bob', 2, '500.50'],
        ['Cy', 1, '650.75'],
        ['Di', 1, '801.00'],
      ]);
    });
  });

  it("answers a read-only array's methods on its values, as its tuple type says; a column named like one is read by position or _mapping", async () => {
    await rows(async (conn) => {
      const row = (await conn.execute(select(emp.c.id, emp.c.name).where(emp.c.id.eq(1)))).one();
      expect(Array.isArray(row)).toBe(false);
      expect(row.map(String)).toEqual(['1', 'Ada']);
      expect([row.includes('Ada'), row.indexOf('Ada'), row.slice(1), row.join('/'), row.at(-1)]).toEqual([true, 1, ['Ada'], '1/Ada', 'Ada']);
      expect([[...row.keys()], [...row.values()], [...row.entries()]]).toEqual([[0, 1], [1, 'Ada'], [[0, 1], [1, 'Ada']]]);
      const named = (await conn.execute(select(emp.c.id.label('values'), emp.c.name.label('map')).where(emp.c.id.eq(2)))).one();
      expect(typeof named.values).toBe('function');
      expect([named[0], named[1], named._mapping.values, named._mapping.map]).toEqual([2, 'Bob', 2, 'Bob']);
    });
  });

  it('shapes results: first, one, oneOrNone, scalar(s), mappings, partitions, unique, iteration', async () => {
    await rows(async (conn) => {
      const q = select(emp.c.id, emp.c.name).orderBy(emp.c.id);
      expect((await conn.execute(q)).first()?._mapping).toEqual({ id: 1, name: 'Ada' });
      await expect(conn.execute(q).then((r) => r.one())).rejects.toThrow(/expected one row, got 5/);
      await expect(conn.execute(q.where(emp.c.id.eq(99))).then((r) => r.one())).rejects.toThrow(/got none/);
      expect((await conn.execute(q.where(emp.c.id.eq(99)))).oneOrNone()).toBeNull();
      expect(await conn.scalar(q)).toBe(1);
      expect((await conn.execute(q)).scalars(1).all()).toEqual(['Ada', 'Bob', 'Cy', 'Di', 'Ed']);
      expect((await conn.execute(q.limit(2))).mappings().all()).toEqual([{ id: 1, name: 'Ada' }, { id: 2, name: 'Bob' }]);
      expect([...(await conn.execute(q)).partitions(2)].map((p) => p.length)).toEqual([2, 2, 1]);
      expect((await conn.execute(select(emp.c.salary).orderBy(emp.c.salary))).unique().scalars().all()).toEqual(['99.99', '150.25', '200.50', '300.00']);
      const names: string[] = [];
      for (const [id, name] of await conn.execute(q)) names.push(`${id}:${name}`);
      expect(names[0]).toBe('1:Ada');
      const result = await conn.execute(q);
      result.all();
      expect(() => result.all()).toThrow(/already been consumed/);
      const row = (await conn.execute(q)).first()!;
      expect([row.length, row[0], row[1], row.id, row.name, JSON.stringify(row)]).toEqual([2, 1, 'Ada', 1, 'Ada', '{"id":1,"name":"Ada"}']);
    });
  });

  it('streams large results in batches without buffering them', async () => {
    await rows(async (conn) => {
      const stream = await conn.stream(select(emp.c.id, emp.c.name).orderBy(emp.c.id), {}, { batchSize: 2 });
      const batches: number[] = [];
      for await (const batch of stream.partitions()) batches.push(batch.length);
      expect(batches).toEqual([2, 2, 1]);
      const ids: number[] = [];
      for await (const row of await conn.stream(select(emp.c.id).orderBy(emp.c.id), {}, { batchSize: 3 })) ids.push(row.id);
      expect(ids).toEqual([1, 2, 3, 4, 5]);
      // The connection is usable again once the stream is done.
      expect(await conn.scalar(select(func.count()).selectFrom(emp))).toBe(5);
    });
  });

  it('runs text() with named parameters and declared column types', async () => {
    await rows(async (conn) => {
      const t = text(`SELECT id, salary FROM ${emp.name} WHERE name = :name`).columns({ id: integer(), salary: numeric(10, 2) });
      const r = (await conn.execute(t, { name: 'Cy' })).one();
      expect(r._mapping).toEqual({ id: 3, salary: '150.25' });
      const untyped = (await conn.execute(text(`SELECT name FROM ${emp.name} WHERE id = :id`).bindparams({ id: 2 }))).one();
      expect(untyped._mapping).toEqual({ name: 'Bob' });
      await expect(conn.execute(text(`SELECT name FROM ${emp.name} WHERE id = :id`))).rejects.toThrow(/no value for bound parameter "id"/);
    });
  });

  it('writes: RETURNING, INSERT … SELECT, UPDATE … FROM, DELETE with a subquery, upserts, rolled back', async () => {
    const conn = await ctx.engine.connect();
    try {
      if (caps().returning.insert) {
        const back = await conn.execute(insert(dept).values({ id: 10, name: 'new' }).returning(dept.c.id, dept.c.name));
        expect(back.one()._mapping).toEqual({ id: 10, name: 'new' });
      } else {
        await conn.execute(insert(dept).values({ id: 10, name: 'new' }));
      }
      const copied = await conn.execute(insert(dept).fromSelect([dept.c.id, dept.c.name], select(emp.c.id.add(100), emp.c.name).where(emp.c.deptId.eq(2))));
      expect(copied.rowCount).toBe(2);
      const moved = await conn.execute(update(emp).values({ salary: '1.00' }).where(emp.c.deptId.eq(dept.c.id), dept.c.name.eq('ops')));
      expect(moved.rowCount).toBe(2);
      if (caps().returning.update) {
        const r = await conn.execute(update(emp).where(emp.c.id.eq(1)).values({ name: 'Ada L.' }).returning(emp.c.name));
        expect(r.scalarOne()).toBe('Ada L.');
      }
      const gone = await conn.execute(deleteFrom(dept).where(dept.c.id.in(select(emp.c.id.add(100)).where(emp.c.deptId.eq(2)))));
      expect(gone.rowCount).toBe(2);
      // Upsert: a conflicting id updates the name; the excluded row gives the new value.
      await conn.execute(insert(dept).values({ id: 10, name: 'renamed' }).onConflictDoUpdate({ target: [dept.c.id], set: (ex) => ({ name: ex.name }) }));
      expect(await conn.scalar(select(dept.c.name).where(dept.c.id.eq(10)))).toBe('renamed');
      await conn.execute(insert(dept).values({ id: 10, name: 'ignored' }).onConflictDoNothing({ target: [dept.c.id] }));
      expect(await conn.scalar(select(dept.c.name).where(dept.c.id.eq(10)))).toBe('renamed');
      // executemany bulk UPDATE by primary key.
      const bulk = await conn.execute(update(emp), [
        { id: 2, name: 'B2' },
        { id: 3, name: 'C3' },
      ]);
      expect(bulk.rowCount).toBe(2);
      expect((await conn.scalars(select(emp.c.name).where(emp.c.id.in([2, 3])).orderBy(emp.c.id))).all()).toEqual(['B2', 'C3']);
    } finally {
      await conn.rollback();
      await conn.close();
    }
    const after = await ctx.engine.connect();
    expect(await after.scalar(select(func.count()).selectFrom(dept))).toBe(3);
    await after.close();
  });
});
