// relation() → relationship(), eagerload() → joinedload(): same arguments, same results.
import { column, createEngine, eagerload, foreignKey, insert, integer, mapper, MetaData, relation, Session, string, Table, relationship, joinedload } from 'retort/legacy';

const md = new MetaData();
const people = new Table('people', md, {
  id: column(integer(), { primaryKey: true, autoincrement: false }),
  name: column(string(40), { nullable: false }),
});
const pets = new Table('pets', md, {
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

export async function run(): Promise<unknown> {
  mapper(Pet, pets);
  mapper(Person, people, { properties: { pets: relationship(Pet, { lazy: 'select' }) } });
  const engine = createEngine('sqlite://');
  await md.createAll(engine);
  await engine.begin(async (conn) => {
    await conn.execute(insert(people), [{ id: 1, name: 'ann' }]);
    await conn.execute(insert(pets), [{ id: 1, ownerId: 1 }, { id: 2, ownerId: 1 }]);
  });
  const session = new Session(engine);
  try {
    const found = await session.query(Person).options(joinedload('pets')).all();
    return found.map((p) => [p.name, p.pets.map((x) => x.id)]);
  } finally {
    await session.close();
    await engine.dispose();
  }
}
