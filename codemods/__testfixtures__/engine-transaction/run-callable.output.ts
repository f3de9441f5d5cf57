// engine.runCallable(fn, …args) → engine.begin(): the writes that committed one by one become one transaction.
import { column, createEngine, insert, integer, LegacyConnection, MetaData, select, string, Table } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

async function addUser(conn: LegacyConnection, id: number, name: string): Promise<number> {
  await conn.execute(insert(users).values({ id, name }));
  return id;
}

async function names(conn: LegacyConnection): Promise<unknown[]> {
  return (await conn.execute(select(users.c.name).orderBy(users.c.id))).all().map((r) => r.name);
}

/** Another library's runCallable(): not a Retort engine, left alone. */
const pool = { runCallable: <T>(fn: (c: string) => T, ..._args: unknown[]) => fn('pooled') };

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => metadata.createAll(conn));
  const added = await engine.begin((conn2) => addUser(conn2, 1, 'ann'));
  await engine.begin(async (conn) => {
    await conn.execute(insert(users).values({ id: 2, name: 'bob' }));
  });
  const id = 3;
  await engine.begin((conn2) => addUser(conn2, id, 'cy'));
  const later = { id: 4 };
  await engine.runCallable(addUser, later.id, 'di');
  const listed = await engine.begin(names);
  await engine.dispose();
  return [added, listed, pool.runCallable((c) => c.length, 1)];
}
