/**
 * The ORM models: suppliers, the products they supply, and purchase orders with their lines.
 */
// PENDING-1.x-ORM: declared with the 2.0 ORM until retort/legacy maps the 1.x declarative form (L404, L406, L408).
import { boolean, column, declarativeBase, foreignKey, integer, many, numeric, one, string } from 'retort/legacy';
import { metadata } from './db';
import { tableName } from './config';

const Base = declarativeBase({ metadata });

export class Supplier extends Base.model(tableName('suppliers'), {
  id: column(integer(), { primaryKey: true }),
  name: column(string(80), { nullable: false, unique: true }),
  email: column(string(120)),
  products: many<Product>('Product', { backPopulates: 'supplier' }),
  orders: many<PurchaseOrder>('PurchaseOrder', { backPopulates: 'supplier' }),
}) {}

export class Product extends Base.model(tableName('products'), {
  id: column(integer(), { primaryKey: true }),
  sku: column(string(20), { nullable: false, unique: true }),
  name: column(string(80), { nullable: false }),
  supplierId: column(integer(), { name: 'supplier_id', references: foreignKey(`${tableName('suppliers')}.id`) }),
  unitPrice: column(numeric(10, 2), { name: 'unit_price', nullable: false }),
  reorderLevel: column(integer(), { name: 'reorder_level', nullable: false }),
  active: column(boolean(), { nullable: false }),
  supplier: one<Supplier>('Supplier', { backPopulates: 'products' }),
}) {
  /** The label used on pick lists and reports. */
  get label(): string {
    return `${this.sku} ${this.name}`;
  }
}

export class PurchaseOrder extends Base.model(tableName('purchase_orders'), {
  id: column(integer(), { primaryKey: true }),
  supplierId: column(integer(), { name: 'supplier_id', nullable: false, references: foreignKey(`${tableName('suppliers')}.id`) }),
  warehouseId: column(integer(), { name: 'warehouse_id', nullable: false, references: foreignKey(`${tableName('warehouses')}.id`) }),
  status: column(string(12), { nullable: false }),
  supplier: one<Supplier>('Supplier', { backPopulates: 'orders' }),
  lines: many<OrderLine>('OrderLine', { backPopulates: 'order', cascade: 'all, delete-orphan' }),
}) {}

export class OrderLine extends Base.model(tableName('order_lines'), {
  id: column(integer(), { primaryKey: true }),
  orderId: column(integer(), { name: 'order_id', nullable: false, references: foreignKey(`${tableName('purchase_orders')}.id`) }),
  productId: column(integer(), { name: 'product_id', nullable: false, references: foreignKey(`${tableName('products')}.id`) }),
  quantity: column(integer(), { nullable: false }),
  received: column(integer(), { nullable: false }),
  order: one<PurchaseOrder>('PurchaseOrder', { backPopulates: 'lines' }),
  product: one<Product>('Product'),
}) {}

Base.register(Supplier, Product, PurchaseOrder, OrderLine);

export const ORDER_STATUSES = ['open', 'received', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
