// engine.transaction(fn, …args) → engine.begin(); runCallable() too (see the run-callable case).
import { column, createEngine, insert, integer, LegacyConnection, MetaData, select, string, Table } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

async function addUser(conn: LegacyConnection, id: number, name: string) {
  await conn.execute(insert(users).values({ id, name }));
}

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.transaction(async (conn) => metadata.createAll(conn));
  const id = 2;
  await engine.transaction(addUser, id, 'bob');
  await engine.transaction(async (conn) => {
    await conn.execute(insert(users).values({ id: 1, name: 'ann' }));
  });
  const names = await engine.transaction(async (conn) => (await conn.execute(select(users.c.name).orderBy(users.c.id))).all().map((r) => r.name));
  await engine.dispose();
  return names;
}

export async function callable(engine: ReturnType<typeof createEngine>) {
  return engine.runCallable(async (conn) => conn.execute(select(users.c.id)));
}
