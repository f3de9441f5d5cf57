// count(): by the table for a query of one model with criteria, over a subquery otherwise.
import { createEngine, Session } from 'retort/legacy';
import { Address, setUp, User } from '../orm-models';

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await setUp(engine);
  const session = new Session(engine);
  try {
    const all: number = await session.query(User).count();
    const like = await session.query(User).filter(User.c.name.like('%o%')).count();
    const bob = await session.query(User).filterBy({ name: 'bob' }).count();
    const joined = await session.query(User).join(User.c.addresses).count();
    const limited = await session.query(Address).orderBy(Address.c.id).limit(2).count();
    const pairs = await session.query(User.c.id, Address.c.id).join(User.c.addresses).filter(User.c.id.eq(1)).count();
    const later = session.query(Address).filter(Address.c.userId.eq(1)).count();
    return { all, like, bob, joined, limited, pairs, later: (await later) + 1 };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
