// row.get(column)/has(column) where the types give the column's result name (its key, a label's name); other columns are reported.
import type { ColumnRef } from 'retort';
import { column, createEngine, insert, integer, MetaData, select, string, Table } from 'retort/legacy';

const metadata = new MetaData();
const people = new Table('people', metadata, { id: column(integer(), { primaryKey: true }), fullName: column(string(20), { name: 'full_name' }) });
const who = people.c.fullName.label('who');

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => {
    await metadata.createAll(conn);
    await conn.execute(insert(people).values({ id: 1, fullName: 'Ann Lee' }));
  });
  const conn = await engine.connect();
  try {
    const row = (await conn.execute(select(people.c.id, people.c.fullName, who))).one();
    const loose: ColumnRef<unknown> = people.c.id;
    const lookAlike = new Map([[people.c.id, 'x']]);
    return {
      byKey: row.get(people.c.fullName),
      byLabel: row.get(who),
      hasKey: row.has(people.c.id),
      missing: row.get(people.c.id.label('nope')),
      untyped: row.get(loose),
      map: lookAlike.get(people.c.id),
    };
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
