/** The Inspector on every database: names, columns, keys, indexes, constraints, comments, caching. */
import { checkConstraint, column, foreignKey, func, index, inspect, integer, MetaData, numeric, SqlType, string, Table, uniqueConstraint } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';
import { capabilities } from './support/rich-schema';

forEachDialect('Inspector', (ctx) => {
  const p = tableName('rfl', 'in_');
  const caps = () => capabilities(ctx.leg);
  const md = new MetaData();
  const authors = new Table(
    `${p}authors`,
    md,
    {
      id: column(integer(), { primaryKey: true }),
      name: column(string(80), { nullable: false, comment: 'pen name' }),
      country: column(string(2), { serverDefault: 'FR' }),
      royalty: column(numeric(5, 3)),
    },
    {
      comment: 'who writes',
      constraints: (c) => [
        uniqueConstraint([c.name, c.country], { name: `${p}uq_name_country` }),
        checkConstraint('royalty < 1', { name: `${p}ck_royalty` }),
        index(`${p}ix_country_name`, [c.country, c.name]),
      ],
    },
  );
  const books = new Table(
    `${p}books`,
    md,
    {
      id: column(integer(), { primaryKey: true }),
      authorId: column(integer(), { name: 'author_id', references: foreignKey(() => authors.c.id, { onDelete: 'SET NULL', name: `${p}fk_author` }) }),
      title: column(new SqlType<string>('text'), { nullable: false }),
      pages: column(integer()),
    },
    {
      constraints: (c) => [
        index(`${p}ix_pages`, [c.pages], { unique: true }),
        ...(caps().expressionIndexes ? [index(`${p}ix_title_lower`, [func.lower(c.title)])] : []),
        ...(caps().partialIndexes ? [index(`${p}ix_long_books`, [c.pages], { where: c.pages.gt(500) })] : []),
      ],
    },
  );
  const view = `${p}v_books`;
  const matView = `${p}mv_books`;

  beforeAll(async () => {
    await ctx.engine.begin(async (conn) => {
      await conn.execDriverSql(`DROP VIEW IF EXISTS ${view}`);
      if (ctx.leg.name === 'postgresql') await conn.execDriverSql(`DROP MATERIALIZED VIEW IF EXISTS ${matView}`);
    });
    await md.dropAll(ctx.engine);
    await md.createAll(ctx.engine);
    await ctx.engine.begin(async (conn) => {
      await conn.execDriverSql(`CREATE VIEW ${view} AS SELECT id, title FROM ${books.name}`);
      if (ctx.leg.name === 'postgresql') await conn.execDriverSql(`CREATE MATERIALIZED VIEW ${matView} AS SELECT id FROM ${books.name}`);
    });
  });
  afterAll(async () => {
    await ctx.engine.begin(async (conn) => {
      await conn.execDriverSql(`DROP VIEW IF EXISTS ${view}`);
      if (ctx.leg.name === 'postgresql') await conn.execDriverSql(`DROP MATERIALIZED VIEW IF EXISTS ${matView}`);
    });
    await md.dropAll(ctx.engine);
  });

  it('lists tables, views and materialized views', async () => {
    const insp = inspect(ctx.engine);
    const tables = (await insp.getTableNames()).filter((n) => n.startsWith(p));
    expect(tables).toEqual([`${p}authors`, `${p}books`]);
    expect((await insp.getViewNames()).filter((n) => n.startsWith(p))).toEqual([view]);
    expect((await insp.getMaterializedViewNames()).filter((n) => n.startsWith(p))).toEqual(ctx.leg.name === 'postgresql' ? [matView] : []);
    expect(await insp.hasTable(`${p}authors`)).toBe(true);
    expect(await insp.hasTable(view)).toBe(true);
    expect(await insp.hasTable(`${p}nope`)).toBe(false);
    const defaultSchema = await insp.getDefaultSchemaName();
    expect(await insp.hasSchema(defaultSchema!)).toBe(true);
    expect(await insp.hasSchema('rfl_no_such_schema')).toBe(false);
    expect((await insp.getTableNames({ schema: defaultSchema })).filter((n) => n.startsWith(p))).toEqual(tables);
  });

  it('reads columns with their types, nullability, defaults, autoincrement and comments', async () => {
    const cols = await inspect(ctx.engine).getColumns(`${p}authors`);
    expect(cols.map((c) => c.name)).toEqual(['id', 'name', 'country', 'royalty']);
    expect(cols.map((c) => c.type.describe())).toEqual(['integer', 'string(80)', 'string(2)', 'numeric(5,3)']);
    expect(cols.map((c) => c.nullable)).toEqual([false, false, true, true]);
    expect(cols.map((c) => c.autoincrement)).toEqual([true, false, false, false]);
    expect(cols[2].default).toMatch(/'FR'/);
    expect(cols[1].comment).toBe(ctx.leg.name === 'sqlite' ? undefined : 'pen name');
    const viewCols = await inspect(ctx.engine).getColumns(view);
    expect(viewCols.map((c) => [c.name, c.type.kind])).toEqual([
      ['id', 'integer'],
      ['title', 'text'],
    ]);
  });

  it('reads primary keys, foreign keys, unique and check constraints, and table comments', async () => {
    const insp = inspect(ctx.engine);
    expect((await insp.getPrimaryKey(`${p}books`)).columns).toEqual(['id']);
    expect(await insp.getForeignKeys(`${p}books`)).toEqual([
      expect.objectContaining({ name: `${p}fk_author`, columns: ['author_id'], referredTable: `${p}authors`, referredColumns: ['id'], referredSchema: undefined, onDelete: 'SET NULL' }),
    ]);
    expect(await insp.getForeignKeys(`${p}authors`)).toEqual([]);
    expect(await insp.getUniqueConstraints(`${p}authors`)).toEqual([{ name: `${p}uq_name_country`, columns: ['name', 'country'] }]);
    const checks = await insp.getCheckConstraints(`${p}authors`);
    expect(checks).toHaveLength(1);
    expect(checks[0].name).toBe(`${p}ck_royalty`);
    expect(checks[0].sqltext.replace(/[`"()]|::numeric/g, '')).toMatch(/royalty < 1/);
    expect(await insp.getTableComment(`${p}authors`)).toBe(ctx.leg.name === 'sqlite' ? undefined : 'who writes');
    expect(await insp.getTableComment(`${p}books`)).toBeUndefined();
  });

  it('reads indexes: unique, multi-column, expression and partial', async () => {
    const insp = inspect(ctx.engine);
    const own = (await insp.getIndexes(`${p}authors`)).filter((i) => !i.duplicatesConstraint);
    expect(own).toEqual([{ name: `${p}ix_country_name`, unique: false, elements: [{ column: 'country' }, { column: 'name' }] }]);
    const idx = new Map((await insp.getIndexes(`${p}books`)).map((i) => [i.name, i]));
    expect(idx.get(`${p}ix_pages`)).toMatchObject({ unique: true, elements: [{ column: 'pages' }] });
    if (caps().expressionIndexes) {
      const expr = idx.get(`${p}ix_title_lower`)!;
      expect(expr.elements).toHaveLength(1);
      expect('expression' in expr.elements[0] && expr.elements[0].expression).toMatch(/lower\(\(?title/i);
    }
    if (caps().partialIndexes) expect(idx.get(`${p}ix_long_books`)!.where).toMatch(/pages > 500/);
    expect(await insp.hasIndex(`${p}books`, `${p}ix_pages`)).toBe(true);
    expect(await insp.hasIndex(`${p}books`, `${p}ix_nope`)).toBe(false);
  });

  it('answers for many tables with one statement per kind, and caches every answer', async () => {
    const insp = inspect(ctx.engine);
    let count = 0;
    const stop = ctx.engine.events.on('beforeExecute', () => {
      count++;
    });
    try {
      const names = [`${p}authors`, `${p}books`, `${p}missing`];
      const fks = await insp.getMultiForeignKeys({ names });
      expect([...fks.keys()]).toEqual([`${p}authors`, `${p}books`]);
      expect(fks.get(`${p}authors`)).toEqual([]);
      const afterFks = count;
      expect(afterFks).toBeLessThanOrEqual(2); // the object list, then the foreign keys
      const cols = await insp.getMultiColumns({ names, kind: ['table', 'view'] });
      expect(cols.get(`${p}books`)!.map((c) => c.name)).toEqual(['id', 'author_id', 'title', 'pages']);
      expect(count).toBe(afterFks + 1);
      await insp.getMultiForeignKeys({ names });
      await insp.getMultiColumns({ names, kind: ['view', 'table'] });
      expect(count).toBe(afterFks + 1);
      const all = await insp.getMultiPrimaryKeys();
      const before = count;
      expect(await insp.getPrimaryKey(`${p}authors`)).toEqual(all.get(`${p}authors`));
      expect(count).toBe(before);
      insp.clearCache();
      await insp.getMultiForeignKeys({ names });
      expect(count).toBeGreaterThan(before);
    } finally {
      stop();
    }
  });

  it('works on a connection, inside its transaction', async () => {
    const conn = await ctx.engine.connect();
    try {
      const insp = inspect(conn);
      expect(await insp.hasTable(`${p}books`)).toBe(true);
      expect((await insp.getColumns(`${p}books`)).length).toBe(4);
    } finally {
      await conn.close();
    }
  });
});
