/**
 * Creating, seeding and dropping the schema, and a health check of the tables.
 */
import { engine, metadata } from './db';
import { tableName } from './config';
import { stockMovements, warehouses } from './schema';
import './models';

/** The warehouses every deployment starts with. */
export const DEFAULT_WAREHOUSES = [
  { id: 1, code: 'MAIN', name: 'Main warehouse' },
  { id: 2, code: 'EAST', name: 'East depot' },
];

/** Creates the tables that are missing and seeds the warehouses of a new database. */
export async function initDatabase(): Promise<void> {
  const fresh = !(await engine.hasTable(tableName('warehouses')));
  await metadata.createAll();
  if (fresh) {
    const conn = await engine.connect();
    try {
      await conn.execute(warehouses.insert(), DEFAULT_WAREHOUSES[0], DEFAULT_WAREHOUSES[1]);
    } finally {
      await conn.close();
    }
  }
}

/** Drops every table of the service. */
export async function dropDatabase(): Promise<void> {
  await metadata.dropAll();
}

/** Which of the service's tables exist (for the health endpoint). */
export async function schemaStatus(): Promise<{ tables: string[]; movementLog: boolean }> {
  const ours = new Set([...metadata.tables.values()].map((t) => t.name));
  const tables = (await engine.tableNames()).filter((name) => ours.has(name)).sort();
  const movementLog = await stockMovements.exists(engine);
  return { tables, movementLog };
}
