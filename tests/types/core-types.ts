/**
 * What must compile and what must not: rows typed from the SELECT list, nullability,
 * INSERT/UPDATE values checked against the table, scalars typed.
 */
import {
  bigint,
  column,
  Connection,
  datetime,
  deleteFrom,
  enumType,
  foreignKey,
  func,
  insert,
  integer,
  json,
  MetaData,
  numeric,
  Result,
  Row,
  select,
  string,
  Table,
  text,
  update,
  bindparam,
  union,
} from 'retort';
import type { Equal, Expect } from './helpers';

const md = new MetaData();
const users = new Table('users', md, {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  email: column(string(100)),
  balance: column(numeric(12, 2), { nullable: false, default: '0.00' }),
  visits: column(bigint(), { nullable: false, serverDefault: 0 }),
  status: column(enumType(['active', 'banned']), { nullable: false }),
  prefs: column(json<{ theme: 'dark' | 'light' }>()),
  createdAt: column(datetime(), { name: 'created_at', nullable: false, default: () => new Date() }),
});
const posts = new Table('posts', md, {
  id: column(integer(), { primaryKey: true }),
  authorId: column(integer(), { name: 'author_id', nullable: false, references: foreignKey(() => users.c.id) }),
  title: column(string(200), { nullable: false }),
});

declare const conn: Connection;

async function rows() {
  // A select of columns gives rows typed as a tuple with named access.
  const r = await conn.execute(select(users.c.id, users.c.name));
  type R = ReturnType<typeof r.one>;
  type _tuple = Expect<Equal<[R[0], R[1]], [number, string]>>;
  type _named = Expect<Equal<[R['id'], R['name']], [number, string]>>;
  const [id, name] = r.one();
  type _destructured = Expect<Equal<[typeof id, typeof name], [number, string]>>;

  // Nullable columns carry null; NOT NULL and primary keys do not.
  const r2 = (await conn.execute(select(users.c.email, users.c.prefs, users.c.status, users.c.visits, users.c.balance))).one();
  type _nullable = Expect<Equal<typeof r2.email, string | null>>;
  type _json = Expect<Equal<typeof r2.prefs, { theme: 'dark' | 'light' } | null>>;
  type _enum = Expect<Equal<typeof r2.status, 'active' | 'banned'>>;
  type _bigint = Expect<Equal<typeof r2.visits, bigint>>;
  type _decimal = Expect<Equal<typeof r2.balance, string>>;

  // Labels name expressions; functions carry their result types.
  const r3 = (await conn.execute(select(func.count().label('n'), func.max(users.c.createdAt).label('latest'), users.c.name.concat('!').label('shout')))).one();
  type _labels = Expect<Equal<[typeof r3.n, typeof r3.latest, typeof r3.shout], [number, Date | null, string]>>;

  // scalars() of a one-column select gives that column's type.
  const names = (await conn.scalars(select(users.c.name))).all();
  type _scalars = Expect<Equal<typeof names, string[]>>;
  const one = (await conn.execute(select(users.c.email))).scalarOne();
  type _scalarOne = Expect<Equal<typeof one, string | null>>;

  // Whole tables: named access to every column.
  const full = (await conn.execute(select(users))).one();
  type _table = Expect<Equal<[typeof full.id, typeof full.createdAt, typeof full.email], [number, Date, string | null]>>;

  // Joins, subqueries and unions keep the types.
  const sq = select(posts.c.authorId, func.count().label('posts')).groupBy(posts.c.authorId).subquery('counts');
  const joined = (await conn.execute(select(users.c.name, sq.c.posts).join(sq, sq.c.authorId.eq(users.c.id)))).one();
  type _subquery = Expect<Equal<[typeof joined.name, typeof joined.posts], [string, number]>>;
  const u = (await conn.execute(union(select(users.c.name), select(posts.c.title)))).scalars().all();
  type _union = Expect<Equal<typeof u, string[]>>;

  // RETURNING is typed like a select.
  const ret = (await conn.execute(insert(users).values({ name: 'a', status: 'active' }).returning(users.c.id, users.c.createdAt))).one();
  type _returning = Expect<Equal<[typeof ret.id, typeof ret.createdAt], [number, Date]>>;

  // text() with declared columns is typed; without, values are unknown.
  const tr = (await conn.execute(text('SELECT 1 AS n').columns({ n: integer() }))).one();
  type _text = Expect<Equal<typeof tr.n, number>>;
  const untyped = (await conn.execute(text('SELECT 1'))).one();
  type _untyped = Expect<Equal<(typeof untyped)[0], unknown>>;

  const res: Result<Row<[number], { id: number }>> = await conn.execute(select(users.c.id));
  return [res];
}

function values() {
  insert(users).values({ name: 'a', status: 'active' });
  insert(users).values({ name: 'a', status: 'banned', email: null, balance: '1.00', createdAt: new Date() });
  insert(users).values([{ name: 'a', status: 'active' }, { name: 'b', status: 'active' }]);
  // @ts-expect-error name is required (NOT NULL, no default)
  insert(users).values({ status: 'active' });
  // @ts-expect-error unknown column
  insert(users).values({ name: 'a', status: 'active', nope: 1 });
  // @ts-expect-error wrong value type
  insert(users).values({ name: 5, status: 'active' });
  // @ts-expect-error not one of the enum's values
  insert(users).values({ name: 'a', status: 'deleted' });
  // @ts-expect-error NOT NULL column cannot be set to null
  insert(users).values({ name: null, status: 'active' });
  // @ts-expect-error decimals are strings, never floats
  insert(users).values({ name: 'a', status: 'active', balance: 1.5 });
  update(users).values({ name: 'b' }).where(users.c.id.eq(1));
  update(users).values({ balance: users.c.balance });
  // @ts-expect-error unknown column in UPDATE
  update(users).values({ nope: 1 });
  // @ts-expect-error wrong type in UPDATE
  update(users).values({ visits: 'many' });
  deleteFrom(users).where(users.c.id.eq(1));
}

function expressions() {
  users.c.name.eq('x');
  users.c.email.eq(null);
  users.c.id.in([1, 2]);
  users.c.id.in(bindparam('ids'));
  users.c.name.like('a%');
  users.c.id.add(1).gt(users.c.id);
  // @ts-expect-error comparing a number column with a string
  users.c.id.eq('1');
  // @ts-expect-error LIKE is for strings
  users.c.id.like('1%');
  // @ts-expect-error arithmetic is for numbers
  users.c.name.add(1);
  // @ts-expect-error IN list of the wrong type
  users.c.id.in(['a']);
  // @ts-expect-error where() takes SQL expressions, not strings
  select(users.c.id).where('id = 1');
}

export { rows, values, expressions };

/** setLabelStyle('tablenamePlusCol'): positions keep their types; names are `<table>_<key>`. */
async function labelStyles(conn: Connection) {
  const row = (await conn.execute(select(users.c.id, users.c.name).setLabelStyle('tablenamePlusCol'))).one();
  type _tuple = Expect<Equal<[typeof row[0], typeof row[1]], [number, string]>>;
  const id: number = row._mapping.users_id;
  const name: string = row._mapping.users_name;
  const same = (await conn.execute(select(users.c.id).setLabelStyle('disambiguateOnly'))).one();
  type _kept = Expect<Equal<typeof same.id, number>>;
  // @ts-expect-error setLabelStyle() takes one of the three styles
  select(users.c.id).setLabelStyle('table_plus_col');
  return [id, name];
}

export { labelStyles };
