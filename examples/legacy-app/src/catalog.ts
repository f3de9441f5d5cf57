/**
 * The catalog: suppliers and their products.
 */
// PENDING-1.x-ORM: 2.0 session calls until retort/legacy has the Query API (L301–L303, L307, L308).
import { func, select, Session, update } from 'retort';
import { engine } from './db';
import { Product, Supplier } from './models';

export interface NewProduct {
  sku: string;
  name: string;
  supplierId: number | null;
  unitPrice: string;
  reorderLevel: number;
}

function checkProduct(p: NewProduct): void {
  if (!/^[A-Z0-9-]{3,20}$/.test(p.sku)) throw new Error(`a SKU is 3 to 20 capital letters, digits and dashes, got ${JSON.stringify(p.sku)}`);
  if (!/^\d{1,8}(\.\d{1,2})?$/.test(p.unitPrice)) throw new Error(`unit price must be a decimal amount like "12.50", got ${JSON.stringify(p.unitPrice)}`);
  if (!Number.isInteger(p.reorderLevel) || p.reorderLevel < 0) throw new Error(`reorder level must be a whole number ≥ 0, got ${p.reorderLevel}`);
}

export async function addSupplier(name: string, email: string | null = null): Promise<number> {
  const session = new Session(engine);
  try {
    const supplier = new Supplier({ name, email });
    session.add(supplier);
    await session.commit();
    return supplier.id;
  } finally {
    await session.close();
  }
}

/** Adds products in one batch (a catalog import). */
export async function importProducts(products: readonly NewProduct[]): Promise<void> {
  products.forEach(checkProduct);
  const session = new Session(engine);
  try {
    for (const p of products) session.add(new Product({ ...p, active: true }));
    await session.commit();
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
  return { id: p.id, sku: p.sku, name: p.name, unitPrice: p.unitPrice, reorderLevel: p.reorderLevel, active: p.active, supplier: supplier ? supplier.name : null };
}

/** A product by SKU, with its supplier's name; null when there is none. */
export async function findProduct(sku: string): Promise<ProductView | null> {
  const session = new Session(engine);
  try {
    const product = (await session.scalars(select(Product).where(Product.c.sku.eq(sku)))).first();
    if (!product) return null;
    const supplier = product.supplierId === null ? null : await session.get(Supplier, product.supplierId);
    return view(product, supplier);
  } finally {
    await session.close();
  }
}

/** The product with this id, or null. */
export async function productById(id: number): Promise<ProductView | null> {
  const session = new Session(engine);
  try {
    const product = await session.get(Product, id);
    if (!product) return null;
    await session.load(product, 'supplier');
    return view(product, product.supplier);
  } finally {
    await session.close();
  }
}

/** Active products of a supplier (by supplier name), by SKU. */
export async function productsOfSupplier(supplierName: string): Promise<ProductView[]> {
  const session = new Session(engine);
  try {
    const products = (
      await session.scalars(select(Product).join(Product.c.supplier).where(Supplier.c.name.eq(supplierName), Product.c.active.eq(true)).orderBy(Product.c.sku))
    ).all();
    return products.map((p) => view(p, null)).map((v) => ({ ...v, supplier: supplierName }));
  } finally {
    await session.close();
  }
}

/** How many products are active. */
export async function activeProductCount(): Promise<number> {
  const session = new Session(engine);
  try {
    return Number(await session.scalar(select(func.count()).selectFrom(Product.table).where(Product.c.active.eq(true))));
  } finally {
    await session.close();
  }
}

/** Takes every product of a supplier off the catalog; returns how many changed. */
export async function discontinueSupplier(supplierId: number): Promise<number> {
  const session = new Session(engine);
  try {
    const result = await session.execute(update(Product.table).where(Product.c.supplierId.eq(supplierId), Product.c.active.eq(true)).values({ active: false }));
    await session.commit();
    return result.rowCount;
  } finally {
    await session.close();
  }
}

/** Suppliers with their products loaded, by name. */
export async function suppliersWithProducts(): Promise<{ name: string; skus: string[] }[]> {
  const session = new Session(engine);
  try {
    const suppliers = (await session.scalars(select(Supplier).orderBy(Supplier.c.name))).all();
    const out: { name: string; skus: string[] }[] = [];
    for (const s of suppliers) {
      const products = await session.load(s, 'products');
      out.push({ name: s.name, skus: products.map((p) => p.sku).sort() });
    }
    return out;
  } finally {
    await session.close();
  }
}
