// A small 1.x ORM module: after `all` every Query is a select() run by the session (which stays the legacy one: it is all 2.0 calls now, so nothing warns).
import { createEngine, joinedload, select, selectinload, Session } from 'retort/legacy';
import { Address, setUp, User } from '../orm-models';

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await setUp(engine);
  const session = new Session(engine);
  try {
    await session.bulkInsertMappings(User, [{ id: 4, name: 'dee' }]);
    const found = await session.query(User).join('addresses').filter(Address.c.email.like('%@example.com')).orderBy(User.c.id).all();
    const loaded = await session.query(User).options(selectinload('addresses')).orderBy(User.c.id).all();
    const eager = await session.query(Address).options(joinedload('user')).filterBy({ id: 3 }).one();
    const bob = await session.query(User).get(2);
    const n = await session.query(User).filter(User.c.name.like('%d%')).count();
    const renamed = await session.query(User).filter(User.c.id.eq(4)).update({ name: 'di' });
    await session.query(Address).filterBy({ userId: 2 }).delete();
    const mapped = (await session.execute(select(User).where(User.c.id.eq(1)), {}, { mapper: User })).scalars().all();
    await session.commit();
    return {
      found: found.map((u) => u.id),
      loaded: loaded.map((u) => u.addresses.length),
      eager: eager.user?.name,
      bob: bob?.name,
      n,
      renamed,
      mapped: mapped.map((u) => u.name),
      left: (await session.query(Address.c.id).orderBy(Address.c.id).all()).map((r) => r[0]),
    };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
