/**
 * The mapper: what the ORM knows about one model — its class, its Core `Table`, its
 * columns by key, its primary key and its configured relationships — and the registry
 * that resolves relationship targets by class name.
 */
import { ArgumentError } from '../errors';
import type { Column } from '../schema/column';
import type { MetaData } from '../schema/metadata';
import type { Table } from '../schema/table';
import { and, ColumnElement, OrderByExpression } from '../sql/elements';
import type { ForeignKeyConstraint } from '../schema/constraints';
import { MappingError } from './errors';
import { CascadeOption, LoadStrategy, RelationshipSpec } from './relationships';
import type { IdentityKey } from './identity-map';

export const MAPPER = Symbol.for('retort.orm.mapper');

/** A class the ORM maps (its statics carry the mapper). */
export type MappedClass = (abstract new (...args: any) => object) & { readonly [MAPPER]?: Mapper };

/** Classes mapped in one `declarativeBase()`, by name, for resolving relationship targets. */
export class Registry {
  readonly mappers: Mapper[] = [];
  private readonly byName = new Map<string, Mapper>();
  constructor(readonly metadata: MetaData) {}

  /** @internal */
  _add(mapper: Mapper): void {
    this.mappers.push(mapper);
  }
  /** @internal records the user's class for a mapper, making it resolvable by name. */
  _classSeen(mapper: Mapper, cls: MappedClass): void {
    const other = this.byName.get(cls.name);
    if (other && other !== mapper) {
      throw new MappingError(`two mapped classes are named ${cls.name} (tables ${other.table.name} and ${mapper.table.name}); relationship targets are found by class name`);
    }
    this.byName.set(cls.name, mapper);
  }
  /** The mapper of a class name; a clear error when it is not known. */
  resolve(name: string, from: string): Mapper {
    const m = this.byName.get(name);
    if (!m) {
      const known = [...this.byName.keys()];
      throw new MappingError(
        `${from}: no mapped class named ${name} is registered (known: ${known.join(', ') || 'none'}). ` +
          `Register models once next to their definitions: Base.register(${name}, …)`,
      );
    }
    return m;
  }
}

export type Direction = 'manyToOne' | 'oneToMany' | 'manyToMany';

/** A column pair that a relationship keeps equal: `child[fk] = parent[pk]`. */
export interface SyncPair {
  readonly parent: Column<unknown>;
  readonly child: Column<unknown>;
}

/** A relationship configured against its target: direction, key pairs, back-reference, cascades. */
export class Relationship {
  private resolved?: {
    target: Mapper;
    direction: Direction;
    pairs: SyncPair[];
    secondaryPairs: SyncPair[];
    secondary?: Table<any, any>;
  };
  readonly cascade: ReadonlySet<CascadeOption>;
  readonly lazy: LoadStrategy;
  constructor(
    readonly parent: Mapper,
    readonly key: string,
    readonly spec: RelationshipSpec<unknown, unknown>,
  ) {
    this.cascade = parseCascade(spec.options.cascade, `${parent.name}.${key}`);
    this.lazy = spec.options.lazy ?? 'explicit';
  }
  get uselist(): boolean {
    return this.spec.uselist;
  }
  /** Declared with writeOnly(): never loaded; changed through add()/remove() and read through select(). */
  get writeOnly(): boolean {
    return this.spec.writeOnly;
  }
  /** The ORDER BY terms of a collection (`orderBy`), against the given columns of the target (its table or an alias of it). */
  orderByFor(cols: Readonly<Record<string, ColumnElement<unknown>>>): (ColumnElement<unknown> | OrderByExpression)[] {
    const fn = this.spec.options.orderBy;
    if (!fn) return [];
    const out = fn(cols as never);
    const terms = (Array.isArray(out) ? out : [out]) as unknown[];
    for (const t of terms) {
      if (!(t instanceof ColumnElement) && !(t instanceof OrderByExpression)) {
        throw new MappingError(`${this.name}: orderBy must return columns of ${this.target.name} or col.asc()/col.desc() (or an array of them), got ${t === null ? 'null' : typeof t}`);
      }
    }
    return terms as (ColumnElement<unknown> | OrderByExpression)[];
  }
  /** Its foreign key is written by a second UPDATE after both rows exist, and set to NULL before a DELETE (`postUpdate`). */
  get postUpdate(): boolean {
    return this.spec.options.postUpdate === true;
  }
  get name(): string {
    return `${this.parent.name}.${this.key}`;
  }
  private config() {
    return (this.resolved ??= this.configure());
  }
  get target(): Mapper {
    return this.config().target;
  }
  get direction(): Direction {
    return this.config().direction;
  }
  /** For manyToOne: parent = target's column, child = this table's fk. For oneToMany: parent = this table's, child = target's. For manyToMany: this side ↔ secondary. */
  get pairs(): readonly SyncPair[] {
    return this.config().pairs;
  }
  /** manyToMany only: target ↔ secondary pairs. */
  get secondaryPairs(): readonly SyncPair[] {
    return this.config().secondaryPairs;
  }
  get secondary(): Table<any, any> | undefined {
    return this.config().secondary;
  }
  /** The relationship on the target that mirrors this one (`backPopulates`). */
  get backref(): Relationship | undefined {
    const name = this.spec.options.backPopulates;
    if (!name) return undefined;
    const r = this.target.relationships.get(name);
    if (!r) throw new MappingError(`${this.name}: backPopulates names ${this.target.name}.${name}, which is not a relationship`);
    return r;
  }

