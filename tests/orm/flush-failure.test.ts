/**
 * Unit of work proofs on every database: a three-level graph is INSERTed in one flush in
 * foreign-key order and DELETEd in reverse order; a flush that fails midway (a unique
 * violation in the middle of a multi-statement batch) leaves no row behind (checked from
 * another connection), leaves the Session usable, and leaves its objects in the states
 * docs/orm-session-states.md describes.
 */
import {
  column,
  createEngine,
  declarativeBase,
  Engine,
  ExpiredAttributeError,
  foreignKey,
  func,
  integer,
  IntegrityError,
  many,
  one,
  select,
  Session,
  string,
  UnloadedAttributeError,
} from 'retort';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forEachDialect, tableName } from '../support/matrix';

const T = (n: string) => tableName('ormf', n);

function models() {
  const Base = declarativeBase();
  class Org extends Base.model(T('org'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(40), { nullable: false }),
    teams: many<Team>('Team', { backPopulates: 'org', cascade: 'all, delete-orphan' }),
  }) {}
  class Team extends Base.model(T('team'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(40), { nullable: false }),
    orgId: column(integer(), { name: 'org_id', nullable: false, references: foreignKey(`${T('org')}.id`) }),
    org: one<Org>('Org', { backPopulates: 'teams' }),
    members: many<Member>('Member', { backPopulates: 'team', cascade: 'all, delete-orphan' }),
  }) {}
  class Member extends Base.model(T('member'), {
    id: column(integer(), { primaryKey: true }),
    email: column(string(60), { nullable: false, unique: true }),
    teamId: column(integer(), { name: 'team_id', nullable: false, references: foreignKey(`${T('team')}.id`) }),
    team: one<Team>('Team', { backPopulates: 'members' }),
  }) {}
  Base.register(Org, Team, Member);
  return { Base, Org, Team, Member };
}

