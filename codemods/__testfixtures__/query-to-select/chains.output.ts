// Joins and loader options by name inside a chain are fixed on the way (L304, L305); 1.x loader
// names with attributes become the 2.0 names; first() with a joined load keeps every row. A joined
// eager load of a collection is a person's site (L309, needs-human reports it): its chain stays.
import { createEngine, joinedload, selectinload, Session, select, selectinLoad, joinedLoad } from 'retort/legacy';
import { Address, setUp, User } from '../orm-models';

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await setUp(engine);
  const session = new Session(engine);
  try {
    const byName = (await session.scalars(select(User).join(User.c.addresses).where(Address.c.email.like('%@example.com')).orderBy(User.c.id))).all();
    const hops = (await session.scalars(select(Address).join(Address.c.user).filterBy({ name: 'bob' }))).all();
    const tuple = (await session.scalars(select(User).join(Address, Address.c.userId.eq(User.c.id)).where(Address.c.id.eq(3)))).all();
    const loaded = (await session.scalars(select(User).options(selectinLoad(User.c.addresses)).orderBy(User.c.id))).all();
    const deep = (await session.scalars(select(Address).options(selectinLoad(Address.c.user).selectinLoad(User.c.addresses)).orderBy(Address.c.id))).all();
    const eager = (await session.scalars(select(Address).options(joinedLoad(Address.c.user)).orderBy(Address.c.id))).first();
    const joinedMany = await session.query(User).options(joinedload(User.c.addresses)).orderBy(User.c.id).all();
    return {
      byName: byName.map((u) => u.id),
      hops: hops.map((a) => a.id),
      tuple: tuple.map((u) => u.name),
      loaded: loaded.map((u) => u.addresses.map((a) => a.id)),
      deep: deep.map((a) => a.user?.addresses.map((x) => x.id)),
      eager: eager?.user?.name,
      joinedMany: joinedMany.map((u) => u.addresses.map((a) => a.id)),
    };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
