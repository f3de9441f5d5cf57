import { knex } from './db/knex';

/** INSERT, UPDATE and DELETE, with and without returning(), and what they leave behind. */
export async function run(title: string) {
  await knex('users').insert({ id: 10, name: 'eve', age: 22 });
  const inserted = await knex('posts').insert([{ user_id: 10, title, views: 0 }, { user_id: 10, title: 'second', views: 1 }]).returning(['id', 'title']);
  const keyed = await knex('posts').insert({ user_id: 1, title: 'third', views: 2 }, 'user_id');
  const updated = await knex('users').where('id', 10).update({ team_name: 'blue', age: 23 });
  const renamed = await knex('users').update('name', 'eve2').where({ id: 10 }).returning('*');
  const bumped = await knex('posts').where('user_id', 10).increment('views', 5);
  const lowered = await knex('posts').where({ title: 'second' }).decrement('views');
  const removed = await knex('posts').where('views', '<', 3).del();
  const gone = await knex('users').where('id', 5).delete();
  const users = await knex('users').orderBy('id');
  const posts = await knex('posts').select('user_id', 'title', 'views').orderBy('title');
  return { inserted, keyed, updated, renamed, bumped, lowered, removed, gone, users, posts };
}