  /** The ON clause between this model's table and the target's (through the secondary for many-to-many). */
  joinCondition(): ColumnElement<boolean> {
    const c = this.config();
    return and(...c.pairs.map((p) => p.child.eq(p.parent)), ...c.secondaryPairs.map((p) => p.child.eq(p.parent)));
  }

  private configure() {
    const what = this.name;
    const t = this.spec.target;
    let target: Mapper;
    if (typeof t === 'string') target = this.parent.registry.resolve(t, what);
    else {
      const cls = t() as MappedClass;
      const m = cls?.[MAPPER];
      if (!m) throw new MappingError(`${what}: the target function did not return a mapped class`);
      target = m;
    }
    const local = this.parent.table;
    const remote = target.table;
    const keys = this.foreignKeyNames();
    const secondaryOpt = this.spec.options.secondary;
    if (secondaryOpt !== undefined) {
      if (!this.uselist) throw new MappingError(`${what}: a relationship with secondary must be declared with many()`);
      if (this.postUpdate) throw new MappingError(`${what}: postUpdate applies to a foreign key of the parent or target table, not to a many-to-many`);
      const secondary = typeof secondaryOpt === 'string' ? this.parent.table.metadata.table(secondaryOpt) : secondaryOpt;
      // foreignKeys names the secondary's column(s) pointing at this side; the other foreign key leads to the target.
      const toLocal = pickForeignKey(what, secondary, local, keys);
      const toRemote = pickForeignKey(what, secondary, remote, undefined, toLocal);
      if (!toLocal || !toRemote) {
        throw new MappingError(`${what}: the secondary table ${secondary.name} needs foreign keys to both ${local.name} and ${remote.name}`);
      }
      return { target, direction: 'manyToMany' as const, pairs: pairsOf(toLocal), secondaryPairs: pairsOf(toRemote), secondary };
    }
    // Looked up only when needed: an unrelated pair of foreign keys the other way is no ambiguity for this relationship.
    const localToRemote = !this.uselist || local === remote ? pickForeignKey(what, local, remote, keys) : undefined;
    let out: { target: Mapper; direction: Direction; pairs: SyncPair[]; secondaryPairs: SyncPair[]; secondary?: Table<any, any> };
    // A self-referential one() is the many-to-one side, many() the one-to-many side.
    if (local === remote) {
      if (!localToRemote) throw new MappingError(`${what}: ${local.name} has no foreign key to itself${keys ? ` named by foreignKeys ${keys.join(', ')}` : ''}`);
      out = { target, direction: this.uselist ? 'oneToMany' : 'manyToOne', pairs: pairsOf(localToRemote), secondaryPairs: [] };
    } else if (localToRemote) out = { target, direction: 'manyToOne', pairs: pairsOf(localToRemote), secondaryPairs: [] };
    else {
      const remoteToLocal = pickForeignKey(what, remote, local, keys);
      if (remoteToLocal) out = { target, direction: 'oneToMany', pairs: pairsOf(remoteToLocal), secondaryPairs: [] };
      else if (keys) throw new MappingError(`${what}: foreignKeys ${keys.join(', ')} is not a foreign key between ${local.name} and ${remote.name}`);
      else if (this.uselist && pickForeignKey(what, local, remote, undefined)) {
        throw new MappingError(`${what}: many() needs a foreign key on ${remote.name} to ${local.name}; the foreign key goes the other way, so declare it with one()`);
      } else throw new MappingError(`${what}: no foreign key links ${local.name} and ${remote.name}`);
    }
    if (this.postUpdate && out.pairs.some((p) => !p.child.nullable)) {
      throw new MappingError(`${what}: postUpdate writes the foreign key after both rows exist, so ${out.pairs.map((p) => p.child.name).join(', ')} must be nullable`);
    }
    return out;
  }

