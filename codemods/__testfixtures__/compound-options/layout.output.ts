// A statement in parentheses keeps them and its comment, the bag on a line of its own goes
// with its line, and a compound inside another statement is rewritten in place.
import { column, createEngine, insert, integer, MetaData, select, string, Table, union, unionAll } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => {
    await metadata.createAll(conn);
    await conn.execute(insert(users).values([{ id: 1, name: 'ann' }, { id: 2, name: 'bob' }, { id: 3, name: 'cy' }]));
  });
  const a = select(users.c.id).where(users.c.id.lt(3));
  const b = select(users.c.id).where(users.c.id.gt(1));
  const u = union(
    a,
    (b), // the second half
  ).orderBy(users.c.id).limit(2);
  const inner = unionAll(a, b).orderBy(users.c.id.desc()).subquery();
  const outer = select(inner.c.id).where(inner.c.id.in(union(a, b).limit(1)));
  const conn = await engine.connect();
  try {
    return [(await conn.execute(u)).all(), (await conn.execute(outer)).all()];
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
