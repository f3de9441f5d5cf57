/** Write-only collections on every database: queued add/remove written by the flush without loading, select() for reading. */
import {
  column,
  declarativeBase,
  foreignKey,
  func,
  integer,
  InvalidRequestError,
  many,
  one,
  select,
  selectinLoad,
  Session,
  string,
  Table,
  writeOnly,
} from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

const T = (n: string) => tableName('ormwo', n);

function models() {
  const Base = declarativeBase();
  class Feed extends Base.model(T('feed'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(50), { nullable: false }),
    entries: writeOnly<Entry>('Entry', { backPopulates: 'feed', cascade: 'all, delete-orphan' }),
    tags: writeOnly<Tag>('Tag', { secondary: T('feed_tag') }),
    notes: writeOnly<Note>('Note'),
  }) {}
  class Entry extends Base.model(T('entry'), {
    id: column(integer(), { primaryKey: true }),
    title: column(string(50), { nullable: false }),
    feedId: column(integer(), { name: 'feed_id', references: foreignKey(`${T('feed')}.id`) }),
    feed: one<Feed>('Feed', { backPopulates: 'entries' }),
  }) {}
  class Note extends Base.model(T('note'), {
    id: column(integer(), { primaryKey: true }),
    body: column(string(50), { nullable: false }),
    feedId: column(integer(), { name: 'feed_id', references: foreignKey(`${T('feed')}.id`) }),
  }) {}
  class Tag extends Base.model(T('tag'), {
    id: column(integer(), { primaryKey: true }),
    label: column(string(30), { nullable: false }),
  }) {}
  new Table(T('feed_tag'), Base.metadata, {
    feedId: column(integer(), { name: 'feed_id', primaryKey: true, references: foreignKey(`${T('feed')}.id`) }),
    tagId: column(integer(), { name: 'tag_id', primaryKey: true, references: foreignKey(`${T('tag')}.id`) }),
  });
  Base.register(Feed, Entry, Note, Tag);
  return { Base, Feed, Entry, Note, Tag };
}

