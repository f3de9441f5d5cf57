/**
 * The ORM quickstart (the README's "ORM quickstart" is this file, line for line after this
 * comment): two models with a relationship, a session that adds, queries, changes and
 * deletes objects. Run it with `npx tsx examples/orm-quickstart.ts` (embedded SQLite), or
 * against a server with `RETORT_DEMO_URL=postgresql://postgres@127.0.0.1/retort_test`.
 */
import { column, createEngine, declarativeBase, foreignKey, integer, many, one, select, selectinLoad, Session, string } from 'retort';

const Base = declarativeBase();

class User extends Base.model('user_account', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(30), { nullable: false }),
  fullname: column(string(100)), // string | null
  addresses: many<Address>('Address', { backPopulates: 'user', cascade: 'all, delete-orphan' }),
}) {}

class Address extends Base.model('address', {
  id: column(integer(), { primaryKey: true }),
  email: column(string(100), { nullable: false }),
  userId: column(integer(), { name: 'user_id', nullable: false, references: foreignKey('user_account.id') }),
  user: one<User>('User', { backPopulates: 'addresses' }), // User | null
}) {}

Base.register(User, Address);

async function main(): Promise<void> {
  const engine = createEngine(process.env.RETORT_DEMO_URL ?? 'sqlite://');
  await Base.metadata.createAll(engine);
  const session = new Session(engine);
  try {
    session.addAll([
      new User({ name: 'spongebob', fullname: 'Spongebob Squarepants', addresses: [new Address({ email: 'spongebob@example.org' })] }),
      new User({ name: 'sandy', fullname: 'Sandy Cheeks', addresses: [new Address({ email: 'sandy@example.org' }), new Address({ email: 'sandy@squirrelpower.org' })] }),
      new User({ name: 'patrick', fullname: 'Patrick Star' }),
    ]);
    await session.commit(); // INSERTs the users, then their addresses with the users' new keys

    // Objects, with every user's addresses loaded by one more query (attribute reads never query).
    const users = await session.scalars(select(User).options(selectinLoad(User.c.addresses)).orderBy(User.c.id));
    for (const user of users) console.log(`${user.name}: ${user.addresses.map((a) => a.email).join(', ') || '-'}`);

    // A join along the relationship; rows are typed [Address, string].
    const rows = await session.execute(select(Address, User.c.name).join(Address.c.user).where(User.c.name.eq('sandy')).orderBy(Address.c.email));
    for (const [address, name] of rows) console.log(`${name} <${address.email}>`);

    // Change objects; commit writes only the differences.
    const sandy = (await session.scalars(select(User).where(User.c.name.eq('sandy')))).one(); // the same object as above
    sandy.fullname = 'Sandy Squirrel'; // UPDATE
    sandy.addresses.pop(); // an orphan: DELETE (cascade delete-orphan)
    const patrick = (await session.scalars(select(User).where(User.c.name.eq('patrick')))).one();
    session.delete(patrick); // DELETE
    await session.commit();

    const left = await session.execute(select(User.c.fullname, Address.c.email).join(User.c.addresses).orderBy(User.c.id));
    for (const [fullname, email] of left) console.log(`${fullname}: ${email}`);
  } finally {
    await session.close();
    await Base.metadata.dropAll(engine);
    await engine.dispose();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
