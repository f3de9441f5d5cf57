// Backrefs the codemod leaves for a human: reported, the file unchanged.
import { Column, declarativeBase, ForeignKey, Integer, mapper, MetaData, relation, relationship, Table } from 'retort/legacy';
import { Author } from './basic.input';

const Base = declarativeBase();
const name = 'holder';

// The target is declared in another file.
export class Review extends Base {
  static __tablename__ = 'reviews';
  static id = Column(Integer, { primaryKey: true });
  static authorId = Column('author_id', Integer, ForeignKey('authors.id'));
  static author = relationship(() => Author, { backref: 'reviews' });
}

// Many-to-many: the reverse side needs the secondary table too.
export class Tag extends Base {
  static __tablename__ = 'tags';
  static id = Column(Integer, { primaryKey: true });
  static items = relationship(() => Item, { secondary: 'item_tags', backref: 'tags' });
}

// The target has a member of that name already; the backref name is not a literal.
export class Item extends Base {
  static __tablename__ = 'items';
  static id = Column(Integer, { primaryKey: true });
  static owner = Column(Integer);
  static parts = relationship(() => Part, { backref: name });
  static others = relationship(() => Part, { backref: 'item' });
}

export class Part extends Base {
  static __tablename__ = 'parts';
  static id = Column(Integer, { primaryKey: true });
  static itemId = Column('item_id', Integer, ForeignKey('items.id'));
  static item = Column(Integer);
}

// A classical mapping's properties.
class Box {}
const boxes = new Table('boxes', new MetaData(), {});
export const map = () => mapper(Box, boxes, { properties: { parts: relation(() => Part, { backref: 'box' }) } });
