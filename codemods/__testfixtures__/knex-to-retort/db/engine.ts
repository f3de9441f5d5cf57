/** The Retort engine on the application's knex pool: the module the codemod imports `engine` from. */
import { createEngineFromKnex } from 'retort';
import { knex } from './knex';

export const engine = createEngineFromKnex(knex);
