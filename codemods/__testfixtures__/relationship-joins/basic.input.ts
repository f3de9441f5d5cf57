// join() by relationship name, dotted chains and tuples on a Query → one join() per hop along attributes.
import { createEngine, LegacyQuery, Session } from 'retort/legacy';
import { Address, setUp, User } from '../orm-models';

function withAddresses(q: LegacyQuery<User>) {
  return q.join('addresses');
}

function tupled(q: LegacyQuery<User>) {
  return q.outerJoin([Address, Address.c.userId.eq(User.c.id)]);
}

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await setUp(engine);
  const session = new Session(engine);
  try {
    const q = session.query(User).join('addresses').filter(Address.c.email.like('%@example.com'));
    const byName = await q.orderBy(User.c.id).all();
    const back = await session.query(Address).join('user').filterBy({ name: 'bob' }).all();
    const tuple = await session.query(User).join([Address, Address.c.userId.eq(User.c.id)]).filter(Address.c.id.eq(3)).all();
    const withOn = await session.query(User).join('addresses', Address.c.userId.eq(User.c.id)).filter(Address.c.id.eq(2)).all();
    const outer = await tupled(session.query(User)).filter(Address.c.id.eq(1)).all();
    const name = 'addresses';
    const dynamic = session.query(User).join(name);
    return {
      byName: byName.map((u) => u.id),
      back: back.map((a) => a.email),
      tuple: tuple.map((u) => u.name),
      withOn: withOn.map((u) => u.name),
      outer: outer.map((u) => u.name),
      dynamic: typeof dynamic,
      helper: typeof withAddresses,
    };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
