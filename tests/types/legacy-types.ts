/** Type tests of the 1.x spelling (retort/legacy) next to 2.0's: what each accepts and refuses. */
import * as core from 'retort';
import { column, createEngine, insert, integer, LegacyResult, MetaData, select, string, Table } from 'retort/legacy';
import type { Equal, Expect } from './helpers';

const md = new MetaData();
const users = new Table('users', md, { id: column(integer(), { primaryKey: true }), name: column(string(50), { nullable: false }) });
const engine = createEngine('sqlite://');

export async function legacySpelling() {
  const conn = await engine.connect();
  const row = (await conn.execute(select(users.c.id, users.c.name))).one();
  type _id = Expect<Equal<typeof row[0], number>>;
  const keys: string[] = row.keys(); // L109, typed
  const viaGet: unknown = row.get(users.c.name);
  const raw: LegacyResult = await conn.execute('SELECT 1'); // L104
  await conn.execute(insert(users), { id: 1, name: 'a' }, { id: 2, name: 'b' }); // L105
  const listForm = select([users.c.id, users.c.name], users.c.id.gt(1), { orderBy: [users.c.name], limit: 10 }); // L201
  const reflected: Promise<Table> = new Table('other', md, { autoload: true, autoloadWith: engine }); // L110
  await engine.execute(listForm); // L101
  await users.insert({ id: 3, name: 'c' }).execute(); // L202 + L102
  return [keys, viaGet, raw, reflected];
}

export async function modernRefuses() {
  const conn = await core.createEngine('sqlite://').connect();
  // @ts-expect-error 2.0 execute() takes statements, not strings (L104)
  await conn.execute('SELECT 1');
  // @ts-expect-error 2.0 MetaData has no bind (L102)
  new core.MetaData({ bind: engine });
  // @ts-expect-error 2.0 select() takes columns as arguments, not a list (L201)
  core.select([users.c.id]);
  // @ts-expect-error a 2.0 Engine has no execute() (L101)
  await core.createEngine('sqlite://').execute(core.select(users.c.id));
}
