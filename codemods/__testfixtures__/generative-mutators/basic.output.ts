// In-place mutators on a local statement; an aliased statement is left for a human.
import { column, createEngine, insert, integer, MetaData, select, string, Table } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => {
    await metadata.createAll(conn);
    await conn.execute(insert(users).values([{ id: 1, name: 'ann' }, { id: 2, name: 'bob' }, { id: 3, name: 'cy' }]));
  });
  let stmt = select(users.c.id, users.c.name);
  stmt = stmt.where(users.c.id.gt(1));
  stmt = stmt.orderBy(users.c.name.desc());
  const conn = await engine.connect();
  try {
    return (await conn.execute(stmt)).all().map((r) => [...r]);
  } finally {
    await conn.close();
    await engine.dispose();
  }
}

export function aliased() {
  const stmt = select(users.c.id);
  const same = stmt;
  stmt.appendWhereClause(users.c.id.gt(1));
  return same;
}
