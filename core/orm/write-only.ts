/**
 * Write-only collections (`writeOnly<Address>('Address')`): the collection is never loaded.
 * `add()` and `remove()` queue changes that the unit of work writes at the next flush,
 * and `select()` is the statement that reads the collection. Design:
 * docs/decisions/orm-write-only-collections.md.
 */
import { ArgumentError, InvalidRequestError } from '../errors';
import type { SelectableLike } from '../sql/protocol';
import { Select, select } from '../sql/select';
import type { ColumnElement, OrderByExpression } from '../sql/elements';
import type { Relationship } from './mapper';
import { parentCondition } from './relationships';
import { existingState, InstanceState } from './state';

const QUEUE = Symbol('retort.orm.writeOnlyQueue');

/** A model class whose instances are `T`, as `select()` takes it (what `select(Address)` is typed from). */
export type EntityOf<T> = SelectableLike & (abstract new (...args: any) => T);

/** The changes queued on one write-only collection since the last flush. */
export interface WriteOnlyQueue {
  readonly state: InstanceState;
  readonly rel: Relationship;
  readonly added: object[];
  readonly removed: object[];
}

/** The hooks the attribute layer gives the collection, to keep the other side of a back-populated relationship in sync. */
export interface WriteOnlyHooks {
  check(rel: Relationship, item: unknown): void;
  appended(owner: { state: InstanceState; rel: Relationship }, item: object): void;
  removed(owner: { state: InstanceState; rel: Relationship }, item: object): void;
  beforeAppend(owner: { state: InstanceState; rel: Relationship }, item: object): void;
  beforeRemove(owner: { state: InstanceState; rel: Relationship }, item: object): void;
}

/**
 * Type-level mark of a relationship value that is never loaded into memory: a write-only
 * collection, or the shim's dynamic collection. Loader options (`selectinLoad()`,
 * `joinedLoad()`, …) refuse such relationships at compile time as they do at run time.
 */
export interface NeverLoaded {
  readonly __neverLoaded: true;
}

/**
 * The value of a write-only collection attribute. It is not an array: reading it as one
 * (`length`, an index, `map`, iteration) throws, since its rows are never loaded.
 *
 * @example
 * user.addresses.add(address);        // INSERT or UPDATE at the next flush
 * user.addresses.remove(old);         // UPDATE … SET user_id = NULL (or DELETE with delete-orphan)
 * const rows = await session.scalars(user.addresses.select().orderBy(Address.c.email));
 */
export class WriteOnlyCollection<T> {
  declare readonly __item: T;
  /** Type-level only: a collection that is never loaded (see {@link NeverLoaded}). */
  declare readonly __neverLoaded: true;
  /** @internal */
  declare readonly [QUEUE]: WriteOnlyQueue & { hooks: WriteOnlyHooks };

  /** Queues `item` to be related to the parent at the next flush (a new item is INSERTed, cascade save-update). */
  add(item: T): void {
    const q = this[QUEUE];
    q.hooks.check(q.rel, item);
    const obj = item as unknown as object;
    q.hooks.beforeAppend(q, obj);
    const r = q.removed.indexOf(obj);
    if (r >= 0) q.removed.splice(r, 1);
    else if (!q.added.includes(obj)) q.added.push(obj);
    q.hooks.appended(q, obj);
  }
  /** Queues several items, see {@link add}. */
  addAll(items: Iterable<T>): void {
    if (items === null || typeof (items as Iterable<T>)?.[Symbol.iterator] !== 'function') throw new ArgumentError(`${this[QUEUE].rel.name}.addAll() takes an array of ${this[QUEUE].rel.target.name} objects`);
    for (const it of items) this.add(it);
  }
  /**
   * Queues `item` to be unrelated from the parent at the next flush: its foreign key is set
   * to NULL (the row is deleted with `delete-orphan`; a many-to-many association row is deleted).
   */
  remove(item: T): void {
    const q = this[QUEUE];
    q.hooks.check(q.rel, item);
    const obj = item as unknown as object;
    q.hooks.beforeRemove(q, obj);
    const a = q.added.indexOf(obj);
    if (a >= 0) q.added.splice(a, 1);
    else {
      checkRemovable(q, obj);
      if (!q.removed.includes(obj)) q.removed.push(obj);
    }
    q.hooks.removed(q, obj);
  }
  /**
   * `select(Target)` limited to the rows of this collection (with the relationship's
   * `orderBy`), to read it in pages, filter it, or count it. The parent must be persistent.
   * @example await session.scalars(user.addresses.select().where(Address.c.email.like('%@x.org')).limit(10))
   */
  select(): Select<[EntityOf<T>]> {
    const { state, rel } = this[QUEUE];
    if (!state.hasIdentity) {
      throw new InvalidRequestError(`${rel.name}.select(): this ${rel.parent.name} has no row yet; flush the session first`);
    }
    const values = { ...state.dict, ...state.committed };
    const stmt = select(rel.target.cls as unknown as EntityOf<T>).where(parentCondition(rel, values));
    const order = rel.orderByFor(rel.target.table.c as never);
    return (order.length ? stmt.orderBy(...(order as (ColumnElement<unknown> | OrderByExpression)[])) : stmt) as unknown as Select<[EntityOf<T>]>;
  }
  /** The items added since the last flush (not the collection's contents, which are never loaded). */
  get pendingAdds(): readonly T[] {
    return [...this[QUEUE].added] as T[];
  }
  /** The items removed since the last flush. */
  get pendingRemoves(): readonly T[] {
    return [...this[QUEUE].removed] as T[];
  }
  toString(): string {
    return `[WriteOnlyCollection ${this[QUEUE].rel.name}]`;
  }
}

