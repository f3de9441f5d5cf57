/**
 * Declarative models: `declarativeBase()` and `Base.model(tableName, props)`, which makes
 * the Core `Table` and a base class typed from the mapping for the user's class to extend.
 * Why this shape: docs/decisions/orm-model-declaration.md.
 */
import { ArgumentError } from '../errors';
import { Column, ColumnSpec } from '../schema/column';
import { MetaData } from '../schema/metadata';
import { Table, TableColumns, TableOptions } from '../schema/table';
import { SelectableLike, toSelectable } from '../sql/protocol';
import { instrument } from './attributes';
import { MappingError } from './errors';
import { MAPPER, MappedClass, Mapper, Registry } from './mapper';
import { RelationshipAttribute, RelationshipSpec } from './relationships';
import { stateOf } from './state';
import type { WriteOnlyCollection } from './write-only';

/** What a model's mapping holds: columns (`column(...)`) and relationships (`many`/`one`). */
export type ModelProps = Record<string, ColumnSpec<any, any> | RelationshipSpec<any, any>>;

/** The column descriptions among a model's props (what its Core `Table` is made of). */
export type ColumnSpecsOf<P> = { [K in keyof P as P[K] extends ColumnSpec<any, any> ? K : never]: P[K] };

/** The instance attributes of a model: column values (nullable ones `T | null`) and related objects. */
export type ModelInstance<P> = {
  -readonly [K in keyof P]: P[K] extends ColumnSpec<infer T, any> ? T : P[K] extends RelationshipSpec<infer V, any> ? V : never;
};

/** The class-level attributes, `User.c`: Core columns (typed SQL expressions) and relationship attributes. */
export type ModelAttributes<P> = {
  readonly [K in keyof P & string]: P[K] extends ColumnSpec<infer T, infer O>
    ? Column<T, K, O>
    : P[K] extends RelationshipSpec<infer V, infer T>
      ? RelationshipAttribute<T, V>
      : never;
};

/** What `new User({...})` takes: any of the attributes (required columns are checked at flush). */
export type ModelInit<P> = {
  [K in keyof P]?: P[K] extends RelationshipSpec<WriteOnlyCollection<infer T>, any> ? readonly T[] : ModelInstance<P>[K];
};

/** The class `Base.model()` returns, for a user's class to extend. */
export interface ModelClass<P> extends SelectableLike {
  new (init?: ModelInit<P>): ModelInstance<P>;
  /** Class-level attributes: `User.c.name.eq('ada')`, `User.c.addresses.any(…)`. */
  readonly c: ModelAttributes<P>;
  /** The Core table behind the model. */
  readonly table: Table<string, ColumnSpecsOf<P> & Record<string, ColumnSpec<any, any>>>;
}

/** Any mapped class (for functions that take one). */
export type AnyModel = (abstract new (...args: any) => object) & SelectableLike & { readonly c: object; readonly table: Table<any, any> };

/** What a class mapped imperatively onto `Tbl` must declare: every column, with a type the column can hold. */
export type DeclaredFor<Tbl extends Table<any, any>> = { [K in keyof Tbl['c']]: Tbl['c'][K] extends Column<infer T, any, any> ? T : never };

/** The result of {@link declarativeBase}. */
export interface DeclarativeBase {
  readonly metadata: MetaData;
  readonly registry: Registry;
  /**
   * A base class mapped to a new table `tableName` with these columns and relationships.
   * @example
   * class User extends Base.model('users', {
   *   id: column(integer(), { primaryKey: true }),
   *   name: column(string(50), { nullable: false }),
   *   addresses: many<Address>('Address', { backPopulates: 'user' }),
   * }) {
   *   greet() { return `Hi ${this.name}`; }
   * }
   */
  model<const P extends ModelProps>(tableName: string, props: P, options?: TableOptions<TableColumns<ColumnSpecsOf<P>>>): ModelClass<P>;
  /**
   * Maps an existing class onto an existing Core table. Its instance typing comes from
   * the class's own `declare`d fields.
   * @example
   * class Tag { declare id: number; declare label: string }
   * const TagModel = Base.mapImperatively(Tag, tagsTable);
   */
  mapImperatively<C extends abstract new (...args: any) => object, Tbl extends Table<any, any>>(
    cls: C & (abstract new (...args: any) => DeclaredFor<Tbl>),
    table: Tbl,
    relationships?: Record<string, RelationshipSpec<any, any>>,
  ): C & { readonly c: Tbl['c']; readonly table: Tbl } & SelectableLike;
  /** Registers user classes by name so relationship strings resolve whatever the import order. */
  register(...classes: AnyModel[]): void;
}

