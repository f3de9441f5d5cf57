/**
 * A file the codemod rewrites but that keeps a site for a human keeps importing from
 * 'retort/legacy'; the names the rewrites left unused leave that import (a project built
 * with noUnusedLocals must still compile), the lines do not move (the report gives sites by
 * line), and a name the file imported without using stays as the author left it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformFiles } from '../../codemods/run/api';

const MODELS = `import { Column, declarativeBase, ForeignKey, Integer, MetaData, relation, String, Text } from 'retort/legacy';

const metadata = new MetaData();
const Base = declarativeBase({ metadata });

export class Author extends Base {
  static __tablename__ = 'authors';
  static id = Column(Integer, { primaryKey: true });
  static name_ = Column('name', String(40), { nullable: false });
  static books = relation(() => Book, { backref: 'author', lazy: 'dynamic' });
}

export class Book extends Base {
  static __tablename__ = 'books';
  static id = Column(Integer, { primaryKey: true });
  static authorId = Column('author_id', Integer, ForeignKey('authors.id'), { nullable: false });
}

Base.register(Author as never, Book as never);
`;

const MULTILINE = `import {
  Column,
  declarativeBase,
  Integer,
  MetaData,
  relation,
} from 'retort/legacy';

const Base = declarativeBase({ metadata: new MetaData() });
const options = { lazy: 'select' as const };

export class Shelf extends Base {
  static __tablename__ = 'shelves';
  static id = Column(Integer, { primaryKey: true });
  static parent = relation(() => Shelf, options);
}
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'retort-unused-imports-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  const [r] = transformFiles([{ path, transforms: ['all'] }]);
  expect(r.error).toBeUndefined();
  return r;
}

describe('imports of a file that keeps legacy sites', () => {
  it('drop the names the rewrites left unused, and keep the ones unused before', () => {
    const r = run('models.ts', MODELS);
    const importLine = r.after!.split('\n')[0];
    expect(importLine).toMatch(/from 'retort\/legacy';$/);
    for (const gone of ['Column', 'ForeignKey', 'Integer', 'relation', 'String', 'relationship']) expect(importLine).not.toMatch(new RegExp(`\\b${gone}\\b`));
    for (const kept of ['declarativeBase', 'MetaData', 'dynamic', 'Text']) expect(importLine).toMatch(new RegExp(`\\b${kept}\\b`));
    // The dynamic collection is left for a person, on the line where it stands in the output
    // (the model class around it was rewritten whole).
    expect(r.manual.map((m) => [m.code, r.after!.split('\n')[m.line - 1].trim()])).toEqual([['L407', "books: dynamic<Book>('Book', { backPopulates: 'author' }),"]]);
  });

  it('lose the names one by one in an import written over several lines, so no reported line moves', () => {
    const r = run('shelf.ts', MULTILINE);
    // relation() is renamed; the class stays untyped (its options are not a literal) and is reported.
    expect(r.after).toContain('static parent = relationship(() => Shelf, options);');
    expect(r.manual.map((m) => [m.code, m.line, r.after!.split('\n')[m.line - 1].trim()])).toEqual([['L404', 15, 'static parent = relationship(() => Shelf, options);']]);
    expect(r.after!.split('\n').slice(0, 7).join('\n')).toBe("import {\n  Column,\n  declarativeBase,\n  Integer,\n  MetaData,\n  relationship,\n} from 'retort/legacy';");
  });
});
