// 1.x declarative models with the old relation() and a backref: renamed, then typed; once nothing
// legacy is left, the imports move to 'retort' (the unused 1.x names are dropped).
import { createEngine, declarativeBase, insert, select, column, integer, string, many, foreignKey, one } from 'retort';

const Base = declarativeBase();

export class Author extends Base.model('authors', {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  name_: column(string(50), { name: 'name', nullable: false }),
  books: many<Book>('Book', { backPopulates: 'author' }),
}) {}

export class Book extends Base.model('books', {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  authorId: column(integer(), { name: 'author_id', nullable: false, references: foreignKey('authors.id') }),
  title: column(string(80)),
  author: one<Author>('Author', { backPopulates: 'books' }),
}) {}

export async function run(): Promise<unknown> {
  Base.register(Author as never, Book as never);
  const engine = createEngine('sqlite://');
  await Base.metadata.createAll(engine);
  const conn = await engine.connect();
  try {
    await conn.begin(); // the rows are written in a transaction (not autocommitted, L103)
    await conn.execute(insert(Author.table), [{ id: 1, name_: 'Ada' }]);
    await conn.execute(insert(Book.table), [{ id: 1, authorId: 1, title: 'Notes' }, { id: 2, authorId: 1, title: null }]);
    const rows = (await conn.execute(select(Book.c.title, Author.c.name_).where(Book.c.authorId.eq(Author.c.id)).orderBy(Book.c.id))).all();
    return rows.map((r) => [...r]);
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
