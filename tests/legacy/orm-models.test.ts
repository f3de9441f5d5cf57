/** 1.x model declarations (L404, L405, L406, L408) on every database: mapped through the 2.0 mapper, warned, refused in error mode where removed. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { column, insert, integer, joinedLoad, MetaData as CoreMetaData, select, Session as CoreSession, string, Table, foreignKey } from 'retort';
import { Column, declarativeBase, eagerload, ForeignKey, Integer, mapper, relation, relationship, RemovedInRetort2Error, Session, String } from 'retort/legacy';
import { forEachDialect, tableName } from '../support/matrix';
import { captureLegacyWarnings, expectLegacyWarnings, withLegacyConfig } from '../support/legacy';
import { lineOf } from '../support/legacy-orm';

const T = (n: string) => tableName('lgm', n);

/** Untyped declarative classes (L404) with a backref (L408), declared inside a capture. */
function declarative() {
  const Base = declarativeBase();
  class Author extends Base {
    static __tablename__ = T('authors');
    static id = Column(Integer, { primaryKey: true, autoincrement: false });
    static name_ = Column('name', String(50), { nullable: false });
    static books = relationship(() => Book, { backref: 'author' });
  }
  class Book extends Base {
    static __tablename__ = T('books');
    static id = Column(Integer, { primaryKey: true, autoincrement: false });
    static authorId = Column('author_id', Integer, ForeignKey(`${T('authors')}.id`), { nullable: false });
    static title = Column(String(80), { nullable: false });
  }
  return { Base, Author, Book };
}

