/** ORM select and Session typing: entities, tuples of entities and columns, get/load/scalars. */
import { column, declarativeBase, foreignKey, integer, many, one, Result, Row, ScalarResult, select, selectinLoad, Session, string } from 'retort';
import type { Equal, Expect } from './helpers';

const Base = declarativeBase();
class User extends Base.model('s_users', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  email: column(string(120)),
  addresses: many<Address>('Address', { backPopulates: 'user' }),
}) {
  label(): string {
    return this.name;
  }
}
class Address extends Base.model('s_addresses', {
  id: column(integer(), { primaryKey: true }),
  userId: column(integer(), { name: 'user_id', nullable: false, references: foreignKey('s_users.id') }),
  user: one<User>('User', { backPopulates: 'addresses' }),
}) {}

declare const session: Session;

async function queries() {
  const users = await session.scalars(select(User).where(User.c.name.eq('ada')).options(selectinLoad(User.c.addresses)));
  type _1 = Expect<Equal<typeof users, ScalarResult<User>>>;
  const u = users.one();
  u.label();

  const pairs = await session.execute(select(User, Address).join(User.c.addresses));
  const [row] = pairs.all();
  type _2 = Expect<Equal<(typeof row)[0], User>>;
  type _3 = Expect<Equal<(typeof row)[1], Address>>;
  const [pu, pa] = row;
  pu.addresses;
  pa.user;

  const mixed = (await session.execute(select(User, User.c.email, Address.c.id))).one();
  type _4 = Expect<Equal<[(typeof mixed)[0], (typeof mixed)[1], (typeof mixed)[2]], [User, string | null, number]>>;

  const names = await session.scalars(select(User.c.name));
  type _5 = Expect<Equal<typeof names, ScalarResult<string>>>;

  const got = await session.get(User, 1);
  type _6 = Expect<Equal<typeof got, User | null>>;

  const loaded = await session.load(u, 'addresses');
  type _7 = Expect<Equal<typeof loaded, Address[]>>;
  // @ts-expect-error no such attribute
  await session.load(u, 'nope');

  const merged = await session.merge(u);
  type _8 = Expect<Equal<typeof merged, User>>;

  const n = await session.scalar(select(User.c.id).where(User.c.email.isNull()));
  type _9 = Expect<Equal<typeof n, number | null>>;

  // @ts-expect-error select() takes models, columns or tables
  select({ nope: 1 });
  // @ts-expect-error get() needs a mapped class's instance type
  const wrong: Address | null = await session.get(User, 1);

  void pairs, wrong;
  const r: Result<Row<[User], {}>> | undefined = undefined;
  void r;
}
void queries;

// aliased(): typed columns pointing at the alias, rows of the model's instances.
import { aliased, ColumnRef, withParent } from 'retort';
async function aliases() {
  const a = aliased(User, 'u2');
  const col: ColumnRef<string | null, 'email'> = a.c.email;
  const rows = (await session.execute(select(User, a).join(a, a.c.id.eq(User.c.id)))).all();
  type _1 = Expect<Equal<(typeof rows)[0][1], User>>;
  // @ts-expect-error an alias is not constructible
  new a();
  // @ts-expect-error relationships are not columns of the alias
  a.c.addresses;
  const u = new User();
  select(Address).where(withParent(u, User.c.addresses));
  void col;
}
void aliases;

async function executionOptions() {
  const users = await session.scalars(select(User).executionOptions({ populateExisting: true, autoflush: false }));
  type _eo1 = Expect<Equal<typeof users, ScalarResult<User>>>;
  await session.execute(select(User), undefined, { populateExisting: true });
  await session.get(User, 1, { populateExisting: true });
  // @ts-expect-error unknown execution option
  select(User).executionOptions({ populate: true });
  // @ts-expect-error options are booleans
  await session.get(User, 1, { autoflush: 'no' });
}
void executionOptions;

function relationshipJoins() {
  const other = aliased(Address, 'other');
  select(User, other).join(User.c.addresses.of(other)).where(other.c.id.gt(1));
  // @ts-expect-error of() takes an alias of the relationship's target
  User.c.addresses.of(aliased(User));
}
void relationshipJoins;
