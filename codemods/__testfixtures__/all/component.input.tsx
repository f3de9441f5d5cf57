// TSX: the rewrite keeps the JSX as written.
import { column, createEngine, integer, MetaData, select, string, Table } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), name: column(string(20)) });
const engine = createEngine('sqlite://');

declare global {
  namespace JSX {
    interface IntrinsicElements {
      ul: { children?: unknown };
      li: { key?: string; children?: unknown };
    }
  }
}

export async function UserList() {
  const rows = (await engine.execute(select([users.c.id, users.c.name], null, { orderBy: [users.c.name] }))).all();
  return (
    <ul>
      {rows.map((row) => (
        <li key={String(row.get('id'))}>{row.name}</li>
      ))}
    </ul>
  );
}