/** A one-to-many item whose foreign key shows it belongs to another parent cannot be removed from this one. */
function checkRemovable(q: WriteOnlyQueue, obj: object): void {
  const rel = q.rel;
  if (rel.direction !== 'oneToMany') return;
  const ist = existingState(obj);
  const notHere = (): never => {
    throw new ArgumentError(`${rel.name}.remove(): this ${rel.target.name} is not in the collection`);
  };
  if (!ist || !ist.hasIdentity) notHere();
  const loaded = rel.pairs.every((p) => p.child.key in ist!.dict);
  if (loaded && rel.pairs.some((p) => !sameKey(ist!.dict[p.child.key], q.state.dict[p.parent.key] ?? q.state.committedValue(p.parent.key)))) notHere();
}

function sameKey(a: unknown, b: unknown): boolean {
  return a === b || (a !== null && b !== null && (typeof a === 'number' || typeof a === 'bigint') && String(a) === String(b));
}

const ARRAY_NAMES = new Set<string | symbol>([...Object.getOwnPropertyNames(Array.prototype), Symbol.iterator, Symbol.asyncIterator]);

/** A write-only collection of `state`'s relationship `rel`, with an empty queue. */
export function makeWriteOnly(state: InstanceState, rel: Relationship, hooks: WriteOnlyHooks): WriteOnlyCollection<object> {
  const coll = new WriteOnlyCollection<object>();
  Object.defineProperty(coll, QUEUE, { value: { state, rel, added: [], removed: [], hooks }, enumerable: false });
  // A proxy, so that code written for a loaded collection fails loudly instead of seeing nothing.
  return new Proxy(coll, {
    get(target, prop, receiver) {
      if (prop in target || prop === 'then' || prop === 'toJSON' || prop === 'asymmetricMatch' || prop === 'nodeType') return Reflect.get(target, prop, receiver);
      if (ARRAY_NAMES.has(prop) || (typeof prop === 'string' && /^\d+$/.test(prop))) {
        throw new InvalidRequestError(
          `${rel.name} is a write-only collection and is never loaded, so it cannot be read as an array (${String(prop)}); read it with await session.scalars(obj.${rel.key}.select())`,
        );
      }
      return undefined;
    },
    set(_target, prop) {
      throw new InvalidRequestError(`${rel.name} is a write-only collection; change it with add() and remove(), not by setting ${String(prop)}`);
    },
  });
}

/** The queue of a write-only collection value. */
export function queueOf(value: unknown): WriteOnlyQueue | undefined {
  return value instanceof WriteOnlyCollection ? value[QUEUE] : undefined;
}

/** Forgets the queued changes (after a flush wrote them, or a rollback discarded them). */
export function clearQueue(value: unknown): void {
  const q = queueOf(value);
  if (!q) return;
  q.added.length = 0;
  q.removed.length = 0;
}
