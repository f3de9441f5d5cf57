// Untyped declarative classes → typed models; the backref becomes backPopulates on both sides.
import { Boolean, Column, createEngine, DateTime, declarativeBase, ForeignKey, Integer, Numeric, relationship, select, Session, String, Text } from 'retort/legacy';

const Base = declarativeBase();

export class Author extends Base {
  static __tablename__ = 'authors';
  static id = Column(Integer, { primaryKey: true, autoincrement: false });
  // the SQL name differs from the attribute
  static name_ = Column('name', String(50), { nullable: false });
  static bio = Column(Text);
  static books = relationship(() => Book, { backref: 'author' });

  describe(): string {
    return `${this.name_} (${this.books.length} books)`;
  }
}

export class Book extends Base {
  static __tablename__ = 'books';
  static id = Column(Integer, { primaryKey: true, autoincrement: false });
  static authorId = Column('author_id', Integer, ForeignKey('authors.id'), { nullable: false });
  static title = Column(String(80), { nullable: false });
  static price = Column(Numeric(8, 2));
  static inPrint = Column('in_print', Boolean, { default: true, nullable: false });
  static published = Column(DateTime);
}

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
    const rows = (await session.execute(select(Book.title, Author.name_, Book.inPrint).where(Book.authorId.eq(Author.id)).orderBy(Book.id))).all();
    const book = (await session.get(Book, 1))!;
    await session.load(book, 'author');
    return { rows: rows.map((r) => [...r]), author: book.author === ada, described: ada.describe(), price: book.price, published: book.published?.toISOString() };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
