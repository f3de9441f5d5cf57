// A small 1.x ORM module: after `all` every Query is a select() run by the session (which stays the legacy one: it is all 2.0 calls now, so nothing warns).
import { createEngine, select, Session, selectinLoad, joinedLoad, func, update, deleteFrom, insert } from 'retort/legacy';
import { Address, setUp, User } from '../orm-models';

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await setUp(engine);
  const session = new Session(engine);
  try {
    await session.execute(insert(User), [{ id: 4, name: 'dee' }]);
    const found = (await session.scalars(select(User).join(User.c.addresses).where(Address.c.email.like('%@example.com')).orderBy(User.c.id))).all();
    const loaded = (await session.scalars(select(User).options(selectinLoad(User.c.addresses)).orderBy(User.c.id))).all();
    const eager = (await session.scalars(select(Address).options(joinedLoad(Address.c.user)).filterBy({ id: 3 }))).one();
    const bob = await session.get(User, 2);
    const n = (await session.execute(select(func.count()).selectFrom(User.table).where(User.c.name.like('%d%')))).scalarOne();
    const renamed = (await session.execute(update(User).where(User.c.id.eq(4)).values({ name: 'di' }), undefined, { synchronizeSession: 'fetch' })).rowCount;
    await session.execute(deleteFrom(Address).where(Address.c.userId.eq(2)));
    const mapped = (await session.execute(select(User).where(User.c.id.eq(1)), {})).scalars().all();
    await session.commit();
    return {
      found: found.map((u) => u.id),
      loaded: loaded.map((u) => u.addresses.length),
      eager: eager.user?.name,
      bob: bob?.name,
      n,
      renamed,
      mapped: mapped.map((u) => u.name),
      left: ((await session.execute(select(Address.c.id).orderBy(Address.c.id))).all()).map((r) => r[0]),
    };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
