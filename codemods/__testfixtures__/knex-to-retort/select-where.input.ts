import { knex } from './db/knex';

/** Reads with every WHERE form the transform knows. */
export async function run(minAge: number, names: string[]) {
  const adults = await knex('users').select('id', 'name').where('age', '>=', minAge).orderBy('id');
  const byObject = await knex('users').where({ name: 'ada', age: 36 });
  const byPair = await knex('users').select('name').where('id', 2);
  const grouped = await knex('users')
    .select('id')
    .where('age', '>', 20)
    .where(function () {
      this.where('name', 'bob').orWhere('name', 'like', 'c%');
    })
    .orderBy('id');
  const arrowGroup = await knex('users').select('id').where((qb) => qb.whereNull('age').orWhere({ team_name: 'red' })).orderBy('id');
  const listed = await knex('users').select('id').whereIn('name', names).orderBy('id');
  const notListed = await knex('users').select('id').whereNotIn('id', [1, 2]).orderBy('id');
  const noAge = await knex('users').select('name').whereNull('age');
  const withTeam = await knex('users').select('name', 'team_name').whereNotNull('team_name').orderBy('name');
  const either = await knex('users').select('id').where('id', 1).orWhere('age', '<', 30).andWhere('name', '<>', 'dan').orderBy('id');
  const negated = await knex('users').select('id').whereNot({ name: 'ada' }).orderBy('id');
  const between = await knex('users').select('id').whereBetween('age', [20, 40]).orderBy('id');
  const notEither = await knex('users').select('id').where('id', '>', 3).orWhereNot({ name: 'ada', age: 36 }).orderBy('id');
  const orObject = await knex('users').select('id').where('id', 5).orWhere({ name: 'bob', age: 25 }).orderBy('id');
  const renamed = await knex('users').select('name as who', 'team_name').where('team_name', 'red');
  return { adults, byObject, byPair, grouped, arrowGroup, listed, notListed, noAge, withTeam, either, negated, between, notEither, orObject, renamed };
}
