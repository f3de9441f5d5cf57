// Transaction sites no transform may rewrite: DML run outside a transaction on a connection
// the function opened (autocommitted in 1.x), and begin() on a connection a caller passed.
import { column, createEngine, insert, integer, LegacyConnection, MetaData, select, Table } from 'retort/legacy';

const engine = createEngine('sqlite://');
const metadata = new MetaData();
const items = new Table('items', metadata, { id: column(integer(), { primaryKey: true }) });

export async function logItem(id: number) {
  const conn = await engine.connect();
  try {
    await conn.execute(insert(items).values({ id }));
    await conn.execute(items.delete(items.c.id.eq(0)));
    const rows = await conn.execute(select(items.c.id)); // a SELECT: nothing to commit
    return rows.all();
  } finally {
    await conn.close();
  }
}

export async function purge() {
  const conn = await engine.connect();
  const autocommitting = conn.executionOptions({ autocommit: true });
  await autocommitting.execute(items.delete());
  await conn.close();
}

export async function inOwnTransaction(id: number) {
  const conn = await engine.connect();
  const tx = await conn.begin();
  await conn.execute(insert(items).values({ id })); // begun above: not autocommitted
  await tx.commit();
  await conn.close();
}

export async function applyOn(conn: LegacyConnection, id: number) {
  const tx = await conn.begin();
  await conn.execute(insert(items).values({ id })); // the caller's connection: its transaction is the caller's business
  await tx.commit();
}

export async function inBlock(id: number) {
  await engine.begin(async (conn) => {
    await conn.execute(insert(items).values({ id }));
  });
}
