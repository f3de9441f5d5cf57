// backref → backPopulates on both sides: the reverse side is declared on the target class.
import { Column, createEngine, declarativeBase, ForeignKey, Integer, relationship, Session, String } from 'retort/legacy';

const Base = declarativeBase();

export class Author extends Base {
  static __tablename__ = 'authors';
  static id = Column(Integer, { primaryKey: true, autoincrement: false });
  static name_ = Column('name', String(50), { nullable: false });
  static books = relationship(() => Book, { backPopulates: 'author', cascade: 'all, delete-orphan' });
}

export class Book extends Base {
  static __tablename__ = 'books';
  static id = Column(Integer, { primaryKey: true, autoincrement: false });
  static authorId = Column('author_id', Integer, ForeignKey('authors.id'), { nullable: false });
  static title = Column(String(80), { nullable: false });
  static author = relationship(() => Author, { backPopulates: 'books' });
}

// A self-reference: the collection side holds the backref, the reverse side is one object.
export class Topic extends Base {
  static __tablename__ = 'topics';
  static id = Column(Integer, { primaryKey: true, autoincrement: false });
  static parentId = Column('parent_id', Integer, ForeignKey('topics.id'));
  static children = relationship('Topic', { backPopulates: 'parent' });
  static parent = relationship('Topic', { backPopulates: 'children', uselist: false });
}

export async function run(): Promise<unknown> {
  Base.register(Author as never, Book as never, Topic as never);
  const engine = createEngine('sqlite://');
  await Base.metadata.createAll(engine);
  const session = new Session(engine);
  try {
    const ada = new Author({ id: 1, name_: 'Ada' });
    const notes = new Book({ id: 1, title: 'Notes' });
    notes.author = ada; // the reverse side keeps the collection in step
    const root = new Topic({ id: 1 });
    root.children.push(new Topic({ id: 2 }), new Topic({ id: 3 }));
    session.add(ada);
    session.add(root);
    await session.commit();
    const book = (await session.get(Book, 1))!;
    await session.load(book, 'author');
    const leaf = (await session.get(Topic, 3))!;
    await session.load(leaf, 'parent');
    return { inCollection: ada.books.map((b: { title: string }) => b.title), author: book.author.name_, parent: leaf.parent.id };
  } finally {
    await session.close();
    await engine.dispose();
  }
}
