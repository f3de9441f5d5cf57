// bulkInsertMappings of rows computed at run time: guarded by their length (an empty list ran no statement in 1.x).
import { createEngine, Session } from 'retort/legacy';
import { setUp, User } from '../orm-models';

type NewUser = { id: number; name: string };

function loose(): any {
  return [{ id: 30, name: 'any' }];
}

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await setUp(engine);
  const session = new Session(engine);
  try {
    const incoming: readonly NewUser[] = [{ id: 20, name: 'ed' }];
    const none: NewUser[] = [];
    // Computed rows: put in a const, then guarded.
    await session.bulkInsertMappings(User, incoming.map((u) => ({ ...u, name: u.name.toUpperCase() })));
    await session.bulkInsertMappings(User, none.map((u) => ({ ...u })));
    await session.bulkInsertMappings(User, none);
    const batch = { list: [{ id: 21, name: 'fay' }] };
    await session.bulkInsertMappings(User, batch.list);
    // Not proven an array, not a statement of a block, an empty list: reported.
    await session.bulkInsertMappings(User, loose());
    if (incoming.length) await session.bulkInsertMappings(User, [...none]);
    await session.bulkInsertMappings(User, []);
    await session.commit();
    return (await session.query(User).orderBy(User.c.id).all()).map((u) => [u.id, u.name]);
  } finally {
    await session.close();
    await engine.dispose();
  }
}
