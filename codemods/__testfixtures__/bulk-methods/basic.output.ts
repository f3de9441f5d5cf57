// bulkInsertMappings with rows written out → insert() of the table run by the session; the rest is reported.
import { createEngine, Session, insert } from 'retort/legacy';
import { Address, setUp, User } from '../orm-models';

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await setUp(engine);
  const session = new Session(engine);
  try {
    await session.execute(insert(User.table), [{ id: 10, name: 'x' }, { id: 11, name: 'y' }]);
    await session.execute(insert(Address.table), [{ id: 10, userId: 10, email: 'x@example.com' }]);
    const rows: Record<string, unknown>[] = [];
    await session.bulkInsertMappings(User, rows);
    await session.bulkUpdateMappings(User, [{ id: 2, name: 'bo' }]);
    await session.commit();
    return (await session.query(User).orderBy(User.c.id).all()).map((u) => [u.id, u.name]);
  } finally {
    await session.close();
    await engine.dispose();
  }
}
