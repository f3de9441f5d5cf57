/**
 * The 1.x model declarations: untyped declarative classes with `Column(...)` statics (L404),
 * classical `mapper(Cls, table, { properties })` (L405), `relation()` (L406) and
 * `relationship(target, { backref })` (L408). Each maps onto the 2.0 mapper through its
 * public `mapImperatively()`; a relationship's direction (collection or single object) is
 * decided from the foreign keys when the class is mapped, as 1.x did.
 *
 * A class can only be mapped once its static fields exist, so a declarative class is mapped
 * on first use (constructed, queried, `User.c`, `select(User)`) or by `Base.register(…)`,
 * which maps the classes given in one batch (so `backref`s on either side are seen).
 */
import {
  AnyModel,
  ArgumentError,
  boolean,
  column,
  ColumnSpec,
  datetime,
  declarativeBase as coreDeclarativeBase,
  DeclarativeBase,
  float,
  foreignKey,
  integer,
  many,
  MappingError,
  MetaData,
  numeric,
  one,
  RelationshipSpec,
  SqlType,
  string,
  Table,
  textType,
  toSelectable,
  RelationshipAttribute,
} from '../core/index';
import { dynamicSpec } from './dynamic';
import { installBackrefCascade } from './backref-cascade';
import type { Column as CoreColumn } from '../core/index';
import { MAPPER } from '../core/orm/mapper';
import { legacyWarn } from './warnings';

// ------------------------------------------------------------ 1.x type names

/** 1.x type names: `Column(Integer)`, `Column(String(50))`. */
export const Integer = integer();
export const Float = float();
export const Boolean = boolean();
export const Text = textType();
export const DateTime = datetime();
export function String(length?: number): SqlType<string> {
  return string(length);
}
export function Numeric(precision?: number, scale?: number): SqlType<string> {
  return numeric(precision, scale);
}

/** 1.x `ForeignKey('users.id')`, given to `Column()`. */
export class LegacyForeignKey {
  constructor(readonly ref: string) {}
}
export function ForeignKey(ref: string): LegacyForeignKey {
  if (typeof ref !== 'string' || !ref.includes('.')) throw new ArgumentError(`ForeignKey() takes 'table.column', got ${JSON.stringify(ref)}`);
  return new LegacyForeignKey(ref);
}

/** Options of a 1.x `Column()`. */
export interface LegacyColumnOptions {
  primaryKey?: boolean;
  nullable?: boolean;
  default?: unknown;
  unique?: boolean;
  index?: boolean;
  autoincrement?: boolean;
  /** The SQL name, when it differs from the attribute name. */
  name?: string;
}

/** What `Column()` returns until its class is mapped (then the static is the Core column). */
export class LegacyColumnSpec {
  constructor(
    readonly type: SqlType<unknown>,
    readonly options: LegacyColumnOptions,
    readonly fk: LegacyForeignKey | undefined,
  ) {}
  toSpec(): ColumnSpec<unknown> {
    const { name, ...rest } = this.options;
    const o: Record<string, unknown> = { ...rest };
    if (name !== undefined) o.name = name;
    if (this.fk) o.references = foreignKey(this.fk.ref);
    return column(this.type as SqlType<unknown>, o as never) as ColumnSpec<unknown>;
  }
}

/**
 * L404: a column of an untyped declarative class. Typed as the Core column it becomes
 * (`User.id.eq(5)`); its instance values are untyped (`any`).
 * @example class User extends Base { static __tablename__ = 'users'; static id = Column(Integer, { primaryKey: true }) } // L404
 */
