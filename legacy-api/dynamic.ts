/**
 * L407: `relationship(() => Address, { lazy: 'dynamic' })` in a 1.x class, or
 * `dynamic<Address>('Address')` in a typed 2.0 model. The relationship is mapped as a 2.0
 * write-only collection; the attribute is a 1.x "appender query": a legacy Query of the
 * related objects filtered to the parent (`filter()`, `orderBy()`, `all()`, `count()` …)
 * that also takes `append()`, `remove()` and `extend()`, which queue the change on the
 * write-only collection for the next flush.
 */
import { AnyModel, DetachedInstanceError, InvalidRequestError, objectSession, RelationshipSpec, RelationshipTarget, WriteOnlyCollection, WriteOnlyOptions, writeOnly } from '../core/index';
import type { NeverLoaded, Relationship } from '../core/index';
import { LegacyQuery, QuerySession } from './query';
import { legacyWarn } from './warnings';

/** The 1.x dynamic collection: a legacy Query of the related objects, plus append/remove/extend. */
export type AppenderQuery<T> = LegacyQuery<T> & {
  /** Queues `item` to be related to the parent at the next flush. */
  append(item: T): void;
  /** Queues each of `items`, see {@link append}. */
  extend(items: Iterable<T>): void;
  /** Queues `item` to be unrelated from the parent at the next flush. */
  remove(item: T): void;
} & NeverLoaded;

const ARRAY_KEYS = new Set(Object.getOwnPropertyNames(Array.prototype).filter((k) => k !== 'constructor' && k !== 'toString'));
const QUERY_KEYS = new Set(Object.getOwnPropertyNames(LegacyQuery.prototype).filter((k) => k !== 'constructor'));

/**
 * The appender query of `parent`'s dynamic relationship, over its write-only collection.
 * The query is built when a Query method is called: it needs the parent's row and session.
 */
export function appenderQuery<T>(parent: object, what: string, target: AnyModel, collection: WriteOnlyCollection<T>): AppenderQuery<T> {
  const own = {
    append: (item: T) => collection.add(item),
    extend: (items: Iterable<T>) => collection.addAll(items),
    remove: (item: T) => collection.remove(item),
  };
  const query = (): LegacyQuery<T> => {
    const session = objectSession(parent);
    if (!session) throw new DetachedInstanceError(`${what} is a dynamic collection: querying it needs its parent in a session`);
    // A 1.x Session is a QuerySession; a 2.0 one is used through the same three methods.
    const future = (session as { future?: unknown }).future;
    const qs: QuerySession =
      typeof future === 'boolean'
        ? (session as unknown as QuerySession)
        : { future: false, execute: (s) => session.execute(s), get: (m, pk) => session.get(m, pk), expunge: (o) => session.expunge(o) };
    let stmt;
    try {
      stmt = collection.select();
    } catch (e) {
      if (e instanceof InvalidRequestError) throw new InvalidRequestError(`${what}: the parent has no row yet; flush the session before querying its dynamic collection`);
      throw e;
    }
    return new LegacyQuery<T>(qs, stmt as never, target, target);
  };
  return new Proxy(own, {
    get(t, prop) {
      if (typeof prop === 'string' && prop in t) return t[prop as keyof typeof t];
      if (typeof prop === 'string' && QUERY_KEYS.has(prop)) {
        const q = query() as unknown as Record<string, unknown>;
        const v = q[prop];
        return typeof v === 'function' ? (v as Function).bind(q) : v;
      }
      // Read as an array it would be empty, silently: say what it is instead.
      if (prop === Symbol.iterator || prop === 'length' || (typeof prop === 'string' && (/^\d+$/.test(prop) || ARRAY_KEYS.has(prop)))) {
        throw new InvalidRequestError(`${what} is a dynamic collection, a Query of the related objects, not an array: read it with await obj.${what.split('.')[1]}.all() (or filter(), orderBy(), count() first)`);
      }
      return undefined;
    },
  }) as unknown as AppenderQuery<T>;
}

/** The attribute of a dynamic relationship: the appender query over the parent's write-only collection. */
function appenderView(parent: object, collection: WriteOnlyCollection<unknown>, rel: Relationship): unknown {
  // The target is looked up on read, not while mapping: the classes of a batch may not all be mapped yet.
  return appenderQuery(parent, rel.name, rel.target.cls as unknown as AnyModel, collection);
}

/** @internal The spec of a dynamic relationship (no warning: the 1.x declarations warn for themselves). */
export function dynamicSpec<T>(target: RelationshipTarget, options: WriteOnlyOptions = {}): RelationshipSpec<AppenderQuery<T>, T> {
  const w = writeOnly<T>(target, options);
  return new RelationshipSpec<AppenderQuery<T>, T>(true, w.target, w.options, true, appenderView);
}

/**
 * L407: a 1.x dynamic collection (`lazy: 'dynamic'`) declared in a typed 2.0 model, for
 * code whose callers still read it with Query methods. The attribute is typed
 * {@link AppenderQuery}: `supplier.orders.filter(…).orderBy(…).all()`, `count()`,
 * `append()`/`extend()`/`remove()` work as in 1.x. Mapped as a write-only collection, so
 * nothing is ever loaded into it. It warns L407 (a legacy-status code: it keeps working in
 * error mode); the 2.0 form is `writeOnly<T>()` with `session.scalars(obj.attr.select()…)`.
 * The options are those of `writeOnly()`. Design: docs/decisions/legacy-typed-dynamic.md.
 *
 * @example
 * import { declarativeBase, dynamic, column, integer, one, foreignKey } from 'retort/legacy';
 * class Supplier extends Base.model('suppliers', {
 *   id: column(integer(), { primaryKey: true }),
 *   orders: dynamic<PurchaseOrder>('PurchaseOrder', { backPopulates: 'supplier' }), // L407
 * }) {}
 * class PurchaseOrder extends Base.model('purchase_orders', {
 *   id: column(integer(), { primaryKey: true }),
 *   supplierId: column(integer(), { references: foreignKey('suppliers.id') }),
 *   supplier: one<Supplier>('Supplier', { backPopulates: 'orders' }),
 * }) {}
 * const open = await supplier.orders.filterBy({ status: 'open' }).all(); // PurchaseOrder[]
 */
export function dynamic<T>(target: RelationshipTarget, options?: WriteOnlyOptions): RelationshipSpec<AppenderQuery<T>, T> {
  legacyWarn('L407');
  return dynamicSpec<T>(target, options);
}
