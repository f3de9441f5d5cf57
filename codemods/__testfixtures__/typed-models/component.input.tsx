// TSX: a model declared next to a component; the JSX stays as written.
import { Column, declarativeBase, Integer, String } from 'retort/legacy';

const Base = declarativeBase();

export class Person extends Base {
  static __tablename__ = 'people';
  static id = Column(Integer, { primaryKey: true });
  static name_ = Column('name', String(40), { nullable: false });
}

declare global {
  namespace JSX {
    interface IntrinsicElements {
      li: { key?: string; children?: unknown };
    }
  }
}

export function PersonItem({ person }: { person: Person }) {
  return <li key={`${person.id}`}>{person.name_}</li>;
}
