/**
 * Relationship declarations (`many<Address>('Address')`, `one<User>('User')`) and their
 * class-level attributes (`User.c.addresses`): typed join targets, `any()`, `has()`,
 * `contains()`, and the handle loader options name.
 */
import { ArgumentError } from '../errors';
import { and, ColumnElement, literal, OrderByExpression } from '../sql/elements';
import { SelectableLike, toJoinTarget, JoinTargetLike } from '../sql/protocol';
import { select } from '../sql/select';
import type { ColumnRef, FromClause } from '../sql/selectable';
import type { Column } from '../schema/column';
import type { Table } from '../schema/table';
import type { Mapper, Relationship } from './mapper';
import type { NeverLoaded, WriteOnlyCollection } from './write-only';

/** What a relationship cascades from parent to related objects. `all` = save-update, merge, delete, expunge, refresh-expire. */
export type CascadeOption = 'save-update' | 'merge' | 'delete' | 'delete-orphan' | 'expunge' | 'refresh-expire' | 'all';

/**
 * How a relationship is loaded when its parent is loaded by a query:
 * - `'explicit'` (default): not loaded; reading it throws until `await session.load(obj, key)`;
 * - `'selectin'`: a second `SELECT … WHERE key IN (…)` for all parents of the query;
 * - `'joined'`: a LEFT OUTER JOIN in the same query;
 * - `'raise'`: never loaded implicitly, and `session.load()` refuses too (forces a loader option).
 */
export type LoadStrategy = 'explicit' | 'selectin' | 'joined' | 'raise';

export interface RelationshipOptions {
  /** The relationship on the target that mirrors this one; both are kept in sync in memory. */
  backPopulates?: string;
  /** Many-to-many: the association table (or its name in the MetaData). */
  secondary?: Table<any, any> | string;
  /** Comma-separated cascades, default `'save-update, merge'`. */
  cascade?: string;
  /** The default loader strategy (see {@link LoadStrategy}). */
  lazy?: LoadStrategy;
  /**
   * Collections: the order every loader (select-in, joined, explicit, a write-only
   * `select()`) gives the items, as terms on the target's columns.
   * @example many<Address>('Address', { orderBy: (a) => [a.email, a.id.desc()] })
   */
  orderBy?: (target: Readonly<Record<string, ColumnRef<any>>>) => OrderTerm | readonly OrderTerm[];
  /**
   * The foreign key column(s), by column key, this relationship goes through, when two
   * foreign keys link the same tables (billing and shipping address). For many-to-many:
   * the secondary table's column(s) pointing at this side.
   * @example billing: one<Address>('Address', { foreignKeys: 'billingAddressId' })
   */
  foreignKeys?: string | readonly string[];
  /**
   * Writes this relationship's (nullable) foreign key with a second UPDATE after both rows
   * exist, and sets it to NULL before the rows are deleted: for rows that refer to each
   * other (a user's favourite address that belongs to the user). The flush also does this
   * by itself when it meets a cycle; the option makes it explicit and stable.
   */
  postUpdate?: boolean;
}

/** An ORDER BY term: a column or `col.asc()`/`col.desc()`. */
export type OrderTerm = ColumnElement<any> | OrderByExpression;

/** The target of a relationship: a registered class name, or a function returning the class. */
export type RelationshipTarget = string | (() => unknown);

/** An unconfigured relationship, as written in a model's mapping. `V` is the instance attribute's type. */
export class RelationshipSpec<V, T> {
  declare readonly __value: V;
  declare readonly __target: T;
  constructor(
    readonly uselist: boolean,
    readonly target: RelationshipTarget,
    readonly options: RelationshipOptions,
    /** Declared with writeOnly(): never loaded, changed through add()/remove(), read through select(). */
    readonly writeOnly = false,
    /**
     * @internal What a write-only collection's attribute shows in place of the collection
     * itself: the 1.x shim's dynamic relationships (`retort/legacy`'s `dynamic()`) show a
     * legacy Query over it. Core itself never sets it.
     */
    readonly view?: WriteOnlyView,
  ) {}
}

/**
 * @internal The value a write-only collection's attribute reads as, made from the parent
 * object, its collection and the relationship (see {@link RelationshipSpec.view}).
 */
export type WriteOnlyView = (parent: object, collection: WriteOnlyCollection<unknown>, rel: Relationship) => unknown;

