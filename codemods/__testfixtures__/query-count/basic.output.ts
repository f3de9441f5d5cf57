// count(): by the table for a query of one model with criteria, over a subquery otherwise.
import { createEngine, Session, select, func } from 'retort/legacy';
import { Address, setUp, User } from '../orm-models';

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await setUp(engine);
  const session = new Session(engine);
  try {
    const all: number = (await session.execute(select(func.count()).selectFrom(User.table))).scalarOne();
    const like = (await session.execute(select(func.count()).selectFrom(User.table).where(User.c.name.like('%o%')))).scalarOne();
    const bob = (await session.execute(select(func.count()).selectFrom(User.table).filterBy({ name: 'bob' }))).scalarOne();
    const joined = (await session.execute(select(func.count()).selectFrom(select(User).join(User.c.addresses).subquery()))).scalarOne();
    const limited = (await session.execute(select(func.count()).selectFrom(select(Address).orderBy(Address.c.id).limit(2).subquery()))).scalarOne();
    const pairs = (await session.execute(select(func.count()).selectFrom(select(User.c.id, Address.c.id).join(User.c.addresses).where(User.c.id.eq(1)).subquery()))).scalarOne();
    const later = session.execute(select(func.count()).selectFrom(Address.table).where(Address.c.userId.eq(1))).then((result) => result.scalarOne());
    return { all, like, bob, joined, limited, pairs, later: (await later) + 1 };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
