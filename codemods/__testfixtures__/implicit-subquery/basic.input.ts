// A SELECT read only through .c becomes one named subquery; the shim used one unnamed subquery for every .c.
import { column, createEngine, func, insert, integer, MetaData, select, Table } from 'retort/legacy';

const metadata = new MetaData();
const moves = new Table('moves', metadata, { id: column(integer(), { primaryKey: true }), item: column(integer()), delta: column(integer()) });

/** Not a Retort select: its .c is left alone. */
const chart = { c: { id: 1 } };

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await engine.begin(async (conn) => {
    await metadata.createAll(conn);
    await conn.execute(insert(moves).values([{ id: 1, item: 7, delta: 5 }, { id: 2, item: 7, delta: -2 }, { id: 3, item: 8, delta: 9 }]));
  });
  const totals = select(moves.c.item, func.sum(moves.c.delta).label('moved')).groupBy(moves.c.item);
  const stmt = select(totals.c.item, totals.c.moved).orderBy(totals.c.moved.desc());
  const conn = await engine.connect();
  try {
    return { chart: chart.c.id, rows: (await conn.execute(stmt)).all().map((r) => [...r]) };
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
