// bulkInsertMappings → insert(Model) (guarded when the rows are computed), bulkUpdateMappings → update(Model) by key; bulkSaveObjects is L310 (needs-human's).
import { createEngine, Session, insert, update } from 'retort/legacy';
import { Address, setUp, User } from '../orm-models';

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await setUp(engine);
  const session = new Session(engine);
  try {
    await session.execute(insert(User), [{ id: 10, name: 'x' }, { id: 11, name: 'y' }]);
    await session.execute(insert(Address), [{ id: 10, userId: 10, email: 'x@example.com' }]);
    const rows: Record<string, unknown>[] = [];
    if (rows.length > 0) await session.execute(insert(User), rows);
    await session.execute(update(User), [{ id: 2, name: 'bo' }]);
    await session.execute(update(User), rows);
    const bob = await session.get(User, 1);
    await session.bulkSaveObjects([bob!]);
    await session.commit();
    return (await session.query(User).orderBy(User.c.id).all()).map((u) => [u.id, u.name]);
  } finally {
    await session.close();
    await engine.dispose();
  }
}
