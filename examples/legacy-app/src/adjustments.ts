/**
 * Changing stock: every change updates the level and appends to the movement log in one
 * transaction, so the log always adds up to the levels.
 */
import { LegacyConnection } from 'retort/legacy';
import { engine } from './db';
import { Movement, recordMovement } from './movements';
import { levelOn, writeLevel } from './stock';

/**
 * Applies a movement on `conn` in a transaction of its own — or, when the caller already
 * began one, as part of the caller's. Returns the new level.
 */
export async function applyMovement(conn: LegacyConnection, m: Movement): Promise<number> {
  const tx = await conn.begin();
  try {
    const level = (await levelOn(conn, m.productId, m.warehouseId)) + m.delta;
    await writeLevel(conn, m.productId, m.warehouseId, level);
    await recordMovement(conn, m);
    await tx.commit();
    return level;
  } catch (e) {
    await tx.rollback();
    throw e;
  }
}

/** One movement on its own connection (a stock count, a manual correction). Returns the new level. */
export async function adjustStock(m: Movement): Promise<number> {
  return engine.runCallable(applyMovement, m);
}

/** Moves stock between warehouses: both movements or neither. */
export async function transferStock(productId: number, fromWarehouseId: number, toWarehouseId: number, quantity: number, reference: string): Promise<void> {
  if (!Number.isInteger(quantity) || quantity <= 0) throw new Error(`transfer quantity must be a positive whole number, got ${quantity}`);
  await engine.transaction(async (conn) => {
    await applyMovement(conn, { productId, warehouseId: fromWarehouseId, delta: -quantity, reason: 'dispatch', reference });
    await applyMovement(conn, { productId, warehouseId: toWarehouseId, delta: quantity, reason: 'receipt', reference });
  });
}
