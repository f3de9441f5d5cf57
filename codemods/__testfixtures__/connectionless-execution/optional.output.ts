// A legacy engine that may be missing is still a legacy engine: a call through `?.` is
// reported (the rewrite would not keep what happens when it is missing), a plain call on a
// parameter typed `LegacyEngine | undefined` after a check is rewritten.
import { column, integer, LegacyEngine, MetaData, select, Table } from 'retort/legacy';

const metadata = new MetaData();
const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }) });

export async function maybe(engine?: LegacyEngine) {
  const optional = await engine?.execute(select(users.c.id));
  if (!engine) return [optional];
  const checked = await engine.begin((conn) => conn.execute(select(users.c.id)));
  return [optional, checked];
}
