// Query chains run where they are written: objects through scalars(), rows through execute().
import { createEngine, Session } from 'retort/legacy';
import { Address, setUp, User } from '../orm-models';

async function names(session: Session) {
  return session.query(User.c.name).orderBy(User.c.name).all();
}

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await setUp(engine);
  const session = new Session(engine);
  try {
    const found = await session.query(User).filter(User.c.name.eq('ada')).orderBy(User.c.id).all();
    const first = await session.query(User).orderBy(User.c.name.desc()).first();
    const rows = await session.query(User.c.id, User.c.name).filterBy({ name: 'bob' }).all();
    const one = await session.query(User).filter(User.c.id.eq(2)).one();
    const none = await session.query(User).filter(User.c.id.eq(9)).oneOrNone();
    const email = await session.query(Address.c.email).filter(Address.c.id.eq(3)).scalar();
    const page = await session.query(Address).orderBy(Address.c.id).slice(1, 3).all();
    const joined = await session.query(User.c.id, Address.c.email).join(User.c.addresses).orderBy(Address.c.id).limit(2).offset(1).all();
    const count = (await session.query(User).distinct().all()).length;
    return {
      found: found.map((u) => u.name),
      first: first?.name,
      rows: rows.map((r) => [r[0], r[1]]),
      one: one.name,
      none,
      email,
      page: page.map((a) => a.id),
      joined: joined.map((r) => [...r]),
      count,
      names: (await names(session)).map((r) => r[0]),
    };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
