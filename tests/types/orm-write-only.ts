/** Write-only collections: the attribute is a WriteOnlyCollection, never an array; select() is typed by the target. */
import { column, declarativeBase, foreignKey, integer, one, ScalarResult, select, selectinLoad, Session, string, WriteOnlyCollection, writeOnly } from 'retort';
import type { Equal, Expect } from './helpers';

const Base = declarativeBase();
class Feed extends Base.model('wo_feeds', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50), { nullable: false }),
  entries: writeOnly<Entry>('Entry', { backPopulates: 'feed', cascade: 'all, delete-orphan' }),
}) {}
class Entry extends Base.model('wo_entries', {
  id: column(integer(), { primaryKey: true }),
  title: column(string(50), { nullable: false }),
  feedId: column(integer(), { name: 'feed_id', references: foreignKey('wo_feeds.id') }),
  feed: one<Feed>('Feed', { backPopulates: 'entries' }),
}) {}

declare const session: Session;

async function usage() {
  const feed = new Feed({ name: 'n', entries: [new Entry({ title: 't' })] });
  type _1 = Expect<Equal<typeof feed.entries, WriteOnlyCollection<Entry>>>;
  feed.entries.add(new Entry({ title: 'u' }));
  feed.entries.addAll([new Entry({ title: 'v' })]);
  feed.entries.remove(new Entry({ title: 'w' }));
  const rows = await session.scalars(feed.entries.select().where(Entry.c.title.like('t%')).limit(5));
  type _2 = Expect<Equal<typeof rows, ScalarResult<Entry>>>;
  const pairs = (await session.execute(feed.entries.select().addColumns(Entry.c.title))).one();
  type _3 = Expect<Equal<[(typeof pairs)[0], (typeof pairs)[1]], [Entry, string]>>;
  // Joins and comparisons work as for any collection.
  select(Feed).join(Feed.c.entries).where(Feed.c.entries.any(Entry.c.title.eq('t')));
  selectinLoad(Entry.c.feed);
}

async function misuse() {
  const feed = new Feed({ name: 'n' });
  // @ts-expect-error not an array: it is never loaded
  feed.entries.length;
  // @ts-expect-error not an array
  feed.entries[0];
  // @ts-expect-error not an array
  feed.entries.map((e) => e.title);
  // @ts-expect-error not iterable
  for (const e of feed.entries) void e;
  // @ts-expect-error only Entry objects
  feed.entries.add(new Feed({ name: 'x' }));
  // @ts-expect-error a write-only collection cannot be loaded by an option
  selectinLoad(Feed.c.entries);
  // @ts-expect-error the constructor takes an array of Entry
  new Feed({ entries: [new Feed()] });
}

void usage;
void misuse;