/** The table an INSERT/DELETE statement writes, unquoted. */
function tableOf(sql: string): string {
  return (sql.match(/^(?:INSERT INTO|DELETE FROM)\s+[`"]?(\w+)/i) ?? [])[1] ?? '';
}

forEachDialect('orm flush order and failure', (ctx) => {
  const { Base, Org, Team, Member } = models();
  const statements: string[] = [];
  let stop = () => {};
  /** An engine that sends at most 2 rows per INSERT statement, so a batch of 5 objects takes 3 statements. */
  let small: Engine;
  /** Another engine on the same database, to look from outside the session's transaction. */
  let outside: Engine;
  /** SQLite in memory is one database per connection: both engines share a file instead. */
  let dir: string | undefined;

  /** Counts rows from a connection of its own (what another client would see). */
  const countOutside = async (stmt: Parameters<Session['scalar']>[0]): Promise<number> => {
    const conn = await outside.connect();
    try {
      return Number(await conn.scalar(stmt as never));
    } finally {
      await conn.close();
    }
  };
  const orgNamed = (name: string) => select(func.count()).selectFrom(Org.table).where(Org.c.name.eq(name));
  const membersLike = (pattern: string) => select(func.count()).selectFrom(Member.table).where(Member.c.email.like(pattern));

  function graph(prefix: string, teams: number, members: number) {
    return new Org({
      name: `${prefix}-org`,
      teams: Array.from({ length: teams }, (_, t) => new Team({ name: `${prefix}-team${t}`, members: Array.from({ length: members }, (_, m) => new Member({ email: `${prefix}-${t}-${m}@x.org` })) })),
    });
  }

  beforeAll(async () => {
    let url = ctx.leg.url;
    if (ctx.leg.name === 'sqlite') {
      dir = mkdtempSync(join(tmpdir(), 'retort-flush-'));
      url = `sqlite:///${join(dir, 'flush.db')}`;
    }
    small = createEngine(url, { insertManyValuesPageSize: 2 });
    outside = createEngine(url);
    await Base.metadata.dropAll(outside);
    await Base.metadata.createAll(outside);
    stop = small.events.on('beforeExecute', (e) => void statements.push(e.sql));
    const s = new Session(outside);
    s.add(new Org({ name: 'base', teams: [new Team({ name: 'base-team', members: [new Member({ email: 'taken@x.org' }), new Member({ email: 'keep@x.org' })] })] }));
    s.add(new Org({ name: 'doomed' }));
    await s.commit();
    await s.close();
  });
  beforeEach(() => {
    statements.length = 0;
  });
  afterAll(async () => {
    stop();
    await small.dispose();
    await Base.metadata.dropAll(outside);
    await outside.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a three-level graph is inserted in one flush, parents first, each table in batches', async () => {
    const session = new Session(small);
    try {
      const orgs = [graph('g1', 2, 3), graph('g2', 2, 3)];
      session.addAll(orgs); // the teams and members come along (cascade save-update)
      await session.flush();
      const inserts = statements.filter((s) => /^INSERT/i.test(s)).map(tableOf);
      const last = (t: string) => inserts.lastIndexOf(T(t));
      const first = (t: string) => inserts.indexOf(T(t));
      expect(last('org')).toBeLessThan(first('team'));
      expect(last('team')).toBeLessThan(first('member'));
      // 2 orgs, 4 teams, 12 members at 2 rows per statement (one statement per row without RETURNING or consecutive keys).
      const perRow = !small.dialect.supports.returning.insert && small.dialect.consecutiveAutoincrement === undefined;
      expect(inserts.filter((t) => t === T('member'))).toHaveLength(perRow ? 12 : 6);
      await session.commit();
      const rows = await outside.connect().then(async (conn) => {
        try {
          const q = select(Member.c.email, Team.c.name, Org.c.name).selectFrom(Member.table).join(Team.table, Member.c.teamId.eq(Team.c.id)).join(Org.table, Team.c.orgId.eq(Org.c.id)).where(Org.c.name.in(['g1-org', 'g2-org']));
          return (await conn.execute(q)).all().map((r) => `${r[2]}/${r[1]}/${r[0]}`).sort();
        } finally {
          await conn.close();
        }
      });
      const expected = orgs.flatMap((o) => o.teams.flatMap((t) => t.members.map((m) => `${o.name}/${t.name}/${m.email}`))).sort();
      expect(rows).toEqual(expected);
      expect(rows).toHaveLength(12);
    } finally {
      await session.close();
    }
  });

  it('deleting the roots deletes the graph children first (cascade), in one flush', async () => {
    const session = new Session(small);
    try {
      const orgs = (await session.scalars(select(Org).where(Org.c.name.in(['g1-org', 'g2-org'])))).all();
      expect(orgs).toHaveLength(2);
      for (const o of orgs) session.delete(o); // teams and members are loaded by the cascade, then deleted
      statements.length = 0;
      await session.commit();
      const deletes = statements.filter((s) => /^DELETE/i.test(s)).map(tableOf);
      expect(deletes.lastIndexOf(T('member'))).toBeLessThan(deletes.indexOf(T('team')));
      expect(deletes.lastIndexOf(T('team'))).toBeLessThan(deletes.indexOf(T('org')));
      expect(await countOutside(membersLike('g_-%'))).toBe(0);
      expect(await countOutside(orgNamed('g1-org'))).toBe(0);
    } finally {
      await session.close();
    }
  });

  const variants: { label: string; noReturning: boolean; end: 'flush' | 'commit' }[] = [
    { label: 'multi-row INSERT batches, failing in flush()', noReturning: false, end: 'flush' },
    { label: 'one row per INSERT (no RETURNING), failing in commit()', noReturning: true, end: 'commit' },
  ];
  for (const v of variants) {
    it(`a unique violation in the middle of a batch rolls everything back (${v.label})`, async () => {
      if (v.noReturning && ctx.leg.name === 'postgresql') {
        console.log('SKIPPED on postgresql: the one-row-at-a-time INSERT path needs the driver\'s last insert id, which pg does not report (PostgreSQL always uses RETURNING)');
        return;
      }
      const session = new Session(small);
      session.noReturning = v.noReturning;
      try {
        const keep = (await session.scalars(select(Member).where(Member.c.email.eq('keep@x.org')))).one();
        const doomed = (await session.scalars(select(Org).where(Org.c.name.eq('doomed')))).one();
        keep.email = 'renamed@x.org'; // an UPDATE in the same flush
        session.delete(doomed); // a DELETE in the same flush
        const fresh = graph('bad', 1, 5);
        const members = fresh.teams[0].members;
        members[2].email = 'taken@x.org'; // the third of five: the second INSERT statement fails
        session.add(fresh);
        statements.length = 0;
        await expect(v.end === 'flush' ? session.flush() : session.commit()).rejects.toBeInstanceOf(IntegrityError);
        // Something was written before the failure (the org, the team, the first members)…
        expect(statements.filter((s) => /^INSERT/i.test(s)).map(tableOf).slice(0, 3)).toEqual([T('org'), T('team'), T('member')]);
        // …and none of it is visible from another connection: the transaction was rolled back.
        expect(await countOutside(orgNamed('bad-org'))).toBe(0);
        expect(await countOutside(membersLike('bad-%'))).toBe(0);
        expect(await countOutside(orgNamed('doomed'))).toBe(1);
        expect(await countOutside(membersLike('keep@x.org'))).toBe(1);

        // The new objects are transient again: out of the session, generated keys gone, their own values kept.
        expect(session.new).toEqual([]);
        for (const o of [fresh, fresh.teams[0], ...members]) expect(session.contains(o)).toBe(false);
        expect(() => fresh.id).toThrow(UnloadedAttributeError);
        expect(() => members[0].id).toThrow(UnloadedAttributeError);
        expect(fresh.name).toBe('bad-org');
        expect(members.map((m) => m.email)).toEqual(['bad-0-0@x.org', 'bad-0-1@x.org', 'taken@x.org', 'bad-0-3@x.org', 'bad-0-4@x.org']);
        expect(members[0].team).toBe(fresh.teams[0]);
        // Persistent objects stay in the session, expired: the change made before the failure is gone with the transaction.
        expect(session.contains(keep)).toBe(true);
        expect(() => keep.email).toThrow(ExpiredAttributeError);
        expect(session.dirty).toEqual([]);
        // The object marked for deletion is persistent again, no longer marked.
        expect(session.deleted).toEqual([]);
        expect(session.contains(doomed)).toBe(true);

        // rollback() after the failure is allowed (there is nothing left to undo), and the session works.
        await session.rollback();
        await session.refresh(keep);
        expect(keep.email).toBe('keep@x.org');
        expect(await session.get(Org, doomed.id)).toBe(doomed);
        members[2].email = 'bad-0-2@x.org';
        session.add(fresh);
        await session.commit();
        expect(members.every((m) => typeof m.id === 'number' && m.teamId === fresh.teams[0].id)).toBe(true);
        expect(await countOutside(membersLike('bad-%'))).toBe(5);
        // Clean up for the next variant.
        session.delete(fresh);
        await session.commit();
        expect(await countOutside(membersLike('bad-%'))).toBe(0);
      } finally {
        await session.close();
      }
    });
  }
  it('a flush failing inside beginNested() rolls back only that savepoint (skip the bad rows, keep the rest)', async () => {
    const session = new Session(outside);
    try {
      const team = (await session.scalars(select(Team).where(Team.c.name.eq('base-team')))).one();
      const skipped: string[] = [];
      for (const email of ['sp-1@x.org', 'taken@x.org', 'sp-3@x.org']) {
        try {
          await session.beginNested(async () => {
            session.add(new Member({ email, teamId: team.id }));
          });
        } catch (e) {
          if (!(e instanceof IntegrityError)) throw e; // the flush's own error reaches the caller
          skipped.push(email);
        }
      }
      expect(skipped).toEqual(['taken@x.org']);
      // An object added inside a savepoint that is rolled back is dropped with it, not inserted later.
      const sp = await session.beginNested();
      const dropped = new Member({ email: 'sp-dropped@x.org', teamId: team.id });
      session.add(dropped);
      await sp.rollback();
      expect(session.contains(dropped)).toBe(false);
      expect(sp.isActive).toBe(false);
      await session.commit();
      expect(await countOutside(membersLike('sp-%'))).toBe(2);
      for (const m of (await session.scalars(select(Member).where(Member.c.email.like('sp-%')))).all()) session.delete(m);
      await session.commit();
    } finally {
      await session.close();
    }
  });
  it('deleting an object twice: a no-op before the flush, a clear error after it (nothing rolled back)', async () => {
    const session = new Session(outside);
    try {
      const team = (await session.scalars(select(Team).where(Team.c.name.eq('base-team')))).one();
      const m = new Member({ email: 'twice@x.org', teamId: team.id });
      session.add(m);
      await session.commit();
      session.delete(m);
      session.delete(m);
      expect(session.deleted).toEqual([m]);
      await session.flush();
      expect(() => session.delete(m)).toThrow(/Member .* is deleted already \(its DELETE was flushed\)/);
      await session.commit(); // the first DELETE stands
      expect(await countOutside(membersLike('twice@x.org'))).toBe(0);
    } finally {
      await session.close();
    }
  });
});
