/**
 * The Inspector: what the database catalog says about schemas, tables, views, columns,
 * keys, indexes, constraints and comments. Every "multi" method is one catalog query for
 * all the tables asked about (the dialect's batched queries), and every answer is cached
 * for the life of the Inspector; the single-table methods are views of the same queries.
 */
import { ArgumentError, NotSupportedError } from '../errors';
import type { DialectReflector, ReflectionScope } from '../dialects/dialect';
import type { Connection } from '../engine/connection';
import type { Engine } from '../engine/engine';
import { NoSuchTableError } from './errors';
import type {
  ObjectKind,
  ReflectedCheckConstraint,
  ReflectedColumn,
  ReflectedForeignKey,
  ReflectedIndex,
  ReflectedObject,
  ReflectedPrimaryKey,
  ReflectedUniqueConstraint,
} from './reflected';
import type { SqlType } from '../sql/types';
import { unknownTypeHandler } from './type-names';

/** Options of the single-table methods. */
export interface InspectTableOptions {
  /** The schema (PostgreSQL schema, MySQL database, SQLite attached database); default: the connection's. */
  schema?: string;
}

/** Options of the multi-table methods. */
export interface InspectMultiOptions extends InspectTableOptions {
  /** Only these tables; default: all of `kind` in the schema. */
  names?: readonly string[];
  /** Which relations: default `'table'`. */
  kind?: ObjectKind | readonly ObjectKind[];
}

const ALL_KINDS: readonly ObjectKind[] = ['table', 'view', 'materializedView'];
type Kind = 'columns' | 'primaryKeys' | 'foreignKeys' | 'indexes' | 'uniqueConstraints' | 'checkConstraints' | 'tableComments';

function isConnection(bind: unknown): bind is Connection {
  return !!bind && typeof (bind as Connection).execDriverSql === 'function' && typeof (bind as Connection).engine === 'object';
}
function isEngine(bind: unknown): bind is Engine {
  return !!bind && typeof (bind as Engine).connect === 'function' && typeof (bind as Engine).dialect === 'object';
}

/**
 * Reads the database catalog. Make one with {@link inspect}.
 *
 * @example
 * const insp = inspect(engine);
 * await insp.getTableNames();                 // ['orders', 'users']
 * await insp.getColumns('users');             // [{ name: 'id', type: integer(), nullable: false, … }, …]
 * await insp.getMultiForeignKeys();           // Map { 'orders' => [{ columns: ['user_id'], referredTable: 'users', … }], … }
 */
export class Inspector {
  private readonly reflector: DialectReflector;
  private readonly cache = new Map<string, Promise<unknown>>();
  private readonly unknownType: (databaseName: string, where: string) => SqlType<unknown>;

  constructor(readonly bind: Engine | Connection) {
    if (!isConnection(bind) && !isEngine(bind)) throw new ArgumentError('inspect() needs an Engine or a Connection');
    const dialect = isConnection(bind) ? bind.engine.dialect : bind.dialect;
    if (!dialect.createReflector) throw new NotSupportedError(`${dialect.describe()} has no reflection`);
    this.reflector = dialect.createReflector();
    this.unknownType = unknownTypeHandler(dialect.name);
  }

  /** Forgets every cached answer (after DDL ran, for instance). */
  clearCache(): void {
    this.cache.clear();
  }

