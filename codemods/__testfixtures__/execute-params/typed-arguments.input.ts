// Extra arguments the checker proves to be objects, and text() SQL read from a const of the file; what is not proven stays.
import { column, createEngine, insert, integer, MetaData, string, Table, text } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

const SEED = [
  { id: 1, name: 'ann' },
  { id: 2, name: 'bob' },
];
const TABLE = 'users';
const MIN = 1;
const byName = text(`SELECT id FROM ${TABLE} WHERE name = :name AND id >= :low AND id > ${MIN} - 1`);

function untyped(): any {
  return { id: 5, name: 'ed' };
}

/** Another library's execute() with extra arguments: not Retort's, left alone. */
const otherDb = { execute: (_stmt: unknown, ...rows: unknown[]) => rows.length };

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  const conn = await engine.connect();
  try {
    await metadata.createAll(conn);
    await conn.execute(insert(users), SEED[0], SEED[1]);
    const extra: { id: number; name: string } = { id: 3, name: 'cy' };
    await conn.execute(insert(users), extra, { id: 4, name: 'di' });
    await conn.execute(insert(users), untyped(), { id: 6, name: 'fay' });
    const maybe = SEED.find((u) => u.id === 1);
    await conn.execute(insert(users), { id: 7, name: 'gus' }, maybe ? { id: 8, name: 'hal' } : { id: 9, name: 'ida' });
    await conn.commit();
    const found = await conn.scalar(byName, ['bob', 1]);
    const table: string = 'users';
    const built = text(`SELECT count(*) FROM ${table} WHERE id > :low`);
    const count = await conn.scalar(built, [1]);
    let later = text('SELECT :a + 1');
    const reassignable = await conn.scalar(later, [1]);
    later = text('SELECT :a + 2');
    return [found, count, reassignable, otherDb.execute(insert(users), SEED[0], SEED[1])];
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
