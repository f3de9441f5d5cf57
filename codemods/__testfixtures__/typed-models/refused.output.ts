// Classes the codemod cannot convert safely are reported and left as they are (the file still compiles);
// their class-level reads stay too (on an untyped class, Cls.c.key would lose the column's type).
import { Column, declarativeBase, ForeignKey, Integer, relationship, String } from 'retort/legacy';

const Base = declarativeBase();
const prefix = 'app_';
const nameOptions = { nullable: false };

// Options that are not an object literal.
export class Tag extends Base {
  static __tablename__ = 'tags';
  static id = Column(Integer, { primaryKey: true });
  static label = Column(String(20), nameOptions);
}

// Pet's foreign key names its table with a template: whether Pet.owner is one object or a collection
// is not settled by the syntax; Owner, linked to Pet, waits with it.
export class Owner extends Base {
  static __tablename__ = 'owners';
  static id = Column(Integer, { primaryKey: true });
  static pets = relationship(() => Pet);
}

export class Pet extends Base {
  static __tablename__ = 'pets';
  static id = Column(Integer, { primaryKey: true });
  static ownerId = Column(Integer, ForeignKey(`${prefix}owners.id`));
  static owner = relationship(() => Owner);
}

// lazy: 'dynamic' (L407) on the side holding the foreign key: one object, which the shim refuses too.
// (A dynamic collection becomes the shim's dynamic(): see dynamic.input.ts.)
export class Feed extends Base {
  static __tablename__ = 'feeds';
  static id = Column(Integer, { primaryKey: true });
  static tagId = Column(Integer, ForeignKey('tags.id'));
  static tag = relationship(() => Tag, { lazy: 'dynamic' });
}

// An instance declaration of a column: the typed model would declare it a second time.
export class Note extends Base {
  static __tablename__ = 'notes';
  static id = Column(Integer, { primaryKey: true });
  declare id: number;
}

// No __tablename__.
export class Mixin extends Base {
  static id = Column(Integer, { primaryKey: true });
}

export const conditions = [Tag.label.eq('x'), Owner.id.eq(1), Pet.ownerId.eq(2), Feed.tag];
