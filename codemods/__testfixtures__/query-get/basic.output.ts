// query(Model).get(pk) is session.get(Model, pk); a get() on a query with criteria is reported.
import { createEngine, Session } from 'retort/legacy';
import { Address, setUp, User } from '../orm-models';

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await setUp(engine);
  const session = new Session(engine);
  try {
    const user = await session.get(User, 2);
    const missing = await session.get(Address, 99);
    const pending = session.get(User, 1);
    return { user: user?.name, missing, same: (await pending) === (await session.get(User, 1)) };
  } finally {
    await session.close();
    await engine.dispose();
  }
}

export async function ordered(session: Session) {
  return session.query(User).orderBy(User.c.id).get(1);
}
