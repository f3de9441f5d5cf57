// Look-alikes: a backref option given to another library's relationship() stays as it is.
import { Column, declarativeBase, Integer } from 'retort/legacy';

function relationship(target: () => unknown, options: { backref?: string } = {}) {
  return { target, ...options };
}

const Base = declarativeBase();

export class Shelf extends Base {
  static __tablename__ = 'shelves';
  static id = Column(Integer, { primaryKey: true });
  static meta = relationship(() => Shelf, { backref: 'shelf' });
}
