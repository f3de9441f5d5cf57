// The 1.x { mapper } argument of session.execute() goes; a bind is reported.
import { createEngine, select, Session } from 'retort/legacy';
import { setUp, User } from '../orm-models';

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await setUp(engine);
  const session = new Session(engine);
  try {
    const found = (await session.execute(select(User).where(User.c.id.eq(1)), {}, { mapper: User })).scalars().all();
    const more = (await session.execute(select(User).where(User.c.id.gt(1)), undefined, { mapper: User, populateExisting: true })).scalars().all();
    const bound = (await session.execute(select(User.c.name).where(User.c.id.eq(3)), {}, { bind: session.engine })).all();
    return { found: found.map((u) => u.name), more: more.map((u) => u.name), bound: bound.map((r) => r[0]) };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
