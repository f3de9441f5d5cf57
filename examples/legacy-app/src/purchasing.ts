/**
 * Purchase orders: ordering stock from a supplier for a warehouse.
 */
import { joinedload, selectinload, Session, update } from 'retort/legacy';
import { engine } from './db';
import { readSession } from './catalog';
import { OrderLine, OrderStatus, Product, PurchaseOrder, Supplier } from './models';

export interface OrderLineInput {
  sku: string;
  quantity: number;
}

export interface OrderView {
  id: number;
  supplier: string;
  warehouseId: number;
  warehouse: string;
  status: string;
  lines: { sku: string; quantity: number; received: number }[];
}

function checkLines(lines: readonly OrderLineInput[]): void {
  if (lines.length === 0) throw new Error('a purchase order needs at least one line');
  for (const l of lines) if (!Number.isInteger(l.quantity) || l.quantity <= 0) throw new Error(`line ${l.sku}: quantity must be a positive whole number, got ${l.quantity}`);
}

/**
 * Adds lines to an order, every SKU must exist. Runs inside the caller's transaction when
 * there is one (a subtransaction: its commit only flushes), or in a transaction of its own.
 */
async function addLines(session: Session, order: PurchaseOrder, lines: readonly OrderLineInput[]): Promise<void> {
  await session.begin({ subtransactions: true });
  try {
    for (const l of lines) {
      const product = await session.query(Product).filterBy({ sku: l.sku }).first();
      if (!product) throw new Error(`no product with SKU ${l.sku}`);
      // Pointing the line at its order puts it in the order's lines (the backref), and in the order's session.
      const line = new OrderLine({ productId: product.id, quantity: l.quantity, received: 0 });
      line.order = order;
    }
    await session.commit();
  } catch (e) {
    await session.rollback();
    throw e;
  }
}

/** Creates an open purchase order; every SKU must exist. Returns its id. */
export async function createOrder(supplierId: number, warehouseId: number, lines: readonly OrderLineInput[]): Promise<number> {
  checkLines(lines);
  const session = new Session({ bind: engine, autocommit: true });
  try {
    await session.begin();
    try {
      const supplier = await session.query(Supplier).get(supplierId);
      if (!supplier) throw new Error(`no supplier ${supplierId}`);
      const order = new PurchaseOrder({ supplierId, warehouseId, status: 'open' });
      await addLines(session, order, lines);
      session.add(order);
      await session.commit();
      return order.id;
    } catch (e) {
      await session.rollback();
      throw e;
    }
  } finally {
    await session.close();
  }
}

/** Adds lines to an open order (all or none). */
export async function addOrderLines(orderId: number, lines: readonly OrderLineInput[]): Promise<void> {
  checkLines(lines);
  const session = new Session({ bind: engine });
  try {
    const order = await session.query(PurchaseOrder).get(orderId);
    if (!order) throw new Error(`no purchase order ${orderId}`);
    if (order.status !== 'open') throw new Error(`purchase order ${orderId} is ${order.status}; only open orders take new lines`);
    await session.load(order, 'lines');
    await addLines(session, order, lines);
    await session.commit();
  } finally {
    await session.close();
  }
}

/** An order with its supplier, warehouse, lines and their SKUs; null when there is none. */
export async function getOrder(id: number): Promise<OrderView | null> {
  const session = readSession();
  try {
    const order = await session.query(PurchaseOrder).options(joinedload('supplier'), joinedload('warehouse'), selectinload('lines.product')).filter(PurchaseOrder.id.eq(id)).oneOrNone();
    if (!order) return null;
    const lines = [...(order.lines as OrderLine[])].sort((a, b) => a.id - b.id);
    return {
      id: order.id,
      supplier: order.supplier.name_,
      warehouseId: order.warehouseId,
      warehouse: order.warehouse.code,
      status: order.status,
      lines: lines.map((line) => ({ sku: line.product.sku, quantity: line.quantity, received: line.received })),
    };
  } finally {
    await session.close();
  }
}

/** Ids of a supplier's orders in a status, oldest first. */
export async function ordersOfSupplier(supplierName: string, status: OrderStatus = 'open'): Promise<number[]> {
  const session = readSession();
  try {
    const supplier = await session.query(Supplier).filter(Supplier.name_.eq(supplierName)).first();
    if (!supplier) return [];
    const orders = await supplier.orders.filterBy({ status }).orderBy(PurchaseOrder.id).all();
    return orders.map((o: PurchaseOrder) => o.id);
  } finally {
    await session.close();
  }
}

/** Ids of the `count` most recent orders, oldest of them first (the purchasing dashboard). */
export async function recentOrders(count: number): Promise<number[]> {
  if (!Number.isInteger(count) || count <= 0) throw new Error(`count must be a positive whole number, got ${count}`);
  const session = readSession();
  try {
    const orders = await session.query(PurchaseOrder).orderBy(PurchaseOrder.id.desc()).limit(count).fromSelf().orderBy(PurchaseOrder.id).all();
    return orders.map((o) => o.id);
  } finally {
    await session.close();
  }
}

/** How many orders are in a status. */
export async function countOrders(status: OrderStatus): Promise<number> {
  const session = readSession();
  try {
    return await session.query(PurchaseOrder).filterBy({ status }).count();
  } finally {
    await session.close();
  }
}

/** Cancels an open order; false when it was not open. */
export async function cancelOrder(id: number): Promise<boolean> {
  const session = new Session({ bind: engine });
  try {
    const stmt = update(PurchaseOrder.table).where(PurchaseOrder.id.eq(id), PurchaseOrder.status.eq('open')).values({ status: 'cancelled' });
    // The mapper names the database of purchasing (deployments once split it off).
    const result = await session.execute(stmt, {}, { mapper: PurchaseOrder });
    await session.commit();
    return result.rowCount === 1;
  } finally {
    await session.close();
  }
}

/** Deletes the cancelled orders and their lines; returns how many orders went. */
export async function purgeCancelledOrders(): Promise<number> {
  const session = new Session({ bind: engine });
  try {
    const cancelled = session.query(PurchaseOrder.id).filterBy({ status: 'cancelled' }).statement;
    await session.query(OrderLine).filter(OrderLine.orderId.in(cancelled)).delete({ synchronizeSession: false });
    const purged = await session.query(PurchaseOrder).filterBy({ status: 'cancelled' }).delete();
    await session.commit();
    return purged;
  } finally {
    await session.close();
  }
}
