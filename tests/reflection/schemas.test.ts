/**
 * Reflection outside the default schema: a PostgreSQL schema, a MySQL database, an attached
 * SQLite database. Foreign keys name the referred schema when it is not the default one.
 */
import { inspect, MetaData, Table } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

forEachDialect('reflection in other schemas', (ctx) => {
  const schema = tableName('rfl', 'schema');
  const cross = tableName('rfl', 'sch_cross');
  const sqlite = () => ctx.leg.name === 'sqlite';

  beforeAll(async () => {
    await ctx.engine.begin(async (conn) => {
      const run = (sql: string) => conn.execDriverSql(sql);
      if (ctx.leg.name === 'postgresql') {
        await run(`DROP TABLE IF EXISTS ${cross}`);
        await run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await run(`CREATE SCHEMA ${schema}`);
      } else if (ctx.leg.name === 'mysql') {
        await run(`DROP TABLE IF EXISTS ${cross}`);
        await run(`DROP DATABASE IF EXISTS ${schema}`);
        await run(`CREATE DATABASE ${schema}`);
      }
    });
    // SQLite: ATTACH cannot run inside a transaction; the in-memory engine has one connection.
    if (sqlite()) {
      const conn = await ctx.engine.connect();
      conn.executionOptions({ isolationLevel: 'AUTOCOMMIT' });
      await conn.execDriverSql(`ATTACH DATABASE ':memory:' AS ${schema}`);
      await conn.close();
    }
    await ctx.engine.begin(async (conn) => {
      const run = (sql: string) => conn.execDriverSql(sql);
      await run(`CREATE TABLE ${schema}.parent (id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)`);
      // SQLite refers to tables of the same attached database without a schema.
      await run(`CREATE TABLE ${schema}.child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES ${sqlite() ? '' : `${schema}.`}parent (id))`);
      if (!sqlite()) await run(`CREATE TABLE ${cross} (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES ${schema}.parent (id))`);
    });
  });
  afterAll(async () => {
    const conn = await ctx.engine.connect();
    conn.executionOptions({ isolationLevel: 'AUTOCOMMIT' });
    if (ctx.leg.name === 'postgresql') {
      await conn.execDriverSql(`DROP TABLE IF EXISTS ${cross}`);
      await conn.execDriverSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } else if (ctx.leg.name === 'mysql') {
      await conn.execDriverSql(`DROP TABLE IF EXISTS ${cross}`);
      await conn.execDriverSql(`DROP DATABASE IF EXISTS ${schema}`);
    }
    // SQLite: the attached in-memory database goes away with the engine's connection.
    await conn.close();
  });

  it('lists the schema and its tables', async () => {
    const insp = inspect(ctx.engine);
    expect(await insp.hasSchema(schema)).toBe(true);
    expect(await insp.getTableNames({ schema })).toEqual(['child', 'parent']);
    expect(await insp.hasTable('child', { schema })).toBe(true);
    expect(await insp.hasTable(`${schema}_nope`, { schema })).toBe(false);
    expect((await insp.getColumns('parent', { schema })).map((c) => c.name)).toEqual(['id', 'name']);
    const [fk] = await insp.getForeignKeys('child', { schema });
    expect(fk).toMatchObject({ referredSchema: schema, referredTable: 'parent', referredColumns: ['id'], columns: ['parent_id'] });
  });

  it('reflects a schema into schema-qualified Tables', async () => {
    const md = new MetaData();
    await md.reflect(ctx.engine, { schema });
    expect([...md.tables.keys()].sort()).toEqual([`${schema}.child`, `${schema}.parent`]);
    const child = md.table(`${schema}.child`) as Table<any, any>;
    expect(child.schema).toBe(schema);
    expect(child.foreignKeys[0].referredTable).toBe(md.table(`${schema}.parent`));
  });

  // SQLite foreign keys stay inside one database.
  const crossSchema = ctx.leg.name === 'sqlite' ? it.skip : it;
  crossSchema('follows a foreign key from the default schema into another one', async () => {
    const md = new MetaData();
    await md.reflect(ctx.engine, { only: [cross] });
    expect([...md.tables.keys()].sort()).toEqual([`${schema}.parent`, cross].sort());
    const t = md.table(cross) as Table<any, any>;
    expect(t.foreignKeys[0].referredTable).toBe(md.table(`${schema}.parent`));
  });
});
