/** Relationships on every database: both directions in memory, FK-ordered flush, loaders, cascades, comparisons. */
import {
  column,
  declarativeBase,
  foreignKey,
  integer,
  joinedLoad,
  many,
  one,
  select,
  selectinLoad,
  Session,
  string,
  Table,
  UnloadedAttributeError,
} from 'retort';
import { forEachDialect, tableName } from '../support/matrix';

const T = (n: string) => tableName('ormr', n);

function models() {
  const Base = declarativeBase();
  class Author extends Base.model(T('author'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(50), { nullable: false }),
    books: many<Book>('Book', { backPopulates: 'author', cascade: 'all, delete-orphan' }),
    profile: one<Profile>('Profile', { backPopulates: 'author', cascade: 'all' }),
  }) {}
  class Book extends Base.model(T('book'), {
    id: column(integer(), { primaryKey: true }),
    title: column(string(100), { nullable: false }),
    authorId: column(integer(), { name: 'author_id', references: foreignKey(`${T('author')}.id`) }),
    author: one<Author>('Author', { backPopulates: 'books' }),
    tags: many<Tag>('Tag', { secondary: T('book_tag'), backPopulates: 'books' }),
  }) {}
  class Profile extends Base.model(T('profile'), {
    id: column(integer(), { primaryKey: true }),
    bio: column(string(100), { nullable: false }),
    authorId: column(integer(), { name: 'author_id', nullable: false, unique: true, references: foreignKey(`${T('author')}.id`) }),
    author: one<Author>('Author', { backPopulates: 'profile' }),
  }) {}
  class Tag extends Base.model(T('tag'), {
    id: column(integer(), { primaryKey: true }),
    label: column(string(30), { nullable: false }),
    books: many<Book>('Book', { secondary: T('book_tag'), backPopulates: 'tags', lazy: 'selectin' }),
  }) {}
  new Table(T('book_tag'), Base.metadata, {
    bookId: column(integer(), { name: 'book_id', primaryKey: true, references: foreignKey(`${T('book')}.id`) }),
    tagId: column(integer(), { name: 'tag_id', primaryKey: true, references: foreignKey(`${T('tag')}.id`) }),
  });
  class Node extends Base.model(T('node'), {
    id: column(integer(), { primaryKey: true }),
    name: column(string(30), { nullable: false }),
    parentId: column(integer(), { name: 'parent_id', references: foreignKey(`${T('node')}.id`) }),
    parent: one<Node>('Node', { backPopulates: 'children' }),
    children: many<Node>('Node', { backPopulates: 'parent', cascade: 'all' }),
  }) {}
  class Strict extends Base.model(T('strict'), {
    id: column(integer(), { primaryKey: true }),
    authorId: column(integer(), { name: 'author_id', references: foreignKey(`${T('author')}.id`) }),
    author: one<Author>('Author', { lazy: 'raise' }),
  }) {}
  Base.register(Author, Book, Profile, Tag, Node, Strict);
  return { Base, Author, Book, Profile, Tag, Node, Strict };
}

