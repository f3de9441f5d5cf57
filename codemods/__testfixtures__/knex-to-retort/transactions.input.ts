import type { Knex } from 'knex';
import { knex } from './db/knex';

async function rename(trx: Knex.Transaction, id: number, name: string) {
  return trx('users').where({ id }).update({ name });
}

/** Statements inside knex transactions, committed and rolled back. */
export async function run() {
  const seen = await knex.transaction(async (trx) => {
    await trx('users').insert({ id: 20, name: 'fay' });
    await rename(trx, 20, 'faye');
    const changed = await knex('posts').transacting(trx).where('user_id', 1).update({ views: 100 });
    const inside = await trx('users').select('name').where('id', 20).first();
    return { changed, inside };
  });
  let failed = '';
  try {
    await knex.transaction(async (trx) => {
      await trx('posts').where('user_id', 1).del();
      await trx('users').where('id', 1).del();
      await trx('posts').insert({ user_id: 2, title: 'lost', views: 0 });
      throw new Error('undo');
    });
  } catch (e) {
    failed = (e as Error).message === 'undo' ? 'rolled back' : String(e);
  }
  const trx = await knex.transaction();
  await trx('users').where('id', 2).update({ age: 26 });
  const ages = await trx('users').select('age').where('id', 2);
  await trx.commit();
  const users = await knex('users').select('id', 'name', 'age').orderBy('id');
  const posts = await knex('posts').select('title', 'views').orderBy('id');
  return { seen, failed, ages, users, posts };
}
