/** Relationship joins on every database: many-to-many through the association table, self-referential and aliased targets. */
import { aliased, Collection, column, declarativeBase, foreignKey, func, integer, many, one, select, selectinLoad, Session, string, Table } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

const T = (n: string) => tableName('ormj', n);

function models() {
  const Base = declarativeBase();
  class Member extends Base.model(T('member'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(30), { nullable: false }),
    groups: many<Group>('Group', { secondary: T('membership'), backPopulates: 'members' }),
    emails: many<Email>('Email', { cascade: 'all' }),
    following: many<Member>('Member', { secondary: T('follow'), foreignKeys: 'followerId', backPopulates: 'followers' }),
    followers: many<Member>('Member', { secondary: T('follow'), foreignKeys: 'followeeId', backPopulates: 'following' }),
  }) {}
  class Group extends Base.model(T('group'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(30), { nullable: false }),
    members: many<Member>('Member', { secondary: T('membership'), backPopulates: 'groups' }),
  }) {}
  class Email extends Base.model(T('email'), {
    id: column(integer(), { primaryKey: true }),
    address: column(string(50), { nullable: false }),
    kind: column(string(10), { nullable: false }),
    memberId: column(integer(), { name: 'member_id', references: foreignKey(`${T('member')}.id`) }),
  }) {}
  class Node extends Base.model(T('node'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(30), { nullable: false }),
    parentId: column(integer(), { name: 'parent_id', references: foreignKey(`${T('node')}.id`) }),
    parent: one<Node>('Node', { backPopulates: 'children' }),
    children: many<Node>('Node', { backPopulates: 'parent', cascade: 'all' }),
  }) {}
  new Table(T('membership'), Base.metadata, {
    memberId: column(integer(), { name: 'member_id', primaryKey: true, references: foreignKey(`${T('member')}.id`) }),
    groupId: column(integer(), { name: 'group_id', primaryKey: true, references: foreignKey(`${T('group')}.id`) }),
  });
  new Table(T('follow'), Base.metadata, {
    followerId: column(integer(), { name: 'follower_id', primaryKey: true, references: foreignKey(`${T('member')}.id`) }),
    followeeId: column(integer(), { name: 'followee_id', primaryKey: true, references: foreignKey(`${T('member')}.id`) }),
  });
  Base.register(Member, Group, Email, Node);
  return { Base, Member, Group, Email, Node };
}

