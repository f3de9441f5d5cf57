// A Query of a dynamic collection (L407) runs on its parent's session. Where the parent was
// loaded here by a session variable that is still the parent's session when the chain runs,
// the chain becomes a select() of the related rows, withParent(), run by that session.
import { column, createEngine, declarativeBase, dynamic, foreignKey, insert, integer, one, select, Session, string } from 'retort/legacy';

const Base = declarativeBase();

export class Feed extends Base.model('feeds', {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  title: column(string(40), { nullable: false }),
  entries: dynamic<Entry>('Entry', { backPopulates: 'feed' }),
}) {}

export class Entry extends Base.model('entries', {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  feedId: column(integer(), { name: 'feed_id', nullable: false, references: foreignKey('feeds.id') }),
  body: column(string(80), { nullable: false }),
  status: column(string(10), { nullable: false }),
  feed: one<Feed>('Feed', { backPopulates: 'entries' }),
}) {}
Base.register(Feed as never, Entry as never);

async function entriesOf(session: Session, title: string, status: string) {
  const feed = await session.query(Feed).filter(Feed.c.title.eq(title)).first();
  if (!feed) return [];
  const entries = await feed.entries.filterBy({ status }).orderBy(Entry.c.id.desc()).all();
  return entries.map((e) => e.body);
}

export async function run(): Promise<unknown> {
  const engine = createEngine('sqlite://');
  await Base.metadata.createAll(engine);
  await engine.begin(async (conn) => {
    await conn.execute(insert(Feed.table), [{ id: 1, title: 'news' }, { id: 2, title: 'sport' }]);
    await conn.execute(insert(Entry.table), [
      { id: 1, feedId: 1, body: 'a', status: 'open' },
      { id: 2, feedId: 1, body: 'b', status: 'done' },
      { id: 3, feedId: 2, body: 'c', status: 'open' },
      { id: 4, feedId: 1, body: 'd', status: 'open' },
    ]);
  });
  const session = new Session(engine);
  try {
    const byGet = await session.get(Feed, 2);
    const first = byGet ? await byGet.entries.first() : null;
    // Loaded in the 2.0 form already, or by the 1.x query.get().
    const sport = (await session.scalars(select(Feed).where(Feed.c.id.eq(2)))).one();
    const sportBodies = (await sport.entries.all()).map((e) => e.body);
    const byQueryGet = await session.query(Feed).get(1);
    const done = byQueryGet ? await byQueryGet.entries.filterBy({ status: 'done' }).one() : undefined;
    const news = await session.query(Feed).filterBy({ title: 'news' }).one();
    // Queued on the collection: the query flushes it first (autoflush), both before and after.
    news.entries.append(new Entry({ id: 5, body: 'e', status: 'open' }));
    const open = await news.entries.filter(Entry.c.status.eq('open')).orderBy(Entry.c.id).all();
    const pending = news.entries.filter(Entry.c.body.eq('zz')).oneOrNone();
    return {
      first: first?.body,
      sport: sportBodies,
      done: done?.body,
      open: open.map((e) => e.body),
      none: await pending,
      listed: await entriesOf(session, 'news', 'open'),
      missing: await entriesOf(session, 'none', 'open'),
    };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