export function Column(type: SqlType<any> | (() => SqlType<any>), ...rest: (LegacyForeignKey | LegacyColumnOptions)[]): CoreColumn<any, string, boolean>;
export function Column(name: string, type: SqlType<any> | (() => SqlType<any>), ...rest: (LegacyForeignKey | LegacyColumnOptions)[]): CoreColumn<any, string, boolean>;
export function Column(...args: unknown[]): CoreColumn<any, string, boolean> {
  legacyWarn('L404');
  let name: string | undefined;
  if (typeof args[0] === 'string') name = args.shift() as string;
  let type = args.shift();
  if (typeof type === 'function') type = (type as () => unknown)();
  if (!(type instanceof SqlType)) throw new ArgumentError('Column() needs a type such as Integer or String(50)');
  let fk: LegacyForeignKey | undefined;
  let options: LegacyColumnOptions = {};
  for (const a of args) {
    if (a instanceof LegacyForeignKey) fk = a;
    else if (a && typeof a === 'object') options = { ...options, ...(a as LegacyColumnOptions) };
    else throw new ArgumentError('Column(): the arguments after the type are ForeignKey(…) and an options object');
  }
  if (name !== undefined) options = { ...options, name };
  return new LegacyColumnSpec(type, options, fk) as unknown as CoreColumn<any, string, boolean>;
}

// ------------------------------------------------------------ relationships (L406, L408)

export interface LegacyRelationshipOptions {
  /** L408: create the reverse relationship on the target under this name. */
  backref?: string;
  backPopulates?: string;
  secondary?: Table<any, any> | string;
  cascade?: string;
  /** `'select'` (1.x default) is explicit loading here; `'dynamic'` (L407) makes the attribute a Query of the related objects with append()/remove(). */
  lazy?: 'select' | 'selectin' | 'joined' | 'raise' | 'explicit' | 'dynamic';
  /** Force a collection (true) or a single object (false); by default the foreign keys decide. */
  uselist?: boolean;
}

/** A 1.x relationship, resolved against its parent's table when the class is mapped. */
export class LegacyRelationship {
  constructor(
    readonly target: string | (() => unknown),
    readonly options: LegacyRelationshipOptions,
  ) {}
}

function makeRelationship(what: string, target: unknown, options: LegacyRelationshipOptions = {}): LegacyRelationship {
  if (typeof target !== 'string' && typeof target !== 'function') throw new ArgumentError(`${what}() needs the target class, a function returning it, or its name`);
  if (!options || typeof options !== 'object') throw new ArgumentError(`${what}(): options must be an object`);
  if (options.backref !== undefined) legacyWarn('L408');
  if (options.lazy === 'dynamic') legacyWarn('L407');
  // A class (not a thunk) is its own target: wrap it so the 2.0 mapper can call it.
  const t = typeof target === 'function' && isClassLike(target) ? () => target : (target as string | (() => unknown));
  return new LegacyRelationship(t, { ...options });
}

