import { select } from 'retort';
import { knex } from './db/knex';
import { users } from './db/tables';

/** A file already part-way through: existing imports are reused, names in use are not taken. */
export async function run(conn: number) {
  const posts = await knex('posts').select('title').where('user_id', conn).orderBy('title');
  const typed = select(users.c.name);
  const left = await knex('posts').where('title', knex.raw('?', ['x']));
  const names = await knex('users').select('name').where('id', conn).then((rows) => rows.map((r) => r.name));
  return { posts, typed: typeof typed.where, left, names };
}
