// A dynamic collection (L407) becomes the shim's typed dynamic<Entry>(): its callers keep their
// Query methods (moving them to writeOnly() and select() is a person's job, which needs-human
// reports), and the classes around it are typed now instead of waiting for them.
import { Column, createEngine, declarativeBase, ForeignKey, Integer, relationship, Session, String } from 'retort/legacy';

const Base = declarativeBase();

export class Feed extends Base {
  static __tablename__ = 'feeds';
  static id = Column(Integer, { primaryKey: true });
  static title = Column(String(40), { nullable: false });
  /** Entries grow for years: queried, never loaded whole. */
  static entries = relationship(() => Entry, { backref: 'feed', lazy: 'dynamic', cascade: 'all, delete-orphan' });
}

export class Entry extends Base {
  static __tablename__ = 'entries';
  static id = Column(Integer, { primaryKey: true });
  static feedId = Column('feed_id', Integer, ForeignKey('feeds.id'), { nullable: false });
  static body = Column(String(80), { nullable: false });
}
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
    const some = await feed.entries.filter(Entry.body.ne('b')).orderBy(Entry.id).all();
    return { bodies: some.map((e: { body: string }) => e.body), count: await feed.entries.count(), feedOf: some[0]?.feed?.title };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
