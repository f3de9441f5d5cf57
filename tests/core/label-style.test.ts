/** select().setLabelStyle(): how a SELECT names its columns, on every database. */
import { ArgumentError, column, compile, dialectFor, foreignKey, insert, integer, MetaData, select, string, Table } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

const md = new MetaData();
const usersName = tableName('lbl', 'users');
const users = new Table(usersName, md, {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  name: column(string(40), { nullable: false }),
});
const addresses = new Table(tableName('lbl', 'addresses'), md, {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  userId: column(integer(), { name: 'user_id', nullable: false, references: foreignKey(() => users.c.id) }),
});
const sqlite = dialectFor('sqlite');

describe('setLabelStyle() compiles', () => {
  it("'tablenamePlusCol' labels every table column <table>_<column> (SQL names), and only this statement", () => {
    const plain = select(users.c.id, addresses.c.id, addresses.c.userId).join(addresses);
    const labelled = plain.setLabelStyle('tablenamePlusCol');
    expect(compile(labelled, sqlite).sql).toContain(`${usersName}.id AS ${usersName}_id, ${addresses.name}.id AS ${addresses.name}_id, ${addresses.name}.user_id AS ${addresses.name}_user_id`);
    expect(compile(plain, sqlite).sql).not.toContain(' AS ');
    expect(labelled.labelStyle).toBe('tablenamePlusCol');
    expect(plain.labelStyle).toBe('none');
  });

  it("'disambiguateOnly' renames repeated names only; the style carries to columns added later and to a subquery", () => {
    const stmt = select(users.c.id, users.c.name).setLabelStyle('disambiguateOnly').addColumns(addresses.c.id).join(addresses);
    expect(stmt.labelStyle).toBe('disambiguateOnly');
    const sql = compile(stmt, sqlite).sql;
    expect(sql).toContain(`${addresses.name}.id AS id_1`);
    expect(sql).not.toContain('AS id,');
    expect(Object.keys(stmt.subquery('sq').c)).toEqual(['id', 'name', 'id_1']);
    expect(Object.keys(select(users.c.id).setLabelStyle('tablenamePlusCol').subquery('sq').c)).toEqual([`${usersName}_id`]);
  });

  it('refuses an unknown style', () => {
    expect(() => select(users.c.id).setLabelStyle('table_plus_col' as never)).toThrow(ArgumentError);
    expect(() => select(users.c.id).setLabelStyle('table_plus_col' as never)).toThrow(/'none', 'disambiguateOnly' or 'tablenamePlusCol'/);
  });
});

forEachDialect('setLabelStyle() rows', (ctx) => {
  beforeAll(async () => {
    await md.dropAll(ctx.engine);
    await md.createAll(ctx.engine);
    await ctx.engine.begin(async (conn) => {
      await conn.execute(insert(users), [{ id: 1, name: 'ada' }]);
      await conn.execute(insert(addresses), [{ id: 7, userId: 1 }]);
    });
  });
  afterAll(async () => {
    await md.dropAll(ctx.engine);
  });

  it('rows are named by the style; the same select without it keeps the plain names', async () => {
    const conn = await ctx.engine.connect();
    try {
      const base = select(users.c.id, users.c.name, addresses.c.id).join(addresses);
      const labelled = (await conn.execute(base.setLabelStyle('tablenamePlusCol'))).one();
      expect(labelled._fields).toEqual([`${usersName}_id`, `${usersName}_name`, `${addresses.name}_id`]);
      expect(labelled._mapping).toEqual({ [`${usersName}_id`]: 1, [`${usersName}_name`]: 'ada', [`${addresses.name}_id`]: 7 });
      const disambiguated = (await conn.execute(base.setLabelStyle('disambiguateOnly'))).one();
      expect(disambiguated._mapping).toEqual({ id: 1, name: 'ada', id_1: 7 });
      const plain = (await conn.execute(base)).one();
      expect(plain._fields).toEqual(['id', 'name', 'id']);
      expect([...plain]).toEqual([1, 'ada', 7]);
    } finally {
      await conn.close();
    }
  });
});
