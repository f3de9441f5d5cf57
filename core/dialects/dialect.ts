/**
 * What a dialect provides: a driver adapter, a compiler subclass, a DDL compiler, type
 * names and value processors, error classification and a few catalog queries. Adding a
 * database means adding a folder under `dialects/` that implements this.
 */
import type { CompileOptions, SqlCompiler } from '../compiler/sql-compiler';
import type { DdlCompiler } from '../compiler/ddl-compiler';
import type { Processor } from '../compiler/compiled';
import type { SqlType } from '../sql/types';
import type { DatabaseUrl } from '../engine/url';
import type {
  ObjectKind,
  ReflectedCheckConstraint,
  ReflectedColumn,
  ReflectedForeignKey,
  ReflectedIndex,
  ReflectedObject,
  ReflectedPrimaryKey,
  ReflectedUniqueConstraint,
} from '../reflection/reflected';

export type DialectName = 'sqlite' | 'postgresql' | 'mysql';

export interface DialectCapabilities {
  returning: { insert: boolean; update: boolean; delete: boolean };
  fullJoin: boolean;
  distinctOn: boolean;
  intersectExcept: boolean;
  cteMaterialized: boolean;
  nullsOrdering: boolean;
  arrays: boolean;
  lateral: boolean;
  updateFrom: boolean;
  /** The most bound parameters one statement may carry. */
  maxParams: number;
  /** ALTER TABLE ADD/DROP CONSTRAINT for foreign keys (false on SQLite). */
  alterForeignKeys: boolean;
  /** Server-side cursors for streaming. */
  serverSideCursors: boolean;
}

export type IsolationLevel = 'READ UNCOMMITTED' | 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE' | 'AUTOCOMMIT';

export interface DriverResult {
  /** Rows as arrays of column values, in SELECT-list order. */
  rows: unknown[][];
  /** Column names as the database reported them. */
  fields: string[];
  /** Rows affected by DML (or returned by a query). */
  rowCount: number;
  /** The generated key of a single-row INSERT, where the driver reports it. */
  lastInsertId?: number | bigint | string;
}

export interface RunOptions {
  /** The statement returns rows. */
  rows: boolean;
  /** Read 64-bit integers without precision loss (SQLite). */
  bigint: boolean;
}

/** A raw driver connection, adapted to one shape. Every method may be sync or async. */
export interface DriverConnection {
  run(sql: string, params: readonly unknown[], opts: RunOptions): DriverResult | Promise<DriverResult>;
  /**
   * Streams rows in batches without loading the whole result (server-side cursor where there
   * is one). Ending the iteration early (`return()`) must leave the connection ready for the
   * next statement. `inTransaction` is false on an AUTOCOMMIT connection.
   */
  stream(sql: string, params: readonly unknown[], opts: RunOptions & { batchSize: number; inTransaction?: boolean }): AsyncIterable<unknown[][]>;
  /** Runs SQL without parameters (transaction control, session settings). */
  exec(sql: string): void | Promise<void>;
  /** Checks the connection is alive; rejects when it is not. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** True once the driver has seen the connection die. */
  readonly broken: boolean;
}

export interface ConnectOptions {
  /** Extra options passed to the driver as they are. */
  driverOptions?: Record<string, unknown>;
}

export abstract class Dialect {
  abstract readonly name: DialectName;
  abstract readonly identifierQuote: string;
  abstract readonly supports: DialectCapabilities;
  /** The server's version string, once a connection has been made. */
  serverVersion: string | undefined;

  /**
   * The step between the auto-increment keys of one multi-row INSERT when the server
   * promises they are consecutive (MySQL/MariaDB, read at the first connection); undefined
   * when it does not. Used where there is no RETURNING.
   */
  consecutiveAutoincrement: number | undefined;

  /** A human name for messages, e.g. `MariaDB 10.11.6`. */
  describe(): string {
    return this.serverVersion ? `${this.name} ${this.serverVersion}` : this.name;
  }

