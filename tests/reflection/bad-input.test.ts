/** Wrong input to reflection: missing tables, unknown types, names that need quoting, wrong arguments. */
import {
  ArgumentError,
  autoloadTable,
  column,
  foreignKey,
  index,
  insert,
  inspect,
  integer,
  InvalidRequestError,
  MetaData,
  NoSuchTableError,
  select,
  string,
  Table,
  uniqueConstraint,
  UNKNOWN_TYPE_WARNING,
} from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

/** A column type each database has and Retort does not. */
const UNKNOWN_TYPE = { sqlite: 'GEOMETRY', postgresql: 'inet', mysql: 'YEAR' } as const;

forEachDialect('reflection bad input', (ctx) => {
  const p = tableName('rfl', 'bad_');
  const odd = `${p}Odd "name" it's ünï`;
  const odd2 = `${p}Other table`;
  const plain = `${p}plain`;
  const md = new MetaData();
  const oddTable = new Table(
    odd,
    md,
    {
      select: column(integer(), { primaryKey: true }),
      'a b': column(string(20)),
      'x"y': column(string(20)),
      "it's": column(string(20)),
      Ünïcødé: column(string(20)),
    },
    { constraints: (c) => [uniqueConstraint([c['a b'], c['x"y']], { name: `${p}uq "odd"` }), index(`${p}ix odd`, [c["it's"]])] },
  );
  new Table(odd2, md, {
    id: column(integer(), { primaryKey: true }),
    'Ref Col': column(integer(), { references: foreignKey(() => oddTable.c.select, { name: `${p}fk odd` }) }),
  });

  beforeAll(async () => {
    await md.dropAll(ctx.engine);
    await ctx.engine.begin(async (conn) => {
      await conn.execDriverSql(`DROP TABLE IF EXISTS ${plain}`);
      await conn.execDriverSql(`CREATE TABLE ${plain} (id INTEGER PRIMARY KEY, odd ${UNKNOWN_TYPE[ctx.leg.name]})`);
    });
    await md.createAll(ctx.engine);
  });
  afterAll(async () => {
    await md.dropAll(ctx.engine);
    await ctx.engine.begin((conn) => conn.execDriverSql(`DROP TABLE IF EXISTS ${plain}`));
  });

  it('names a missing table clearly', async () => {
    const insp = inspect(ctx.engine);
    await expect(insp.getColumns(`${p}nope`)).rejects.toThrow(NoSuchTableError);
    await expect(insp.getForeignKeys(`${p}nope`)).rejects.toThrow(`${p}nope`);
    await expect(new MetaData().reflect(ctx.engine, { only: [plain, `${p}nope`] })).rejects.toThrow(`no table or view "${p}nope"`);
    await expect(autoloadTable(`${p}nope`, new MetaData(), { autoloadWith: ctx.engine })).rejects.toMatchObject({ code: 'RT-NO-SUCH-TABLE' });
    const multi = await insp.getMultiColumns({ names: [`${p}nope`] });
    expect(multi.size).toBe(0);
  });

  it('keeps a type Retort does not know, with its name and one warning', async () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const cols = await inspect(ctx.engine).getColumns(plain);
      expect(cols[1].type.kind).toBe('unknown');
      expect(cols[1].type.options.databaseName?.toLowerCase()).toMatch(UNKNOWN_TYPE[ctx.leg.name].toLowerCase());
      const ours = warn.mock.calls.filter((c) => (c[1] as { code?: string })?.code === UNKNOWN_TYPE_WARNING);
      expect(ours).toHaveLength(1);
      expect(ours[0][1]).toMatchObject({ type: 'RetortWarning' });
      expect(String(ours[0][0])).toContain(`${plain}.odd`);
      // The reflected table makes the same column again.
      const reflected = new MetaData();
      const t = await autoloadTable(plain, reflected, { autoloadWith: ctx.engine });
      await ctx.engine.begin((conn) => conn.execDriverSql(`DROP TABLE ${plain}`));
      await reflected.createAll(ctx.engine);
      const again = await inspect(ctx.engine).getColumns(plain);
      expect(again[1].type.options.databaseName).toBe(cols[1].type.options.databaseName);
      expect(t.columns.map((c) => c.name)).toEqual(['id', 'odd']);
    } finally {
      warn.mockRestore();
    }
  });

  it('reflects names that need quoting, and the tables work', async () => {
    const reflected = new MetaData();
    const t = await autoloadTable(odd2, reflected, { autoloadWith: ctx.engine });
    const target = reflected.table(odd);
    expect(target.columns.map((c) => c.name)).toEqual(['select', 'a b', 'x"y', "it's", 'Ünïcødé']);
    expect(t.foreignKeys[0].options.name).toBe(`${p}fk odd`);
    expect(t.foreignKeys[0].referredTable).toBe(target);
    const insp = inspect(ctx.engine);
    expect((await insp.getUniqueConstraints(odd))[0]).toEqual({ name: `${p}uq "odd"`, columns: ['a b', 'x"y'] });
    expect(await insp.hasIndex(odd, `${p}ix odd`)).toBe(true);
    await ctx.engine.begin(async (conn) => {
      await conn.execute(insert(target).values({ select: 1, 'a b': 'A', 'x"y': 'X', "it's": 'I', Ünïcødé: 'Ü' }));
      await conn.execute(insert(t).values({ id: 1, 'Ref Col': 1 }));
      const row = (await conn.execute(select(target.c['x"y'], target.c.Ünïcødé, t.c['Ref Col']).where(t.c['Ref Col'].eq(target.c.select)))).one();
      expect([row[0], row[1], row[2]]).toEqual(['X', 'Ü', 1]);
    });
  });

  it('keeps tables already in the MetaData, and reflects nothing for an empty list', async () => {
    const reflected = new MetaData();
    const first = await autoloadTable(odd, reflected, { autoloadWith: ctx.engine });
    await reflected.reflect(ctx.engine, { only: [odd, odd2] });
    expect(reflected.table(odd)).toBe(first);
    const none = new MetaData();
    await none.reflect(ctx.engine, { only: [] });
    expect(none.tables.size).toBe(0);
  });

  it('rejects wrong arguments from JavaScript callers', async () => {
    const js = (v: unknown) => v as never;
    expect(() => inspect(js(null))).toThrow(ArgumentError);
    expect(() => inspect(js({}))).toThrow(ArgumentError);
    const insp = inspect(ctx.engine);
    await expect(insp.getColumns(js(''))).rejects.toThrow(ArgumentError);
    await expect(insp.getColumns(js(42))).rejects.toThrow(ArgumentError);
    await expect(insp.getMultiColumns({ kind: js('nope') })).rejects.toThrow(/kind must be one of/);
    await expect(insp.getMultiColumns({ names: js('users') })).rejects.toThrow(ArgumentError);
    await expect(insp.getTableNames({ schema: js(5) })).rejects.toThrow(ArgumentError);
    const m = new MetaData();
    await expect(m.reflect(js(null))).rejects.toThrow(ArgumentError);
    await expect(m.reflect(ctx.engine, js({ only: plain }))).rejects.toThrow(/only must be an array/);
    await expect(m.reflect(ctx.engine, js({ onlyy: [plain] }))).rejects.toThrow(/unknown option "onlyy"/);
    await expect(autoloadTable(plain, m, js({}))).rejects.toThrow(/autoloadWith/);
    const conn = await ctx.engine.connect();
    await conn.close();
    await expect(m.reflect(conn)).rejects.toThrow(InvalidRequestError);
  });
});
