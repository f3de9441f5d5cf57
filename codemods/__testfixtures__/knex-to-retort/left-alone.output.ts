import type { Knex } from 'knex';
import { knex } from './db/knex';

/** Chains the transform must not touch: each is reported with its reason. */
export async function run(table: string, id: number, row: { name: string }, column: string) {
  const interpolated = await knex.raw(`select * from users where id = ${id}`);
  const raw = await knex.raw('select count(*) as n from users');
  const dynamic = await knex(table).where('id', id);
  const stored = knex('users').where('id', id);
  if (id > 1) stored.orWhere('id', 1);
  const fromStored = await stored;
  const unknownTable = await knex('accounts').where('id', id);
  const unknownColumn = await knex('users').where('email', 'x@example.com');
  const dynamicColumn = await knex('users').where(column, id);
  const ambiguous = await knex('users').join('posts', 'users.id', 'posts.user_id').where('id', id);
  const rawInChain = await knex('users').where('age', '>', knex.raw('1 + 1'));
  const subquery = await knex('users').whereIn('id', knex('posts').select('user_id'));
  const fromVariable = await knex('users').insert(row);
  const insertResult = await knex('users').insert({ name: 'zed' });
  const noAlias = await knex('users').count('id');
  const aliased = await knex('users as u').select('u.id');
  const conditional = await knex('users').where((qb) => {
    if (id) qb.where('id', id);
  });
  const having = await knex('posts').select('user_id').count('id as n').groupBy('user_id').having('n', '>', 1);
  return { interpolated, raw, dynamic, fromStored, unknownTable, unknownColumn, dynamicColumn, ambiguous, rawInChain, subquery, fromVariable, insertResult, noAlias, aliased, conditional, having };
}

/** Returned from a function that is not async: the caller may chain more. */
export function builder(id: number) {
  return knex('users').where('id', id);
}

/** A knex parameter may be a transaction, or another instance. */
export async function withParameter(knex: Knex, id: number) {
  return knex('users').where('id', id);
}

/** knex reached through an object may be a transaction: reported, not rewritten. */
export class UserStore {
  constructor(private readonly knex: Knex) {}

  async byId(id: number) {
    return this.knex('users').where('id', id).first();
  }
}
