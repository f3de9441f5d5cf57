/**
 * Stock levels: how many of a product each warehouse holds. Reads run on the engine
 * directly; writes take the connection of the caller's transaction.
 */
import { and, func, insert, LegacyConnection, select, update } from 'retort/legacy';
import { engine } from './db';
import { stockLevels, warehouses } from './schema';

export interface WarehouseStock {
  warehouse: string;
  quantity: number;
}

/** The quantity of a product in one warehouse (0 when it was never stocked there). */
export async function quantityOf(productId: number, warehouseId: number): Promise<number> {
  const qty = await engine.scalar(select([stockLevels.c.quantity], and(stockLevels.c.productId.eq(productId), stockLevels.c.warehouseId.eq(warehouseId))));
  return qty === null || qty === undefined ? 0 : Number(qty);
}

/** The stock of a product in every warehouse that holds some, by warehouse code. */
export async function stockByWarehouse(productId: number): Promise<WarehouseStock[]> {
  const result = await engine.execute(
    select([warehouses.c.code, stockLevels.c.quantity], stockLevels.c.productId.eq(productId), {
      from: [stockLevels.join(warehouses, stockLevels.c.warehouseId.eq(warehouses.c.id))],
      orderBy: [warehouses.c.code],
    }),
  );
  return result.all().map((row) => ({ warehouse: String(row.get('code')), quantity: Number(row.get(stockLevels.c.quantity)) }));
}

/** The quantity of a product over all warehouses. */
export async function totalOnHand(productId: number): Promise<number> {
  return Number(await engine.scalar(select([func.coalesce(func.sum(stockLevels.c.quantity), 0)], stockLevels.c.productId.eq(productId))));
}

/**
 * Sets the stock level of a product in a warehouse on `conn` (inside the caller's
 * transaction): an UPDATE, or an INSERT the first time.
 */
export async function writeLevel(conn: LegacyConnection, productId: number, warehouseId: number, quantity: number): Promise<void> {
  if (quantity < 0) throw new Error(`stock of product ${productId} in warehouse ${warehouseId} cannot go below zero (would be ${quantity})`);
  const where = and(stockLevels.c.productId.eq(productId), stockLevels.c.warehouseId.eq(warehouseId));
  const updated = await conn.execute(update(stockLevels, where, { quantity }));
  if (updated.rowCount === 0) await conn.execute(insert(stockLevels, { values: { productId, warehouseId, quantity } }));
}

/** The current level on `conn`, read inside the caller's transaction. */
export async function levelOn(conn: LegacyConnection, productId: number, warehouseId: number): Promise<number> {
  const rows = (await conn.execute(stockLevels.select(and(stockLevels.c.productId.eq(productId), stockLevels.c.warehouseId.eq(warehouseId))))).all();
  if (rows.length === 0) return 0;
  const row = rows[0];
  return 'quantity' in row ? Number(row.get('quantity')) : 0;
}
