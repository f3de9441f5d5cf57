/**
 * Reports for the back office: stock status against reorder levels, movement history,
 * recent activity, warehouse totals, the busiest products and a CSV export of the log.
 */
import { case_, func, MetaData, select, Table, union } from 'retort/legacy';
import { engine } from './db';
import { tableName } from './config';
import { Product } from './models';
import { stockLevels, stockMovements, warehouses } from './schema';

export interface StockStatusLine {
  sku: string;
  onHand: number;
  status: 'reorder' | 'low' | 'ok';
}

/** Every active product with its stock over all warehouses, against its reorder level. */
export async function stockStatus(): Promise<StockStatusLine[]> {
  const onHand = select([func.coalesce(func.sum(stockLevels.c.quantity), 0)], stockLevels.c.productId.eq(Product.id)).asScalar();
  const status = case_([[onHand.le(Product.reorderLevel), 'reorder'], [onHand.le(Product.reorderLevel.mul(2)), 'low']], { else: 'ok' });
  const result = await engine.execute(select([Product.sku, onHand.label('on_hand'), status.label('status')], Product.active.eq(true), { orderBy: [Product.sku] }));
  return result.all().map((row) => ({ sku: String(row[0]), onHand: Number(row[1]), status: row[2] as StockStatusLine['status'] }));
}

export interface MovementFilter {
  warehouseCode?: string;
  reason?: string;
  sku?: string;
}

/** Movements matching a filter, newest first: warehouse code, SKU, delta, reason, reference. */
export async function movementHistory(filter: MovementFilter = {}): Promise<{ warehouse: string; sku: string; delta: number; reason: string; reference: string | null }[]> {
  const stmt = select([warehouses.c.code, Product.sku, stockMovements.c.delta, stockMovements.c.reason, stockMovements.c.reference], null, {
    from: [stockMovements.join(warehouses, stockMovements.c.warehouseId.eq(warehouses.c.id)).join(Product.table, stockMovements.c.productId.eq(Product.id))],
  });
  if (filter.warehouseCode !== undefined) stmt.appendWhereClause(warehouses.c.code.eq(filter.warehouseCode));
  if (filter.reason !== undefined) stmt.appendWhereClause(stockMovements.c.reason.eq(filter.reason));
  if (filter.sku !== undefined) stmt.appendWhereClause(Product.sku.eq(filter.sku));
  stmt.appendOrderBy(stockMovements.c.id.desc());
  const rows = (await stmt.execute()).all();
  return rows.map(([warehouse, sku, delta, reason, reference]) => ({ warehouse, sku, delta, reason, reference }));
}

/** The latest receipts and dispatches together: reference and delta, by reference. */
export async function recentActivity(limit: number): Promise<{ reference: string; delta: number }[]> {
  const receipts = select([stockMovements.c.reference, stockMovements.c.delta], stockMovements.c.reason.eq('receipt'));
  const dispatches = select([stockMovements.c.reference, stockMovements.c.delta], stockMovements.c.reason.eq('dispatch'));
  const conn = await engine.connect();
  try {
    const rows = (await conn.execute(union(receipts, dispatches, { orderBy: [stockMovements.c.reference, stockMovements.c.delta], limit }))).all();
    return rows.map((row) => ({ reference: String(row[0]), delta: Number(row[1]) }));
  } finally {
    await conn.close();
  }
}

/** Units held per warehouse code. */
export async function warehouseTotals(): Promise<Record<string, number>> {
  const stmt = select([warehouses.c.code, func.sum(stockLevels.c.quantity).label('units')], null, {
    from: [warehouses.join(stockLevels, stockLevels.c.warehouseId.eq(warehouses.c.id))],
    groupBy: [warehouses.c.code],
  }).applyLabels();
  const rows = (await engine.execute(stmt)).all();
  const out: Record<string, number> = {};
  for (const row of rows) out[String(row.get(`${warehouses.name}_code`))] = Number(row.get('units'));
  return out;
}

/** The products moved most (total units in and out), most first. */
export async function busiestProducts(limit: number): Promise<{ productId: number; moved: number }[]> {
  const totals = select([stockMovements.c.productId, func.sum(func.abs(stockMovements.c.delta)).label('moved')], null, { groupBy: [stockMovements.c.productId] });
  const stmt = select([totals.c.productId, totals.c.moved], null, { orderBy: [totals.c.moved.desc(), totals.c.productId], limit });
  const rows = (await engine.execute(stmt)).all();
  return rows.map((row) => ({ productId: Number(row[0]), moved: Number(row[1]) }));
}

/**
 * The movement log as CSV, with whatever columns the table has in the database (read
 * from the database, so a column added by a migration is exported without a code change).
 */
export async function exportMovementsCsv(): Promise<string> {
  const log = await new Table(tableName('stock_movements'), new MetaData(), { autoload: true, autoloadWith: engine });
  const names = Object.keys(log.c);
  return engine.runCallable(async (conn) => {
    const rows = (await conn.execute(select([log]).orderBy(log.c.id))).all();
    const cell = (v: unknown) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    return [names.join(','), ...rows.map((row) => names.map((n) => cell(row.get(n))).join(','))].join('\n') + '\n';
  });
}
