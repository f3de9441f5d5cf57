// Loader options by string path inside a Query's options() → attribute options, hop by hop; withParent by name.
import { createEngine, joinedload, selectinload, Session, withParent, selectinLoad, joinedLoad } from 'retort/legacy';
import { Address, setUp, User } from '../orm-models';

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await setUp(engine);
  const session = new Session(engine);
  try {
    const users = session.query(User).options(selectinLoad(User.c.addresses));
    const loaded = await users.orderBy(User.c.id).all();
    const deep = await session.query(Address).options(selectinLoad(Address.c.user).selectinLoad(User.c.addresses)).orderBy(Address.c.id).all();
    const joined = await session.query(User).options(joinedLoad(User.c.addresses)).filter(User.c.id.eq(1)).all();
    const ada = (await session.get(User, 1))!;
    const mine = await session.query(Address).filter(withParent(ada, User.c.addresses)).orderBy(Address.c.id).all();
    const loose = selectinload('addresses');
    return {
      loaded: loaded.map((u) => u.addresses.map((a) => a.id)),
      deep: deep.map((a) => a.user?.addresses.map((x) => x.id)),
      joined: joined.map((u) => u.addresses.length),
      mine: mine.map((a) => a.id),
      loose: loose.constructor.name,
    };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
