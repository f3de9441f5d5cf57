// Only types come from the shim: the functions the rewrites need arrive in one new import from 'retort'.
import type { LegacyEngine, Table } from 'retort/legacy';
import { inspect, select } from 'retort';

export async function check(engine: LegacyEngine, users: Table) {
  const rows = (await engine.begin((conn) => conn.execute(select(users)))).all();
  return [await inspect(engine).getTableNames(), await inspect(engine).hasTable(users.name, { schema: users.schema }), rows.length];
}