  /** The `foreignKeys` option as a list of column keys. */
  private foreignKeyNames(): string[] | undefined {
    const fk = this.spec.options.foreignKeys;
    if (fk === undefined) return undefined;
    const list = typeof fk === 'string' ? [fk] : fk;
    if (!Array.isArray(list) || !list.length || list.some((k) => typeof k !== 'string')) {
      throw new MappingError(`${this.name}: foreignKeys must be a column key or an array of column keys, e.g. foreignKeys: 'billingAddressId'`);
    }
    return list;
  }
}

/**
 * The one foreign key of `from` that refers to `to`, narrowed by `keys` (column keys) when
 * given. Two candidates left is ambiguous: a clear error asks for `foreignKeys`.
 */
function pickForeignKey(
  what: string,
  from: Table<any, any>,
  to: Table<any, any>,
  keys: readonly string[] | undefined,
  exclude?: ForeignKeyConstraint,
): ForeignKeyConstraint | undefined {
  const all = from.foreignKeys.filter((fk) => fk.referredTable === to && fk !== exclude);
  // Keys naming another table's foreign key leave no candidate here (the relationship runs the other way).
  const candidates = keys ? all.filter((fk) => fk.columns.every((c) => keys.includes((c as Column<unknown>).key))) : all;
  if (candidates.length > 1) {
    const names = candidates.map((fk) => fk.columns.map((c) => (c as Column<unknown>).key).join('+'));
    throw new MappingError(
      `${what}: ${from.name} has ${candidates.length} foreign keys to ${to.name} (${names.join(', ')}); say which one this relationship uses with foreignKeys: '${names[0]}'`,
    );
  }
  return candidates[0];
}

function pairsOf(fk: ForeignKeyConstraint): SyncPair[] {
  return fk.columns.map((child, i) => ({ child: child as Column<unknown>, parent: fk.referred[i] as Column<unknown> }));
}

function parseCascade(text: string | undefined, what: string): Set<CascadeOption> {
  const out = new Set<CascadeOption>();
  const parts = (text ?? 'save-update, merge').split(',').map((s) => s.trim()).filter(Boolean);
  for (const p of parts) {
    if (p === 'all') ['save-update', 'merge', 'delete', 'expunge', 'refresh-expire'].forEach((x) => out.add(x as CascadeOption));
    else if (['save-update', 'merge', 'delete', 'delete-orphan', 'expunge', 'refresh-expire'].includes(p)) out.add(p as CascadeOption);
    else throw new ArgumentError(`${what}: unknown cascade "${p}"`);
  }
  if (out.has('delete-orphan') && !out.has('delete')) throw new ArgumentError(`${what}: delete-orphan needs delete too ("all, delete-orphan")`);
  return out;
}

