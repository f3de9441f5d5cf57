// Loose parameters: several objects as extra arguments, a positional tuple for text() with :names.
import { column, createEngine, insert, integer, MetaData, string, Table, text } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  const conn = await engine.connect();
  try {
    await metadata.createAll(conn);
    await conn.execute(insert(users), { id: 1, name: 'ann' }, { id: 2, name: 'bob' });
    await conn.execute(text('INSERT INTO users (id, name) VALUES (:id, :name)'), [3, 'cy']);
    await conn.commit();
    return (await conn.execute(text('SELECT id, name FROM users WHERE id >= :low ORDER BY id'), [1])).all().map((r) => [...r]);
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
