// query.update()/delete() with criteria → update()/deleteFrom() of the table run by the session.
import { createEngine, Session, update, deleteFrom } from 'retort/legacy';
import { Address, setUp, User } from '../orm-models';

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await setUp(engine);
  const session = new Session(engine);
  try {
    const renamed = (await session.execute(update(User).where(User.c.id.eq(2)).values({ name: 'bo' }), undefined, { synchronizeSession: 'fetch' })).rowCount;
    const held = (await session.get(User, 3))!;
    await session.execute(update(User).where(User.c.name.eq('cy')).values({ name: 'cyd' }), undefined, { synchronizeSession: 'fetch' });
    const gone = (await session.execute(deleteFrom(Address).where(Address.c.userId.eq(2)))).rowCount;
    await session.execute(deleteFrom(Address).where(Address.c.id.eq(2), Address.c.userId.eq(1)));
    const pending = session.execute(update(Address).where(Address.c.id.eq(1)).values({ email: 'a@x' }), undefined, { synchronizeSession: 'fetch' }).then((result) => result.rowCount);
    const changed = await pending;
    await session.execute(update(User).where(User.c.id.eq(3)).values({ name: 'c' }), undefined, { synchronizeSession: false });
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