  private cached<T>(key: string, make: () => Promise<T>): Promise<T> {
    let p = this.cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = make();
      this.cache.set(key, p);
      p.catch(() => this.cache.delete(key));
    }
    return p;
  }

  /** Runs `fn` with a scope on a connection (the bound one, or one from the engine's pool). */
  private async run<T>(schema: string | undefined, names: readonly string[] | undefined, kinds: readonly ObjectKind[], fn: (scope: ReflectionScope) => Promise<T>): Promise<T> {
    const go = (conn: Connection) =>
      fn({
        query: async (sql, params = []) => (await conn.execDriverSql(sql, params)).all().map(toArray),
        schema,
        names,
        kinds,
        unknownType: this.unknownType,
      });
    if (isConnection(this.bind)) return go(this.bind);
    const conn = await this.bind.connect();
    try {
      return await go(conn);
    } finally {
      await conn.close();
    }
  }

  // ----- names -------------------------------------------------------------------------

  /** The connection's default schema (`public`, the current database, `main`). */
  getDefaultSchemaName(): Promise<string | undefined> {
    return this.cached('defaultSchema', () => this.run(undefined, undefined, ALL_KINDS, (s) => this.reflector.defaultSchemaName(s)));
  }
  /** Every schema, system schemas left out. @example await inspect(engine).getSchemaNames() // ['public', 'sales'] */
  getSchemaNames(): Promise<string[]> {
    return this.cached('schemas', () => this.run(undefined, undefined, ALL_KINDS, (s) => this.reflector.schemaNames(s)));
  }
  /** Every relation of a schema with its kind (one query, cached). @internal */
  objects(schema?: string): Promise<ReflectedObject[]> {
    checkSchema(schema);
    return this.cached(`objects|${schema ?? ''}`, () => this.run(schema, undefined, ALL_KINDS, (s) => this.reflector.objects(s)));
  }
  private async namesOf(kind: ObjectKind, opts: InspectTableOptions): Promise<string[]> {
    return (await this.objects(opts.schema)).filter((o) => o.kind === kind).map((o) => o.name);
  }
  /** Table names of a schema, sorted. @example await inspect(engine).getTableNames({ schema: 'sales' }) */
  getTableNames(opts: InspectTableOptions = {}): Promise<string[]> {
    return this.namesOf('table', opts);
  }
  /** View names of a schema, sorted. */
  getViewNames(opts: InspectTableOptions = {}): Promise<string[]> {
    return this.namesOf('view', opts);
  }
  /** Materialized view names (PostgreSQL; empty elsewhere). */
  getMaterializedViewNames(opts: InspectTableOptions = {}): Promise<string[]> {
    return this.namesOf('materializedView', opts);
  }
  /** Whether a table or view of this name exists. @example await inspect(engine).hasTable('users') // true */
  async hasTable(name: string, opts: InspectTableOptions = {}): Promise<boolean> {
    checkName(name);
    return (await this.objects(opts.schema)).some((o) => o.name === name);
  }
  /** Whether a schema of this name exists. */
  async hasSchema(name: string): Promise<boolean> {
    checkName(name);
    return (await this.getSchemaNames()).includes(name);
  }
  /** Whether the table has an index of this name. */
  async hasIndex(table: string, index: string, opts: InspectTableOptions = {}): Promise<boolean> {
    checkName(index);
    return (await this.getIndexes(table, opts)).some((i) => i.name === index);
  }

  // ----- multi -------------------------------------------------------------------------

  /**
   * One kind of metadata for many tables in ONE catalog query; tables that have none of it
   * map to an empty value. Unknown names in `names` are left out.
   */
  private async multi<T>(what: Kind, opts: InspectMultiOptions, empty: () => T): Promise<Map<string, T>> {
    const { schema } = opts;
    const kinds = kindList(opts.kind);
    const names = opts.names === undefined ? undefined : [...new Set(checkNames(opts.names))].sort();
    const key = `${what}|${schema ?? ''}|${kinds.join(',')}|${names ? JSON.stringify(names) : '*'}`;
    return this.cached(key, async () => {
      const objects = await this.objects(schema);
      const wanted = new Set(names);
      const present = objects.filter((o) => kinds.includes(o.kind) && (!names || wanted.has(o.name)));
      const out = new Map<string, T>();
      if (present.length === 0) return out;
      // Every relation of the kinds asked for: query without a name filter.
      const filter = names && present.length < objects.filter((o) => kinds.includes(o.kind)).length ? present.map((o) => o.name) : undefined;
      const got = (await this.run(schema, filter, kinds, (s) => this.reflector[what](s) as Promise<Map<string, unknown>>)) as Map<string, T>;
      for (const o of present) out.set(o.name, got.get(o.name) ?? empty());
      return out;
    });
  }

  /** Columns of many tables. @example const cols = await insp.getMultiColumns({ names: ['a', 'b'] }); cols.get('a') */
  getMultiColumns(opts: InspectMultiOptions = {}): Promise<Map<string, ReflectedColumn[]>> {
    return this.multi('columns', opts, () => []);
  }
  /** Primary keys of many tables (`columns: []` for a table without one). */
  getMultiPrimaryKeys(opts: InspectMultiOptions = {}): Promise<Map<string, ReflectedPrimaryKey>> {
    return this.multi('primaryKeys', opts, () => ({ name: undefined, columns: [] }));
  }
  /** Foreign keys of many tables. */
  getMultiForeignKeys(opts: InspectMultiOptions = {}): Promise<Map<string, ReflectedForeignKey[]>> {
    return this.multi('foreignKeys', opts, () => []);
  }
  /** Indexes of many tables (including those that implement a constraint; see `duplicatesConstraint`). */
  getMultiIndexes(opts: InspectMultiOptions = {}): Promise<Map<string, ReflectedIndex[]>> {
    return this.multi('indexes', opts, () => []);
  }
  /** Unique constraints of many tables. */
  getMultiUniqueConstraints(opts: InspectMultiOptions = {}): Promise<Map<string, ReflectedUniqueConstraint[]>> {
    return this.multi('uniqueConstraints', opts, () => []);
  }
  /** Check constraints of many tables. */
  getMultiCheckConstraints(opts: InspectMultiOptions = {}): Promise<Map<string, ReflectedCheckConstraint[]>> {
    return this.multi('checkConstraints', opts, () => []);
  }
  /** Table comments of many tables (`undefined` where there is none). */
  getMultiTableComments(opts: InspectMultiOptions = {}): Promise<Map<string, string | undefined>> {
    return this.multi('tableComments', opts, () => undefined) as Promise<Map<string, string | undefined>>;
  }

  // ----- single table ------------------------------------------------------------------

  /** One table's entry: from a cached whole-schema answer when there is one, else a query for just it. */
  private async one<T>(what: Kind, table: string, opts: InspectTableOptions, empty: () => T): Promise<T> {
    checkName(table);
    for (const kinds of [kindList(ALL_KINDS), kindList('table')]) {
      const whole = this.cache.get(`${what}|${opts.schema ?? ''}|${kinds.join(',')}|*`) as Promise<Map<string, T>> | undefined;
      const hit = whole && (await whole.catch(() => undefined))?.get(table);
      if (hit !== undefined) return hit;
    }
    const got = await this.multi(what, { schema: opts.schema, names: [table], kind: ALL_KINDS }, empty);
    if (!got.has(table)) throw new NoSuchTableError([table], opts.schema, this.describe());
    return got.get(table) as T;
  }
  private describe(): string {
    const engine = isConnection(this.bind) ? this.bind.engine : this.bind;
    return engine.toString();
  }

  /**
   * A table's (or view's) columns, in order.
   * @example
   * await inspect(engine).getColumns('users');
   * // [{ name: 'id', type: integer(), nullable: false, default: undefined, autoincrement: true, comment: undefined }, …]
   */
  getColumns(table: string, opts: InspectTableOptions = {}): Promise<ReflectedColumn[]> {
    return this.one('columns', table, opts, () => []);
  }
  /** A table's primary key (`{ name: undefined, columns: [] }` when it has none). */
  getPrimaryKey(table: string, opts: InspectTableOptions = {}): Promise<ReflectedPrimaryKey> {
    return this.one('primaryKeys', table, opts, () => ({ name: undefined, columns: [] }));
  }
  /** A table's foreign keys. @example (await insp.getForeignKeys('orders'))[0].referredTable // 'users' */
  getForeignKeys(table: string, opts: InspectTableOptions = {}): Promise<ReflectedForeignKey[]> {
    return this.one('foreignKeys', table, opts, () => []);
  }
  /** A table's indexes; expression elements come back as `{ expression: 'lower(name)' }`. */
  getIndexes(table: string, opts: InspectTableOptions = {}): Promise<ReflectedIndex[]> {
    return this.one('indexes', table, opts, () => []);
  }
  /** A table's unique constraints. */
  getUniqueConstraints(table: string, opts: InspectTableOptions = {}): Promise<ReflectedUniqueConstraint[]> {
    return this.one('uniqueConstraints', table, opts, () => []);
  }
  /** A table's check constraints, as SQL text. */
  getCheckConstraints(table: string, opts: InspectTableOptions = {}): Promise<ReflectedCheckConstraint[]> {
    return this.one('checkConstraints', table, opts, () => []);
  }
  /** A table's comment, or undefined. */
  async getTableComment(table: string, opts: InspectTableOptions = {}): Promise<string | undefined> {
    return (await this.one<string | undefined>('tableComments', table, opts, () => undefined)) ?? undefined;
  }
}

