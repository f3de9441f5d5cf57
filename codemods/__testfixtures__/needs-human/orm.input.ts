// ORM sites no transform may rewrite: fromSelf() (L306), a joined eager load of a collection
// (L309), bulkSaveObjects() (L310), an autocommit Session (L401), begin({ subtransactions }) (L402), an assignment to
// a backref-made attribute (L403) and a dynamic collection (L407).
import { Column, createEngine, declarativeBase, ForeignKey, Integer, joinedload, relationship, Session, String } from 'retort/legacy';

const engine = createEngine('sqlite://');
const Base = declarativeBase();

export class Author extends Base {
  static __tablename__ = 'authors';
  static id = Column(Integer, { primaryKey: true });
  static name_ = Column('name', String(50));
  static books = relationship(() => Book, { backref: 'author' });
  static notes = relationship(() => Note, { lazy: 'dynamic' });
}

export class Book extends Base {
  static __tablename__ = 'books';
  static id = Column(Integer, { primaryKey: true });
  static authorId = Column('author_id', Integer, ForeignKey('authors.id'));
  static title = Column(String(80));
  static editor = relationship(() => Author, { backPopulates: 'edited' });
}

export class Note extends Base {
  static __tablename__ = 'notes';
  static id = Column(Integer, { primaryKey: true });
  static authorId = Column('author_id', Integer, ForeignKey('authors.id'));
}

export async function sites(author: Author) {
  const session = new Session({ bind: engine, autocommit: true });
  await session.begin({ subtransactions: true });
  const latest = await session.query(Book).limit(5).fromSelf().all();
  const withBooks = await session.query(Author).options(joinedload('books')).all();
  const withAuthors = await session.query(Book).options(joinedload('author')).all(); // many-to-one: nothing repeats
  const book = new Book({ title: 'x' });
  book.author = author;
  book.title = 'y'; // a column, not a backref
  book.editor = author;
  const plain = new Session({ bind: engine });
  await plain.begin();
  await plain.bulkSaveObjects([book]);
  return { latest, withBooks, withAuthors, plain };
}