/**
 * A registry and MetaData for declarative models.
 * @example
 * export const Base = declarativeBase();
 * // … models …
 * Base.register(User, Address);
 * await Base.metadata.createAll(engine);
 */
export function declarativeBase(opts: { metadata?: MetaData } = {}): DeclarativeBase {
  const metadata = opts.metadata ?? new MetaData();
  const registry = new Registry(metadata);
  return {
    metadata,
    registry,
    model<const P extends ModelProps>(tableName: string, props: P, options: TableOptions<TableColumns<ColumnSpecsOf<P>>> = {}): ModelClass<P> {
      if (!props || typeof props !== 'object') throw new ArgumentError(`Base.model(${JSON.stringify(tableName)}): the second argument must be an object of columns and relationships`);
      const columns: Record<string, ColumnSpec<any, any>> = {};
      const rels: Record<string, RelationshipSpec<unknown, unknown>> = {};
      for (const [key, v] of Object.entries(props)) {
        if (v instanceof ColumnSpec) columns[key] = v;
        else if (v instanceof RelationshipSpec) rels[key] = v;
        else throw new ArgumentError(`Base.model(${JSON.stringify(tableName)}): "${key}" must be column(…), many(…) or one(…)`);
      }
      const table = new Table(tableName, metadata, columns, options as TableOptions<any>);
      return makeModelClass(registry, table, rels) as unknown as ModelClass<P>;
    },
    mapImperatively(cls, table, relationships = {}) {
      if (typeof cls !== 'function') throw new ArgumentError('mapImperatively() needs a class');
      if (!(table instanceof Table)) throw new ArgumentError('mapImperatively() needs a Core Table');
      if ((cls as unknown as MappedClass)[MAPPER]) throw new MappingError(`${cls.name} is mapped already`);
      const mapper = new Mapper(registry, cls as unknown as MappedClass, table, relationships);
      defineStatics(cls, mapper);
      instrument(cls.prototype, mapper);
      mapper._see(cls as unknown as MappedClass);
      registry._classSeen(mapper, cls as unknown as MappedClass);
      return cls as never;
    },
    register(...classes: AnyModel[]) {
      for (const c of classes) {
        const m = (c as unknown as MappedClass)[MAPPER];
        if (!m || m.registry !== registry) throw new ArgumentError(`register(): ${(c as { name?: string })?.name ?? typeof c} is not a model of this Base`);
        m._see(c as unknown as MappedClass);
      }
    },
  };
}

function defineStatics(cls: Function, mapper: Mapper): void {
  const attrs: Record<string, unknown> = { ...(mapper.table.c as object) };
  for (const key of mapper.relationships.keys()) attrs[key] = new RelationshipAttribute(mapper, key);
  Object.freeze(attrs);
  Object.defineProperty(cls, MAPPER, { value: mapper, enumerable: false });
  // Getters, so reading them through the user's subclass registers that subclass.
  Object.defineProperty(cls, 'c', {
    get(this: MappedClass) {
      mapper._see(this);
      return attrs;
    },
    enumerable: false,
    configurable: true,
  });
  Object.defineProperty(cls, 'table', {
    get(this: MappedClass) {
      mapper._see(this);
      return mapper.table;
    },
    enumerable: false,
    configurable: true,
  });
  Object.defineProperty(cls, toSelectable, {
    value(this: MappedClass) {
      mapper._see(this);
      return mapper.table;
    },
    enumerable: false,
  });
}

function makeModelClass(registry: Registry, table: Table<any, any>, rels: Record<string, RelationshipSpec<unknown, unknown>>): Function {
  let mapper: Mapper;
  // The generated base: the constructor takes initial values through the instrumented setters.
  const Base = class {
    constructor(init?: Record<string, unknown>) {
      mapper._see(new.target as unknown as MappedClass);
      stateOf(this, mapper);
      if (init !== undefined) {
        if (init === null || typeof init !== 'object') throw new ArgumentError(`new ${new.target.name}(): the argument must be an object of attribute values`);
        const keys = Object.keys(init);
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i];
          if (!mapper.columns.has(k) && !mapper.relationships.has(k)) {
            throw new ArgumentError(`new ${new.target.name}(): unknown attribute "${k}" (attributes: ${[...mapper.columns.keys(), ...mapper.relationships.keys()].join(', ')})`);
          }
          const v = (init as Record<string, unknown>)[k];
          if (v !== undefined) (this as Record<string, unknown>)[k] = v;
        }
      }
    }
  };
  Object.defineProperty(Base, 'name', { value: `${table.name}_model` });
  mapper = new Mapper(registry, Base as unknown as MappedClass, table, rels);
  defineStatics(Base, mapper);
  instrument(Base.prototype, mapper);
  return Base;
}
