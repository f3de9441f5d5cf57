/**
 * `unique()` on results of ORM statements, on every database: objects are compared by
 * identity (two users with equal fields are two rows), column values by value.
 */
import { column, datetime, declarativeBase, integer, Result, select, Session, string } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

const T = (n: string) => tableName('orqu', n);

function models() {
  const Base = declarativeBase();
  class Member extends Base.model(T('members'), {
    id: column(integer(), { primaryKey: true, autoincrement: false }),
    name: column(string(20), { nullable: false }),
    joined: column(datetime(), { nullable: false }),
  }) {}
  return { Base, Member };
}

forEachDialect('Result.unique() with ORM objects', (ctx) => {
  const { Base, Member } = models();
  const day = new Date('2024-05-01T10:00:00Z');
  let session: Session;
  beforeAll(async () => {
    await Base.metadata.dropAll(ctx.engine);
    await Base.metadata.createAll(ctx.engine);
    const s = new Session(ctx.engine);
    // Two members with the same name and date: equal fields, distinct rows and objects.
    s.addAll([new Member({ id: 1, name: 'sam', joined: day }), new Member({ id: 2, name: 'sam', joined: day }), new Member({ id: 3, name: 'kim', joined: day })]);
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

  it('keeps distinct objects with equal fields, and drops the same object seen twice', async () => {
    const rows = (await session.execute(select(Member).orderBy(Member.c.id))).unique().all();
    expect(rows.map((r) => r[0].id)).toEqual([1, 2, 3]);
    // A self-join repeats each object: the same objects again are dropped, the pairs of distinct ones stay.
    const pairs = (await session.execute(select(Member, Member.c.name).orderBy(Member.c.id))).all();
    const doubled = [...pairs, ...pairs];
    const again = new Result(doubled, ['Member', 'name'], doubled.length).unique().all();
    expect(again.map((r) => r[0].id)).toEqual([1, 2, 3]);
    expect(new Set(again.map((r) => r[0])).size).toBe(3);
    const scalars = (await session.execute(select(Member).orderBy(Member.c.id))).scalars().unique().all();
    expect(scalars.map((m) => m.id)).toEqual([1, 2, 3]);
  });

  it('compares column values by value: numbers, strings, dates', async () => {
    const names = (await session.execute(select(Member.c.name).orderBy(Member.c.name))).unique().all();
    expect(names.map((r) => r[0])).toEqual(['kim', 'sam']);
    // Each row gives a new Date object: equal instants are one value.
    const dates = (await session.execute(select(Member.c.joined))).unique().all();
    expect(dates).toHaveLength(1);
    expect(dates[0][0].getTime()).toBe(day.getTime());
    const scalarDates = (await session.execute(select(Member.c.joined))).scalars().unique().all();
    expect(scalarDates).toHaveLength(1);
    const rows = (await session.execute(select(Member.c.name, Member.c.joined).orderBy(Member.c.name))).unique().all();
    expect(rows.map((r) => r[0])).toEqual(['kim', 'sam']);
    // a key function still decides by itself
    const byInitial = (await session.execute(select(Member.c.name).orderBy(Member.c.id))).unique((r) => r[0][0]).all();
    expect(byInitial.map((r) => r[0])).toEqual(['sam', 'kim']);
  });
});
