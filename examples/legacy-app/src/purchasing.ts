/**
 * Purchase orders: ordering stock from a supplier for a warehouse.
 */
// PENDING-1.x-ORM: 2.0 session calls until retort/legacy has the Query API and the 1.x Session (L301–L305, L401, L402).
import { func, select, Session, update } from 'retort';
import { engine } from './db';
import { OrderLine, OrderStatus, Product, PurchaseOrder, Supplier } from './models';

export interface OrderLineInput {
  sku: string;
  quantity: number;
}

export interface OrderView {
  id: number;
  supplier: string;
  warehouseId: number;
  status: string;
  lines: { sku: string; quantity: number; received: number }[];
}

/** Creates an open purchase order; every SKU must exist. Returns its id. */
export async function createOrder(supplierId: number, warehouseId: number, lines: readonly OrderLineInput[]): Promise<number> {
  if (lines.length === 0) throw new Error('a purchase order needs at least one line');
  for (const l of lines) if (!Number.isInteger(l.quantity) || l.quantity <= 0) throw new Error(`line ${l.sku}: quantity must be a positive whole number, got ${l.quantity}`);
  const session = new Session(engine);
  try {
    return await session.begin(async () => {
      const supplier = await session.get(Supplier, supplierId);
      if (!supplier) throw new Error(`no supplier ${supplierId}`);
      const order = new PurchaseOrder({ supplierId, warehouseId, status: 'open' });
      for (const l of lines) {
        const product = (await session.scalars(select(Product).where(Product.c.sku.eq(l.sku)))).first();
        if (!product) throw new Error(`no product with SKU ${l.sku}`);
        order.lines.push(new OrderLine({ productId: product.id, quantity: l.quantity, received: 0 }));
      }
      session.add(order);
      await session.flush();
      return order.id;
    });
  } finally {
    await session.close();
  }
}

/** An order with its lines and their SKUs; null when there is none. */
export async function getOrder(id: number): Promise<OrderView | null> {
  const session = new Session(engine);
  try {
    const order = await session.get(PurchaseOrder, id);
    if (!order) return null;
    const supplier = await session.load(order, 'supplier');
    const lines = await session.load(order, 'lines');
    const out: OrderView['lines'] = [];
    for (const line of [...lines].sort((a, b) => a.id - b.id)) {
      const product = await session.load(line, 'product');
      out.push({ sku: product ? product.sku : '?', quantity: line.quantity, received: line.received });
    }
    return { id: order.id, supplier: supplier ? supplier.name : '?', warehouseId: order.warehouseId, status: order.status, lines: out };
  } finally {
    await session.close();
  }
}

/** Ids of a supplier's orders in a status, oldest first. */
export async function ordersOfSupplier(supplierName: string, status: OrderStatus = 'open'): Promise<number[]> {
  const session = new Session(engine);
  try {
    const orders = (
      await session.scalars(select(PurchaseOrder).join(PurchaseOrder.c.supplier).where(Supplier.c.name.eq(supplierName), PurchaseOrder.c.status.eq(status)).orderBy(PurchaseOrder.c.id))
    ).all();
    return orders.map((o) => o.id);
  } finally {
    await session.close();
  }
}

/** How many orders are in a status. */
export async function countOrders(status: OrderStatus): Promise<number> {
  const session = new Session(engine);
  try {
    return Number(await session.scalar(select(func.count()).selectFrom(PurchaseOrder.table).where(PurchaseOrder.c.status.eq(status))));
  } finally {
    await session.close();
  }
}

/** Cancels an open order; false when it was not open. */
export async function cancelOrder(id: number): Promise<boolean> {
  const session = new Session(engine);
  try {
    const result = await session.execute(update(PurchaseOrder.table).where(PurchaseOrder.c.id.eq(id), PurchaseOrder.c.status.eq('open')).values({ status: 'cancelled' }));
    await session.commit();
    return result.rowCount === 1;
  } finally {
    await session.close();
  }
}
