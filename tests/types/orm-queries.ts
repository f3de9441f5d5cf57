/**
 * ORM query typing beyond tests/types/orm-session.ts: the tutorial's selects of entities and
 * columns, ORM rows, loader options, relationship operators, and misuse that must not compile.
 */
import { column, declarativeBase, foreignKey, integer, joinedLoad, many, one, raiseLoad, ScalarResult, select, selectinLoad, Session, string, withParent } from 'retort';
import type { Equal, Expect } from './helpers';

const Base = declarativeBase();
class User extends Base.model('q_user_account', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(30), { nullable: false }),
  fullname: column(string(100)),
  addresses: many<Address>('Address', { backPopulates: 'user', cascade: 'all, delete-orphan' }),
}) {}
class Address extends Base.model('q_address', {
  id: column(integer(), { primaryKey: true }),
  emailAddress: column(string(100), { name: 'email_address', nullable: false }),
  userId: column(integer(), { name: 'user_id', nullable: false, references: foreignKey('q_user_account.id') }),
  user: one<User>('User', { backPopulates: 'addresses' }),
}) {}

declare const session: Session;

async function entitiesAndColumns() {
  // Columns and entities mixed, in the order selected.
  const mixed = (await session.execute(select(User.c.name, Address).where(User.c.id.eq(Address.c.userId)))).all();
  type _1 = Expect<Equal<[(typeof mixed)[0][0], (typeof mixed)[0][1]], [string, Address]>>;
  const [[name, address]] = mixed;
  const email: string = address.emailAddress;

  // A join along a relationship keeps both entities typed.
  const joined = (await session.execute(select(Address, User.c.fullname).join(Address.c.user).where(User.c.name.eq('sandy')))).one();
  type _2 = Expect<Equal<[(typeof joined)[0], (typeof joined)[1]], [Address, string | null]>>;

  // scalars() of a nullable column, scalar() of a count-like column.
  const fullnames = await session.scalars(select(User.c.fullname).selectFrom(User.table).join(User.c.addresses));
  type _3 = Expect<Equal<typeof fullnames, ScalarResult<string | null>>>;
  const first = await session.scalar(select(Address.c.emailAddress).where(Address.c.user.has(User.c.name.eq('pkrabs'))));
  type _4 = Expect<Equal<typeof first, string | null>>;

  // Loader options keep the entity type; chained paths too.
  const users = (await session.scalars(select(User).options(selectinLoad(User.c.addresses), raiseLoad(User.c.addresses)))).all();
  type _5 = Expect<Equal<typeof users, User[]>>;
  const addresses = (await session.scalars(select(Address).options(joinedLoad(Address.c.user).selectinLoad(User.c.addresses)))).all();
  type _6 = Expect<Equal<(typeof addresses)[number]['user'], User | null>>;

  // Relationship operators are boolean expressions usable in where().
  select(User.c.fullname).where(User.c.addresses.any(Address.c.emailAddress.eq('pearl.krabs@gmail.com')), User.c.addresses.any().not());
  select(Address).where(withParent(users[0], User.c.addresses));

  // Explicit loading is typed by the attribute.
  const loaded = await session.load(users[0], 'addresses');
  type _7 = Expect<Equal<typeof loaded, Address[]>>;
  const owner = await session.load(address, 'user');
  type _8 = Expect<Equal<typeof owner, User | null>>;

  void name, email;
}
void entitiesAndColumns;

async function misuse(u: User, a: Address) {
  // @ts-expect-error a column is not a relationship: loader options take relationship attributes
  selectinLoad(User.c.name);
  // @ts-expect-error emailAddress is a string column
  new Address({ emailAddress: 5 });
  // @ts-expect-error a collection of Address cannot hold a User
  u.addresses = [new User()];
  // @ts-expect-error a many-to-one holds one object, not an array
  a.user = [u];
  // @ts-expect-error has() takes a criterion on the target, not a value
  Address.c.user.has('sandy');
  // @ts-expect-error where() takes a condition, not a string column
  select(User).where(User.c.name);
  // @ts-expect-error a row's entity is an Address, not a User
  const wrong: User = (await session.execute(select(Address))).one()[0];
  // @ts-expect-error addAll takes objects
  session.addAll([1, 2]);
  void wrong;
}
void misuse;
