// Plain SQL strings to a legacy connection: no parameters, named ones, positional ones, several objects.
import { createEngine } from 'retort/legacy';

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  const conn = await engine.connect();
  try {
    await conn.execute('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)');
    await conn.execute('INSERT INTO items (id, name) VALUES (:id, :name)', { id: 1, name: 'one' });
    await conn.execute('INSERT INTO items (id, name) VALUES (?, ?)', [2, 'two']);
    await conn.execute('INSERT INTO items (id, name) VALUES (:id, :name)', { id: 3, name: 'three' }, { id: 4, name: 'four' });
    const sql = 'SELECT count(*) FROM items';
    const count = await conn.scalar(sql);
    const casted = await conn.scalar("SELECT CAST('5' AS INTEGER) || ':'");
    const rows = (await conn.execute('SELECT id, name FROM items ORDER BY id')).all().map((r) => [...r]);
    return { count, casted, rows };
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
