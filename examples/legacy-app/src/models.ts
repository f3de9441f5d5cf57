/**
 * The ORM models: suppliers, the products they supply, purchase orders with their lines,
 * and the warehouses orders are delivered to.
 *
 * Declared in the 1.x declarative style: `Column(...)` statics on classes extending the
 * declarative base, relationships with `relation()` / `backref`, so the other side of each
 * pair appears by itself, and a dynamic collection (a query, not a list) for the orders of
 * a supplier. Warehouses were a Core table (schema.ts) before the ORM came in;
 * their class is mapped onto that table classically, with `mapper()`.
 *
 * A column called `name` is declared as `name_` (the SQL name stays `name`): a class
 * cannot have a static `name` of its own.
 */
import { Boolean, Column, declarativeBase, ForeignKey, Integer, mapper, Numeric, relation, relationship, String } from 'retort/legacy';
import { metadata } from './db';
import { tableName } from './config';
import { warehouses } from './schema';

const Base = declarativeBase({ metadata });

/** A warehouse, mapped onto the Core table of schema.ts. */
export class Warehouse {
  declare id: number;
  declare code: string;
  declare name: string;
}
mapper(Warehouse, warehouses);

export class Supplier extends Base {
  static __tablename__ = tableName('suppliers');
  static id = Column(Integer, { primaryKey: true });
  static name_ = Column('name', String(80), { nullable: false, unique: true });
  static email = Column(String(120));
  /** Also makes Product.supplier. */
  static products = relationship(() => Product, { backref: 'supplier' });
  /** Also makes PurchaseOrder.supplier. A supplier's orders grow for years: queried, never loaded whole. */
  static orders = relation(() => PurchaseOrder, { backref: 'supplier', lazy: 'dynamic' });
}

export class Product extends Base {
  static __tablename__ = tableName('products');
  static id = Column(Integer, { primaryKey: true });
  static sku = Column(String(20), { nullable: false, unique: true });
  static name_ = Column('name', String(80), { nullable: false });
  static supplierId = Column('supplier_id', Integer, ForeignKey(`${tableName('suppliers')}.id`));
  static unitPrice = Column('unit_price', Numeric(10, 2), { nullable: false });
  static reorderLevel = Column('reorder_level', Integer, { nullable: false });
  static active = Column(Boolean, { nullable: false });

  /** The label used on pick lists and reports. */
  get label(): string {
    return `${this.sku} ${this.name_}`;
  }
}

export class PurchaseOrder extends Base {
  static __tablename__ = tableName('purchase_orders');
  static id = Column(Integer, { primaryKey: true });
  static supplierId = Column('supplier_id', Integer, ForeignKey(`${tableName('suppliers')}.id`), { nullable: false });
  static warehouseId = Column('warehouse_id', Integer, ForeignKey(`${tableName('warehouses')}.id`), { nullable: false });
  static status = Column(String(12), { nullable: false });
  /** Also makes OrderLine.order; lines live and die with their order. */
  static lines = relationship(() => OrderLine, { backref: 'order', cascade: 'all, delete-orphan' });
  static warehouse = relation(() => Warehouse);
}

export class OrderLine extends Base {
  static __tablename__ = tableName('order_lines');
  static id = Column(Integer, { primaryKey: true });
  static orderId = Column('order_id', Integer, ForeignKey(`${tableName('purchase_orders')}.id`), { nullable: false });
  static productId = Column('product_id', Integer, ForeignKey(`${tableName('products')}.id`), { nullable: false });
  static quantity = Column(Integer, { nullable: false });
  static received = Column(Integer, { nullable: false });
  static product = relation(() => Product);
}

// One batch, so every backref finds the class it adds to.
Base.register(Supplier as never, Product as never, PurchaseOrder as never, OrderLine as never);

export const ORDER_STATUSES = ['open', 'received', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
