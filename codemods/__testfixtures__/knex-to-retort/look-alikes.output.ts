/** Calls that look like knex but are not: nothing here may change, and nothing is reported. */
import { db } from './db/other';

declare function request(path: string): { where(k: string, v: unknown): Promise<unknown>; first(): Promise<unknown> };
declare const _: { first<T>(xs: T[]): T | undefined };

export async function run() {
  const a = await request('users').where('id', 1);
  const b = await db('users').where('id', 1).first();
  const c = _.first([1, 2]);
  const d = await Promise.resolve([1]).then((xs) => xs.length);
  const e = await [knexLike].map((k) => k.select('id')).length;
  const list = { where: (x: string) => x };
  const f = list.where('users');
  return { a, b, c, d, e, f };
}

const knexLike = { select: (c: string) => c };

export async function shadowed() {
  const knex = (t: string) => ({ where: async (k: string, v: number) => [t, k, v] });
  return knex('users').where('id', 1);
}
