import { knex } from './db/knex';

/** Joins, ordering, grouping, paging, first() and aggregates. */
export async function run(page: number) {
  const titles = await knex('posts')
    .join('users', 'users.id', 'posts.user_id')
    .select('users.name', 'posts.title')
    .orderBy([{ column: 'users.name' }, { column: 'posts.title', order: 'desc' }]);
  const everyone = await knex('users')
    .leftJoin('posts', 'posts.user_id', '=', 'users.id')
    .select('users.id', { title: 'posts.title' })
    .orderBy('users.id')
    .orderBy('posts.title');
  const perUser = await knex('posts').select('user_id').count('id as n').sum({ total: 'views' }).groupBy('user_id').orderBy('user_id');
  const stats = await knex('posts').max('views as most').min('views', { as: 'least' }).first();
  const howMany = await knex('users').count('* as n').first();
  const paged = await knex('users').select('id').orderBy('name', 'desc').limit(2).offset(page * 2);
  const first = await knex('users').where('name', 'bob').first('id', 'age');
  const missing = await knex('users').where({ name: 'nobody' }).first();
  const whole = await knex.select('name').from('users').where('id', 1);
  const distinctAges = await knex('users').distinct('age').whereNotNull('age').orderBy('age');
  return { titles, everyone, perUser, stats, howMany, paged, first, missing, whole, distinctAges };
}
