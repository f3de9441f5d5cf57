// Every contender module, loaded only in the worker that runs it (peers are heavy to load).
// Order here is the order of the result tables.
export const CONTENDERS = {
  raw: () => import('./raw.mjs'),
  'retort-core': () => import('./retort-core.mjs'),
  'retort-orm': () => import('./retort-orm.mjs'),
  knex: () => import('./knex.mjs'),
  kysely: () => import('./kysely.mjs'),
  drizzle: () => import('./drizzle.mjs'),
  typeorm: () => import('./typeorm.mjs'),
  mikroorm: () => import('./mikroorm.mjs'),
  sequelize: () => import('./sequelize.mjs'),
};