/** What the ORM knows about one mapped class. */
export class Mapper {
  /** The class instances are made of: the user's subclass once seen, else the generated base. */
  cls: MappedClass;
  readonly columns: ReadonlyMap<string, Column<unknown>>;
  readonly relationships = new Map<string, Relationship>();
  readonly pkColumns: readonly Column<unknown>[];
  /** Column keys in the table's column order: the order of a `select(Model)` row. @internal */
  readonly _columnKeys: readonly string[];
  /** Where the primary key columns are in that order. @internal */
  readonly _pkPositions: readonly number[];
  private userClassSeen = false;
  constructor(
    readonly registry: Registry,
    readonly base: MappedClass,
    readonly table: Table<any, any>,
    relationshipSpecs: Readonly<Record<string, RelationshipSpec<unknown, unknown>>>,
  ) {
    this.cls = base;
    this.columns = new Map(Object.entries(table.c as Record<string, Column<unknown>>));
    this.pkColumns = table.primaryKey.columns as Column<unknown>[];
    this._columnKeys = (table.columns as Column<unknown>[]).map((c) => c.key);
    this._pkPositions = this.pkColumns.map((c) => this._columnKeys.indexOf(c.key));
    if (!this.pkColumns.length) throw new MappingError(`table ${table.name} has no primary key; the ORM needs one to tell rows apart`);
    for (const [key, spec] of Object.entries(relationshipSpecs)) {
      if (this.columns.has(key)) throw new MappingError(`${table.name}: "${key}" is both a column and a relationship`);
      this.relationships.set(key, new Relationship(this, key, spec));
    }
    registry._add(this);
  }
  get name(): string {
    return this.userClassSeen ? this.cls.name : this.table.name;
  }
  /** @internal the user's class (a subclass of the generated base) is the one to instantiate. */
  _see(cls: MappedClass): void {
    if (cls === this.base || cls === this.cls) return;
    if (this.userClassSeen) {
      if (cls.prototype instanceof this.cls) return; // a further subclass of the mapped class: fine, still one mapper
      throw new MappingError(`table ${this.table.name} is mapped by ${this.cls.name} already; ${cls.name} extends the same Base.model()`);
    }
    this.userClassSeen = true;
    this.cls = cls;
    this.registry._classSeen(this, cls);
  }
  relationship(key: string): Relationship {
    const r = this.relationships.get(key);
    if (!r) throw new ArgumentError(`${this.name} has no relationship "${key}" (relationships: ${[...this.relationships.keys()].join(', ') || 'none'})`);
    return r;
  }
  /** The primary key values of a row given by column key. */
  pkOf(values: Readonly<Record<string, unknown>>): unknown[] {
    return this.pkColumns.map((c) => values[c.key]);
  }
  /** The identity-map key of a primary key (within this mapper's table). */
  identityKey(pk: readonly unknown[]): IdentityKey {
    return pk.length === 1 ? keyOfValue(pk[0]) : pk.map(keyPart).join('\u0000');
  }
  /** The identity-map key of the primary key values in a record by column key. */
  identityKeyOf(values: Readonly<Record<string, unknown>>): IdentityKey {
    const pk = this.pkColumns;
    return pk.length === 1 ? keyOfValue(values[pk[0].key]) : this.identityKey(this.pkOf(values));
  }
  /** A new, empty attribute dictionary for an instance (see InstanceState.dict). @internal */
  _newDict(): Record<string, unknown> {
    return new this.Dict();
  }
  // Instances of a class whose prototype has no prototype: fast-property objects (not the
  // dictionary mode of Object.create(null)) where `key in dict` sees no Object.prototype names.
  private readonly Dict = (() => {
    const D = function (this: object) {} as unknown as new () => Record<string, unknown>;
    D.prototype = Object.create(null);
    return D;
  })();
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A one-column key as a Map key: numbers and bigints of the same value are one key (drivers differ in which they return). */
function keyOfValue(v: unknown): IdentityKey {
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v;
  return keyPart(v);
}

function keyPart(v: unknown): string {
  if (v instanceof Date) return `d${v.getTime()}`;
  if (Buffer.isBuffer(v)) return `b${v.toString('hex')}`;
  if (typeof v === 'number' || typeof v === 'bigint') return `n${String(v)}`;
  return `${typeof v}${String(v)}`;
}

/** The mapper of a mapped class or instance; an ArgumentError for anything else. */
export function mapperOf(x: unknown, what = 'this'): Mapper {
  const cls = (typeof x === 'function' ? x : (x as object | null)?.constructor) as MappedClass | undefined;
  const m = cls?.[MAPPER];
  if (!m) throw new ArgumentError(`${what}: ${describe(x)} is not a mapped class or instance (declare it with Base.model())`);
  m._see(cls!);
  return m;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'function') return `the class ${x.name || '(anonymous)'}`;
  if (typeof x === 'object') return `an object of ${(x as object).constructor?.name ?? 'no class'}`;
  return typeof x;
}