forEachDialect('orm write-only collections', (ctx) => {
  const { Base, Feed, Entry, Note, Tag } = models();
  let session: Session;
  const statements: string[] = [];
  const record = (e: { sql: string }) => void statements.push(e.sql);
  const selects = () => statements.filter((s) => /^\s*SELECT/i.test(s));
  beforeAll(async () => {
    await Base.metadata.dropAll(ctx.engine);
    await Base.metadata.createAll(ctx.engine);
    ctx.engine.events.on('beforeExecute', record as never);
  });
  beforeEach(() => {
    session = new Session(ctx.engine);
    statements.length = 0;
  });
  afterEach(async () => {
    await session.close();
  });
  afterAll(async () => {
    await Base.metadata.dropAll(ctx.engine);
  });

  const countEntries = async (feedId: number) =>
    Number(await session.scalar(select(func.count()).selectFrom(Entry.table).where(Entry.c.feedId.eq(feedId))));

  it('adds to new and persistent parents without loading the collection; select() reads it', async () => {
    const feed = new Feed({ name: 'news', entries: [new Entry({ title: 'a' })] });
    session.add(feed);
    await session.commit();
    statements.length = 0;
    feed.entries.add(new Entry({ title: 'b' }));
    feed.entries.addAll([new Entry({ title: 'c' }), new Entry({ title: 'd' })]);
    expect(feed.entries.pendingAdds.map((e) => e.title)).toEqual(['b', 'c', 'd']);
    await session.flush();
    // Only INSERTs: nothing read the existing entries.
    expect(selects()).toEqual([]);
    expect(feed.entries.pendingAdds).toEqual([]);
    const all = (await session.scalars(feed.entries.select().orderBy(Entry.c.title))).all();
    expect(all.map((e) => e.title)).toEqual(['a', 'b', 'c', 'd']);
    expect(all.every((e) => e.feedId === feed.id)).toBe(true);
    // The back-populated many-to-one was set in memory by add().
    expect(all[1].feed).toBe(feed);
    const page = (await session.scalars(feed.entries.select().where(Entry.c.title.gt('a')).orderBy(Entry.c.title).limit(2))).all();
    expect(page.map((e) => e.title)).toEqual(['b', 'c']);
    await session.commit();
    expect(await countEntries(feed.id)).toBe(4);
  });

  it('remove() unlinks (delete-orphan deletes the row; without it the key becomes NULL)', async () => {
    const feed = new Feed({ name: 'rm', entries: [new Entry({ title: 'x' }), new Entry({ title: 'y' })], notes: [new Note({ body: 'n1' })] });
    session.add(feed);
    await session.commit();
    const [x] = (await session.scalars(feed.entries.select().where(Entry.c.title.eq('x')))).all();
    const [n1] = (await session.scalars(feed.notes.select())).all();
    statements.length = 0;
    feed.entries.remove(x);
    feed.notes.remove(n1);
    await session.commit();
    expect(selects()).toEqual([]);
    expect(await countEntries(feed.id)).toBe(1);
    expect(await session.get(Entry, x.id)).toBeNull();
    const note = await session.get(Note, n1.id);
    expect(note?.feedId).toBeNull();
    // An object that is not in the collection cannot be removed from it.
    const other = new Feed({ name: 'other', entries: [new Entry({ title: 'z' })] });
    session.add(other);
    await session.flush();
    const [z] = (await session.scalars(other.entries.select())).all();
    expect(() => feed.entries.remove(z)).toThrow(/this Entry is not in the collection/);
    expect(() => feed.entries.remove(new Entry({ title: 'new' }))).toThrow(/not in the collection/);
  });

  it('many-to-many: add and remove write association rows', async () => {
    const feed = new Feed({ name: 'm2m' });
    const [t1, t2] = [new Tag({ label: 't1' }), new Tag({ label: 't2' })];
    feed.tags.addAll([t1, t2]);
    session.add(feed);
    await session.commit();
    expect((await session.scalars(feed.tags.select().orderBy(Tag.c.label))).all()).toEqual([t1, t2]);
    statements.length = 0;
    feed.tags.remove(t1);
    await session.flush();
    expect(selects()).toEqual([]);
    expect((await session.scalars(feed.tags.select())).all()).toEqual([t2]);
    // add() then remove() before a flush cancels out.
    feed.tags.add(t1);
    feed.tags.remove(t1);
    expect(feed.tags.pendingAdds).toEqual([]);
    await session.commit();
    expect((await session.scalars(feed.tags.select())).all()).toEqual([t2]);
  });

  it('deleting the parent deletes or unlinks the rows by key, without loading them', async () => {
    const feed = new Feed({ name: 'del', entries: [new Entry({ title: 'e1' }), new Entry({ title: 'e2' })], notes: [new Note({ body: 'kept' })] });
    const keep = new Entry({ title: 'e3' });
    feed.entries.add(keep);
    session.add(feed);
    await session.commit();
    const feedId = feed.id;
    const noteId = (await session.scalars(feed.notes.select())).one().id;
    statements.length = 0;
    session.delete(keep); // deleted explicitly in the same flush: its own DELETE still counts one row
    session.delete(feed);
    await session.commit();
    expect(selects()).toEqual([]);
    expect(await countEntries(feedId)).toBe(0);
    expect((await session.get(Note, noteId))?.feedId).toBeNull();
  });

  it('reading it as an array, loading it, or assigning to it is an error; rollback drops queued changes', async () => {
    const feed = new Feed({ name: 'bad' });
    session.add(feed);
    await session.commit();
    const loose = feed.entries as unknown as InstanceType<typeof Entry>[];
    expect(() => loose.length).toThrow(InvalidRequestError);
    expect(() => loose.length).toThrow(/Feed.entries is a write-only collection .*select\(\)/);
    expect(() => loose[0]).toThrow(/write-only/);
    expect(() => loose.map((e) => e)).toThrow(/write-only/);
    expect(() => [...loose]).toThrow(/write-only/);
    expect(() => ((feed as unknown as { entries: unknown }).entries = [])).toThrow(/write-only collection; change it with .*add\(\)/);
    await expect(session.load(feed, 'entries')).rejects.toThrow(/write-only collection and is never loaded/);
    expect(() => selectinLoad(Feed.c.entries as never)).toThrow(/write-only collection is never loaded/);
    expect(() => feed.entries.add(new Tag({ label: 'x' }) as never)).toThrow(/holds Entry objects, got a Tag/);
    expect(() => new Feed({ name: 'n' }).entries.select()).toThrow(/has no row yet; flush the session first/);
    expect(() => many<never>('Entry', { lazy: 'writeOnly' as never })).toThrow(/writeOnly<Target>/);

    feed.entries.add(new Entry({ title: 'dropped' }));
    await session.rollback();
    expect(feed.entries.pendingAdds).toEqual([]);
    await session.commit();
    expect(await countEntries(feed.id)).toBe(0);
  });
});
