// A small 1.x module: after `all` every legacy form is gone and it imports from 'retort'.
import { case_, column, createEngine, insert, integer, MetaData, select, string, Table, union } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.transaction(async (conn) => metadata.createAll(conn));
  await engine.execute(insert(users, { values: [{ id: 1, name: 'ann' }, { id: 2, name: 'bob' }, { id: 3, name: 'cy' }] }));
  const size = case_([[users.c.id.lt(2), 'small']], { else: 'big' });
  const stmt = select([users.c.name, size.label('size')], users.c.id.gt(1), { orderBy: [users.c.id] });
  const rows = (await engine.execute(stmt)).all();
  const names = rows.map((r) => r.get('name'));
  const both = (await engine.execute(union(select([users.c.id]), select([users.c.id]), { orderBy: [users.c.id], limit: 2 }))).all().map((r) => r.keys());
  const count = await engine.scalar('SELECT count(*) FROM users');
  const tables = await engine.tableNames();
  await engine.dispose();
  return { names, sizes: rows.map((r) => r.size), both, count, tables };
}
