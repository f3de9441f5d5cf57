// A small 1.x module: after `all` every legacy form is gone and it imports from 'retort'.
import { case_, column, createEngine, insert, integer, MetaData, select, string, Table, union, text, inspect } from 'retort';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => metadata.createAll(conn));
  await engine.begin((conn2) => conn2.execute(insert(users).values([{ id: 1, name: 'ann' }, { id: 2, name: 'bob' }, { id: 3, name: 'cy' }])));
  const size = case_([users.c.id.lt(2), 'small'], { else: 'big' });
  const stmt = select(users.c.name, size.label('size')).where(users.c.id.gt(1)).orderBy(users.c.id);
  const rows = (await engine.begin((conn2) => conn2.execute(stmt))).all();
  const names = rows.map((r) => r._mapping['name']);
  const both = (await engine.begin((conn2) => conn2.execute(union(select(users.c.id), select(users.c.id)).orderBy(users.c.id).limit(2)))).all().map((r) => Object.keys(r._mapping));
  const count = await engine.begin((conn2) => conn2.scalar(text('SELECT count(*) FROM users')));
  const tables = await inspect(engine).getTableNames();
  await engine.dispose();
  return { names, sizes: rows.map((r) => r.size), both, count, tables };
}
