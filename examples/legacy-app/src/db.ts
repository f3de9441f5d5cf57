/**
 * The database handle of the service: one engine for the process and the MetaData that
 * every table and model belongs to. The MetaData is bound to the engine, so schema
 * operations and statements can find the database by themselves.
 */
import { createEngine, MetaData } from 'retort/legacy';
import { config } from './config';

export const engine = createEngine(config.databaseUrl, { future: config.future });

export const metadata = new MetaData({ bind: engine });

/** Closes the pooled connections (tests and scripts call it when they are done). */
export async function closeDatabase(): Promise<void> {
  await engine.dispose();
}
