/**
 * Settings of the inventory service, read once from the environment:
 * INVENTORY_DATABASE_URL (default: an in-memory SQLite database), INVENTORY_TABLE_PREFIX
 * (several deployments can share one database) and INVENTORY_FUTURE=1 (the engine refuses
 * every pattern Retort 2.0 removed, for the CI run after the upgrade).
 */
export interface InventoryConfig {
  readonly databaseUrl: string;
  readonly tablePrefix: string;
  readonly future: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): InventoryConfig {
  const tablePrefix = env.INVENTORY_TABLE_PREFIX ?? '';
  if (!/^[A-Za-z0-9_]*$/.test(tablePrefix)) {
    throw new Error(`INVENTORY_TABLE_PREFIX may hold letters, digits and underscores only, got ${JSON.stringify(tablePrefix)}`);
  }
  const future = env.INVENTORY_FUTURE ?? '0';
  if (future !== '0' && future !== '1') throw new Error(`INVENTORY_FUTURE must be 0 or 1, got ${JSON.stringify(future)}`);
  return { databaseUrl: env.INVENTORY_DATABASE_URL || 'sqlite://', tablePrefix, future: future === '1' };
}

export const config = loadConfig();

/** The name of one of the service's tables, with the deployment's prefix. */
export function tableName(name: string): string {
  return config.tablePrefix + name;
}
