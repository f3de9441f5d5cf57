// eagerload() of one typed relationship attribute is 2.0's joinedLoad(); several attributes (a path) keep the 1.x joinedload().
import { column, declarativeBase, eagerload, foreignKey, integer, many, one, select } from 'retort/legacy';

const Base = declarativeBase();
class Owner extends Base.model('owners', {
  id: column(integer(), { primaryKey: true }),
  pets: many<Pet>('Pet', { backPopulates: 'owner' }),
}) {}
class Pet extends Base.model('pets', {
  id: column(integer(), { primaryKey: true }),
  ownerId: column(integer(), { references: foreignKey('owners.id') }),
  owner: one<Owner>('Owner', { backPopulates: 'pets' }),
}) {}
Base.register(Owner, Pet);

export const owners = select(Owner).options(eagerload(Owner.c.pets));
export const chained = select(Owner).options(eagerload(Owner.c.pets, Pet.c.owner));