forEachDialect('orm relationship joins', (ctx) => {
  const { Base, Member, Group, Email, Node } = models();
  let session: Session;
  beforeAll(async () => {
    await Base.metadata.dropAll(ctx.engine);
    await Base.metadata.createAll(ctx.engine);
    const s = new Session(ctx.engine);
    const [admins, users] = [new Group({ name: 'admins' }), new Group({ name: 'users' })];
    const ada = new Member({ name: 'ada', groups: [admins, users], emails: [new Email({ address: 'ada@work', kind: 'work' }), new Email({ address: 'ada@home', kind: 'home' })] });
    const bob = new Member({ name: 'bob', groups: [users], emails: [new Email({ address: 'bob@home', kind: 'home' })] });
    const cy = new Member({ name: 'cy' });
    ada.following.push(bob, cy);
    bob.following.push(ada);
    const root = new Node({ name: 'root', children: [new Node({ name: 'a', children: [new Node({ name: 'a1' })] }), new Node({ name: 'b' })] });
    s.addAll([ada, bob, cy, root]);
    await s.commit();
    await s.close();
  });
  beforeEach(() => {
    session = new Session(ctx.engine);
  });
  afterEach(async () => {
    await session.close();
  });
  afterAll(async () => {
    await Base.metadata.dropAll(ctx.engine);
  });

  it('joins a many-to-many relationship through its association table', async () => {
    const admins = (await session.scalars(select(Member).join(Member.c.groups).where(Group.c.name.eq('admins')))).all();
    expect(admins.map((m) => m.name)).toEqual(['ada']);
    const pairs = (await session.execute(select(Member, Group).join(Member.c.groups).orderBy(Member.c.name, Group.c.name))).all();
    expect(pairs.map(([m, g]) => `${m.name}:${g.name}`)).toEqual(['ada:admins', 'ada:users', 'bob:users']);
    // The other direction, and an outer join keeping members in no group.
    const rows = (await session.execute(select(Member.c.name, Group.c.name).outerJoin(Member.c.groups).orderBy(Member.c.name, Group.c.name))).all();
    expect(rows.map((r) => [...r])).toEqual([['ada', 'admins'], ['ada', 'users'], ['bob', 'users'], ['cy', null]]);
    const groups = (await session.scalars(select(Group).join(Group.c.members).where(Member.c.name.eq('bob')))).all();
    expect(groups.map((g) => g.name)).toEqual(['users']);
  });

  it('selects from a mapped class or an alias of it (selectFrom), as from its table', async () => {
    expect(Number(await session.scalar(select(func.count()).selectFrom(Member)))).toBe(3);
    const m = aliased(Member, 'm');
    expect(Number(await session.scalar(select(func.count()).selectFrom(m).where(m.c.name.ne('cy'))))).toBe(2);
    expect(() => select(func.count()).selectFrom(42 as never)).toThrow(/selectFrom\(\) takes tables, aliases, subqueries, joins or mapped classes/);
  });

  it('joins a self-referential relationship to an alias of the table', async () => {
    const child = aliased(Node, 'child');
    const pairs = (await session.execute(select(Node, child).join(Node.c.children.of(child)).orderBy(Node.c.name, child.c.name))).all();
    expect(pairs.map(([p, c]) => `${p.name}>${c.name}`)).toEqual(['a>a1', 'root>a', 'root>b']);
    expect(pairs[0][1]).toBeInstanceOf(Node); // the aliased side is an ordinary identity-mapped Node
    const parent = aliased(Node, 'up');
    const underA = (await session.scalars(select(Node).join(Node.c.parent.of(parent)).where(parent.c.name.eq('a')))).all();
    expect(underA.map((n) => n.name)).toEqual(['a1']);
    expect(() => select(Node).join(Node.c.children)).toThrow(/self-referential relationship joins the table to itself; join an alias of it: .*\.of\(child\)/);
    expect(() => Node.c.children.of(aliased(Member) as never)).toThrow(/Node.children.of\(\) takes aliased\(Node\)/);
    expect(() => Node.c.children.of(Node as never)).toThrow(/takes aliased\(Node\)/);
  });

  it('joins one relationship twice through two aliases of its target', async () => {
    const work = aliased(Email, 'work');
    const home = aliased(Email, 'home');
    const rows = (
      await session.execute(
        select(Member.c.name, work.c.address, home.c.address)
          .join(Member.c.emails.of(work))
          .join(Member.c.emails.of(home))
          .where(work.c.kind.eq('work'), home.c.kind.eq('home')),
      )
    ).all();
    expect(rows.map((r) => [...r])).toEqual([['ada', 'ada@work', 'ada@home']]);
  });

  it('self-referential many-to-many: foreignKeys picks each side of the association table', async () => {
    const ada = (await session.scalars(select(Member).where(Member.c.name.eq('ada')).options(selectinLoad(Member.c.following), selectinLoad(Member.c.followers)))).one();
    expect(ada.following.map((m) => m.name).sort()).toEqual(['bob', 'cy']);
    expect(ada.followers.map((m) => m.name)).toEqual(['bob']);
    const followee = aliased(Member, 'followee');
    const pairs = (await session.execute(select(Member.c.name, followee.c.name).join(Member.c.following.of(followee)).orderBy(Member.c.name, followee.c.name))).all();
    expect(pairs.map((r) => `${r[0]}->${r[1]}`)).toEqual(['ada->bob', 'ada->cy', 'bob->ada']);
    // Unfollowing from either side deletes the one association row, in memory on both sides.
    const cy = ada.following.find((m) => m.name === 'cy')!;
    (ada.following as Collection<typeof cy>).remove(cy);
    await session.commit();
    const again = (await session.execute(select(Member.c.name, followee.c.name).join(Member.c.following.of(followee)).orderBy(Member.c.name))).all();
    expect(again.map((r) => `${r[0]}->${r[1]}`)).toEqual(['ada->bob', 'bob->ada']);
  });
});