function toArray(row: unknown): unknown[] {
  const r = row as ArrayLike<unknown>;
  const out = new Array(r.length);
  for (let i = 0; i < r.length; i++) out[i] = r[i];
  return out;
}

function kindList(kind: InspectMultiOptions['kind']): readonly ObjectKind[] {
  const list = kind === undefined ? ['table'] : typeof kind === 'string' ? [kind] : kind;
  if (!Array.isArray(list) || list.some((k) => !ALL_KINDS.includes(k as ObjectKind))) {
    throw new ArgumentError(`kind must be one of ${ALL_KINDS.join(', ')} (or a list of them), got ${JSON.stringify(kind)}`);
  }
  return [...list].sort() as ObjectKind[];
}
function checkName(name: unknown): void {
  if (typeof name !== 'string' || name === '') throw new ArgumentError(`a table, index or schema name must be a non-empty string, got ${JSON.stringify(name)}`);
}
function checkNames(names: unknown): readonly string[] {
  if (!Array.isArray(names)) throw new ArgumentError('names must be an array of table names');
  names.forEach(checkName);
  return names as string[];
}
function checkSchema(schema: unknown): void {
  if (schema !== undefined && (typeof schema !== 'string' || schema === '')) throw new ArgumentError(`schema must be a non-empty string, got ${JSON.stringify(schema)}`);
}

/**
 * An Inspector for an engine or a connection.
 * @example
 * import { inspect } from 'retort';
 * const names = await inspect(engine).getTableNames();
 */
export function inspect(bind: Engine | Connection): Inspector {
  return new Inspector(bind);
}
