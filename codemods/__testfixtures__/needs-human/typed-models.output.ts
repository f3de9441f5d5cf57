// The same ORM sites on typed models of a 1.x base (what typed-models makes of 1.x classes): the
// shim's dynamic() (L407), a joined eager load of a collection by name or attribute, 1.x or 2.0
// loader (L309), and an assignment to a relationship with a reverse side (L403: the shim cascades
// along backrefs of 1.x classes only, so code that relied on it must add the object itself).
import { column, declarativeBase, dynamic, foreignKey, integer, joinedload, joinedLoad, many, one, Session, string } from 'retort/legacy';

const Base = declarativeBase();

export class Author extends Base.model('authors', {
  id: column(integer(), { primaryKey: true }),
  name: column(string(50)),
  books: many<Book>('Book', { backPopulates: 'author' }),
  notes: dynamic<Note>('Note'),
}) {}

export class Book extends Base.model('books', {
  id: column(integer(), { primaryKey: true }),
  authorId: column(integer(), { name: 'author_id', references: foreignKey('authors.id') }),
  title: column(string(80)),
  author: one<Author>('Author', { backPopulates: 'books' }),
  reviewer: one<Author>('Author'),
}) {}

export class Note extends Base.model('notes', {
  id: column(integer(), { primaryKey: true }),
  authorId: column(integer(), { name: 'author_id', references: foreignKey('authors.id') }),
}) {}
Base.register(Author, Book, Note);

export async function sites(session: Session, author: Author) {
  const byName = await session.query(Author).options(joinedload('books')).all();
  const byAttribute = await session.query(Author).options(joinedLoad(Author.c.books)).all();
  const single = await session.query(Book).options(joinedLoad(Book.c.author)).all(); // many-to-one: nothing repeats
  const book = new Book({ title: 'x' });
  book.author = author;
  book.reviewer = author; // one way: nothing to cascade along
  return { byName, byAttribute, single, notes: await author.notes.all() };
}
