/** The back-office reports over a small, known history. */
import { adjustStock, busiestProducts, discontinueSupplier, exportMovementsCsv, findProduct, movementHistory, recentActivity, stockStatus, transferStock, warehouseTotals } from '../src';
import { Catalog, EAST, MAIN, seedCatalog, useFreshDatabase } from './fixtures';

useFreshDatabase();
let catalog: Catalog;
const ids: Record<string, number> = {};
beforeAll(async () => {
  catalog = await seedCatalog();
  for (const sku of ['BOLT-10', 'NUT-10', 'DRILL-1', 'TAPE-1']) ids[sku] = (await findProduct(sku))!.id;
  await adjustStock({ productId: ids['BOLT-10'], warehouseId: MAIN, delta: 150, reason: 'receipt', reference: 'PO-1' });
  await adjustStock({ productId: ids['NUT-10'], warehouseId: MAIN, delta: 250, reason: 'receipt', reference: 'PO-1' });
  await adjustStock({ productId: ids['DRILL-1'], warehouseId: EAST, delta: 3, reason: 'receipt', reference: 'PO-2' });
  await adjustStock({ productId: ids['BOLT-10'], warehouseId: MAIN, delta: -30, reason: 'dispatch', reference: 'SO-7' });
  await transferStock(ids['NUT-10'], MAIN, EAST, 50, 'TR-1');
});

it('compares stock with reorder levels: reorder at or below the level, low up to twice it', async () => {
  expect(await stockStatus()).toEqual([
    { sku: 'BOLT-10', onHand: 120, status: 'low' },
    { sku: 'DRILL-1', onHand: 3, status: 'low' },
    { sku: 'NUT-10', onHand: 250, status: 'ok' },
    { sku: 'TAPE-1', onHand: 0, status: 'reorder' },
  ]);
});

it('filters the movement history by warehouse, reason and SKU, newest first', async () => {
  expect(await movementHistory({ warehouseCode: 'EAST' })).toEqual([
    { warehouse: 'EAST', sku: 'NUT-10', delta: 50, reason: 'receipt', reference: 'TR-1' },
    { warehouse: 'EAST', sku: 'DRILL-1', delta: 3, reason: 'receipt', reference: 'PO-2' },
  ]);
  expect((await movementHistory({ reason: 'dispatch' })).map((m) => [m.sku, m.delta])).toEqual([['NUT-10', -50], ['BOLT-10', -30]]);
  expect((await movementHistory({ sku: 'BOLT-10', warehouseCode: 'MAIN' })).map((m) => m.delta)).toEqual([-30, 150]);
  expect(await movementHistory()).toHaveLength(6);
});

it('lists receipts and dispatches together, ordered and limited', async () => {
  expect(await recentActivity(3)).toEqual([
    { reference: 'PO-1', delta: 150 },
    { reference: 'PO-1', delta: 250 },
    { reference: 'PO-2', delta: 3 },
  ]);
  expect(await recentActivity(10)).toHaveLength(6);
});

it('totals units per warehouse and finds the busiest products', async () => {
  expect(await warehouseTotals()).toEqual({ EAST: 53, MAIN: 320 });
  expect(await busiestProducts(2)).toEqual([
    { productId: ids['NUT-10'], moved: 350 },
    { productId: ids['BOLT-10'], moved: 180 },
  ]);
});

it('exports the movement log as CSV with the columns the table has', async () => {
  const csv = await exportMovementsCsv();
  const lines = csv.trimEnd().split('\n');
  expect(lines[0].split(',').sort()).toEqual(['delta', 'id', 'product_id', 'reason', 'reference', 'warehouse_id']);
  expect(lines).toHaveLength(7);
  const header = lines[0].split(',');
  const first = Object.fromEntries(lines[1].split(',').map((v, i) => [header[i], v]));
  expect(first).toMatchObject({ delta: '150', reason: 'receipt', reference: 'PO-1', product_id: String(ids['BOLT-10']) });
});

it('leaves discontinued products out of the stock status', async () => {
  await discontinueSupplier(catalog.globex);
  expect((await stockStatus()).map((s) => s.sku)).toEqual(['BOLT-10', 'NUT-10', 'TAPE-1']);
});
