// Untyped declarative classes → typed models; the backref becomes backPopulates on both sides.
import { Boolean, Column, createEngine, DateTime, declarativeBase, ForeignKey, Integer, Numeric, relationship, select, Session, String, Text, column, integer, string, textType, many, foreignKey, numeric, boolean, datetime, one } from 'retort/legacy';

const Base = declarativeBase();

export class Author extends Base.model('authors', {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  // the SQL name differs from the attribute
  name_: column(string(50), { name: 'name', nullable: false }),
  bio: column(textType()),
  books: many<Book>('Book', { backPopulates: 'author' }),
}) {
  describe(): string {
    return `${this.name_} (${this.books.length} books)`;
  }
}

export class Book extends Base.model('books', {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  authorId: column(integer(), { name: 'author_id', nullable: false, references: foreignKey('authors.id') }),
  title: column(string(80), { nullable: false }),
  price: column(numeric(8, 2)),
  inPrint: column(boolean(), { name: 'in_print', default: true, nullable: false }),
  published: column(datetime()),
  author: one<Author>('Author', { backPopulates: 'books' }),
}) {}

export async function run(): Promise<unknown> {
  Base.register(Author as never, Book as never);
  const engine = createEngine('sqlite://');
  await Base.metadata.createAll(engine);
  const session = new Session(engine);
  try {
    const ada = new Author({ id: 1, name_: 'Ada', bio: null });
    ada.books.push(new Book({ id: 1, title: 'Notes', price: '12.50', published: new Date('1843-09-01T00:00:00Z') }), new Book({ id: 2, title: 'Sketches' }));
    session.add(ada);
    await session.commit();
    const rows = (await session.execute(select(Book.c.title, Author.c.name_, Book.c.inPrint).where(Book.c.authorId.eq(Author.c.id)).orderBy(Book.c.id))).all();
    const book = (await session.get(Book, 1))!;
    await session.load(book, 'author');
    return { rows: rows.map((r) => [...r]), author: book.author === ada, described: ada.describe(), price: book.price, published: book.published?.toISOString() };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
