/** Retort on knex's connections: an engine over knex's pool, and Connections inside knex transactions. */
export { createEngineFromKnex, KnexEngine } from './knex-engine';
export type { KnexEngineOptions } from './knex-engine';
export type { KnexLike, KnexTransactionLike, KnexClientLike } from './knex-types';
