/** Stock levels and the movement log: adjustments, transfers, the log adding up, purging. */
import { adjustStock, findProduct, logMovement, movementsOf, netMovement, purgeMovements, quantityOf, stockByWarehouse, totalOnHand, transferStock } from '../src';
import { EAST, MAIN, seedCatalog, useFreshDatabase } from './fixtures';

useFreshDatabase();
let bolt: number;
let drill: number;
beforeAll(async () => {
  await seedCatalog();
  bolt = (await findProduct('BOLT-10'))!.id;
  drill = (await findProduct('DRILL-1'))!.id;
});

it('adjusts stock, keeping one level per warehouse and a log entry per change', async () => {
  expect(await quantityOf(bolt, MAIN)).toBe(0);
  expect(await adjustStock({ productId: bolt, warehouseId: MAIN, delta: 500, reason: 'count', reference: 'COUNT-1' })).toBe(500);
  expect(await adjustStock({ productId: bolt, warehouseId: MAIN, delta: -120, reason: 'dispatch', reference: 'SO-1' })).toBe(380);
  expect(await adjustStock({ productId: bolt, warehouseId: EAST, delta: 40, reason: 'count' })).toBe(40);
  expect(await quantityOf(bolt, MAIN)).toBe(380);
  expect(await stockByWarehouse(bolt)).toEqual([
    { warehouse: 'EAST', quantity: 40 },
    { warehouse: 'MAIN', quantity: 380 },
  ]);
  expect(await totalOnHand(bolt)).toBe(420);
  expect(await totalOnHand(drill)).toBe(0);
  expect(await movementsOf(bolt)).toEqual([
    { delta: 500, reason: 'count', reference: 'COUNT-1' },
    { delta: -120, reason: 'dispatch', reference: 'SO-1' },
    { delta: 40, reason: 'count', reference: null },
  ]);
  expect(await netMovement(bolt, MAIN)).toBe(380);
});

it('refuses to take stock below zero and leaves level and log untouched', async () => {
  await expect(adjustStock({ productId: bolt, warehouseId: EAST, delta: -41, reason: 'dispatch' })).rejects.toThrow('cannot go below zero');
  expect(await quantityOf(bolt, EAST)).toBe(40);
  expect(await movementsOf(bolt)).toHaveLength(3);
  await expect(adjustStock({ productId: bolt, warehouseId: EAST, delta: 1, reason: 'gift' as never })).rejects.toThrow('unknown movement reason "gift"');
  await expect(adjustStock({ productId: bolt, warehouseId: EAST, delta: 0, reason: 'count' })).rejects.toThrow('non-zero whole delta');
});

it('transfers stock between warehouses as one unit of work', async () => {
  await transferStock(bolt, MAIN, EAST, 80, 'TR-1');
  expect(await stockByWarehouse(bolt)).toEqual([
    { warehouse: 'EAST', quantity: 120 },
    { warehouse: 'MAIN', quantity: 300 },
  ]);
  // The dispatch side fails: neither side happens.
  await expect(transferStock(bolt, EAST, MAIN, 121, 'TR-2')).rejects.toThrow('cannot go below zero');
  expect(await totalOnHand(bolt)).toBe(420);
  expect(await quantityOf(bolt, EAST)).toBe(120);
  expect((await movementsOf(bolt)).map((m) => m.reference)).toEqual(['COUNT-1', 'SO-1', null, 'TR-1', 'TR-1']);
  await expect(transferStock(bolt, MAIN, EAST, 0, 'TR-3')).rejects.toThrow('positive whole number');
});

it('logs a note on its own and purges a product’s log', async () => {
  await logMovement({ productId: drill, warehouseId: MAIN, delta: 1, reason: 'adjustment', reference: 'NOTE-1' });
  expect(await movementsOf(drill)).toEqual([{ delta: 1, reason: 'adjustment', reference: 'NOTE-1' }]);
  expect(await quantityOf(drill, MAIN)).toBe(0); // a note does not move stock
  expect(await purgeMovements(drill)).toBe(1);
  expect(await movementsOf(drill)).toEqual([]);
  expect(await movementsOf(bolt)).toHaveLength(5);
});
