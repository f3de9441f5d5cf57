/** Purchase orders: creating, reading, listing, cancelling, and receiving deliveries against them. */
import { addOrderLines, cancelOrder, countOrders, createOrder, getOrder, movementsOf, findProduct, ordersOfSupplier, purgeCancelledOrders, quantityOf, receiveDelivery, recentOrders } from '../src';
import { Catalog, EAST, MAIN, seedCatalog, useFreshDatabase } from './fixtures';

useFreshDatabase();
let catalog: Catalog;
beforeAll(async () => {
  catalog = await seedCatalog();
});

it('creates an order with its lines and reads it back', async () => {
  const id = await createOrder(catalog.acme, MAIN, [
    { sku: 'BOLT-10', quantity: 1000 },
    { sku: 'NUT-10', quantity: 800 },
  ]);
  expect(await getOrder(id)).toEqual({
    id,
    supplier: 'Acme',
    warehouseId: MAIN,
    warehouse: 'MAIN',
    status: 'open',
    lines: [
      { sku: 'BOLT-10', quantity: 1000, received: 0 },
      { sku: 'NUT-10', quantity: 800, received: 0 },
    ],
  });
  expect(await getOrder(id + 100)).toBeNull();
});

it('refuses an order with an unknown SKU, supplier or a bad quantity, writing nothing', async () => {
  const before = await countOrders('open');
  await expect(createOrder(catalog.acme, MAIN, [{ sku: 'BOLT-10', quantity: 5 }, { sku: 'NOPE-1', quantity: 1 }])).rejects.toThrow('no product with SKU NOPE-1');
  await expect(createOrder(9999, MAIN, [{ sku: 'BOLT-10', quantity: 5 }])).rejects.toThrow('no supplier 9999');
  await expect(createOrder(catalog.acme, MAIN, [{ sku: 'BOLT-10', quantity: 0 }])).rejects.toThrow('positive whole number');
  await expect(createOrder(catalog.acme, MAIN, [])).rejects.toThrow('at least one line');
  expect(await countOrders('open')).toBe(before);
});

it('adds lines to an open order, all or none', async () => {
  const id = await createOrder(catalog.globex, EAST, [{ sku: 'DRILL-1', quantity: 1 }]);
  await addOrderLines(id, [{ sku: 'TAPE-1', quantity: 3 }, { sku: 'BOLT-10', quantity: 50 }]);
  await expect(addOrderLines(id, [{ sku: 'NUT-10', quantity: 5 }, { sku: 'NOPE-1', quantity: 1 }])).rejects.toThrow('no product with SKU NOPE-1');
  await expect(addOrderLines(id + 100, [{ sku: 'NUT-10', quantity: 5 }])).rejects.toThrow(`no purchase order ${id + 100}`);
  expect(await getOrder(id)).toMatchObject({
    warehouse: 'EAST',
    lines: [
      { sku: 'DRILL-1', quantity: 1 },
      { sku: 'TAPE-1', quantity: 3 },
      { sku: 'BOLT-10', quantity: 50 },
    ],
  });
  expect(await cancelOrder(id)).toBe(true);
  await expect(addOrderLines(id, [{ sku: 'NUT-10', quantity: 5 }])).rejects.toThrow(`purchase order ${id} is cancelled; only open orders take new lines`);
  expect((await getOrder(id))!.lines).toHaveLength(3);
});

it('receives deliveries line by line and closes the order when complete', async () => {
  const id = await createOrder(catalog.globex, EAST, [{ sku: 'DRILL-1', quantity: 10 }]);
  const drill = (await findProduct('DRILL-1'))!.id;
  expect(await receiveDelivery(id, [{ sku: 'DRILL-1', quantity: 4 }])).toEqual({ status: 'open', lines: [{ sku: 'DRILL-1', received: 4, outstanding: 6 }] });
  expect(await quantityOf(drill, EAST)).toBe(4);
  // Over-delivery is refused as a whole.
  await expect(receiveDelivery(id, [{ sku: 'DRILL-1', quantity: 7 }])).rejects.toThrow('11 received but only 10 ordered');
  await expect(receiveDelivery(id, [{ sku: 'BOLT-10', quantity: 1 }])).rejects.toThrow(`purchase order ${id} has no line for BOLT-10`);
  expect(await quantityOf(drill, EAST)).toBe(4);
  expect(await receiveDelivery(id, [{ sku: 'DRILL-1', quantity: 6 }])).toEqual({ status: 'received', lines: [{ sku: 'DRILL-1', received: 10, outstanding: 0 }] });
  expect(await quantityOf(drill, EAST)).toBe(10);
  expect((await movementsOf(drill)).map((m) => [m.delta, m.reference])).toEqual([[4, `PO-${id}`], [6, `PO-${id}`]]);
  expect(await getOrder(id)).toMatchObject({ status: 'received', lines: [{ sku: 'DRILL-1', quantity: 10, received: 10 }] });
  await expect(receiveDelivery(id, [{ sku: 'DRILL-1', quantity: 1 }])).rejects.toThrow(`purchase order ${id} is received`);
});

it('a failing line undoes the lines received before it in the same delivery', async () => {
  const id = await createOrder(catalog.acme, MAIN, [{ sku: 'BOLT-10', quantity: 10 }, { sku: 'NUT-10', quantity: 10 }]);
  const bolt = (await findProduct('BOLT-10'))!.id;
  const before = await quantityOf(bolt, MAIN);
  await expect(receiveDelivery(id, [{ sku: 'BOLT-10', quantity: 10 }, { sku: 'NUT-10', quantity: 11 }])).rejects.toThrow('11 received but only 10 ordered');
  expect(await quantityOf(bolt, MAIN)).toBe(before);
  expect(await getOrder(id)).toMatchObject({ status: 'open', lines: [{ sku: 'BOLT-10', received: 0 }, { sku: 'NUT-10', received: 0 }] });
});

it('lists, counts, cancels and purges orders', async () => {
  const all = await recentOrders(100);
  expect(all).toHaveLength(4);
  expect([...all].sort((a, b) => a - b)).toEqual(all); // oldest first
  expect(await recentOrders(2)).toEqual(all.slice(-2));
  await expect(recentOrders(0)).rejects.toThrow('count must be a positive whole number');
  const open = await ordersOfSupplier('Acme');
  expect(open).toHaveLength(2);
  expect(await ordersOfSupplier('Globex', 'received')).toHaveLength(1);
  expect(await cancelOrder(open[0])).toBe(true);
  expect(await cancelOrder(open[0])).toBe(false);
  expect(await ordersOfSupplier('Acme')).toEqual([open[1]]);
  expect(await countOrders('cancelled')).toBe(2);
  expect(await countOrders('open')).toBe(1);
  await expect(receiveDelivery(open[0], [{ sku: 'BOLT-10', quantity: 1 }])).rejects.toThrow('is cancelled');
  await expect(receiveDelivery(424242, [])).rejects.toThrow('no purchase order 424242');
  // Housekeeping: cancelled orders go with their lines; the others stay.
  expect(await purgeCancelledOrders()).toBe(2);
  expect(await purgeCancelledOrders()).toBe(0);
  expect(await getOrder(open[0])).toBeNull();
  expect(await countOrders('cancelled')).toBe(0);
  const received = await ordersOfSupplier('Globex', 'received');
  expect(await recentOrders(100)).toEqual([...received, open[1]]);
});
