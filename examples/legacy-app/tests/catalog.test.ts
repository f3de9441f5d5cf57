/** The catalog: suppliers, product import and lookups, discontinuing a supplier. */
import { activeProductCount, applyPriceList, discontinueSupplier, findProduct, importProducts, productById, productsOfSupplier, suppliersWithProducts } from '../src';
import { Catalog, seedCatalog, useFreshDatabase } from './fixtures';

useFreshDatabase();
let catalog: Catalog;
beforeAll(async () => {
  catalog = await seedCatalog();
});

it('finds a product by SKU with its supplier, and by id', async () => {
  const drill = await findProduct('DRILL-1');
  expect(drill).toMatchObject({ sku: 'DRILL-1', name: 'Cordless drill', supplier: 'Globex', reorderLevel: 2, active: true });
  expect(Number(drill!.unitPrice)).toBe(89.9);
  expect(await findProduct('TAPE-1')).toMatchObject({ supplier: null });
  expect(await findProduct('NOPE-1')).toBeNull();
  expect(await productById(drill!.id)).toMatchObject({ sku: 'DRILL-1', supplier: 'Globex' });
  expect(await productById(9999)).toBeNull();
});

it('lists the active products of a supplier and the suppliers with their products', async () => {
  expect((await productsOfSupplier('Acme')).map((p) => p.sku)).toEqual(['BOLT-10', 'NUT-10']);
  expect(await productsOfSupplier('Nobody')).toEqual([]);
  expect(await suppliersWithProducts()).toEqual([
    { name: 'Acme', skus: ['BOLT-10', 'NUT-10'] },
    { name: 'Globex', skus: ['DRILL-1'] },
  ]);
});

it('refuses a bad product before writing any of the batch', async () => {
  await expect(importProducts([
    { sku: 'OK-1', name: 'fine', supplierId: null, unitPrice: '1.00', reorderLevel: 0 },
    { sku: 'bad sku', name: 'bad', supplierId: null, unitPrice: '1.00', reorderLevel: 0 },
  ])).rejects.toThrow('a SKU is 3 to 20 capital letters');
  expect(await findProduct('OK-1')).toBeNull();
  await expect(importProducts([{ sku: 'OK-2', name: 'x', supplierId: null, unitPrice: '1.5.0', reorderLevel: 0 }])).rejects.toThrow('unit price must be a decimal amount');
});

it('rolls back a batch that fails in the database (duplicate SKU)', async () => {
  await expect(importProducts([
    { sku: 'NEW-1', name: 'new', supplierId: null, unitPrice: '1.00', reorderLevel: 0 },
    { sku: 'BOLT-10', name: 'again', supplierId: null, unitPrice: '1.00', reorderLevel: 0 },
  ])).rejects.toThrow();
  expect(await findProduct('NEW-1')).toBeNull();
});

it('applies a price list: the prices that differ, all or none', async () => {
  expect(await applyPriceList([{ sku: 'BOLT-10', unitPrice: '0.30' }, { sku: 'NUT-10', unitPrice: '0.10' }])).toBe(1);
  expect(Number((await findProduct('BOLT-10'))!.unitPrice)).toBe(0.3);
  expect(Number((await findProduct('NUT-10'))!.unitPrice)).toBe(0.1);
  await expect(applyPriceList([{ sku: 'DRILL-1', unitPrice: '99.00' }, { sku: 'NOPE-1', unitPrice: '1.00' }])).rejects.toThrow('no product with SKU NOPE-1');
  await expect(applyPriceList([{ sku: 'DRILL-1', unitPrice: 'cheap' }])).rejects.toThrow('DRILL-1: unit price must be a decimal amount');
  expect(Number((await findProduct('DRILL-1'))!.unitPrice)).toBe(89.9);
  expect(await applyPriceList([])).toBe(0);
});

it('discontinues every product of a supplier, once', async () => {
  expect(await activeProductCount()).toBe(4);
  expect(await discontinueSupplier(catalog.acme)).toBe(2);
  expect(await discontinueSupplier(catalog.acme)).toBe(0);
  expect(await activeProductCount()).toBe(2);
  expect(await productsOfSupplier('Acme')).toEqual([]);
  expect(await findProduct('BOLT-10')).toMatchObject({ active: false });
});
