// Statements built in place or held by a const are not strings (no type needed to tell); a string made from one is, sent to the driver as 1.x sent it.
import { column, createEngine, insert, integer, MetaData, select, Table } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }) });

export async function statements() {
  const engine = createEngine('sqlite://');
  const conn = await engine.connect();
  const stmt = select(users.c.id).where(users.c.id.gt(1)).orderBy(users.c.id);
  await conn.execute(stmt);
  await conn.execute(insert(users).values({ id: 1 }));
  const sql = String(select(users.c.id).where(users.c.id.gt(1)));
  await conn.execute(sql);
  await conn.close();
}
