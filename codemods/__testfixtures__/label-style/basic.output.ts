// applyLabels() → setLabelStyle('tablenamePlusCol'): the rows keep their <table>_<column> names.
import { column, createEngine, insert, integer, MetaData, select, string, Table } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });
const notes = new Table('notes', metadata, { id: column(integer(), { primaryKey: true }), userId: column(integer(), { name: 'user_id' }) });

/** Not a Retort select: its applyLabels() is left alone. */
class Chart {
  applyLabels(): Chart {
    return this;
  }
}

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => {
    await metadata.createAll(conn);
    await conn.execute(insert(users).values([{ id: 1, name: 'ann' }, { id: 2, name: 'bob' }]));
    await conn.execute(insert(notes).values([{ id: 10, userId: 2 }]));
  });
  const chart = new Chart().applyLabels();
  const stmt = select(users.c.id, users.c.name, notes.c.id)
    .selectFrom(users.join(notes, notes.c.userId.eq(users.c.id)))
    .setLabelStyle('tablenamePlusCol');
  const conn = await engine.connect();
  try {
    const rows = (await conn.execute(stmt)).all();
    return { chart: chart instanceof Chart, keys: Object.keys(rows[0]._mapping), rows: rows.map((r) => [...r]) };
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
