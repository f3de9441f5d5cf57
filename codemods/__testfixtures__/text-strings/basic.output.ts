// Plain SQL strings to a legacy connection: no parameters, named ones, positional ones, several objects.
import { createEngine, text } from 'retort/legacy';

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  const conn = await engine.connect();
  try {
    await conn.execute(text('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)'));
    await conn.execute(text('INSERT INTO items (id, name) VALUES (:id, :name)'), { id: 1, name: 'one' });
    await conn.execDriverSql('INSERT INTO items (id, name) VALUES (?, ?)', [2, 'two']);
    await conn.execute(text('INSERT INTO items (id, name) VALUES (:id, :name)'), [{ id: 3, name: 'three' }, { id: 4, name: 'four' }]);
    const sql = 'SELECT count(*) FROM items';
    const count = await conn.execDriverSql(sql).then((r) => r.scalar());
    const casted = await conn.execDriverSql("SELECT CAST('5' AS INTEGER) || ':'").then((r) => r.scalar());
    const rows = (await conn.execute(text('SELECT id, name FROM items ORDER BY id'))).all().map((r) => [...r]);
    return { count, casted, rows };
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
