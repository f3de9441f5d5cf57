// A WHEN list written over several lines keeps its lines and comments; a comma is kept or
// added after the last pair, so the options stay a separate argument.
import { case_, column, createEngine, insert, integer, MetaData, select, string, Table } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => {
    await metadata.createAll(conn);
    await conn.execute(insert(users).values([{ id: 1, name: 'ann' }, { id: 20, name: 'bob' }, { id: 200, name: 'cy' }]));
  });
  const size = case_(
    [users.c.id.lt(10), 'small'], // one digit
    [users.c.id.lt(100), 'medium'], // two
  { else: 'large' });
  const named = case_(
      [users.c.name.eq('ann'), 1],
      [users.c.name.eq('bob'), case_([users.c.id.gt(10), 2], { else: 3 })],
  );
  const conn = await engine.connect();
  try {
    return (await conn.execute(select(users.c.id, size.label('size'), named.label('named')).orderBy(users.c.id))).all();
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
