// Look-alikes: classes with Column() statics of another library, or extending another base, stay as they are.
import { declarativeBase } from 'retort';

function Column(type: string, options: { primaryKey?: boolean } = {}) {
  return { type, ...options };
}
const Integer = 'INTEGER';

class Entity {
  static __tablename__ = 'entities';
}

export class Thing extends Entity {
  static __tablename__ = 'things';
  static id = Column(Integer, { primaryKey: true });
}

const Base = declarativeBase();
export class Widget extends Base.model('widgets', { id: Base.metadata.tables.size > 0 ? (undefined as never) : (undefined as never) }) {
  static kind = Column('TEXT');
}

export const described = [Thing.id.type, Widget.kind.type];