forEachDialect('orm relationships', (ctx) => {
  const { Base, Author, Book, Profile, Tag, Node, Strict } = models();
  let session: Session;
  const statements: string[] = [];
  const record = (e: { sql: string }) => void statements.push(e.sql);
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

  it('back-population keeps both sides in sync in memory', () => {
    const a = new Author({ name: 'Ann' });
    const b = new Book({ title: 'One' });
    a.books.push(b);
    expect(b.author).toBe(a);
    const c = new Book({ title: 'Two', author: a });
    expect(a.books).toEqual([b, c]);
    const other = new Author({ name: 'Ola' });
    c.author = other;
    expect(a.books).toEqual([b]);
    expect(other.books).toEqual([c]);
    (a.books as unknown as { remove(x: object): boolean }).remove(b);
    expect(b.author).toBeNull();
    const p = new Profile({ bio: 'x' });
    a.profile = p;
    expect(p.author).toBe(a);
    const t = new Tag({ label: 't' });
    b.tags.push(t);
    expect(t.books).toEqual([b]);
  });

  it('flush inserts parents before children (one INSERT per table) and sets foreign keys from relationships', async () => {
    const a = new Author({ name: 'Ann', books: [new Book({ title: 'A1' }), new Book({ title: 'A2' })] });
    a.profile = new Profile({ bio: 'writes' });
    session.add(a); // cascade save-update brings the books and the profile
    await session.commit();
    const inserts = statements.filter((s) => /^INSERT/i.test(s));
    const order = inserts.map((s) => (s.match(/INSERT INTO [`"]?(\w+)/i) ?? [])[1]);
    expect(order.indexOf(T('author'))).toBeLessThan(order.indexOf(T('book')));
    if (ctx.engine.dialect.supports.returning.insert) expect(order.filter((t) => t === T('book'))).toHaveLength(1);
    expect(a.books.map((b) => b.authorId)).toEqual([a.id, a.id]);
    expect(a.profile!.authorId).toBe(a.id);
  });

  it('select-in loading, explicit awaitable lazy loading, raise on access', async () => {
    session.add(new Author({ name: 'Bea', books: [new Book({ title: 'B1' }), new Book({ title: 'B2' })] }));
    session.add(new Author({ name: 'Cid', books: [new Book({ title: 'C1' })] }));
    await session.commit();
    await session.close();

    const authors = (await session.scalars(select(Author).where(Author.c.name.in(['Bea', 'Cid'])).orderBy(Author.c.name).options(selectinLoad(Author.c.books)))).all();
    expect(authors.map((a) => a.books.map((b) => b.title))).toEqual([['B1', 'B2'], ['C1']]);
    // The loaded books point back at their (identity-mapped) authors once loaded.
    const book = authors[0].books[0];
    expect(() => book.author).toThrow(UnloadedAttributeError);
    expect(await session.load(book, 'author')).toBe(authors[0]);
    await session.close();

    const plain = (await session.scalars(select(Author).where(Author.c.name.eq('Cid')))).one();
    expect(() => plain.books).toThrow(/not loaded: await session.load\(obj, 'books'\)/);
    const books = await session.load(plain, 'books');
    expect(books.map((b) => b.title)).toEqual(['C1']);
    expect(plain.books).toBe(books);

    const s = new Strict();
    session.add(s);
    await session.flush();
    session.expire(s);
    await session.refresh(s);
    expect(() => s.author).toThrow(/raise-on-access/);
    await expect(session.load(s, 'author')).rejects.toThrow(UnloadedAttributeError);
  });

  it('joined loading in the same query; select(A, B).join(A.c.rel)', async () => {
    session.add(new Author({ name: 'Dee', books: [new Book({ title: 'D1' }), new Book({ title: 'D2' })] }));
    await session.commit();
    await session.close();
    statements.length = 0;
    const books = (await session.scalars(select(Book).join(Book.c.author).where(Author.c.name.eq('Dee')).orderBy(Book.c.title).options(joinedLoad(Book.c.author)))).all();
    expect(statements.filter((s) => /^SELECT/i.test(s))).toHaveLength(1);
    expect(books.map((b) => [b.title, b.author!.name])).toEqual([['D1', 'Dee'], ['D2', 'Dee']]);
    expect(books[0].author).toBe(books[1].author);
    await session.close();
    // A joined collection repeats the parent row per child; the ORM result has each parent once.
    const authors = (await session.scalars(select(Author).where(Author.c.name.eq('Dee')).options(joinedLoad(Author.c.books)))).all();
    expect(authors).toHaveLength(1);
    expect(authors[0].books.map((b) => b.title).sort()).toEqual(['D1', 'D2']);
    const rows = (await session.execute(select(Author, Book).join(Author.c.books).where(Author.c.name.eq('Dee')).orderBy(Book.c.title))).all();
    expect(rows.map(([a, b]) => [a.name, b.title])).toEqual([['Dee', 'D1'], ['Dee', 'D2']]);
    expect(rows[0][0]).toBe(authors[0]);
  });

  it('relationship comparisons: any, has, contains', async () => {
    const e = new Author({ name: 'Eli', books: [new Book({ title: 'Rare' })] });
    session.add(e);
    session.add(new Author({ name: 'Fox' }));
    await session.commit();
    const withRare = (await session.scalars(select(Author.c.name).where(Author.c.books.any(Book.c.title.eq('Rare'))))).all();
    expect(withRare).toEqual(['Eli']);
    const byEli = (await session.scalars(select(Book.c.title).where(Book.c.author.has(Author.c.name.eq('Eli'))))).all();
    expect(byEli).toEqual(['Rare']);
    const containing = (await session.scalars(select(Author.c.name).where(Author.c.books.contains(e.books[0])))).all();
    expect(containing).toEqual(['Eli']);
    const noBooks = (await session.scalars(select(Author.c.name).where(Author.c.books.any().not(), Author.c.name.in(['Eli', 'Fox'])))).all();
    expect(noBooks).toEqual(['Fox']);
  });

  it('moving a child, delete-orphan, cascade delete of a parent', async () => {
    const g = new Author({ name: 'Gil', books: [new Book({ title: 'G1' }), new Book({ title: 'G2' })] });
    const h = new Author({ name: 'Hal' });
    session.addAll([g, h]);
    await session.commit();
    const [g1, g2] = g.books;
    g1.author = h; // moved: an UPDATE of its foreign key, not an orphan
    g.books.splice(g.books.indexOf(g2), 1); // orphan: deleted
    await session.commit();
    await session.close();
    const hb = await session.load((await session.get(Author, h.id))!, 'books');
    expect(hb.map((b) => b.title)).toEqual(['G1']);
    expect(await session.get(Book, g2.id)).toBeNull();
    // Deleting a parent deletes its (unloaded) children through the cascade.
    const hal = (await session.get(Author, h.id))!;
    session.delete(hal);
    await session.commit();
    expect(await session.get(Book, g1.id)).toBeNull();
  });

  it('setting a never-loaded many-to-one to null clears the foreign key', async () => {
    const i = new Author({ name: 'Ivy', books: [new Book({ title: 'I1' })] });
    session.add(i);
    await session.commit();
    await session.close();
    const book = (await session.scalars(select(Book).where(Book.c.title.eq('I1')))).one();
    book.author = null; // author was never loaded on this object
    await session.commit();
    await session.close();
    expect((await session.scalars(select(Book.c.authorId).where(Book.c.title.eq('I1')))).one()).toBeNull();
  });

  it('many-to-many through the secondary table: add, load (default selectin on Tag.books), remove', async () => {
    const t1 = new Tag({ label: 'sf' });
    const t2 = new Tag({ label: 'classic' });
    const b = new Book({ title: 'Dune', tags: [t1, t2] });
    session.add(b);
    await session.commit();
    await session.close();
    const tags = (await session.scalars(select(Tag).where(Tag.c.label.in(['sf', 'classic'])).orderBy(Tag.c.label))).all();
    expect(tags.map((t) => t.books.map((x) => x.title))).toEqual([['Dune'], ['Dune']]);
    const dune = tags[0].books[0];
    expect((await session.load(dune, 'tags')).map((t) => t.label).sort()).toEqual(['classic', 'sf']);
    dune.tags.splice(0, dune.tags.length, tags[1]);
    await session.commit();
    await session.close();
    const again = (await session.get(Book, b.id))!;
    expect((await session.load(again, 'tags')).map((t) => t.label)).toEqual(['sf']);
    session.delete(again);
    await session.commit();
  });

  it('self-referential tree: rows inserted parent-first in one flush, loaded level by level, deleted children-first', async () => {
    const root = new Node({ name: 'root' });
    const kid = new Node({ name: 'kid', parent: root });
    new Node({ name: 'grandkid', parent: kid });
    new Node({ name: 'kid2', parent: root });
    session.add(root);
    await session.commit();
    await session.close();
    const r = (await session.scalars(select(Node).where(Node.c.name.eq('root')).options(selectinLoad(Node.c.children).selectinLoad(Node.c.children)))).one();
    expect(r.children.map((c) => c.name).sort()).toEqual(['kid', 'kid2']);
    const k = r.children.find((c) => c.name === 'kid')!;
    expect(k.children.map((c) => c.name)).toEqual(['grandkid']);
    expect(k.parentId).toBe(r.id);
    session.delete(r); // cascade all: the whole tree
    await session.commit();
    expect((await session.scalars(select(Node))).all()).toEqual([]);
  });

  it('bad input from JavaScript callers: wrong related objects are refused before anything changes', () => {
    const a = new Author({ name: 'Jay' });
    expect(() => a.books.push(new Author({ name: 'x' }) as never)).toThrow(/holds Book objects, got a Author/);
    expect(a.books).toEqual([]);
    expect(() => ((a as unknown as { books: unknown }).books = 5)).toThrow(/assign an array of Book objects/);
    expect(() => ((a as unknown as { books: unknown }).books = [{}])).toThrow(/got a Object/);
    const b = new Book({ title: 'x' });
    expect(() => ((b as unknown as { author: unknown }).author = 'Jay')).toThrow(/holds Author objects, got string/);
    expect(b.author).toBeNull();
  });

  it('merge() brings a detached graph in along merge cascades', async () => {
    const k = new Author({ name: 'Kay', books: [new Book({ title: 'K1' })] });
    session.add(k);
    await session.commit();
    await session.close();
    k.books.push(new Book({ title: 'K2' }));
    k.books[0].title = 'K1b';
    const merged = await session.merge(k);
    expect(merged).not.toBe(k);
    expect(merged.books.map((x) => x.title)).toEqual(['K1b', 'K2']);
    await session.commit();
    await session.close();
    const titles = (await session.scalars(select(Book.c.title).where(Book.c.authorId.eq(k.id)).orderBy(Book.c.title))).all();
    expect(titles).toEqual(['K1b', 'K2']);
  });

  it('bad input: unknown relationship target, wrong direction', () => {
    const B2 = declarativeBase();
    class Lonely extends B2.model(T('lonely'), {
      id: column(integer(), { primaryKey: true }),
      friend: one<Lonely>('Nobody'),
    }) {}
    expect(() => Lonely.c.friend.has()).toThrow(/no mapped class named Nobody is registered/);
    expect(() => Author.c.books.has()).toThrow(/is a collection; use any\(\)/);
  });
});
