// mapper() calls the codemod reports: properties, a class that does not declare the table's columns.
import { column, declarativeBase, integer, mapper, MetaData, relation, string, Table } from 'retort/legacy';

export const Base = declarativeBase();
const md = new MetaData();
const people = new Table('people', md, { id: column(integer(), { primaryKey: true }), name: column(string(40)) });
const pets = new Table('pets', md, { id: column(integer(), { primaryKey: true }) });

class Person {
  declare id: number;
  declare name: string | null;
}
class Pet {
  declare id: string;
}
class Loose {}

export const mapAll = () => [
  mapper(Person, people, { properties: { pets: relation(Pet) } }),
  mapper(Pet, pets),
  mapper(Loose, people),
];
