/** The application's knex instance (the equivalence test swaps in one on a seeded in-memory database). */
import knexFactory from 'knex';

export const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
