/**
 * Receiving: goods arrive against a purchase order. Each received line raises the stock of
 * the order's warehouse, is logged, and counts against the line; an order whose lines are
 * all received is closed. One transaction for the whole delivery.
 */
import { select, update } from 'retort/legacy';
import { engine } from './db';
import { applyMovement } from './adjustments';
import { OrderLine, Product, PurchaseOrder } from './models';

export interface Delivery {
  sku: string;
  quantity: number;
}

export interface ReceiptResult {
  status: string;
  lines: { sku: string; received: number; outstanding: number }[];
}

export async function receiveDelivery(orderId: number, delivery: readonly Delivery[]): Promise<ReceiptResult> {
  return engine.transaction(async (conn) => {
    const order = (await conn.execute(select([PurchaseOrder.status, PurchaseOrder.warehouseId], PurchaseOrder.id.eq(orderId)))).first();
    if (!order) throw new Error(`no purchase order ${orderId}`);
    if (order.status !== 'open') throw new Error(`purchase order ${orderId} is ${order.status}; only open orders receive goods`);
    const lines = (
      await conn.execute(
        select([OrderLine.id, OrderLine.productId, OrderLine.quantity, OrderLine.received, Product.sku], OrderLine.orderId.eq(orderId), {
          from: [OrderLine.table.join(Product.table, OrderLine.productId.eq(Product.id))],
          orderBy: [OrderLine.id],
        }),
      )
    ).all();
    const received = new Map(lines.map((l) => [l.sku, l.received]));
    for (const item of delivery) {
      const line = lines.find((l) => l.sku === item.sku);
      if (!line) throw new Error(`purchase order ${orderId} has no line for ${item.sku}`);
      const total = received.get(item.sku)! + item.quantity;
      if (!Number.isInteger(item.quantity) || item.quantity <= 0) throw new Error(`${item.sku}: received quantity must be a positive whole number, got ${item.quantity}`);
      if (total > line.quantity) throw new Error(`${item.sku}: ${total} received but only ${line.quantity} ordered`);
      await applyMovement(conn, { productId: line.productId, warehouseId: order.warehouseId, delta: item.quantity, reason: 'receipt', reference: `PO-${orderId}` });
      await conn.execute(update(OrderLine.table, OrderLine.id.eq(line.id), { received: total }));
      received.set(item.sku, total);
    }
    const complete = lines.every((l) => received.get(l.sku) === l.quantity);
    if (complete) await conn.execute(update(PurchaseOrder.table, PurchaseOrder.id.eq(orderId), { status: 'received' }));
    return {
      status: complete ? 'received' : 'open',
      lines: lines.map((l) => ({ sku: l.sku, received: received.get(l.sku)!, outstanding: l.quantity - received.get(l.sku)! })),
    };
  });
}
