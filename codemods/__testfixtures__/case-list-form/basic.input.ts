// case_() list form, with and without options; the positional form is left alone.
import { case_, column, createEngine, insert, integer, MetaData, select, string, Table } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => {
    await metadata.createAll(conn);
    await conn.execute(insert(users).values([{ id: 1, name: 'ann' }, { id: 20, name: 'bob' }]));
  });
  const size = case_([[users.c.id.lt(10), 'small'], [users.c.id.lt(100), 'medium']], { else: 'large' });
  const flag = case_([[users.c.name.eq('ann'), 1]]);
  const kept = case_([users.c.id.lt(5), 'low'], { else: 'high' });
  const conn = await engine.connect();
  try {
    return (await conn.execute(select(users.c.id, size.label('size'), flag.label('flag'), kept.label('kept')).orderBy(users.c.id))).all();
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
