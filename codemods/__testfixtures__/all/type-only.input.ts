// Only types come from the shim: the functions the rewrites need arrive in one new import from 'retort'.
import type { LegacyEngine, Table } from 'retort/legacy';

export async function check(engine: LegacyEngine, users: Table) {
  const rows = (await engine.execute(users.select())).all();
  return [await engine.tableNames(), await users.exists(engine), rows.length];
}
