/**
 * Review findings in Core, each reproduced on every database: SQL that meant something
 * else than it said (precedence, labels, text() fragments, correlation in UPDATE/DELETE),
 * statements a database rejected (compound members, LIMIT in IN), compiled-cache keys
 * shared by different SQL, values changed or refused on the way in, and connections left
 * unusable by streaming, a failed COMMIT or a huge IN list.
 */
import {
  and,
  ArgumentError,
  cast,
  column,
  compile,
  datetime,
  deleteFrom,
  enumType,
  exists,
  float,
  foreignKey,
  func,
  insert,
  inspect,
  integer,
  IntegrityError,
  InvalidRequestError,
  json,
  literal,
  MetaData,
  not,
  or,
  select,
  string,
  Table,
  text,
  textType,
  union,
  unionAll,
  update,
} from 'retort';
import type { Connection, Engine } from 'retort';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { forEachDialect, tableName } from '../support/matrix';

const N = 120;
const ids = (rows: readonly { id: number }[]) => rows.map((r) => r.id);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

forEachDialect('core review', (ctx) => {
  const md = new MetaData();
  const items = new Table(tableName('rvw', 'items'), md, {
    id: column(integer(), { primaryKey: true, autoincrement: false }),
    name: column(string(40), { nullable: false }),
    a: column(integer(), { nullable: false }),
    b: column(integer(), { nullable: false }),
    note: column(string(40)),
  });
  const authors = new Table(tableName('rvw', 'authors'), md, {
    id: column(integer(), { primaryKey: true, autoincrement: false }),
    postCount: column(integer(), { name: 'post_count' }),
  });
  const posts = new Table(tableName('rvw', 'posts'), md, {
    id: column(integer(), { primaryKey: true, autoincrement: false }),
    authorId: column(integer(), { name: 'author_id', nullable: false, references: foreignKey(() => authors.c.id) }),
  });
  const notes = new Table(tableName('rvw', 'notes'), md, {
    id: column(integer(), { primaryKey: true }),
    body: column(string(40)),
  });
  const moments = new Table(tableName('rvw', 'moments'), md, {
    id: column(integer(), { primaryKey: true, autoincrement: false }),
    at: column(datetime()),
    tz: column(datetime({ timezone: true })),
  });
  const floats = new Table(tableName('rvw', 'floats'), md, {
    id: column(integer(), { primaryKey: true, autoincrement: false }),
    f: column(float()),
  });
  const itemRows = range(1, N).map((id) => ({ id, name: `n${id}`, a: id % 7, b: id % 5, note: id % 2 ? null : 'even' }));

  const withConn = async <T>(fn: (conn: Connection) => Promise<T>): Promise<T> => {
    const conn = await ctx.engine.connect();
    try {
      return await fn(conn);
    } finally {
      await conn.close();
    }
  };
  const idsOf = (stmt: Parameters<Connection['execute']>[0]) => withConn(async (conn) => ids((await conn.execute(stmt)).all() as never));

  beforeAll(async () => {
    await md.dropAll(ctx.engine);
    await md.createAll(ctx.engine);
    await ctx.engine.begin(async (conn) => {
      await conn.execute(insert(items), itemRows);
      await conn.execute(insert(authors), [1, 2, 3, 4].map((id) => ({ id })));
      await conn.execute(insert(posts), [
        { id: 1, authorId: 1 },
        { id: 2, authorId: 1 },
        { id: 3, authorId: 1 },
        { id: 4, authorId: 2 },
      ]);
    });
  });
  afterAll(async () => {
    await md.dropAll(ctx.engine);
  });

  describe('SQL that says what the expression means', () => {
    it('a labelled expression reused inside other expressions keeps its parentheses and gets no AS', async () => {
      const total = items.c.a.add(items.c.b).label('total');
      const rows = await withConn(async (conn) =>
        (await conn.execute(select(items.c.id, total, total.mul(2).label('twice')).where(total.mul(2).ge(20)).orderBy(items.c.id))).all(),
      );
      const expected = itemRows.filter((r) => (r.a + r.b) * 2 >= 20).map((r) => [r.id, r.a + r.b, (r.a + r.b) * 2]);
      expect(expected.length).toBeGreaterThan(0);
      expect(rows.map((r) => r._tuple())).toEqual(expected);
      // A labelled OR inside an AND.
      expect(await idsOf(select(items.c.id).where(and(or(items.c.id.eq(1), items.c.id.eq(2)).label('either'), items.c.id.eq(2))))).toEqual([2]);
    });

    it('a label in ORDER BY is its name only where the SELECT list has it (not in OVER, not when unselected)', async () => {
      const totals = new Map<number, number>();
      for (const r of itemRows) totals.set(r.a, (totals.get(r.a) ?? 0) + r.b);
      const byTotal = [...totals].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      const total = func.sum(items.c.b).label('total');
      await withConn(async (conn) => {
        const ranked = (await conn.execute(select(items.c.a, total, func.rowNumber().over({ orderBy: [total.desc(), items.c.a] }).label('place')).groupBy(items.c.a).orderBy(items.c.a))).all();
        expect(ranked.map((r) => [r.a, Number(r.total), r.place])).toEqual([...totals].sort((x, y) => x[0] - y[0]).map(([a, t]) => [a, t, byTotal.findIndex(([b]) => b === a) + 1]));
        const unselected = (await conn.execute(select(items.c.a).groupBy(items.c.a).orderBy(func.sum(items.c.b).label('s').desc(), items.c.a))).all();
        expect(unselected.map((r) => r.a)).toEqual(byTotal.map(([a]) => a));
        // NULLS LAST where it is emulated (MySQL) tests the expression, which may be an aggregate.
        const nullsLast = (await conn.execute(select(items.c.a, total).groupBy(items.c.a).orderBy(total.desc().nullsLast(), items.c.a))).all();
        expect(nullsLast.map((r) => r.a)).toEqual(byTotal.map(([a]) => a));
      });
    });

    it('negating a negation or a negative literal does not start a SQL comment', async () => {
      const rows = await withConn(async (conn) =>
        (await conn.execute(select(items.c.id.neg().neg().label('x'), literal(-5).neg().label('five'), items.c.name).where(items.c.id.eq(3)))).all(),
      );
      expect(rows.map((r) => r._tuple())).toEqual([[3, 5, 'n3']]);
    });

    it('a text() fragment keeps its meaning inside AND / OR', async () => {
      expect(await idsOf(select(items.c.id).where(text('id = 1 OR id = 2') as never, items.c.id.eq(2)))).toEqual([2]);
      expect(await idsOf(select(items.c.id).where(or(text('id = 1 AND id = 2') as never, items.c.id.eq(3))))).toEqual([3]);
    });

    it('IN, BETWEEN, NOT and IS NULL keep their meaning as operands of a comparison', async () => {
      const upTo5 = items.c.id.le(5);
      const expected = [1, 2, 3, 4, 5];
      expect(await idsOf(select(items.c.id).where(items.c.id.in([1, 2]).eq(items.c.id.lt(3)), upTo5).orderBy(items.c.id))).toEqual(expected);
      expect(await idsOf(select(items.c.id).where(items.c.id.between(1, 2).eq(items.c.id.lt(3)), upTo5).orderBy(items.c.id))).toEqual(expected);
      expect(await idsOf(select(items.c.id).where(items.c.id.lt(3).eq(not(items.c.id.ge(3))), upTo5).orderBy(items.c.id))).toEqual(expected);
      // note is NULL for odd ids: "id is even" equals "note is not null".
      expect(await idsOf(select(items.c.id).where(items.c.id.mod(2).eq(0).eq(items.c.note.isNotNull()), upTo5).orderBy(items.c.id))).toEqual(expected);
    });

    it('UPDATE and DELETE correlate their subqueries with the target table', async () => {
      await withConn(async (conn) => {
        const postsOf = select(func.count()).selectFrom(posts).where(posts.c.authorId.eq(authors.c.id)).scalarSubquery();
        await conn.execute(update(authors).values({ postCount: postsOf }));
        const counts = (await conn.execute(select(authors.c.id, authors.c.postCount).orderBy(authors.c.id))).all();
        expect(counts.map((r) => r._tuple())).toEqual([
          [1, 3],
          [2, 1],
          [3, 0],
          [4, 0],
        ]);
        await conn.execute(deleteFrom(authors).where(not(exists(select(posts.c.id).where(posts.c.authorId.eq(authors.c.id))))));
        expect(ids((await conn.execute(select(authors.c.id).orderBy(authors.c.id))).all())).toEqual([1, 2]);
        await conn.rollback();
      });
    });
  });

  describe('statements every database accepts', () => {
    it('UNION members with ORDER BY / LIMIT, and nested compounds', async () => {
      const lastTwo = select(items.c.id).where(items.c.id.le(10)).orderBy(items.c.id.desc()).limit(2);
      expect(await idsOf(union(lastTwo, select(items.c.id).where(items.c.id.eq(1))).orderBy(items.c.id))).toEqual([1, 9, 10]);
      const pair = unionAll(select(items.c.id).where(items.c.id.eq(1)), select(items.c.id).where(items.c.id.eq(2)));
      expect(await idsOf(union(pair, select(items.c.id).where(items.c.id.eq(3))).orderBy(items.c.id))).toEqual([1, 2, 3]);
    });

    it('IN / NOT IN a subquery with LIMIT and OFFSET', async () => {
      const lastThree = select(items.c.id).orderBy(items.c.id.desc()).limit(3);
      expect(await idsOf(select(items.c.id).where(items.c.id.in(lastThree)).orderBy(items.c.id))).toEqual([N - 2, N - 1, N]);
      const skipped = select(items.c.id).orderBy(items.c.id).limit(N).offset(2);
      expect(await idsOf(select(items.c.id).where(items.c.id.notIn(skipped)).orderBy(items.c.id))).toEqual([1, 2]);
    });

    it('an INSERT given an empty parameter object inserts a row of defaults', async () => {
      await withConn(async (conn) => {
        await conn.execute(insert(notes), {});
        expect((await conn.execute(select(func.count()).selectFrom(notes))).scalar()).toBe(1);
        await conn.rollback();
      });
    });
  });

  describe('compiled cache', () => {
    const freshSql = (engine: Engine, stmt: Parameters<typeof compile>[0]) => compile(stmt, engine.dialect).sql;

    it('literal values that contain spaces never share a compiled form with other statements', async () => {
      await withConn(async (conn) => {
        expect((await conn.execute(select(literal('a'), literal('b')))).one()._tuple()).toEqual(['a', 'b']);
        expect((await conn.execute(select(literal('a Lstring:b')))).one()._tuple()).toEqual(['a Lstring:b']);
      });
    });

    it('casts to types that differ only in their options, and conflict targets, compile separately', async () => {
      await withConn(async () => undefined); // the dialect knows its server once connected
      const e = ctx.engine;
      const stmts = [
        select(cast(items.c.name, json())),
        select(cast(items.c.name, json({ jsonb: false }))),
        select(cast(items.c.name, enumType(['a', 'b'], { name: 'rvw_first' }))),
        select(cast(items.c.name, enumType(['a', 'b'], { name: 'rvw_second' }))),
        // A constraint named like a column, and that column as the conflict target.
        insert(notes).values({ id: 1 }).onConflictDoNothing({ target: 'body' }),
        insert(notes).values({ id: 1 }).onConflictDoNothing({ target: [notes.c.body] }),
      ];
      for (const s of stmts) expect(e._compile(s, undefined).sql).toBe(freshSql(e, s));
    });
  });

  describe('values', () => {
    it('datetimes before year 1000, before 1970 and at DST changes round-trip', async () => {
      const instants = ['0099-06-01T12:00:00.000Z', '0999-12-31T23:59:59.999Z', '1900-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '2021-03-28T01:30:00.000Z', '2021-11-07T06:30:00.123Z'];
      await withConn(async (conn) => {
        await conn.execute(insert(moments), instants.map((s, i) => ({ id: i + 1, at: new Date(s), tz: new Date(s) })));
        const rows = (await conn.execute(select(moments.c.at, moments.c.tz).orderBy(moments.c.id))).all();
        expect(rows.map((r) => [r[0]!.toISOString(), r[1]!.toISOString()])).toEqual(instants.map((s) => [s, s]));
        await conn.rollback();
      });
    });

    it('NaN and infinite floats are stored exactly or refused with an ArgumentError, never turned into NULL', async () => {
      await withConn(async (conn) => {
        for (const [i, v] of [NaN, Infinity, -Infinity].entries()) {
          let stored = true;
          try {
            await conn.execute(insert(floats).values({ id: i + 1, f: v }));
          } catch (e) {
            expect(e).toBeInstanceOf(ArgumentError);
            stored = false;
          }
          if (stored) expect(Object.is((await conn.execute(select(floats.c.f).where(floats.c.id.eq(i + 1)))).scalar(), v)).toBe(true);
        }
        // Refusals happen before anything reaches the database: the transaction is intact.
        expect((await conn.execute(select(func.count()).selectFrom(items))).scalar()).toBe(N);
        await conn.rollback();
      });
    });

    it('mappings keep columns named like Object.prototype members', async () => {
      const m = await withConn(async (conn) =>
        (await conn.execute(select(items.c.id.label('constructor'), items.c.name.label('toString')).where(items.c.id.eq(3)))).mappings().one(),
      );
      expect(Object.keys(m)).toEqual(['constructor', 'toString']);
      expect([m.constructor, m.toString]).toEqual([3, 'n3']);
      if (ctx.leg.name === 'mysql') return; // mysql2 itself refuses a result column named __proto__
      const p = await withConn(async (conn) => (await conn.execute(select(items.c.a.label('__proto__')).where(items.c.id.eq(3)))).mappings().one());
      expect(Object.getOwnPropertyDescriptor(p, '__proto__')?.value).toBe(3);
    });

    it('executemany refuses parameter sets with different keys before writing anything', async () => {
      await withConn(async (conn) => {
        await expect(conn.execute(insert(notes), [{ id: 1 }, { id: 2, body: 'would be lost' }])).rejects.toThrow(ArgumentError);
        await expect(conn.execute(insert(notes), [{ id: 3, body: 'x' }, { id: 4 }])).rejects.toThrow(ArgumentError);
        expect((await conn.execute(select(func.count()).selectFrom(notes))).scalar()).toBe(0);
        await conn.rollback();
      });
    });

    it('an IN list over the parameter limit is an ArgumentError before anything is sent', async () => {
      await withConn(async (conn) => {
        const within = range(1, 30000);
        expect((await conn.execute(select(func.count()).selectFrom(items).where(items.c.id.in(within)))).scalar()).toBe(N);
        const huge = range(1, 70000);
        await expect(conn.execute(select(items.c.id).where(items.c.id.in(huge)))).rejects.toThrow(/70000 bound parameters.*at most/);
        // Nothing reached the server: the transaction goes on.
        expect((await conn.execute(select(func.count()).selectFrom(items))).scalar()).toBe(N);
      });
    });
  });

  describe('connections stay usable', () => {
    it('breaking out of a streamed result early closes the cursor and frees the connection', async () => {
      await withConn(async (conn) => {
        const seen: number[] = [];
        for await (const row of await conn.stream(select(items.c.id).orderBy(items.c.id), {}, { batchSize: 5 })) {
          seen.push(row.id);
          if (seen.length === 3) break;
        }
        expect(seen).toEqual([1, 2, 3]);
        if (ctx.leg.name === 'postgresql') expect(Number((await conn.execute(text('SELECT count(*) AS n FROM pg_cursors'))).scalar())).toBe(0);
        expect((await conn.execute(select(func.count()).selectFrom(items))).scalar()).toBe(N);
        await conn.commit();
        expect(ids(await (await conn.stream(select(items.c.id).where(items.c.id.le(2)).orderBy(items.c.id))).all())).toEqual([1, 2]);
      });
    });

    it('a streamed result cannot be read once its connection is closed, and closing mid-stream is safe', async () => {
      const conn = await ctx.engine.connect();
      const notStarted = await conn.stream(select(items.c.id));
      await conn.close();
      await expect(notStarted.all()).rejects.toThrow(InvalidRequestError);

      const conn2 = await ctx.engine.connect();
      const it = (await conn2.stream(select(items.c.id).orderBy(items.c.id), {}, { batchSize: 2 }))[Symbol.asyncIterator]();
      expect((await it.next()).value.id).toBe(1);
      await conn2.close();
      // Rows of the batch already fetched may still come; the next batch is refused.
      const readOn = async () => {
        for (;;) if ((await it.next()).done) return 'read to the end';
      };
      await expect(readOn()).rejects.toThrow(InvalidRequestError);
      // The pool hands out a working connection afterwards.
      expect(await withConn((c) => c.scalar(select(func.count()).selectFrom(items)))).toBe(N);
    });

    it('only one stream at a time runs on a connection', async () => {
      await withConn(async (conn) => {
        const first = (await conn.stream(select(items.c.id).orderBy(items.c.id), {}, { batchSize: 2 }))[Symbol.asyncIterator]();
        const second = await conn.stream(select(items.c.id));
        await first.next();
        await expect(second.all()).rejects.toThrow(InvalidRequestError);
        await first.return!(undefined);
        expect((await conn.execute(select(func.count()).selectFrom(items))).scalar()).toBe(N);
      });
    });

    it('streams on an AUTOCOMMIT connection', async () => {
      const conn = await ctx.engine.connect({ isolationLevel: 'AUTOCOMMIT' });
      try {
        expect(ids(await (await conn.stream(select(items.c.id).where(items.c.id.le(3)).orderBy(items.c.id), {}, { batchSize: 2 })).all())).toEqual([1, 2, 3]);
        expect((await conn.execute(select(func.count()).selectFrom(items))).scalar()).toBe(N);
      } finally {
        await conn.close();
      }
    });

    it('an error inside beginNested() reaches the caller even when the database ended the whole transaction', async () => {
      await withConn(async (conn) => {
        await conn.execute(select(func.count()).selectFrom(items)); // autobegin
        const failure = new Error('the failure that matters');
        await expect(
          conn.beginNested(async () => {
            // What MySQL does to the whole transaction on a deadlock or a lock wait timeout.
            await conn.execDriverSql('ROLLBACK');
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(conn.inTransaction()).toBe(false);
        expect((await conn.execute(select(func.count()).selectFrom(items))).scalar()).toBe(N);
        await conn.commit();
      });
    });

    it('a COMMIT that fails ends the transaction, so the connection and the pool stay usable', async () => {
      if (ctx.leg.name === 'mysql') return; // no deferred constraints, so no COMMIT to fail
      const dmd = new MetaData();
      const parent = new Table(tableName('rvw', 'dparent'), dmd, { id: column(integer(), { primaryKey: true, autoincrement: false }) });
      const child = new Table(tableName('rvw', 'dchild'), dmd, {
        id: column(integer(), { primaryKey: true, autoincrement: false }),
        parentId: column(integer(), { name: 'parent_id', references: foreignKey(() => parent.c.id, { deferrable: true, initiallyDeferred: true }) }),
      });
      await dmd.dropAll(ctx.engine);
      await dmd.createAll(ctx.engine);
      try {
        await expect(ctx.engine.begin((conn) => conn.execute(insert(child).values({ id: 1, parentId: 99 })))).rejects.toThrow(IntegrityError);
        expect(await ctx.engine.begin((conn) => conn.scalar(select(func.count()).selectFrom(child)))).toBe(0);
        await withConn(async (conn) => {
          await conn.execute(insert(child).values({ id: 2, parentId: 98 }));
          await expect(conn.commit()).rejects.toThrow(IntegrityError);
          expect(conn.inTransaction()).toBe(false);
          await conn.execute(insert(parent).values({ id: 1 }));
          await conn.commit();
        });
        expect(await ctx.engine.begin((conn) => conn.scalar(select(func.count()).selectFrom(parent)))).toBe(1);
      } finally {
        await dmd.dropAll(ctx.engine);
      }
    });
  });

  describe('names Retort makes up', () => {
    it('index and foreign key names made from long table and column names fit every database', async () => {
      const lmd = new MetaData();
      const long = 'rvw_customer_subscription_payment_attempts';
      const parent = new Table(tableName('rvw', `${long}_parents`), lmd, { id: column(integer(), { primaryKey: true, autoincrement: false }) });
      const child = new Table(tableName('rvw', long), lmd, {
        id: column(integer(), { primaryKey: true, autoincrement: false }),
        ref1: column(string(40), { name: 'external_transaction_reference_number', index: true }),
        ref2: column(string(40), { name: 'external_transaction_reference_number_2', index: true }),
        // useAlter: created and dropped with ALTER TABLE, by the name Retort makes up.
        parentId: column(integer(), { name: 'customer_subscription_parent_id', references: foreignKey(() => parent.c.id, { useAlter: true }) }),
      });
      await lmd.dropAll(ctx.engine);
      try {
        await lmd.createAll(ctx.engine);
        await lmd.createAll(ctx.engine); // checkfirst: a no-op
        const indexes = await inspect(ctx.engine).getIndexes(child.name);
        const names = indexes.map((i) => i.name).filter((n) => n !== null && child.indexes.some((x) => x.name === n));
        expect(names.sort()).toEqual(child.indexes.map((i) => i.name).sort());
        expect(new Set(child.indexes.map((i) => i.name)).size).toBe(2);
      } finally {
        await lmd.dropAll(ctx.engine);
      }
      expect(await inspect(ctx.engine).hasTable(child.name)).toBe(false);
    });
  });

  describe('names users choose', () => {
    it('columns named with words MariaDB and MySQL 8 reserve are quoted', async () => {
      const kmd = new MetaData();
      const words = ['row_number', 'read_write', 'page_checksum', 'portion', 'system', 'empty', 'function', 'lead', 'cube', 'grouping'];
      const t = new Table(tableName('rvw', 'keywords'), kmd, Object.fromEntries(words.map((w, i) => [w, column(integer(), i === 0 ? { primaryKey: true, autoincrement: false } : {})])));
      await kmd.dropAll(ctx.engine);
      try {
        await kmd.createAll(ctx.engine);
        const row = Object.fromEntries(words.map((w, i) => [w, i]));
        await ctx.engine.begin((conn) => conn.execute(insert(t).values(row as never)));
        const got = await withConn(async (conn) => (await conn.execute(select(t).where(t.c.read_write.eq(1)).orderBy(t.c.system))).one()._tuple());
        expect(got).toEqual(words.map((_, i) => i));
      } finally {
        await kmd.dropAll(ctx.engine);
      }
    });
  });

  describe('bad input from JavaScript callers', () => {
    it('joins and compounds of things that are not FROM elements or selects are ArgumentErrors', () => {
      expect(() => items.join(undefined as never)).toThrow(ArgumentError);
      expect(() => select(items.c.id).join(null as never)).toThrow(ArgumentError);
      expect(() => union(5 as never, select(items.c.id))).toThrow(ArgumentError);
      expect(() => union(select(items.c.id), 'SELECT 1' as never)).toThrow(ArgumentError);
      expect(() => select(textType() as never)).toThrow(ArgumentError);
    });
  });
});

describe('core review: the process time zone', () => {
  // Jest's process.env is a copy, so the time zone is set on a child process.
  it('datetime strings without an offset are bound as UTC, whatever the time zone of the process', () => {
    const script = `
      const m = await import(${JSON.stringify(join(__dirname, '../../core/index.ts'))});
      const r = m.MetaData ? m : m.default;
      const t = new r.Table('t', new r.MetaData(), { id: r.column(r.integer(), { primaryKey: true }), at: r.column(r.datetime()), tz: r.column(r.datetime({ timezone: true })) });
      const stmt = r.insert(t).values({ id: 1, at: '2021-01-01 10:00:00', tz: '2021-01-01T10:00:00' });
      console.log(JSON.stringify(['sqlite', 'postgresql', 'mysql'].map((d) => r.compile(stmt, d).params.slice(1))));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, TZ: 'America/New_York' } }).toString();
    expect(JSON.parse(out)).toEqual([
      ['2021-01-01 10:00:00.000', '2021-01-01 10:00:00.000'],
      ['2021-01-01 10:00:00.000', '2021-01-01T10:00:00.000Z'],
      ['2021-01-01 10:00:00.000', '2021-01-01 10:00:00.000'],
    ]);
  });
});
