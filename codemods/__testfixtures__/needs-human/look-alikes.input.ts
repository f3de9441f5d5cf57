// Look-alikes of the sites needs-human reports, from code that is not Retort's: left alone, not reported.
class Query {
  fromSelf(): Query {
    return this;
  }
  options(..._o: unknown[]): Query {
    return this;
  }
}
class Session {
  constructor(readonly opts: { autocommit?: boolean }) {}
  async begin(_o?: { subtransactions?: boolean }) {}
  async bulkSaveObjects(_objects: unknown[]) {}
  query(_m: unknown): Query {
    return new Query();
  }
}
class Connection {
  async begin() {}
  async execute(_stmt: unknown) {}
}
const joinedload = (name: string) => name;
const insert = (table: string) => ({ table });
class Line {
  order: unknown = null;
}

export async function lookAlikes(conn: Connection) {
  const session = new Session({ autocommit: true });
  await session.begin({ subtransactions: true });
  await session.bulkSaveObjects([]);
  const q = session.query(Line).options(joinedload('lines')).fromSelf();
  await conn.begin();
  const own = new Connection();
  await own.execute(insert('items'));
  const line = new Line();
  line.order = q;
  return line;
}
