// A legacy Row used as a mapping; a Map and a plain object with the same methods stay as they are.
import { column, createEngine, insert, integer, MetaData, select, string, Table } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => {
    await metadata.createAll(conn);
    await conn.execute(insert(users).values({ id: 1, name: 'ann' }));
  });
  const conn = await engine.connect();
  try {
    const row = (await conn.execute(select(users.c.id, users.c.name))).one();
    const key = 'name';
    const lookAlike = new Map([['name', 'x']]);
    return {
      keys: Object.keys(row._mapping),
      values: Object.values(row._mapping),
      items: Object.entries(row._mapping),
      name: row._mapping['name'],
      byVariable: row._mapping[key],
      has: ('id' in row._mapping),
      inRow: 'name' in row._mapping,
      byColumn: row._mapping['name'],
      withDefault: row.get('missing', 0),
      map: [lookAlike.get('name'), lookAlike.has('name'), [...lookAlike.keys()]],
    };
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
