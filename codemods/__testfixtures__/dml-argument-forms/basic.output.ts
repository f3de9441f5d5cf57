// Argument forms of insert/update/delete_ and of the table methods → generative calls.
import { column, createEngine, delete_, insert, integer, MetaData, select, string, Table, update, deleteFrom } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  const conn = await engine.connect();
  try {
    await metadata.createAll(conn);
    await conn.execute(insert(users).values({ id: 1, name: 'ann' }));
    await conn.execute(insert(users).values({ id: 2, name: 'bob' }));
    await conn.execute(insert(users), [{ id: 3, name: 'cy' }, { id: 4, name: 'dee' }]);
    await conn.execute(update(users).where(users.c.id.eq(1)).values({ name: 'anne' }));
    await conn.execute(update(users).where(users.c.id.eq(2)).values({ name: 'bobby' }));
    await conn.execute(delete_(users).where(users.c.id.eq(4)));
    await conn.execute(deleteFrom(users).where(users.c.id.eq(3)));
    const inserted = (await conn.execute(insert(users).values({ id: 5, name: 'eve' }).returning(users.c.id))).all().map((r) => [...r]);
    await conn.commit();
    const rows = (await conn.execute(select(users).where(users.c.id.lt(10)))).all().map((r) => [...r]);
    return { inserted, rows };
  } finally {
    await conn.close();
    await engine.dispose();
  }
}

export function maybe(cond: ReturnType<typeof users.c.id.eq> | null) {
  return update(users, cond, { name: 'x' });
}
