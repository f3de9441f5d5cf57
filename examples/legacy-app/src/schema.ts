/**
 * The Core tables: warehouses, the quantity of each product held in each warehouse, and
 * the append-only log of stock movements. (Catalog and purchasing are ORM models, see
 * models.ts; both live in the same MetaData.)
 */
import { column, foreignKey, integer, string, Table } from 'retort/legacy';
import { metadata } from './db';
import { tableName } from './config';

export const warehouses = new Table(tableName('warehouses'), metadata, {
  id: column(integer(), { primaryKey: true }),
  code: column(string(10), { nullable: false, unique: true }),
  name: column(string(60), { nullable: false }),
});

export const stockLevels = new Table(tableName('stock_levels'), metadata, {
  warehouseId: column(integer(), { name: 'warehouse_id', primaryKey: true, autoincrement: false, references: foreignKey(() => warehouses.c.id) }),
  productId: column(integer(), { name: 'product_id', primaryKey: true, autoincrement: false, references: foreignKey(`${tableName('products')}.id`) }),
  quantity: column(integer(), { nullable: false }),
});

/** Every change of a stock level, with why it happened ('receipt', 'dispatch', 'count', 'adjustment'). */
export const stockMovements = new Table(tableName('stock_movements'), metadata, {
  id: column(integer(), { primaryKey: true }),
  warehouseId: column(integer(), { name: 'warehouse_id', nullable: false, references: foreignKey(() => warehouses.c.id) }),
  productId: column(integer(), { name: 'product_id', nullable: false, references: foreignKey(`${tableName('products')}.id`) }),
  delta: column(integer(), { nullable: false }),
  reason: column(string(20), { nullable: false }),
  reference: column(string(40)),
});

export const MOVEMENT_REASONS = ['receipt', 'dispatch', 'count', 'adjustment'] as const;
export type MovementReason = (typeof MOVEMENT_REASONS)[number];