forEachDialect('legacy ORM models', (ctx) => {
  let m: ReturnType<typeof declarative>;
  beforeAll(async () => {
    const { result, warnings } = await captureLegacyWarnings(() => {
      const d = declarative();
      d.Base.register(d.Author as never, d.Book as never);
      return d;
    });
    m = result;
    expect(warnings.map((w) => w.code)).toEqual(['L404', 'L404', 'L408', 'L404', 'L404', 'L404']);
    await m.Base.metadata.dropAll(ctx.engine);
    await m.Base.metadata.createAll(ctx.engine);
  });
  afterAll(async () => {
    await m.Base.metadata.dropAll(ctx.engine);
  });

  it('L404 untyped declarative classes map through the 2.0 mapper: statics become columns, instances persist', async () => {
    const { Author, Book } = m;
    expect(Author.id.eq).toBeInstanceOf(Function); // the static is the Core column now
    expect(Book.table.name).toBe(T('books'));
    const session = new Session(ctx.engine);
    try {
      const ada = new Author({ id: 1, name_: 'Ada' });
      ada.books.push(new Book({ id: 1, title: 'Notes' }), new Book({ id: 2, title: 'Sketches' }));
      session.add(ada);
      await session.commit();
      const rows = (await session.execute(select(Book.title, Author.name_).join(Book.c.author).orderBy(Book.id))).all();
      expect(rows.map((r) => [...r])).toEqual([['Notes', 'Ada'], ['Sketches', 'Ada']]);
      // L408: the backref made Book.author, and both sides stay in step
      const book = (await session.get(Book, 2))!;
      await session.load(book, 'author');
      expect(book.author).toBe(ada);
      const found = await captureLegacyWarnings(() => session.query(Author).filter(Author.name_.eq('Ada')).one());
      expect(found.result).toBe(ada);
    } finally {
      await session.close();
    }
  });

  it('L404 is legacy (works in error mode); a class without __tablename__ is a clear error', async () => {
    await withLegacyConfig({ mode: 'error' }, () =>
      expectLegacyWarnings(['L404'], () => {
        const Base = declarativeBase();
        class Odd extends Base {
          static id = Column(Integer, { primaryKey: true });
        }
        expect(() => new Odd()).toThrow(/needs static __tablename__/);
      }),
    );
  });

  it('L405 mapper(Cls, table, { properties }) maps a plain class; L406 relation() and eagerload() are the old names', async () => {
    const md = new CoreMetaData();
    const people = new Table(T('people'), md, {
      id: column(integer(), { primaryKey: true, autoincrement: false }),
      name: column(string(40), { nullable: false }),
    });
    const pets = new Table(T('pets'), md, {
      id: column(integer(), { primaryKey: true, autoincrement: false }),
      ownerId: column(integer(), { name: 'owner_id', nullable: false, references: foreignKey(() => people.c.id) }),
    });
    class Person {
      declare id: number;
      declare name: string;
      declare pets: Pet[];
    }
    class Pet {
      declare id: number;
      declare ownerId: number;
    }
    const { warnings } = await captureLegacyWarnings(() => {
      mapper(Pet, pets);
      mapper(Person, people, { properties: { pets: relation(Pet) } });
    });
    expect(warnings.map((w) => w.code)).toEqual(['L405', 'L406', 'L405']);
    await md.dropAll(ctx.engine);
    await md.createAll(ctx.engine);
    try {
      await ctx.engine.begin(async (conn) => {
        await conn.execute(insert(people), [{ id: 1, name: 'ann' }]);
        await conn.execute(insert(pets), [{ id: 1, ownerId: 1 }, { id: 2, ownerId: 1 }]);
      });
      const session = new Session(ctx.engine);
      try {
        const [ann] = await expectLegacyWarnings(['L406', 'L305', 'L301', 'L309'], () => session.query(Person).options(eagerload('pets')).all());
        expect(ann.name).toBe('ann');
        expect(ann.pets.map((p) => p.id)).toEqual([1, 2]);
      } finally {
        await session.close();
      }
    } finally {
      await md.dropAll(ctx.engine);
    }
    class Lonely {}
    await captureLegacyWarnings(() => {
      expect(() => mapper(Lonely, 'people' as never)).toThrow(/needs a Core Table/);
    });
    await withLegacyConfig({ mode: 'error' }, () => captureLegacyWarnings(() => expect(() => mapper(Lonely, people)).toThrow(RemovedInRetort2Error)));
  });

  it('L404 Column() warns once per call site (a loop once, each line once); the classes work in a future session', async () => {
    const { warnings } = await captureLegacyWarnings(() => {
      for (let i = 0; i < 3; i++) Column(Integer);
      Column(Integer);
    });
    expect(warnings.map((w) => w.code)).toEqual(['L404', 'L404']);
    expect(warnings[0].message).not.toEqual(warnings[1].message);
    // legacy status: a future session takes untyped classes (and their backref, L408) without a word
    const strict = new Session(ctx.engine, { future: true });
    try {
      const book = await expectLegacyWarnings([], async () => {
        const b = (await strict.get(m.Book, 1))!;
        await strict.load(b, 'author');
        return b;
      });
      expect([book.title, book.author.name_]).toEqual(['Notes', 'Ada']);
    } finally {
      await strict.close();
    }
  });

  it('L406 relation() and eagerload() warn once per call site, throw in error mode, and a future session refuses an eagerload() option', async () => {
    const { warnings } = await captureLegacyWarnings(() => {
      for (let i = 0; i < 2; i++) eagerload(m.Author.c.books);
      eagerload(m.Author.c.books);
      relation(() => m.Book);
    });
    expect(warnings.map((w) => w.code)).toEqual(['L406', 'L406', 'L406']);
    // eagerload() is joinedload(): the books come with their author, once per author
    const session = new Session(ctx.engine);
    try {
      const authors = await captureLegacyWarnings(async () => (await session.execute(select(m.Author).options(eagerload(m.Author.c.books)))).scalars().unique().all());
      expect(authors.result.map((a) => a.books.length)).toEqual([2]);
    } finally {
      await session.close();
    }
    // a future session: the option was made before the session was known, so it is refused where the session is given it
    const strict = new Session(ctx.engine, { future: true });
    try {
      // (in an array: a loader option has a then() of its own, so a promise would take it for one)
      const [opt] = (await captureLegacyWarnings(() => [eagerload(m.Author.c.books)])).result;
      await captureLegacyWarnings(() => {
        expect(() => strict.execute(select(m.Author).options(opt))).toThrow(RemovedInRetort2Error);
        expect(() => strict.query(m.Author).options(opt)).toThrow(/\[L406\]/);
      });
      // the 2.0 spelling is fine there
      expect((await strict.execute(select(m.Author).options(joinedLoad(m.Author.c.books)))).scalars().unique().all()).toHaveLength(1);
    } finally {
      await strict.close();
    }
    await withLegacyConfig({ mode: 'error' }, () => captureLegacyWarnings(() => expect(() => eagerload(m.Author.c.books)).toThrow(RemovedInRetort2Error)));
  });

  it('L407 a dynamic collection is a Query of the related objects with append/remove, on a write-only collection; legacy status: works in a future session', async () => {
    const { result: d, warnings } = await captureLegacyWarnings(() => {
      const Base = declarativeBase();
      class Shelf extends Base {
        static __tablename__ = T('shelves');
        static id = Column(Integer, { primaryKey: true, autoincrement: false });
        static boxes = relationship(() => Box, { lazy: 'dynamic', backref: 'shelf' }); // L407 declared here
      }
      class Box extends Base {
        static __tablename__ = T('boxes');
        static id = Column(Integer, { primaryKey: true, autoincrement: false });
        static shelfId = Column('shelf_id', Integer, ForeignKey(`${T('shelves')}.id`));
        static label = Column(String(20), { nullable: false });
      }
      Base.register(Shelf, Box);
      return { Base, Shelf, Box };
    });
    expect(warnings.map((w) => w.code)).toEqual(['L404', 'L408', 'L407', 'L404', 'L404', 'L404']);
    expect(warnings[2].message).toContain(lineOf(__filename, '// L407 declared here'));
    const { Base, Shelf, Box } = d;
    await Base.metadata.dropAll(ctx.engine);
    await Base.metadata.createAll(ctx.engine);
    try {
      const session = new Session(ctx.engine);
      try {
        const shelf = new Shelf({ id: 1 });
        session.add(shelf);
        await session.flush();
        shelf.boxes.append(new Box({ id: 1, label: 'a' }));
        shelf.boxes.extend([new Box({ id: 2, label: 'b' }), new Box({ id: 3, label: 'c' })]);
        // reading runs the Query (L301, L303): autoflush makes the queued boxes visible
        const labels = await expectLegacyWarnings(['L301'], async () => (await shelf.boxes.filter(Box.label.ne('b')).orderBy(Box.id).all()).map((b: { label: string }) => b.label));
        expect(labels).toEqual(['a', 'c']);
        expect(await expectLegacyWarnings(['L303'], () => shelf.boxes.count())).toBe(3);
        const c = (await session.get(Box, 3))!;
        expect(c.shelf).toBe(shelf); // the backref side is kept in step
        shelf.boxes.remove(c);
        await session.commit();
        const left = await captureLegacyWarnings(() => shelf.boxes.orderBy(Box.id).all());
        expect(left.result.map((b: { id: number }) => b.id)).toEqual([1, 2]);
        expect(() => shelf.boxes.length).toThrow(/is a dynamic collection, a Query of the related objects, not an array/);
        expect(() => shelf.boxes.map((b: unknown) => b)).toThrow(/await obj.boxes.all\(\)/);
      } finally {
        await session.close();
      }
      // a new parent has no row to query by yet
      const lonely = new Shelf({ id: 9 });
      const other = new Session(ctx.engine);
      other.add(lonely);
      expect(() => lonely.boxes.all()).toThrow(/flush the session/);
      await other.close();
      // legacy status: a future session and error mode take it, the Query methods warn as usual
      const strict = new Session(ctx.engine, { future: true });
      try {
        const again = (await strict.get(Shelf, 1))!;
        await withLegacyConfig({ mode: 'error' }, () =>
          expectLegacyWarnings(['L301'], async () => {
            expect((await again.boxes.all()).map((b: { id: number }) => b.id).sort()).toEqual([1, 2]);
          }),
        );
      } finally {
        await strict.close();
      }
      await captureLegacyWarnings(() => {
        expect(() => relationship(() => Shelf, { lazy: 'dynamic', backref: 'nope' })).not.toThrow();
      });
    } finally {
      await Base.metadata.dropAll(ctx.engine);
    }
  });

  it('L403 a new object attached to a 1.x session\'s object through a backref cascades into that session, warning at the assignment', async () => {
    const session = new Session(ctx.engine);
    try {
      const ada = (await session.get(m.Author, 1))!;
      const { warnings } = await captureLegacyWarnings(() => {
        for (let i = 0; i < 2; i++) {
          const book = new m.Book({ id: 10 + i, title: `t${i}` });
          book.author = ada; // L403 here
        }
      });
      expect(warnings.map((w) => w.code)).toEqual(['L403']);
      expect(warnings[0].message).toContain(lineOf(__filename, '// L403 here'));
      expect(session.new.map((b) => (b as { id: number }).id)).toEqual([10, 11]);
      // the other way round: a new author given a book of the session (the book's author side cascades)
      const notes = (await session.get(m.Book, 1))!;
      const bob = new m.Author({ id: 2, name_: 'Bob' });
      await expectLegacyWarnings(['L403'], () => {
        bob.books.push(notes);
      });
      expect(session.contains(bob)).toBe(true);
      await session.flush();
      expect((await session.execute(select(m.Book.id).where(m.Book.authorId.eq(1)).orderBy(m.Book.id))).all().map((r) => r[0])).toEqual([2, 10, 11]);
      await session.rollback();
      // error mode: throws before anything changes
      const ada2 = (await session.get(m.Author, 1))!;
      await withLegacyConfig({ mode: 'error' }, () =>
        captureLegacyWarnings(() => {
          const book = new m.Book({ id: 20, title: 'x' });
          expect(() => {
            book.author = ada2;
          }).toThrow(RemovedInRetort2Error);
          expect(book.author).toBeNull();
          expect(session.new).toEqual([]);
        }),
      );
      // report mode names the line
      const report = join(mkdtempSync(join(tmpdir(), 'retort-l403-report-')), 'report.json');
      await withLegacyConfig({ mode: 'silent', report }, () =>
        captureLegacyWarnings(() => {
          new m.Book({ id: 21, title: 'y' }).author = ada2; // report-L403
        }),
      );
      const inventory = JSON.parse(readFileSync(report, 'utf8')) as { sites: { code: string; site: string; count: number }[] };
      expect(inventory.sites).toEqual([{ code: 'L403', site: expect.stringContaining(lineOf(__filename, '// report-L403')), count: 1 }]);
    } finally {
      await session.close();
    }
    // a future session, and a 2.0 one: the 2.0 behaviour (no cascade along the backref), no warning
    for (const strict of [new Session(ctx.engine, { future: true }), new CoreSession(ctx.engine)]) {
      try {
        const ada = (await strict.get(m.Author, 1))!;
        const book = await expectLegacyWarnings([], () => {
          const b = new m.Book({ id: 30, title: 'z' });
          b.author = ada;
          return b;
        });
        expect(strict.contains(book)).toBe(false);
        expect(strict.new).toEqual([]);
      } finally {
        await strict.close();
      }
    }
  });

  it('report mode lists the model declarations with file:line', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'retort-models-report-')), 'report.json');
    const md = new CoreMetaData();
    const plain = new Table(T('plain'), md, { id: column(integer(), { primaryKey: true }) });
    class Plain {
      declare id: number;
    }
    await withLegacyConfig({ mode: 'silent', report }, () =>
      captureLegacyWarnings(() => {
        Column(Integer); // report-L404
        mapper(Plain, plain); // report-L405
        relation(() => m.Book); // report-L406
        relationship(() => m.Book, { backref: 'x' }); // report-L408
        relationship(() => m.Book, { lazy: 'dynamic' }); // report-L407
      }),
    );
    const inventory = JSON.parse(readFileSync(report, 'utf8')) as { sites: { code: string; site: string; count: number }[] };
    expect(inventory.sites).toEqual(
      ['L404', 'L405', 'L406', 'L407', 'L408'].map((code) => ({ code, site: expect.stringContaining(lineOf(__filename, `// report-${code}`)), count: 1 })),
    );
  });

  it('L408 backref is legacy status; L406 relation() throws in error mode', async () => {
    await withLegacyConfig({ mode: 'error' }, () =>
      captureLegacyWarnings(() => {
        expect(() => relationship(() => m.Book, { backref: 'x' })).not.toThrow();
        expect(() => relation(() => m.Book)).toThrow(/\[L406\]/);
      }),
    );
  });
});
