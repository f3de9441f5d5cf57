// query.update()/delete() with criteria → update()/deleteFrom() of the table run by the session.
import { createEngine, Session } from 'retort/legacy';
import { Address, setUp, User } from '../orm-models';

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await setUp(engine);
  const session = new Session(engine);
  try {
    const renamed = await session.query(User).filter(User.c.id.eq(2)).update({ name: 'bo' });
    const held = (await session.get(User, 3))!;
    await session.query(User).filterBy({ name: 'cy' }).update({ name: 'cyd' });
    const gone = await session.query(Address).filter(Address.c.userId.eq(2)).delete();
    await session.query(Address).filterBy({ id: 2, userId: 1 }).delete();
    const pending = session.query(Address).filter(Address.c.id.eq(1)).update({ email: 'a@x' });
    const changed = await pending;
    await session.query(User).filter(User.c.id.eq(3)).update({ name: 'c' }, { synchronizeSession: false });
    const heldName = held.name;
    await session.query(User).filter(User.c.id.eq(1)).update({ name: 'ad' }, { synchronizeSession: 'fetch', other: 1 } as never);
    await session.commit();
    const names = (await session.query(User).orderBy(User.c.id).all()).map((u) => u.name);
    const emails = (await session.query(Address).orderBy(Address.c.id).all()).map((a) => a.email);
    return { renamed, gone, changed, names, emails, heldName };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
