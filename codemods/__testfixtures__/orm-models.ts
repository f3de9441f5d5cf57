// Models and data for the runnable fixtures of the Query transforms: users 1 ada, 2 bob, 3 cy;
// addresses 1–3 (two of ada's, one of bob's).
import { column, declarativeBase, Engine, foreignKey, insert, integer, many, one, string, toSelectable } from 'retort';

// The inferred model types refer to toSelectable; importing it lets declarations name it.
void toSelectable;

export const Base = declarativeBase();

export class User extends Base.model('users', {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  name: column(string(50), { nullable: false }),
  addresses: many<Address>('Address', { backPopulates: 'user' }),
}) {}

export class Address extends Base.model('addresses', {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  userId: column(integer(), { name: 'user_id', nullable: false, references: foreignKey('users.id') }),
  email: column(string(100), { nullable: false }),
  user: one<User>('User', { backPopulates: 'addresses' }),
}) {}

Base.register(User, Address);

/** Creates the tables on `engine` and fills them. */
export async function setUp(engine: Engine): Promise<void> {
  await Base.metadata.createAll(engine);
  await engine.begin(async (conn) => {
    await conn.execute(insert(User.table), [{ id: 1, name: 'ada' }, { id: 2, name: 'bob' }, { id: 3, name: 'cy' }]);
    await conn.execute(insert(Address.table), [
      { id: 1, userId: 1, email: 'ada@example.com' },
      { id: 2, userId: 1, email: 'ada@work.example' },
      { id: 3, userId: 2, email: 'bob@example.com' },
    ]);
  });
}
