import { knex } from './db/knex';

export async function run(minAge: number) {
  const adults = await knex('users').select('id', 'team_name').where('age', '>=', minAge).orderBy('id');
  const bob = await knex('users').where({ name: 'bob' }).first('id', 'age');
  const perUser = await knex('posts').select('user_id').count('id as n').groupBy('user_id').orderBy('user_id');
  const changed = await knex.transaction(async (trx) => {
    await trx('posts').insert({ user_id: 2, title: 'b2', views: 0 });
    return trx('posts').where('user_id', 2).increment('views', 1);
  });
  return { adults, bob, perUser, changed };
}
