// text() SQL naming its table through a Retort table's .name: outside quotes it adds no parameter, so the values get their names; elsewhere they stay.
import { column, createEngine, insert, integer, MetaData, string, Table, text } from 'retort/legacy';

const metadata = new MetaData();
/** The table's name comes from configuration: a plain string to the checker. */
const prefixed = (name: string): string => `app_${name}`;
const users = new Table(prefixed('users'), metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });

/** Not Retort's Table: its name could hold anything. */
class Board {
  constructor(readonly name: string) {}
}
const board = new Board('app_users');

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  const conn = await engine.connect();
  try {
    await metadata.createAll(conn);
    await conn.execute(insert(users).values([{ id: 1, name: 'ann' }, { id: 2, name: 'bob' }, { id: 3, name: 'cy' }]));
    const counted = text(`SELECT count(*) FROM ${users.name} WHERE id >= :low AND name <> :skip`);
    const quoted = text(`SELECT count(*) FROM app_users WHERE name <> '${users.name}' AND id >= :low AND id <= :high`);
    const other = text(`SELECT count(*) FROM ${board.name} WHERE id >= :low AND id <= :high`);
    return [await conn.scalar(counted, { low: 1, skip: 'bob' }), await conn.scalar(quoted, [2, 3]), await conn.scalar(other, [1, 2])];
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
