/** refresh-expire and expunge cascades, and raise-on-access held by the flush, on every database. */
import { column, declarativeBase, DetachedInstanceError, ExpiredAttributeError, FlushError, foreignKey, integer, many, one, raiseLoad, select, selectinLoad, Session, string, text } from 'retort';
import { forEachDialect, tableName } from '../support/matrix';
import { sessionPerTest } from '../support/orm-session';

const T = (n: string) => tableName('ormc', n);

function models() {
  const Base = declarativeBase();
  class Album extends Base.model(T('album'), {
    id: column(integer(), { primaryKey: true }),
    title: column(string(50), { nullable: false }),
    tracks: many<Track>('Track', { backPopulates: 'album', cascade: 'all, delete-orphan' }),
    reviews: many<Review>('Review', { cascade: 'save-update' }),
  }) {}
  class Track extends Base.model(T('track'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(50), { nullable: false }),
    albumId: column(integer(), { name: 'album_id', references: foreignKey(`${T('album')}.id`) }),
    album: one<Album>('Album', { backPopulates: 'tracks' }),
  }) {}
  class Review extends Base.model(T('review'), {
    id: column(integer(), { primaryKey: true }),
    stars: column(integer(), { nullable: false }),
    albumId: column(integer(), { name: 'album_id', references: foreignKey(`${T('album')}.id`) }),
  }) {}
  class Shelf extends Base.model(T('shelf'), {
    id: column(integer(), { primaryKey: true }),
    items: many<Item>('Item', { cascade: 'all', lazy: 'raise' }),
  }) {}
  class Item extends Base.model(T('item'), {
    id: column(integer(), { primaryKey: true }),
    shelfId: column(integer(), { name: 'shelf_id', references: foreignKey(`${T('shelf')}.id`) }),
  }) {}
  Base.register(Album, Track, Review, Shelf, Item);
  return { Base, Album, Track, Review, Shelf, Item };
}

forEachDialect('orm cascades', (ctx) => {
  const { Base, Album, Track, Review, Shelf, Item } = models();
  let session: Session;
  sessionPerTest(ctx, Base.metadata, (s) => (session = s));

  async function album(title: string) {
    const a = new Album({ title, tracks: [new Track({ name: `${title}-1` }), new Track({ name: `${title}-2` })], reviews: [new Review({ stars: 4 })] });
    session.add(a);
    await session.commit();
    await session.close();
    return (await session.scalars(select(Album).where(Album.c.title.eq(title)).options(selectinLoad(Album.c.tracks), selectinLoad(Album.c.reviews)))).one();
  }

  it('expire() and refresh() of an object cascade along refresh-expire relationships only', async () => {
    const a = await album('blue');
    const [t1] = a.tracks;
    const [r] = a.reviews;
    session.expire(a);
    expect(() => a.title).toThrow(ExpiredAttributeError);
    expect(() => t1.name).toThrow(ExpiredAttributeError); // tracks: cascade 'all' includes refresh-expire
    expect(r.stars).toBe(4); // reviews: save-update only
    await session.refresh(a);
    expect(a.title).toBe('blue');
    expect(() => t1.name).toThrow(ExpiredAttributeError); // the collection was expired with its parent, so nothing reached t1
    await session.refresh(t1);
    // A refresh cascades to what the relationships hold: rows changed behind the session's back are read again.
    const b = await album('green');
    await session.execute(text(`UPDATE ${T('track')} SET name = 'renamed' WHERE album_id = ${b.id}`));
    await session.execute(text(`UPDATE ${T('review')} SET stars = 1 WHERE album_id = ${b.id}`));
    await session.refresh(b);
    expect(b.tracks.map((t) => t.name)).toEqual(['renamed', 'renamed']);
    expect(b.reviews[0].stars).toBe(4);
    expect(() => session.expire(b, ['nope'])).toThrow(/Album has no attribute "nope"/);
  });

  it('expunge() cascades along expunge relationships only', async () => {
    const a = await album('red');
    const [t1, t2] = a.tracks;
    const [r] = a.reviews;
    session.expunge(a);
    expect(session.contains(a)).toBe(false);
    expect(session.contains(t1)).toBe(false);
    expect(session.contains(t2)).toBe(false);
    expect(session.contains(r)).toBe(true);
    // Detached objects keep what they had loaded; what they had not throws, naming the attribute.
    expect(t1.name).toBe('red-1');
    expect(() => t1.album).toThrow(DetachedInstanceError);
    expect(() => t1.album).toThrow(/Track.album is not loaded and the Track is detached/);
    await expect(session.load(t1, 'album')).rejects.toThrow(DetachedInstanceError);
    await expect(session.refresh(t1)).rejects.toThrow(/refresh\(\): this Track is not persistent in this session/);
    expect(() => session.expire(t1)).toThrow(/this Track is not in this session/);
  });

  it('raise-on-access relationships are not loaded behind the caller’s back by a delete cascade', async () => {
    const shelf = new Shelf({ items: [new Item(), new Item()] });
    session.add(shelf);
    await session.commit();
    await session.close();
    const loaded = (await session.get(Shelf, shelf.id))!;
    session.delete(loaded);
    await expect(session.flush()).rejects.toThrow(FlushError);
    const again = (await session.get(Shelf, shelf.id))!;
    session.delete(again);
    await expect(session.flush()).rejects.toThrow(/deleting this Shelf needs Shelf.items, which is raise-on-access and not loaded; load it first/);
    // Loaded explicitly by a loader option, the cascade goes ahead.
    const withItems = (await session.scalars(select(Shelf).where(Shelf.c.id.eq(shelf.id)).options(selectinLoad(Shelf.c.items)))).one();
    session.delete(withItems);
    await session.commit();
    expect(await session.scalars(select(Item).where(Item.c.shelfId.eq(shelf.id))).then((r) => r.all())).toEqual([]);
    // raiseLoad() on a query counts the same for its objects.
    const a = await album('black');
    await session.close();
    const strict = (await session.scalars(select(Album).where(Album.c.id.eq(a.id)).options(raiseLoad(Album.c.tracks)))).one();
    session.delete(strict);
    await expect(session.flush()).rejects.toThrow(/Album.tracks, which is raise-on-access/);
    void Track;
    void Review;
  });
});
