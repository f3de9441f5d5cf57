/**
 * createAll from a rich MetaData → reflect into a fresh MetaData → the two describe the same
 * schema (normalized for what each database stores differently); the reflected tables
 * work for INSERT/SELECT and for DDL (create them again and reflect them again).
 */
import { insert, MetaData, select, Table } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';
import { describeAll } from './support/describe';
import { capabilities, richSchema } from './support/rich-schema';

forEachDialect('reflection round trip', (ctx) => {
  const p = tableName('rfl', 'rt_');
  const mine = (name: string) => name.startsWith(p);
  let original: MetaData;
  let reflected: MetaData;
  const ddl = () => ctx.engine.dialect.createDdlCompiler();
  /** Compare only the constraint names the schema gave; databases invent the others. */
  const givenNames = (md: MetaData) => {
    const names = new Set<string>();
    for (const t of md.tables.values()) {
      if (t.primaryKey.name) names.add(t.primaryKey.name);
      for (const i of t.indexes) names.add(i.name);
      for (const c of t.constraints) {
        const n = 'options' in c ? (c.options as { name?: string }).name : (c as { name?: string }).name;
        if (n) names.add(n);
      }
    }
    return (n: string | undefined) => n !== undefined && names.has(n);
  };

  beforeAll(async () => {
    original = richSchema(p, capabilities(ctx.leg));
    await original.dropAll(ctx.engine);
    await original.createAll(ctx.engine);
  });
  afterAll(async () => {
    await original.dropAll(ctx.engine);
  });

  it('reflects every table, column, key, constraint, index and comment as created', async () => {
    reflected = new MetaData();
    await reflected.reflect(ctx.engine, { only: mine });
    expect([...reflected.tables.keys()].sort()).toEqual([...original.tables.keys()].sort());
    const named = givenNames(original);
    expect(describeAll(reflected, ctx.leg.name, named, ddl())).toEqual(describeAll(original, ctx.leg.name, named, ddl()));
  });

  it('gives tables that INSERT and SELECT at once', async () => {
    const users = reflected.table(`${p}users`);
    const orders = reflected.table(`${p}orders`);
    await ctx.engine.begin(async (conn) => {
      await conn.execute(insert(users).values({ name: 'Ada', email: 'ada@example.com' }));
      const id = (await conn.execute(select(users.c.id).where(users.c.name.eq('Ada')))).scalarOne();
      await conn.execute(insert(orders).values({ region: 'eu', num: 1, user_id: id, total: '12.50' }));
      const joined = select(users.c.name, users.c.active, users.c.balance, orders.c.total).where(orders.c.user_id.eq(users.c.id));
      const row = (await conn.execute(joined)).one();
      expect([row[0], row[1], row[2], row[3]]).toEqual(['Ada', true, '0.00', '12.50']);
      await conn.execute(insert(orders).values({ region: 'eu', num: 2, user_id: id, total: '1.00', parent_region: 'eu', parent_num: 1 }));
    });
  });

  it('gives tables that create the same schema again', async () => {
    await original.dropAll(ctx.engine);
    await reflected.createAll(ctx.engine);
    const again = new MetaData();
    await again.reflect(ctx.engine, { only: mine });
    const named = givenNames(reflected);
    expect(describeAll(again, ctx.leg.name, named, ddl())).toEqual(describeAll(reflected, ctx.leg.name, named, ddl()));
  });

  it('loads the tables that foreign keys refer to', async () => {
    const md = new MetaData();
    await md.reflect(ctx.engine, { only: [`${p}order_lines`] });
    expect([...md.tables.keys()].sort()).toEqual([`${p}categories`, `${p}order_lines`, `${p}orders`, `${p}users`]);
    const lines = md.table(`${p}order_lines`) as Table<any, any>;
    expect(lines.foreignKeys.map((fk) => (fk.referredTable as Table<any, any>).name).sort()).toEqual([`${p}categories`, `${p}orders`]);
  });
});
