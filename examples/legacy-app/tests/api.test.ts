/** The API end to end: a supplier, a catalog, an order received in two deliveries, stock moves, reports, and the refusals. */
import { DEFAULT_WAREHOUSES, handle, tableName } from '../src';
import { useFreshDatabase } from './fixtures';

useFreshDatabase();

it('reports the schema as healthy', async () => {
  const res = await handle({ method: 'GET', path: '/health' });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    tables: ['order_lines', 'products', 'purchase_orders', 'stock_levels', 'stock_movements', 'suppliers', 'warehouses'].map(tableName).sort(),
    movementLog: true,
  });
});

it('runs an order from creation to receipt and shows the stock', async () => {
  const supplier = await handle({ method: 'POST', path: '/suppliers', body: { name: 'Initech', email: 'sales@initech.test' } });
  expect(supplier.status).toBe(201);
  const supplierId = (supplier.body as { id: number }).id;
  const products = await handle({
    method: 'POST',
    path: '/products',
    body: { products: [{ sku: 'STAPLER', name: 'Red stapler', supplierId, unitPrice: '12.00', reorderLevel: 1 }] },
  });
  expect(products).toEqual({ status: 201, body: { imported: 1 } });
  expect(await handle({ method: 'GET', path: '/products/STAPLER' })).toMatchObject({ status: 200, body: { sku: 'STAPLER', supplier: 'Initech' } });

  const order = await handle({ method: 'POST', path: '/purchase-orders', body: { supplierId, warehouseId: DEFAULT_WAREHOUSES[1].id, lines: [{ sku: 'STAPLER', quantity: 5 }] } });
  expect(order.status).toBe(201);
  const id = (order.body as { id: number }).id;
  expect(await handle({ method: 'POST', path: `/purchase-orders/${id}/receive`, body: { items: [{ sku: 'STAPLER', quantity: 2 }] } })).toEqual({
    status: 201,
    body: { status: 'open', lines: [{ sku: 'STAPLER', received: 2, outstanding: 3 }] },
  });
  expect(await handle({ method: 'POST', path: `/purchase-orders/${id}/receive`, body: { items: [{ sku: 'STAPLER', quantity: 3 }] } })).toMatchObject({ body: { status: 'received' } });
  expect(await handle({ method: 'GET', path: `/purchase-orders/${id}` })).toMatchObject({ status: 200, body: { status: 'received', supplier: 'Initech' } });

  expect(await handle({ method: 'POST', path: '/stock/transfer', body: { sku: 'STAPLER', from: 2, to: 1, quantity: 1, reference: 'TR-9' } })).toEqual({
    status: 201,
    body: [
      { warehouse: 'EAST', quantity: 4 },
      { warehouse: 'MAIN', quantity: 1 },
    ],
  });
  expect(await handle({ method: 'POST', path: '/stock/adjust', body: { sku: 'STAPLER', warehouseId: 1, delta: -1, reason: 'dispatch' } })).toEqual({ status: 201, body: { level: 0 } });
  expect(await handle({ method: 'GET', path: '/products/STAPLER/stock' })).toEqual({ status: 200, body: [{ warehouse: 'EAST', quantity: 4 }, { warehouse: 'MAIN', quantity: 0 }] });
  expect(await handle({ method: 'GET', path: '/reports/stock-status' })).toEqual({ status: 200, body: [{ sku: 'STAPLER', onHand: 4, status: 'ok' }] });
  expect((await handle({ method: 'GET', path: '/reports/movements' })).body).toHaveLength(5);
});

it('answers 404, 400 and 409 with the reason', async () => {
  expect(await handle({ method: 'GET', path: '/nowhere' })).toEqual({ status: 404, body: { error: 'no route for GET /nowhere' } });
  expect(await handle({ method: 'GET', path: '/products/NOPE' })).toEqual({ status: 404, body: { error: 'no product NOPE' } });
  expect(await handle({ method: 'POST', path: '/suppliers', body: { name: 7 } })).toEqual({ status: 400, body: { error: '"name" must be a string' } });
  expect(await handle({ method: 'POST', path: '/suppliers', body: [] })).toEqual({ status: 400, body: { error: 'the request body must be a JSON object' } });
  expect(await handle({ method: 'POST', path: '/stock/adjust', body: { sku: 'STAPLER', warehouseId: 1, delta: -1, reason: 'dispatch' } })).toEqual({
    status: 400,
    body: { error: 'stock of product 1 in warehouse 1 cannot go below zero (would be -1)' },
  });
  const order = await handle({ method: 'POST', path: '/purchase-orders', body: { supplierId: 1, warehouseId: 1, lines: [{ sku: 'STAPLER', quantity: 1 }] } });
  const id = (order.body as { id: number }).id;
  expect(await handle({ method: 'POST', path: `/purchase-orders/${id}/cancel` })).toEqual({ status: 201, body: { cancelled: true } });
  expect(await handle({ method: 'POST', path: `/purchase-orders/${id}/cancel` })).toEqual({ status: 409, body: { error: `purchase order ${id} is not open` } });
});
