// mapper(Cls, table) → Base.mapImperatively(Cls, table) through the file's declarative base.
import { column, createEngine, declarativeBase, insert, integer, mapper, Session, string, Table } from 'retort/legacy';

const Base = declarativeBase();
const mailboxes = new Table('mailboxes', Base.metadata, {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  email: column(string(100), { nullable: false }),
  note: column(string(100)),
});

class Mailbox {
  declare id: number;
  declare email: string;
  declare note: string | null;
}

export async function run(): Promise<unknown> {
  mapper(Mailbox, mailboxes);
  const engine = createEngine('sqlite://');
  await Base.metadata.createAll(engine);
  await engine.begin(async (conn) => {
    await conn.execute(insert(mailboxes), [{ id: 3, email: 'ann@example.org', note: null }]);
  });
  const session = new Session(engine);
  try {
    const box = await session.get(Mailbox, 3);
    return [box!.email, box!.note];
  } finally {
    await session.close();
    await engine.dispose();
  }
}