  abstract createCompiler(options?: CompileOptions): SqlCompiler;
  abstract createDdlCompiler(): DdlCompiler;
  /** The DDL name of a type, e.g. `VARCHAR(50)`. */
  abstract typeName(type: SqlType<unknown>): string;
  /** The type name to use in CAST (some databases accept fewer names there). */
  castTypeName(type: SqlType<unknown>): string {
    return this.typeName(type);
  }

  private readonly bindCache = new Map<string, Processor | undefined>();
  private readonly resultCache = new Map<string, Processor | undefined>();
  /** Converts a JavaScript value to what the driver should send for this type. */
  bindProcessor(type: SqlType<unknown>): Processor | undefined {
    const key = type.describe();
    if (!this.bindCache.has(key)) this.bindCache.set(key, this.makeBindProcessor(type));
    return this.bindCache.get(key);
  }
  /** Converts what the driver returns for this type to the JavaScript value. */
  resultProcessor(type: SqlType<unknown>): Processor | undefined {
    const key = type.describe();
    if (!this.resultCache.has(key)) this.resultCache.set(key, this.makeResultProcessor(type));
    return this.resultCache.get(key);
  }
  protected abstract makeBindProcessor(type: SqlType<unknown>): Processor | undefined;
  protected abstract makeResultProcessor(type: SqlType<unknown>): Processor | undefined;

  abstract connect(url: DatabaseUrl, options: ConnectOptions): Promise<DriverConnection>;
  /** Reads what the dialect needs to know about the server (version, capabilities). */
  abstract initialize(conn: DriverConnection): Promise<void>;

  /** `'integrity'` for constraint violations, `'connection'` for lost connections. */
  abstract classifyError(err: unknown): 'integrity' | 'connection' | undefined;

  /** SQL that starts a transaction at the given isolation level. */
  beginSql(isolation: IsolationLevel | undefined): string[] {
    return isolation && isolation !== 'AUTOCOMMIT' ? ['BEGIN', `SET TRANSACTION ISOLATION LEVEL ${isolation}`] : ['BEGIN'];
  }

  /** Whether a table exists (used by createAll/dropAll with checkfirst). */
  abstract hasTableQuery(name: string, schema: string | undefined): { sql: string; params: unknown[] };
  /** Whether a named type exists (PostgreSQL enums). */
  hasTypeQuery(_name: string, _schema: string | undefined): { sql: string; params: unknown[] } | undefined {
    return undefined;
  }

  /** The dialect's batched catalog queries for `inspect()` / `metadata.reflect()`; undefined when it has none. */
  createReflector?(): DialectReflector;
}

/** What a dialect's reflection queries are given: one call covers every table in scope. */
export interface ReflectionScope {
  /** Runs a catalog query (driver placeholder style) and returns its rows as arrays. */
  query(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
  /** The schema to read; undefined means the connection's default schema. */
  readonly schema: string | undefined;
  /** Only these relation names; undefined means every relation of `kinds`. */
  readonly names: readonly string[] | undefined;
  readonly kinds: readonly ObjectKind[];
  /** The type for a column type Retort does not know (warns once per type name). */
  unknownType(databaseName: string, where: string): SqlType<unknown>;
}

/**
 * Batched reflection: each method is ONE catalog query for every table in scope, returning
 * results keyed by table name (tables without any such object may be absent).
 */
export interface DialectReflector {
  defaultSchemaName(scope: ReflectionScope): Promise<string | undefined>;
  schemaNames(scope: ReflectionScope): Promise<string[]>;
  objects(scope: ReflectionScope): Promise<ReflectedObject[]>;
  columns(scope: ReflectionScope): Promise<Map<string, ReflectedColumn[]>>;
  primaryKeys(scope: ReflectionScope): Promise<Map<string, ReflectedPrimaryKey>>;
  foreignKeys(scope: ReflectionScope): Promise<Map<string, ReflectedForeignKey[]>>;
  indexes(scope: ReflectionScope): Promise<Map<string, ReflectedIndex[]>>;
  uniqueConstraints(scope: ReflectionScope): Promise<Map<string, ReflectedUniqueConstraint[]>>;
  checkConstraints(scope: ReflectionScope): Promise<Map<string, ReflectedCheckConstraint[]>>;
  tableComments(scope: ReflectionScope): Promise<Map<string, string>>;
}
