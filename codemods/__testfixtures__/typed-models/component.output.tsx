// TSX: a model declared next to a component; the JSX stays as written.
import { Column, declarativeBase, Integer, String, column, integer, string } from 'retort/legacy';

const Base = declarativeBase();

export class Person extends Base.model('people', {
  id: column(integer(), { primaryKey: true }),
  name_: column(string(40), { name: 'name', nullable: false }),
}) {}
Base.register(Person);

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
