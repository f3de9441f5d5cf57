/** ORM execution options on every database: populateExisting and per-statement autoflush. */
import { column, declarativeBase, foreignKey, integer, many, one, select, selectinLoad, Session, string, text } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';
import { sessionPerTest } from '../support/orm-session';

const T = (n: string) => tableName('ormx', n);

function models() {
  const Base = declarativeBase();
  class Team extends Base.model(T('team'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(50), { nullable: false }),
    members: many<Member>('Member', { backPopulates: 'team' }),
  }) {}
  class Member extends Base.model(T('member'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(50), { nullable: false }),
    teamId: column(integer(), { name: 'team_id', references: foreignKey(`${T('team')}.id`) }),
    team: one<Team>('Team', { backPopulates: 'members' }),
  }) {}
  Base.register(Team, Member);
  return { Base, Team, Member };
}

forEachDialect('orm execution options', (ctx) => {
  const { Base, Team, Member } = models();
  let session: Session;
  sessionPerTest(ctx, Base.metadata, (s) => (session = s));

  /** Changes a row behind the session's back (raw SQL text is not tracked by the session). */
  const behindTheBack = (sql: string) => session.execute(text(sql));

  async function seed(name: string): Promise<InstanceType<typeof Team>> {
    const team = new Team({ name, members: [new Member({ name: `${name}-1` })] });
    session.add(team);
    await session.commit();
    // A fresh transaction in which the team is loaded and not stale.
    await session.close();
    return (await session.scalars(select(Team).where(Team.c.name.eq(name)).options(selectinLoad(Team.c.members)))).one();
  }

  it('populateExisting overwrites identity-mapped objects and reloads their eager collections', async () => {
    const team = await seed('red');
    await behindTheBack(`UPDATE ${T('team')} SET name = 'crimson' WHERE id = ${team.id}`);
    await behindTheBack(`INSERT INTO ${T('member')} (id, name, team_id) VALUES (900, 'late', ${team.id})`);
    const q = select(Team).where(Team.c.id.eq(team.id));
    // Without the option the identity map wins: same object, values as loaded.
    expect((await session.scalars(q)).one()).toBe(team);
    expect(team.name).toBe('red');
    expect(team.members.map((m) => m.name)).toEqual(['red-1']);
    // With it, the row's values replace them, and the select-in loader runs again.
    const populate = q.options(selectinLoad(Team.c.members)).executionOptions({ populateExisting: true });
    expect((await session.scalars(populate)).one()).toBe(team);
    expect(team.name).toBe('crimson');
    expect(team.members.map((m) => m.name).sort()).toEqual(['late', 'red-1']);
    // The option given to execute() works the same; session.get takes it too.
    await behindTheBack(`UPDATE ${T('team')} SET name = 'scarlet' WHERE id = ${team.id}`);
    expect(await session.get(Team, team.id)).toBe(team);
    expect(team.name).toBe('crimson');
    await session.execute(select(Team).where(Team.c.id.eq(team.id)), undefined, { populateExisting: true });
    expect(team.name).toBe('scarlet');
    await behindTheBack(`UPDATE ${T('team')} SET name = 'ruby' WHERE id = ${team.id}`);
    expect(await session.get(Team, team.id, { populateExisting: true })).toBe(team);
    expect(team.name).toBe('ruby');
    expect(session.dirty).toEqual([]);
  });

  it('populateExisting after autoflush keeps changes (they were flushed); without autoflush it discards them', async () => {
    const team = await seed('blue');
    team.name = 'navy';
    await session.scalars(select(Team).executionOptions({ populateExisting: true }));
    expect(team.name).toBe('navy'); // flushed first, then read back
    team.name = 'cyan';
    const q = select(Team).where(Team.c.id.eq(team.id)).executionOptions({ populateExisting: true, autoflush: false });
    await session.scalars(q);
    expect(team.name).toBe('navy');
    expect(session.dirty).toEqual([]);
    await session.commit();
    expect(await session.scalar(select(Team.c.name).where(Team.c.id.eq(team.id)))).toBe('navy');
  });

  it('autoflush: false runs one statement without flushing pending objects', async () => {
    session.add(new Member({ name: 'pending-one' }));
    const byName = select(Member).where(Member.c.name.eq('pending-one'));
    expect((await session.scalars(byName.executionOptions({ autoflush: false }))).all()).toEqual([]);
    expect((await session.scalars(byName, undefined, { autoflush: false })).all()).toEqual([]);
    expect(session.new).toHaveLength(1);
    expect((await session.scalars(byName)).all()).toHaveLength(1);
    expect(session.new).toHaveLength(0);
    await session.rollback();
  });

  it('bad execution options are refused by name', async () => {
    expect(() => select(Team).executionOptions({ populate: true } as never)).toThrow(/unknown execution option "populate" \(options: populateExisting, autoflush, synchronizeSession\)/);
    expect(() => select(Team).executionOptions({ populateExisting: 'yes' } as never)).toThrow(/populateExisting must be true or false, got string/);
    await expect(session.execute(select(Team), undefined, { autoFlush: false } as never)).rejects.toThrow(/unknown execution option "autoFlush"/);
    await expect(session.get(Team, 1, { populate_existing: true } as never)).rejects.toThrow(/unknown execution option "populate_existing"/);
  });
});