function checkTarget(target: unknown, what: string): RelationshipTarget {
  if (typeof target !== 'string' && typeof target !== 'function') {
    throw new ArgumentError(`${what}() needs the target class name ('Address') or a function returning the class`);
  }
  return target as RelationshipTarget;
}

const OPTION_KEYS = ['backPopulates', 'secondary', 'cascade', 'lazy', 'orderBy', 'foreignKeys', 'postUpdate'];

function checkOptions(options: RelationshipOptions | undefined, what: string, allowed = OPTION_KEYS): RelationshipOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) throw new ArgumentError(`${what}(): options must be an object`);
  for (const k of Object.keys(options)) {
    if (!allowed.includes(k)) throw new ArgumentError(`${what}(): unknown option "${k}" (options: ${allowed.join(', ')})`);
  }
  if ((options.lazy as string) === 'writeOnly' || (options.lazy as string) === 'write_only') {
    throw new ArgumentError(`${what}(): declare a write-only collection with writeOnly<Target>('Target', {…}) instead of lazy: 'writeOnly', so that its type is WriteOnlyCollection`);
  }
  if (options.lazy !== undefined && !['explicit', 'selectin', 'joined', 'raise'].includes(options.lazy)) {
    throw new ArgumentError(`${what}(): lazy must be 'explicit', 'selectin', 'joined' or 'raise', got ${JSON.stringify(options.lazy)}`);
  }
  if (options.orderBy !== undefined && typeof options.orderBy !== 'function') {
    throw new ArgumentError(`${what}(): orderBy must be a function of the target's columns, e.g. orderBy: (a) => a.email`);
  }
  if (options.postUpdate !== undefined && typeof options.postUpdate !== 'boolean') throw new ArgumentError(`${what}(): postUpdate must be true or false`);
  return { ...options };
}

/**
 * A collection of related objects: one-to-many, or many-to-many with `secondary`.
 * The type argument names the target class; the string names it at run time (a string
 * lets two models refer to each other, see docs/decisions/orm-model-declaration.md).
 *
 * @example
 * class User extends Base.model('users', {
 *   id: column(integer(), { primaryKey: true }),
 *   addresses: many<Address>('Address', { backPopulates: 'user', cascade: 'all, delete-orphan' }),
 * }) {}
 * // user.addresses: Address[]
 */
export function many<T>(target: RelationshipTarget, options?: RelationshipOptions): RelationshipSpec<T[], T> {
  return new RelationshipSpec<T[], T>(true, checkTarget(target, 'many'), checkOptions(options, 'many'));
}

/** The options of a write-only collection (it has no loader strategy). */
export type WriteOnlyOptions = Omit<RelationshipOptions, 'lazy'>;

/**
 * A write-only collection, for collections too large to load: `user.addresses.add(a)` and
 * `.remove(a)` are queued and written by the next flush without loading anything, and
 * `user.addresses.select()` is a `select(Address)` of the parent's rows to read them with.
 * The attribute is a {@link WriteOnlyCollection}, not an array. Design:
 * docs/decisions/orm-write-only-collections.md.
 *
 * @example
 * class User extends Base.model('users', {
 *   id: column(integer(), { primaryKey: true }),
 *   addresses: writeOnly<Address>('Address', { cascade: 'all, delete-orphan' }),
 * }) {}
 * user.addresses.add(new Address({ email: 'a@x.org' }));
 * await session.flush(); // INSERT INTO addresses …, no SELECT of the existing addresses
 * const recent = await session.scalars(user.addresses.select().where(Address.c.id.gt(100)));
 */
export function writeOnly<T>(target: RelationshipTarget, options?: WriteOnlyOptions): RelationshipSpec<WriteOnlyCollection<T>, T> {
  const opts = checkOptions(options as RelationshipOptions, 'writeOnly', OPTION_KEYS.filter((k) => k !== 'lazy'));
  return new RelationshipSpec<WriteOnlyCollection<T>, T>(true, checkTarget(target, 'writeOnly'), opts, true);
}

/**
 * A single related object: many-to-one (the foreign key is on this model's table) or
 * one-to-one (the foreign key is on the target's table). Typed `T | null`.
 *
 * @example
 * user: one<User>('User', { backPopulates: 'addresses' }) // address.user: User | null
 */
export function one<T>(target: RelationshipTarget, options?: RelationshipOptions): RelationshipSpec<T | null, T> {
  return new RelationshipSpec<T | null, T>(false, checkTarget(target, 'one'), checkOptions(options, 'one'));
}

