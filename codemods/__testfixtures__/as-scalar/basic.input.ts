// asScalar() → scalarSubquery().
import { column, createEngine, func, insert, integer, MetaData, select, string, Table } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => {
    await metadata.createAll(conn);
    await conn.execute(insert(users).values([{ id: 1, name: 'ann' }, { id: 2, name: 'bob' }]));
  });
  const total = select(func.count(users.c.id)).asScalar();
  const conn = await engine.connect();
  try {
    return (await conn.execute(select(users.c.name, total.label('total')).orderBy(users.c.id))).all().map((r) => [...r]);
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
