// A dynamic collection (L407) becomes the shim's typed dynamic<Entry>(): its callers keep their
// Query methods (moving them to writeOnly() and select() is a person's job, which needs-human
// reports), and the classes around it are typed now instead of waiting for them.
import { Column, createEngine, declarativeBase, ForeignKey, Integer, relationship, Session, String, column, integer, string, dynamic, foreignKey, one } from 'retort/legacy';

const Base = declarativeBase();

export class Feed extends Base.model('feeds', {
  id: column(integer(), { primaryKey: true }),
  title: column(string(40), { nullable: false }),
  /** Entries grow for years: queried, never loaded whole. */
  entries: dynamic<Entry>('Entry', { backPopulates: 'feed', cascade: 'all, delete-orphan' }),
}) {}

export class Entry extends Base.model('entries', {
  id: column(integer(), { primaryKey: true }),
  feedId: column(integer(), { name: 'feed_id', nullable: false, references: foreignKey('feeds.id') }),
  body: column(string(80), { nullable: false }),
  feed: one<Feed>('Feed', { backPopulates: 'entries' }),
}) {}
Base.register(Feed as never, Entry as never);

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await Base.metadata.createAll(engine);
  const session = new Session(engine);
  try {
    const feed = new Feed({ title: 'news' });
    session.add(feed);
    await session.flush();
    feed.entries.append(new Entry({ body: 'a' }));
    feed.entries.extend([new Entry({ body: 'b' }), new Entry({ body: 'c' })]);
    await session.commit();
    const some = await feed.entries.filter(Entry.c.body.ne('b')).orderBy(Entry.c.id).all();
    return { bodies: some.map((e: { body: string }) => e.body), count: await feed.entries.count(), feedOf: some[0]?.feed?.title };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
