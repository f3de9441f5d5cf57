/** ORM model typing: instance attributes from the mapping, class-level expressions, relationships both ways. */
import { column, declarativeBase, foreignKey, integer, many, one, select, string, Table, Column } from 'retort';
import type { Equal, Expect } from './helpers';

const Base = declarativeBase();

class User extends Base.model('users', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  email: column(string(120)),
  addresses: many<Address>('Address', { backPopulates: 'user' }),
}) {
  greet(): string {
    return `Hi ${this.name}`;
  }
}

class Address extends Base.model('addresses', {
  id: column(integer(), { primaryKey: true }),
  userId: column(integer(), { name: 'user_id', nullable: false, references: foreignKey('users.id') }),
  email: column(string(120), { nullable: false }),
  user: one<User>('User', { backPopulates: 'addresses' }),
}) {}

class Node extends Base.model('nodes', {
  id: column(integer(), { primaryKey: true }),
  parentId: column(integer(), { name: 'parent_id', references: foreignKey('nodes.id') }),
  parent: one<Node>('Node', { backPopulates: 'children' }),
  children: many<Node>('Node', { backPopulates: 'parent' }),
}) {}

declare const u: User;
type _instance = [
  Expect<Equal<typeof u.id, number>>,
  Expect<Equal<typeof u.name, string>>,
  Expect<Equal<typeof u.email, string | null>>,
  Expect<Equal<typeof u.addresses, Address[]>>,
  Expect<Equal<ReturnType<User['greet']>, string>>,
  Expect<Equal<Address['user'], User | null>>,
  Expect<Equal<Node['children'], Node[]>>,
  Expect<Equal<Node['parent'], Node | null>>,
];
// Circular navigation keeps its types.
const deep: string = u.addresses[0].user!.addresses[0].email;

// Class-level attributes are Core columns.
const nameCol: Column<string, 'name'> = User.c.name;
select(User.c.id, User.c.name).where(User.c.name.eq('ada'), User.c.email.isNull());
// @ts-expect-error a string column compares with strings
User.c.name.eq(5);
// @ts-expect-error no such column
User.c.nope;
// The Core table is reachable.
const t: Table<any, any> = User.table;

// Assignments are checked against the mapping.
u.name = 'x';
u.email = null;
// @ts-expect-error name is NOT NULL
u.name = null;
// @ts-expect-error wrong type
u.id = 'one';
// @ts-expect-error addresses hold Address objects
u.addresses.push(new User());
new User({ name: 'ada', addresses: [new Address({ email: 'a@x' })] });
// @ts-expect-error unknown attribute
new User({ nickname: 'ada' });
// @ts-expect-error wrong related type
new Address({ user: new Address() });

// Relationship comparisons are boolean expressions.
select(User).where(User.c.addresses.any(Address.c.email.like('%@x.org')));
select(Address).where(Address.c.user.has(User.c.name.eq('ada')));
// @ts-expect-error contains() takes the target type
User.c.addresses.contains(u);

void deep, nameCol, t;

// Imperative mapping: the class declares its fields; they are checked against the table.
const tags = new Table('tags', Base.metadata, {
  id: column(integer(), { primaryKey: true }),
  label: column(string(20), { nullable: false }),
});
class Tag {
  declare id: number;
  declare label: string;
}
const TagModel = Base.mapImperatively(Tag, tags);
const tagLabel: Column<string, 'label'> = TagModel.c.label;
class BadTag {
  declare id: number;
  declare label: number;
}
// @ts-expect-error label is a string column
Base.mapImperatively(BadTag, tags);
class MissingTag {
  declare id: number;
}
// @ts-expect-error label is not declared
Base.mapImperatively(MissingTag, tags);
void tagLabel;

// A relationship target can be a function when its return type is annotated (no inference through the cycle).
class Left extends Base.model('lefts', {
  id: column(integer(), { primaryKey: true }),
  rights: many<Right>((): unknown => Right, { backPopulates: 'left' }),
}) {}
class Right extends Base.model('rights', {
  id: column(integer(), { primaryKey: true }),
  leftId: column(integer(), { references: foreignKey('lefts.id') }),
  left: one<Left>((): unknown => Left, { backPopulates: 'rights' }),
}) {}
type _thunks = [Expect<Equal<Left['rights'], Right[]>>, Expect<Equal<Right['left'], Left | null>>];

// Table options see the model's typed columns.
import { index, uniqueConstraint } from 'retort';
class Indexed extends Base.model(
  'indexed',
  { id: column(integer(), { primaryKey: true }), code: column(string(10), { nullable: false }) },
  { constraints: (c) => [uniqueConstraint([c.code]), index('ix_indexed_code', [c.code.eq('x')])] },
) {}
void Indexed;