/**
 * The class-level side of a relationship, `User.c.addresses`: a join target and the
 * source of relationship comparisons.
 *
 * @example
 * select(User).join(User.c.addresses).where(Address.c.email.like('%@x.org'))
 * select(User).where(User.c.addresses.any(Address.c.email.eq('a@x.org')))
 * select(Address).where(Address.c.user.has(User.c.name.eq('ada')))
 */
export class RelationshipAttribute<T, V> implements JoinTargetLike {
  declare readonly __target: T;
  declare readonly __value: V;
  /** Type-level only: loader options refuse collections that are never loaded (write-only, dynamic) at compile time. */
  declare readonly __writeOnly: V extends NeverLoaded ? true : false;
  constructor(
    /** @internal */ readonly _mapper: Mapper,
    readonly key: string,
  ) {}
  /** @internal */
  get _rel(): Relationship {
    return this._mapper.relationship(this.key);
  }

  [toJoinTarget](left: FromClause<any> | undefined): JoinSpec {
    void left;
    const rel = this._rel;
    if (rel.target === rel.parent) {
      throw new ArgumentError(
        `join(${this._mapper.name}.c.${this.key}): a self-referential relationship joins the table to itself; join an alias of it: ` +
          `const child = aliased(${this._mapper.name}); select(${this._mapper.name}, child).join(${this._mapper.name}.c.${this.key}.of(child))`,
      );
    }
    return joinSpec(rel, rel.target.table);
  }

  /**
   * This relationship as a join to an alias of its target (`aliased(Target)`): for
   * self-referential relationships, and for joining one table twice.
   * @example
   * const child = aliased(Node, 'child');
   * select(Node, child).join(Node.c.children.of(child)).where(child.c.name.eq('leaf'))
   * // … FROM node JOIN node AS child ON child.parent_id = node.id WHERE child.name = ?
   */
  of(target: SelectableLike & (abstract new (...args: any[]) => T)): JoinTargetLike {
    const rel = this._rel;
    const alias = (target as unknown as Record<symbol, unknown>)?.[ALIASED] as FromClause<any> | undefined;
    if (!alias || (target as unknown as Record<symbol, unknown>)[MAPPER_KEY] !== rel.target) {
      throw new ArgumentError(`${rel.name}.of() takes aliased(${rel.target.name})`);
    }
    return { [toJoinTarget]: () => joinSpec(rel, alias) };
  }
  /**
   * `EXISTS (SELECT 1 FROM target WHERE <join> AND criterion)`: some related row matches
   * (collections). The criterion may be a function of the target's columns, which a
   * self-referential relationship needs (its target is an alias of the same table).
   * @example select(Node).where(Node.c.children.any((child) => child.name.eq('leaf')))
   */
  any(criterion?: Criterion): ColumnElement<boolean> {
    const rel = this._rel;
    if (!rel.uselist) throw new ArgumentError(`${this._mapper.name}.c.${this.key} is a single object; use has()`);
    return existsRelated(rel, criterion);
  }
  /** `EXISTS (…)` for a single related object (many-to-one / one-to-one) that matches. */
  has(criterion?: Criterion): ColumnElement<boolean> {
    const rel = this._rel;
    if (rel.uselist) throw new ArgumentError(`${this._mapper.name}.c.${this.key} is a collection; use any()`);
    return existsRelated(rel, criterion);
  }
  /** The collection contains this (persistent) object. */
  contains(obj: T): ColumnElement<boolean> {
    const rel = this._rel;
    if (!rel.uselist) throw new ArgumentError(`${this._mapper.name}.c.${this.key} is a single object; compare with has() or eq on the key`);
    const values = obj as unknown as Record<string, unknown>;
    return existsRelated(rel, undefined, (cols) => and(...rel.target.pkColumns.map((c) => cols[c.key].eq(values[c.key] as never))));
  }
}

type JoinSpec = ReturnType<JoinTargetLike[typeof toJoinTarget]>;

const ALIASED = Symbol.for('retort.orm.aliased');
const MAPPER_KEY = Symbol.for('retort.orm.mapper');

/**
 * The join from the parent's table to `target` (the target's table or an alias of it):
 * many-to-many goes through the association table first.
 */
