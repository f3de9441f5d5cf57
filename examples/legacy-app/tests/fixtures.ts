/** Shared test fixtures: a fresh schema per test file, and a small catalog. */
import { addSupplier, closeDatabase, dropDatabase, importProducts, initDatabase } from '../src';

/** Creates the schema before the file's tests (dropping leftovers of an aborted run) and drops it after. */
export function useFreshDatabase(): void {
  beforeAll(async () => {
    await dropDatabase();
    await initDatabase();
  });
  afterAll(async () => {
    await dropDatabase();
    await closeDatabase();
  });
}

export interface Catalog {
  acme: number;
  globex: number;
}

/** Two suppliers and four products (one without a supplier). */
export async function seedCatalog(): Promise<Catalog> {
  const acme = await addSupplier('Acme', 'orders@acme.test');
  const globex = await addSupplier('Globex');
  await importProducts([
    { sku: 'BOLT-10', name: 'Bolt 10 mm', supplierId: acme, unitPrice: '0.25', reorderLevel: 100 },
    { sku: 'NUT-10', name: 'Nut 10 mm', supplierId: acme, unitPrice: '0.10', reorderLevel: 100 },
    { sku: 'DRILL-1', name: 'Cordless drill', supplierId: globex, unitPrice: '89.90', reorderLevel: 2 },
    { sku: 'TAPE-1', name: 'Duct tape', supplierId: null, unitPrice: '3.50', reorderLevel: 5 },
  ]);
  return { acme, globex };
}

export const MAIN = 1;
export const EAST = 2;
