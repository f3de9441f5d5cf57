// select() list form with a WHERE argument and an options bag, through a plain and an aliased import.
import { column, createEngine, insert, integer, MetaData, select, select as pick, string, Table } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => {
    await metadata.createAll(conn);
    await conn.execute(insert(users).values([{ id: 1, name: 'ann' }, { id: 2, name: 'bob' }, { id: 3, name: 'cy' }]));
  });
  const byName = select(users.c.id, users.c.name).where(users.c.id.gt(1)).orderBy(users.c.name.desc()).limit(5);
  const all = pick(users.c.name).orderBy(users.c.id.asc()).distinct();
  const conn = await engine.connect();
  try {
    return [(await conn.execute(byName)).all(), (await conn.execute(all)).all()];
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
