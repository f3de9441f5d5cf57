// 1.x declarative models with the old relation() and a backref: renamed, then typed; once nothing
// legacy is left, the imports move to 'retort' (the unused 1.x names are dropped).
import { Column, createEngine, declarativeBase, ForeignKey, insert, Integer, relation, select, String } from 'retort/legacy';

const Base = declarativeBase();

export class Author extends Base {
  static __tablename__ = 'authors';
  static id = Column(Integer, { primaryKey: true, autoincrement: false });
  static name_ = Column('name', String(50), { nullable: false });
  static books = relation(() => Book, { backref: 'author' });
}

export class Book extends Base {
  static __tablename__ = 'books';
  static id = Column(Integer, { primaryKey: true, autoincrement: false });
  static authorId = Column('author_id', Integer, ForeignKey('authors.id'), { nullable: false });
  static title = Column(String(80));
}

export async function run(): Promise<unknown> {
  Base.register(Author as never, Book as never);
  const engine = createEngine('sqlite://');
  await Base.metadata.createAll(engine);
  const conn = await engine.connect();
  try {
    await conn.begin(); // the rows are written in a transaction (not autocommitted, L103)
    await conn.execute(insert(Author.table), [{ id: 1, name_: 'Ada' }]);
    await conn.execute(insert(Book.table), [{ id: 1, authorId: 1, title: 'Notes' }, { id: 2, authorId: 1, title: null }]);
    const rows = (await conn.execute(select(Book.title, Author.name_).where(Book.authorId.eq(Author.id)).orderBy(Book.id))).all();
    return rows.map((r) => [...r]);
  } finally {
    await conn.close();
    await engine.dispose();
  }
}
