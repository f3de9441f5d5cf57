/**
 * The stock movement log: every change of a stock level is appended here, with its reason
 * and the document that caused it (an order number, a count sheet).
 */
import { insert, LegacyConnection, text } from 'retort/legacy';
import { engine } from './db';
import { MovementReason, MOVEMENT_REASONS, stockMovements } from './schema';

export interface Movement {
  productId: number;
  warehouseId: number;
  delta: number;
  reason: MovementReason;
  reference?: string | null;
}

function checked(m: Movement): Movement {
  if (!MOVEMENT_REASONS.includes(m.reason)) throw new Error(`unknown movement reason ${JSON.stringify(m.reason)} (one of ${MOVEMENT_REASONS.join(', ')})`);
  if (!Number.isInteger(m.delta) || m.delta === 0) throw new Error(`a movement needs a non-zero whole delta, got ${m.delta}`);
  return m;
}

/** Appends a movement on `conn`, inside the caller's transaction. */
export async function recordMovement(conn: LegacyConnection, m: Movement): Promise<void> {
  const { productId, warehouseId, delta, reason, reference = null } = checked(m);
  await conn.execute(insert(stockMovements).values({ productId, warehouseId, delta, reason, reference }));
}

/** Appends a note-only movement at once, outside any transaction (it is committed on its own). */
export async function logMovement(m: Movement): Promise<void> {
  const { productId, warehouseId, delta, reason, reference = null } = checked(m);
  const conn = await engine.connect();
  try {
    await conn.execute(insert(stockMovements).values({ productId, warehouseId, delta, reason, reference }));
  } finally {
    await conn.close();
  }
}

/** The movements of a product, oldest first. */
export async function movementsOf(productId: number): Promise<{ delta: number; reason: string; reference: string | null }[]> {
  const conn = await engine.connect();
  try {
    const result = await conn.execute(`SELECT delta, reason, reference FROM ${stockMovements.name} WHERE product_id = :productId ORDER BY id`, { productId });
    return result.all().map((row) => ({ delta: Number(row[0]), reason: String(row[1]), reference: row[2] === null ? null : String(row[2]) }));
  } finally {
    await conn.close();
  }
}

/** The net movement of a product in a warehouse, from the log. */
export async function netMovement(productId: number, warehouseId: number): Promise<number> {
  const conn = await engine.connect();
  try {
    const sql = text(`SELECT COALESCE(SUM(delta), 0) FROM ${stockMovements.name} WHERE product_id = :productId AND warehouse_id = :warehouseId`);
    return Number(await conn.scalar(sql, [productId, warehouseId]));
  } finally {
    await conn.close();
  }
}

/** Deletes the log entries of a product (when it is purged from the catalog), committed as it goes. */
export async function purgeMovements(productId: number): Promise<number> {
  const conn = await engine.connect();
  try {
    const autocommitting = conn.executionOptions({ autocommit: true });
    const result = await autocommitting.execute(stockMovements.delete(stockMovements.c.productId.eq(productId)));
    return result.rowCount;
  } finally {
    await conn.close();
  }
}
