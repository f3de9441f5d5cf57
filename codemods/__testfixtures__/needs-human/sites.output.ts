// Sites no transform may rewrite: each is reported with its code and the file stays as it is.
import { column, createEngine, integer, MetaData, select, Session, Table } from 'retort/legacy';

export async function sites() {
  const engine = createEngine('sqlite://');
  const metadata = new MetaData({ bind: engine });
  const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }) });
  await metadata.createAll();
  const rows = await select(users.c.id).execute();
  const conn = await engine.connect();
  conn.executionOptions({ autocommit: true });
  const outer = await conn.begin();
  const inner = await conn.begin();
  const session = new Session({ bind: engine }); // not L102: a Session's bind is 2.0's too
  return { rows, outer, inner, session };
}
