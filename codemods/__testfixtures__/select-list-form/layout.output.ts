// The list's layout and comments stay, parentheses around an argument stay balanced, and a
// select() inside the options is rewritten with the one around it.
import { column, createEngine, func, insert, integer, MetaData, select, string, Table } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => {
    await metadata.createAll(conn);
    await conn.execute(insert(users).values([{ id: 1, name: 'ann' }, { id: 2, name: 'bob' }, { id: 3, name: 'cy' }]));
  });
  const wide = select(
      users.c.id, // the key
      /* and the name */ users.c.name,
    ).where(users.c.id.gt(1)).orderBy(users.c.name.desc()).limit(5);
  const grouped = select(users.c.name).groupBy(users.c.name).having(func.max(users.c.id).lt(select(func.max(users.c.id)).scalarSubquery())).orderBy(users.c.name.asc());
  const trailing = select(users.c.id);
  const conn = await engine.connect();
  try {
    return [(await conn.execute(wide)).all(), (await conn.execute(grouped)).all(), (await conn.execute(trailing)).all()];
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
