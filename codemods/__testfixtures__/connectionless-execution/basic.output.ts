// engine.execute()/scalar() on a legacy engine, also through a parameter and a namespace type.
import * as R from 'retort/legacy';
import { column, createEngine, insert, integer, MetaData, select, string, Table } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

async function countUsers(db: R.LegacyEngine): Promise<unknown> {
  return db.begin((conn) => conn.scalar(select(R.func.count()).selectFrom(users)));
}

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => metadata.createAll(conn));
  await engine.begin((conn2) => conn2.execute(insert(users).values({ id: 1, name: 'ann' })));
  await engine.begin((conn2) => conn2.execute(insert(users), [{ id: 2, name: 'bob' }, { id: 3, name: 'cy' }]));
  const rows = (await engine.begin((conn2) => conn2.execute(select(users.c.id, users.c.name).orderBy(users.c.id)))).all();
  const n = await countUsers(engine);
  await engine.dispose();
  return { rows, n };
}
