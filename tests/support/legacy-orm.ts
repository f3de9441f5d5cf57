/** Models and data shared by the legacy ORM suites (tests/legacy/orm-*.test.ts). */
import { readFileSync } from 'node:fs';
import { toSelectable, column, declarativeBase, deleteFrom, Engine, foreignKey, insert, integer, many, one, string } from 'retort';
import { tableName } from './matrix';

// The inferred model types refer to toSelectable; importing it lets declarations name it.
void toSelectable;

export function ormModels(tag: string) {
  const Base = declarativeBase();
  const users = tableName(tag, 'users');
  class User extends Base.model(users, {
    id: column(integer(), { primaryKey: true, autoincrement: false }),
    name: column(string(50), { nullable: false }),
    addresses: many<Address>('Address', { backPopulates: 'user' }),
  }) {}
  class Address extends Base.model(tableName(tag, 'addresses'), {
    id: column(integer(), { primaryKey: true, autoincrement: false }),
    userId: column(integer(), { name: 'user_id', nullable: false, references: foreignKey(`${users}.id`) }),
    email: column(string(100), { nullable: false }),
    user: one<User>('User', { backPopulates: 'addresses' }),
  }) {}
  Base.register(User, Address);
  return { Base, User, Address };
}

/** Creates the models' tables afresh (once per suite: DDL is slow on MySQL). */
export async function createTables(engine: Engine, m: ReturnType<typeof ormModels>): Promise<void> {
  await m.Base.metadata.dropAll(engine);
  await m.Base.metadata.createAll(engine);
}

/** The tables hold users 1 ada, 2 bob, 3 cy and addresses 1–3 (two of ada's, one of bob's), nothing else. */
export async function seed(engine: Engine, m: ReturnType<typeof ormModels>): Promise<void> {
  await engine.begin(async (conn) => {
    await conn.execute(deleteFrom(m.Address.table));
    await conn.execute(deleteFrom(m.User.table));
    await conn.execute(insert(m.User.table), [{ id: 1, name: 'ada' }, { id: 2, name: 'bob' }, { id: 3, name: 'cy' }]);
    await conn.execute(insert(m.Address.table), [
      { id: 1, userId: 1, email: 'ada@example.com' },
      { id: 2, userId: 1, email: 'ada@work.example' },
      { id: 3, userId: 2, email: 'bob@example.com' },
    ]);
  });
}

/** `file:line` of the line of this test file holding `marker` (for call-site checks). */
export function lineOf(file: string, marker: string): string {
  const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(marker)) + 1;
  if (line === 0) throw new Error(`marker ${marker} not found in ${file}`);
  return `${file}:${line}:`;
}
