/**
 * `MetaData`: the collection of tables of one application, in foreign-key dependency
 * order for CREATE and DROP.
 */
import { ArgumentError } from '../errors';
import { ColumnRef } from '../sql/selectable';
import type { AnyTable, Table } from './table';

/** What `createAll`/`dropAll` run on: an Engine or a Connection (see the engine layer). */
export interface SchemaBind {
  /** @internal */
  _runSchemaOperation(op: 'create' | 'drop', metadata: MetaData, opts: SchemaOperationOptions): Promise<void>;
}

/** What `metadata.reflect()` runs on: an Engine or a Connection (see core/reflection). */
export interface ReflectBind {
  /** @internal */
  _reflect(metadata: MetaData, opts: ReflectOptions): Promise<void>;
}

export interface ReflectOptions {
  /** Only these tables (a missing one is an error), or those a predicate accepts. */
  only?: readonly string[] | ((name: string, metadata: MetaData) => boolean);
  /** The schema to read; default: the MetaData's schema, else the connection's default schema. */
  schema?: string;
  /** Reflect views (and PostgreSQL materialized views) too. Default false. */
  views?: boolean;
  /** Also load the tables that foreign keys refer to. Default true. */
  resolveForeignKeys?: boolean;
}

export interface SchemaOperationOptions {
  /** Skip tables that already exist (create) or do not exist (drop). Default true. */
  checkfirst?: boolean;
  /** Only these tables (and in dependency order among themselves). */
  tables?: readonly Table<any, any>[];
}

/**
 * The tables of an application.
 * @example
 * const metadata = new MetaData();
 * // … define tables …
 * await metadata.createAll(engine);
 */
export class MetaData {
  private readonly byName = new Map<string, AnyTable>();
  constructor(readonly options: { schema?: string } = {}) {
    if (options === null || typeof options !== 'object') throw new ArgumentError('MetaData options must be an object');
    if ('bind' in options) {
      throw new ArgumentError('MetaData({ bind }) was removed in Retort 2.0: pass the engine to createAll()/execute() instead (see retort/legacy, L102)');
    }
  }

  /** @internal */
  _register(table: AnyTable): void {
    const key = table.fullName;
    if (this.byName.has(key)) throw new ArgumentError(`table ${key} is already defined in this MetaData`);
    this.byName.set(key, table);
  }

  /** Removes a table (for example before defining it again). */
  remove(table: Table<any, any>): void {
    this.byName.delete(table.fullName);
  }

  /** Tables by `schema.name` (or `name`). */
  get tables(): ReadonlyMap<string, AnyTable> {
    return this.byName;
  }

  /** A table by name; throws naming the known tables when it is missing. */
  table(name: string): AnyTable {
    const t = this.byName.get(name);
    if (!t) throw new ArgumentError(`no table ${JSON.stringify(name)} in this MetaData (known: ${[...this.byName.keys()].join(', ') || 'none'})`);
    return t;
  }

  /** @internal resolves `'table.column'` or `'schema.table.column'` for foreign keys. */
  _resolveColumn(ref: string, defaultSchema: string | undefined): ColumnRef<unknown> {
    const parts = ref.split('.');
    const colName = parts.pop()!;
    const tableName = parts.join('.');
    const t = this.byName.get(tableName) ?? (defaultSchema ? this.byName.get(`${defaultSchema}.${tableName}`) : undefined);
    if (!t) throw new ArgumentError(`foreign key target ${JSON.stringify(ref)}: no table ${tableName} in the MetaData`);
    const col = t.columns.find((c) => c.name === colName);
    if (!col) throw new ArgumentError(`foreign key target ${JSON.stringify(ref)}: table ${tableName} has no column ${colName}`);
    return col;
  }

  /**
   * Tables ordered so that every table comes after the tables it refers to. Foreign keys
   * that form a cycle are returned separately: they must be added with ALTER TABLE.
   */
  sortedTables(only?: readonly AnyTable[]): { tables: AnyTable[]; cyclicForeignKeys: Set<object> } {
    return sortByDependency(only ? [...only] : [...this.byName.values()]);
  }

  /** CREATE every table (and index, enum type) in dependency order; existing ones are skipped. */
  createAll(bind: SchemaBind, opts: SchemaOperationOptions = {}): Promise<void> {
    checkBind(bind, 'createAll');
    return bind._runSchemaOperation('create', this, opts);
  }

  /** DROP every table in reverse dependency order; missing ones are skipped. */
  dropAll(bind: SchemaBind, opts: SchemaOperationOptions = {}): Promise<void> {
    checkBind(bind, 'dropAll');
    return bind._runSchemaOperation('drop', this, opts);
  }

  /**
   * Loads tables from the database into this MetaData, with one catalog query per kind of
   * metadata (columns, keys, indexes, …) for all of them. Tables already here are kept.
   * @example
   * const metadata = new MetaData();
   * await metadata.reflect(engine, { only: ['users', 'orders'] });
   * const users = metadata.table('users');
   * await conn.execute(select(users.c.id).where(users.c.name.eq('ada')));
   */
  reflect(bind: ReflectBind, opts: ReflectOptions = {}): Promise<void> {
    if (!bind || typeof (bind as ReflectBind)._reflect !== 'function') {
      return Promise.reject(new ArgumentError('reflect() needs an Engine or Connection to read from'));
    }
    return bind._reflect(this, opts);
  }
}

function checkBind(bind: unknown, what: string): void {
  if (!bind || typeof (bind as SchemaBind)._runSchemaOperation !== 'function') {
    throw new ArgumentError(`${what}() needs an Engine or Connection to run on`);
  }
}

function sortByDependency(tables: AnyTable[]): { tables: AnyTable[]; cyclicForeignKeys: Set<object> } {
  const inSet = new Set(tables);
  const cyclic = new Set<object>();
  const state = new Map<AnyTable, 'visiting' | 'done'>();
  const out: AnyTable[] = [];
  const visit = (t: AnyTable) => {
    state.set(t, 'visiting');
    for (const fk of t.foreignKeys) {
      if (fk.options.useAlter) {
        cyclic.add(fk);
        continue;
      }
      const target = fk.referredTable as AnyTable;
      if (target === t || !inSet.has(target)) continue;
      const s = state.get(target);
      if (s === 'visiting') cyclic.add(fk);
      else if (s === undefined) visit(target);
    }
    state.set(t, 'done');
    out.push(t);
  };
  for (const t of tables) if (!state.has(t)) visit(t);
  return { tables: out, cyclicForeignKeys: cyclic };
}
