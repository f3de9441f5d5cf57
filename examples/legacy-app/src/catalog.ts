/**
 * The catalog: suppliers and their products.
 *
 * Lookups run on an autocommit session (nothing to commit, no transaction held between
 * calls); writes use a session of their own and commit once.
 */
import { eagerload, joinedload, Session } from 'retort/legacy';
import { engine } from './db';
import { Product, Supplier } from './models';

export interface NewProduct {
  sku: string;
  name: string;
  supplierId: number | null;
  unitPrice: string;
  reorderLevel: number;
}

const SKU = /^[A-Z0-9-]{3,20}$/;
const PRICE = /^\d{1,8}(\.\d{1,2})?$/;

function checkProduct(p: NewProduct): void {
  if (!SKU.test(p.sku)) throw new Error(`a SKU is 3 to 20 capital letters, digits and dashes, got ${JSON.stringify(p.sku)}`);
  if (!PRICE.test(p.unitPrice)) throw new Error(`unit price must be a decimal amount like "12.50", got ${JSON.stringify(p.unitPrice)}`);
  if (!Number.isInteger(p.reorderLevel) || p.reorderLevel < 0) throw new Error(`reorder level must be a whole number ≥ 0, got ${p.reorderLevel}`);
}

/** A session for reads: each query commits on its own. */
export function readSession(): Session {
  return new Session({ bind: engine, autocommit: true });
}

export async function addSupplier(name: string, email: string | null = null): Promise<number> {
  const session = new Session({ bind: engine });
  try {
    const supplier = new Supplier({ name_: name, email });
    session.add(supplier);
    await session.commit();
    return supplier.id;
  } finally {
    await session.close();
  }
}

/** Adds products in one batch (a catalog import): one multi-row INSERT, all or nothing. */
export async function importProducts(products: readonly NewProduct[]): Promise<void> {
  products.forEach(checkProduct);
  const session = new Session({ bind: engine });
  try {
    await session.bulkInsertMappings(Product, products.map(({ name, ...p }) => ({ ...p, name_: name, active: true })));
    await session.commit();
  } finally {
    await session.close();
  }
}

export interface PriceChange {
  sku: string;
  unitPrice: string;
}

/** Applies a supplier's price list: every SKU must exist; all prices change or none. Returns how many changed. */
export async function applyPriceList(changes: readonly PriceChange[]): Promise<number> {
  for (const c of changes) if (!PRICE.test(c.unitPrice)) throw new Error(`${c.sku}: unit price must be a decimal amount like "12.50", got ${JSON.stringify(c.unitPrice)}`);
  if (changes.length === 0) return 0;
  const session = new Session({ bind: engine });
  try {
    const products = await session.query(Product).filter(Product.sku.in(changes.map((c) => c.sku))).all();
    const bySku = new Map(products.map((p) => [p.sku as string, p]));
    const changed: Product[] = [];
    for (const c of changes) {
      const product = bySku.get(c.sku);
      if (!product) throw new Error(`no product with SKU ${c.sku}`);
      if (Number(product.unitPrice) === Number(c.unitPrice)) continue;
      product.unitPrice = c.unitPrice;
      changed.push(product);
    }
    // A price list touches many rows: UPDATE them without the unit of work's bookkeeping.
    await session.bulkSaveObjects(changed);
    await session.commit();
    return changed.length;
  } finally {
    await session.close();
  }
}

export interface ProductView {
  id: number;
  sku: string;
  name: string;
  unitPrice: string;
  reorderLevel: number;
  active: boolean;
  supplier: string | null;
}

function view(p: Product, supplier: Supplier | null): ProductView {
  return { id: p.id, sku: p.sku, name: p.name_, unitPrice: p.unitPrice, reorderLevel: p.reorderLevel, active: p.active, supplier: supplier ? supplier.name_ : null };
}

/** A product by SKU, with its supplier's name; null when there is none. */
export async function findProduct(sku: string): Promise<ProductView | null> {
  const session = readSession();
  try {
    const product = await session.query(Product).options(joinedload('supplier')).filterBy({ sku }).first();
    return product ? view(product, product.supplier) : null;
  } finally {
    await session.close();
  }
}

/** The product with this id, or null. */
export async function productById(id: number): Promise<ProductView | null> {
  const session = readSession();
  try {
    const product = await session.query(Product).get(id);
    if (!product) return null;
    await session.load(product, 'supplier');
    return view(product, product.supplier);
  } finally {
    await session.close();
  }
}

/** Active products of a supplier (by supplier name), by SKU. */
export async function productsOfSupplier(supplierName: string): Promise<ProductView[]> {
  const session = readSession();
  try {
    // filterBy() names the columns of the entity joined last: active is the product's, name_ the supplier's.
    const products = await session.query(Product).filterBy({ active: true }).join('supplier').filterBy({ name_: supplierName }).orderBy(Product.sku).all();
    return products.map((p) => ({ ...view(p, null), supplier: supplierName }));
  } finally {
    await session.close();
  }
}

/** How many products are active. */
export async function activeProductCount(): Promise<number> {
  const session = readSession();
  try {
    return await session.query(Product).filter(Product.active.eq(true)).count();
  } finally {
    await session.close();
  }
}

/** Takes every product of a supplier off the catalog; returns how many changed. */
export async function discontinueSupplier(supplierId: number): Promise<number> {
  const session = new Session({ bind: engine });
  try {
    const changed = await session.query(Product).filter(Product.supplierId.eq(supplierId), Product.active.eq(true)).update({ active: false }, { synchronizeSession: false });
    await session.commit();
    return changed;
  } finally {
    await session.close();
  }
}

/** Suppliers with their products loaded, by name. */
export async function suppliersWithProducts(): Promise<{ name: string; skus: string[] }[]> {
  const session = readSession();
  try {
    const suppliers = await session.query(Supplier).options(eagerload('products')).orderBy(Supplier.name_).all();
    return suppliers.map((s) => ({ name: s.name_, skus: s.products.map((p: Product) => p.sku).sort() }));
  } finally {
    await session.close();
  }
}