function isClassLike(f: Function): boolean {
  return /^class[\s{]/.test(Function.prototype.toString.call(f)) || (f as unknown as Record<symbol, unknown>)[MAPPER] !== undefined;
}

/**
 * The 1.x `relationship()`: collection or single object by the foreign keys; `backref`
 * (L408) creates the other side.
 * @example static addresses = relationship(() => Address, { backref: 'user' }) // L408
 */
export function relationship(target: string | (() => unknown) | Function, options?: LegacyRelationshipOptions): any {
  return makeRelationship('relationship', target, options);
}

/** L406: the old name of `relationship()`. */
export function relation(target: string | (() => unknown) | Function, options?: LegacyRelationshipOptions): any {
  legacyWarn('L406');
  return makeRelationship('relation', target, options);
}

// ------------------------------------------------------------ mapping

interface Pending {
  cls: Function;
  table: Table<any, any>;
  rels: Record<string, LegacyRelationship>;
}

/** Reverse sides made by `backref` (L408), waiting for their class to be mapped. */
const backrefsFor = new WeakMap<Function, Record<string, RelationshipSpec<unknown, unknown>>>();
/** Classes being mapped right now (their MAPPER getter must not map them again). */
const inProgress = new Set<Function>();

function tableOfTarget(target: string | (() => unknown), registry: Map<string, Pending | AnyModel>, what: string): Table<any, any> {
  if (typeof target === 'string') {
    const p = registry.get(target);
    if (!p) throw new MappingError(`${what}: no class named ${target} is known yet; give the class (or () => Class), or map it first`);
    return 'table' in p && p.table instanceof Table ? p.table : (p as AnyModel).table;
  }
  const cls = target() as Function & { table?: Table<any, any> };
  if (typeof cls !== 'function') throw new MappingError(`${what}: the target function did not return a class`);
  const pending = pendingTables.get(cls);
  if (pending) return pending;
  return cls.table!;
}

/** Tables of declarative classes built in this batch (their mapping comes after). */
const pendingTables = new WeakMap<Function, Table<any, any>>();

function fkBetween(from: Table<any, any>, to: Table<any, any>): boolean {
  return from.foreignKeys.some((fk) => fk.referredTable === to);
}

/** The 2.0 specs of a class's 1.x relationships; backrefs are queued on their targets. */
function resolveRelationships(p: Pending, names: Map<string, Pending | AnyModel>, batch: ReadonlySet<Function>): Record<string, RelationshipSpec<unknown, unknown>> {
  const out: Record<string, RelationshipSpec<unknown, unknown>> = {};
  for (const [key, rel] of Object.entries(p.rels)) {
    const what = `${p.cls.name}.${key}`;
    const o = rel.options;
    const targetTable = o.secondary ? undefined : tableOfTarget(rel.target, names, what);
    // 1.x: a secondary or a self-reference is a collection; otherwise the side holding the foreign key holds one object.
    const uselist = o.uselist ?? (targetTable === undefined || targetTable === p.table || !fkBetween(p.table, targetTable));
    const dynamic = o.lazy === 'dynamic';
    if (dynamic && !uselist) throw new MappingError(`${what}: lazy: 'dynamic' needs a collection (the foreign key is on ${p.cls.name}'s side, so this relationship holds one object)`);
    const lazy = o.lazy === 'select' || o.lazy === undefined || dynamic ? undefined : (o.lazy as 'selectin' | 'joined' | 'raise' | 'explicit');
    const opts = { backPopulates: o.backref ?? o.backPopulates, secondary: o.secondary, cascade: o.cascade, ...(lazy ? { lazy } : {}) };
    for (const k of Object.keys(opts) as (keyof typeof opts)[]) if (opts[k] === undefined) delete opts[k];
    // L407: a dynamic collection is a 2.0 write-only one whose attribute is an appender query.
    out[key] = dynamic ? dynamicSpec(rel.target, opts) : uselist ? many(rel.target, opts) : one(rel.target, opts);
    if (o.backref) {
      const targetCls = typeof rel.target === 'string' ? undefined : (rel.target() as Function);
      const owner = targetCls ?? (names.get(rel.target as string) as Pending | undefined)?.cls;
      if (!owner) throw new MappingError(`${what}: backref needs the target class`);
      // A class of this batch, or one never mapped (classical mapping maps it later), takes the reverse side.
      if (!batch.has(owner) && (owner as unknown as Record<symbol, unknown>)[MAPPER] !== undefined) {
        throw new MappingError(`${what}: backref '${o.backref}' cannot be added to ${owner.name}, which is mapped already; map both in one Base.register(${p.cls.name}, ${owner.name}) call or declare both sides with backPopulates`);
      }
      const back = backrefsFor.get(owner) ?? {};
      const parent = () => p.cls;
      back[o.backref] = uselist ? one(parent, { backPopulates: key }) : many(parent, { backPopulates: key });
      backrefsFor.set(owner, back);
    }
  }
  return out;
}

const FUNCTION_OWN = new Set(['name', 'length', 'prototype', 'caller', 'arguments']);

/** Replaces the 1.x statics (column specs, relationships) with the Core columns and relationship attributes. */
function exposeStatics(cls: Function, keys: readonly string[]): void {
  const attrs = (cls as unknown as { c: Record<string, unknown> }).c;
  for (const k of keys) {
    // A function's own names (name, length, …) stay: the mapper names the class by them.
    if (FUNCTION_OWN.has(k)) continue;
    Object.defineProperty(cls, k, { value: attrs[k], configurable: true, enumerable: false, writable: false });
  }
}

function mapBatch(base: DeclarativeBase, pendings: Pending[], names: Map<string, Pending | AnyModel>): void {
  for (const p of pendings) pendingTables.set(p.cls, p.table);
  const batch = new Set(pendings.map((p) => p.cls));
  const specs = pendings.map((p) => resolveRelationships(p, names, batch));
  pendings.forEach((p, i) => {
    inProgress.add(p.cls);
    try {
      const rels = { ...specs[i], ...(backrefsFor.get(p.cls) ?? {}) };
      backrefsFor.delete(p.cls);
      base.mapImperatively(p.cls as never, p.table, rels);
      exposeStatics(p.cls, [...Object.keys(p.table.c), ...Object.keys(p.rels)]);
      // L403: relationships of 1.x-mapped classes cascade along their backrefs on a 1.x Session.
      const attrs = (p.cls as unknown as { c: Record<string, RelationshipAttribute<unknown, unknown>> }).c;
      for (const key of Object.keys(rels)) installBackrefCascade(attrs[key]);
    } finally {
      inProgress.delete(p.cls);
      pendingTables.delete(p.cls);
    }
  });
}

/** The static 1.x declarations of a declarative class, and its table. */
function collect(cls: Function, metadata: MetaData): Pending {
  const statics = cls as unknown as Record<string, unknown>;
  const tableName = statics.__tablename__;
  if (typeof tableName !== 'string') throw new MappingError(`${cls.name}: a 1.x declarative class needs static __tablename__ = '<table>'`);
  const cols: Record<string, ColumnSpec<any, any>> = {};
  const rels: Record<string, LegacyRelationship> = {};
  for (const key of Object.getOwnPropertyNames(cls)) {
    const v = statics[key];
    if (v instanceof LegacyColumnSpec) cols[key] = v.toSpec();
    else if (v instanceof LegacyRelationship) rels[key] = v;
  }
  if (!Object.keys(cols).length) throw new MappingError(`${cls.name}: no Column(…) statics to map`);
  const table = new Table(tableName, metadata, cols);
  return { cls, table, rels };
}

/** The 1.x declarative base: a class to extend (L404) that also has the 2.0 `model()` / `register()`. */
export interface LegacyDeclarativeBase extends DeclarativeBase {
  new (init?: Record<string, any>): { [key: string]: any };
  /** Class-level attributes of a mapped subclass (untyped, L404). */
  readonly c: any;
  /** The table of a mapped subclass. */
  readonly table: Table<any, any>;
  [toSelectable](): Table<any, any>;
}

/**
 * The 1.x `declarativeBase()`: extend it with `Column(...)` statics (L404, untyped), or use
 * its 2.0 `model()` as with `retort`'s. `register()` maps classes of both kinds.
 * @example
 * const Base = declarativeBase();
 * class User extends Base { static __tablename__ = 'users'; static id = Column(Integer, { primaryKey: true }); static name_ = Column('name', String(50)) }
 */
export function declarativeBase(opts: { metadata?: MetaData } = {}): LegacyDeclarativeBase {
  const base = coreDeclarativeBase(opts);
  /** Declarative classes by name (for string targets) and mapped 2.0 models. */
  const names = new Map<string, Pending | AnyModel>();
  const isDeclared = (cls: Function) => cls !== Legacy && cls.prototype instanceof Legacy && !Object.prototype.hasOwnProperty.call(cls, MAPPER);
  const ensureMapped = (...classes: Function[]) => {
    const todo = classes.filter((c) => isDeclared(c) && !inProgress.has(c));
    if (!todo.length) return;
    // Follow relationship targets given as classes, so one batch sees every backref.
    const batch = new Map<Function, Pending>();
    const visit = (c: Function) => {
      if (batch.has(c) || !isDeclared(c)) return;
      const p = collect(c, base.metadata);
      batch.set(c, p);
      names.set(c.name, p);
      for (const r of Object.values(p.rels)) if (typeof r.target === 'function') visit(r.target() as Function);
    };
    todo.forEach(visit);
    mapBatch(base, [...batch.values()], names);
  };
  /** A static of the mapped class, mapping it first (the 2.0 mapper defines it on the class itself). */
  const mapped = (cls: Function, key: string | symbol): unknown => {
    if (!Object.prototype.hasOwnProperty.call(cls, key)) {
      if (!isDeclared(cls)) throw new MappingError(`${cls.name} is a declarative base, not a mapped class`);
      ensureMapped(cls);
    }
    return (cls as unknown as Record<string | symbol, unknown>)[key];
  };
  class Legacy {
    [key: string]: any;
    constructor(init?: Record<string, any>) {
      ensureMapped(new.target);
      if (init !== undefined) {
        if (!init || typeof init !== 'object') throw new ArgumentError(`new ${new.target.name}(): the argument must be an object of attribute values`);
        const table = (new.target as unknown as AnyModel).table;
        for (const [k, v] of Object.entries(init)) {
          if (!(k in table.c) && !((new.target as unknown as AnyModel).c as object).hasOwnProperty(k)) throw new ArgumentError(`new ${new.target.name}(): unknown attribute "${k}"`);
          if (v !== undefined) this[k] = v;
        }
      }
    }
    static get metadata(): MetaData {
      return base.metadata;
    }
    static get registry() {
      return base.registry;
    }
    static model(...args: Parameters<DeclarativeBase['model']>) {
      return base.model(...args);
    }
    static mapImperatively(...args: Parameters<DeclarativeBase['mapImperatively']>) {
      return base.mapImperatively(...args);
    }
    static register(...classes: AnyModel[]): void {
      ensureMapped(...(classes as unknown as Function[]));
      base.register(...classes);
      for (const c of classes) names.set((c as unknown as Function).name, c);
    }
    static get [MAPPER](): unknown {
      if (!isDeclared(this) || inProgress.has(this)) return undefined;
      ensureMapped(this);
      return (this as unknown as Record<symbol, unknown>)[MAPPER];
    }
    static get c(): object {
      return mapped(this, 'c') as object;
    }
    static get table(): Table<any, any> {
      return mapped(this, 'table') as Table<any, any>;
    }
    static [toSelectable]() {
      return (mapped(this, toSelectable) as () => unknown).call(this);
    }
  }
  return Legacy as unknown as LegacyDeclarativeBase;
}

// ------------------------------------------------------------ classical mapping (L405)

const classicalBases = new WeakMap<MetaData, DeclarativeBase>();

/**
 * L405: maps an existing class onto a table outside any declarative base, with
 * `properties` for relationships (`relationship()`, L406/L408 forms included).
 * @example mapper(Person, peopleTable, { properties: { addresses: relationship(Address) } }) // L405
 */
export function mapper<C extends abstract new (...args: any) => object>(cls: C, table: Table<any, any>, options: { properties?: Record<string, unknown> } = {}): C & AnyModel {
  legacyWarn('L405');
  if (typeof cls !== 'function') throw new ArgumentError('mapper() needs a class');
  if (!(table instanceof Table)) throw new ArgumentError('mapper() needs a Core Table');
  let base = classicalBases.get(table.metadata);
  if (!base) classicalBases.set(table.metadata, (base = coreDeclarativeBase({ metadata: table.metadata })));
  const rels: Record<string, LegacyRelationship> = {};
  for (const [k, v] of Object.entries(options.properties ?? {})) {
    if (!(v instanceof LegacyRelationship)) throw new ArgumentError(`mapper(): property "${k}" must be relationship(…)`);
    rels[k] = v;
  }
  mapBatch(base, [{ cls, table, rels }], new Map());
  return cls as C & AnyModel;
}
