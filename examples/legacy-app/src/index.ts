/**
 * The inventory service: catalog, purchasing, receiving, stock and reports over one
 * database. `handle()` is its API; the modules are usable on their own.
 */
export { config, tableName } from './config';
export { engine, closeDatabase } from './db';
export { initDatabase, dropDatabase, schemaStatus, DEFAULT_WAREHOUSES } from './setup';
export { handle, ApiError } from './api';
export type { ApiRequest, ApiResponse } from './api';
export * from './catalog';
export * from './purchasing';
export * from './receiving';
export * from './adjustments';
export * from './stock';
export * from './movements';
export * from './reports';