function joinSpec(rel: Relationship, target: FromClause<any>): JoinSpec {
  const cols = target.c as Readonly<Record<string, ColumnElement<unknown>>>;
  const t = (c: Column<unknown>): ColumnElement<unknown> => cols[c.key];
  if (rel.direction === 'manyToOne') return { target, on: and(...rel.pairs.map((p) => p.child.eq(t(p.parent) as never))) };
  if (rel.direction === 'oneToMany') return { target, on: and(...rel.pairs.map((p) => t(p.child).eq(p.parent as never))) };
  return {
    via: [{ target: rel.secondary!, on: and(...rel.pairs.map((p) => p.child.eq(p.parent as never))) }],
    target,
    on: and(...rel.secondaryPairs.map((p) => p.child.eq(t(p.parent) as never))),
  };
}

/** A condition on the related rows, or a function making one from the target's columns. */
export type Criterion = ColumnElement<boolean> | ((target: Readonly<Record<string, ColumnRef<any>>>) => ColumnElement<boolean>);

function existsRelated(rel: Relationship, criterion: Criterion | undefined, fixed?: (cols: Readonly<Record<string, ColumnRef<any>>>) => ColumnElement<boolean>): ColumnElement<boolean> {
  const self = rel.target === rel.parent;
  if (self && criterion instanceof ColumnElement) {
    throw new ArgumentError(`${rel.name} is self-referential: pass the condition as a function of the related row's columns, e.g. (t) => t.name.eq('x')`);
  }
  // A self-referential target is an alias of the table, so the subquery does not correlate it away.
  const target: FromClause<any> = self ? rel.target.table.alias() : rel.target.table;
  const cols = target.c as Readonly<Record<string, ColumnRef<any>>>;
  const onTarget = (c: Column<unknown>): ColumnElement<unknown> => (self ? cols[c.key] : c);
  const on =
    rel.direction === 'manyToOne'
      ? and(...rel.pairs.map((p) => p.child.eq(onTarget(p.parent) as never)))
      : rel.direction === 'oneToMany'
        ? and(...rel.pairs.map((p) => onTarget(p.child).eq(p.parent as never)))
        : and(...rel.pairs.map((p) => p.child.eq(p.parent as never)), ...rel.secondaryPairs.map((p) => p.child.eq(onTarget(p.parent) as never)));
  let stmt = select(literal(1)).selectFrom(target);
  if (rel.secondary) stmt = stmt.selectFrom(rel.secondary);
  const extra = typeof criterion === 'function' ? criterion(cols) : criterion;
  return stmt.where(and(on, extra, fixed?.(cols))).exists();
}

/**
 * The rows related to `parent` through `attr`: `withParent(user, User.c.addresses)` is the
 * condition on addresses that `user.addresses` would load, with the parent's key bound.
 *
 * @example
 * const addrs = await session.scalars(select(Address).where(withParent(user, User.c.addresses)));
 * // SELECT … FROM addresses WHERE addresses.user_id = ?
 */
export function withParent<P extends object, T>(parent: P, attr: RelationshipAttribute<T, unknown>): ColumnElement<boolean> {
  if (!(attr instanceof RelationshipAttribute)) throw new ArgumentError('withParent() takes an object and a relationship attribute such as User.c.addresses');
  const rel = attr._rel;
  if (!(parent instanceof (rel.parent.cls as unknown as Function)) && !(parent instanceof (rel.parent.base as unknown as Function))) {
    throw new ArgumentError(`withParent(): the object is not a ${rel.parent.name}`);
  }
  return parentCondition(rel, parent as unknown as Record<string, unknown>);
}

/** The condition on `rel`'s target rows that are related to the parent whose column values are `values`. */
export function parentCondition(rel: Relationship, values: Readonly<Record<string, unknown>>): ColumnElement<boolean> {
  if (rel.direction === 'manyToOne') return and(...rel.pairs.map((p) => p.parent.eq(values[p.child.key] as never)));
  if (rel.direction === 'oneToMany') return and(...rel.pairs.map((p) => p.child.eq(values[p.parent.key] as never)));
  const sub = select(...rel.secondaryPairs.map((p) => p.child))
    .selectFrom(rel.secondary!)
    .where(and(...rel.pairs.map((p) => p.child.eq(values[p.parent.key] as never))));
  const targetCols = rel.secondaryPairs.map((p) => p.parent);
  if (targetCols.length !== 1) throw new ArgumentError(`withParent(): ${rel.name} links through a composite key; not supported yet`);
  return targetCols[0].in(sub as never);
}
