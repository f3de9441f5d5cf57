/** The PostgreSQL dialect, on pg. */
import type { Processor } from '../../compiler/compiled';
import type { CompileOptions } from '../../compiler/sql-compiler';
import type { SqlType } from '../../sql/types';
import type { DatabaseUrl } from '../../engine/url';
import { ConnectOptions, Dialect, DialectCapabilities, DriverConnection, IsolationLevel } from '../dialect';
import { PgCompiler } from './compiler';
import { PgDdlCompiler } from './ddl';
import { PgConnection, pgTypeParsers } from './driver';
import { PgReflector } from './reflection';
import { pgBind, pgResult, pgTypeName } from './types';

export class PostgresDialect extends Dialect {
  readonly name = 'postgresql' as const;
  readonly identifierQuote = '"';
  readonly supports: DialectCapabilities = {
    returning: { insert: true, update: true, delete: true },
    fullJoin: true,
    distinctOn: true,
    intersectExcept: true,
    cteMaterialized: true,
    nullsOrdering: true,
    arrays: true,
    lateral: true,
    updateFrom: true,
    maxParams: 65535,
    alterForeignKeys: true,
    serverSideCursors: true,
  };
  createCompiler(options?: CompileOptions): PgCompiler {
    return new PgCompiler(this, options);
  }
  createDdlCompiler(): PgDdlCompiler {
    return new PgDdlCompiler(this);
  }
  typeName(type: SqlType<unknown>): string {
    return pgTypeName(type);
  }
  protected makeBindProcessor(type: SqlType<unknown>): Processor | undefined {
    return pgBind(type);
  }
  protected makeResultProcessor(type: SqlType<unknown>): Processor | undefined {
    return pgResult(type);
  }
  async connect(url: DatabaseUrl, options: ConnectOptions): Promise<DriverConnection> {
    const pg = (await import('pg')).default;
    const client = new pg.Client({
      host: url.host ?? url.query.host ?? 'localhost',
      port: url.port ?? 5432,
      user: url.username,
      password: url.password,
      database: url.database,
      // Every session runs in UTC so server-side timestamps (now(), defaults) agree with Retort's rules.
      options: '-c TimeZone=UTC',
      types: pgTypeParsers(pg.types),
      ...(url.query.sslmode === 'require' ? { ssl: { rejectUnauthorized: false } } : {}),
      ...(options.driverOptions ?? {}),
    });
    await client.connect();
    return new PgConnection(client);
  }
  async initialize(conn: DriverConnection): Promise<void> {
    const r = await conn.run('SHOW server_version', [], { rows: true, bigint: false });
    this.serverVersion = String(r.rows[0][0]).split(' ')[0];
  }
  override beginSql(isolation: IsolationLevel | undefined): string[] {
    return isolation && isolation !== 'AUTOCOMMIT' ? [`BEGIN ISOLATION LEVEL ${isolation}`] : ['BEGIN'];
  }
  classifyError(err: unknown): 'integrity' | 'connection' | undefined {
    const e = err as { code?: string; message?: string };
    const code = String(e?.code ?? '');
    if (code.startsWith('23')) return 'integrity';
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE') return 'connection';
    if (!e?.code && /Connection terminated|not queryable|Client was closed/i.test(e?.message ?? '')) return 'connection';
    return undefined;
  }
  override createReflector(): PgReflector {
    return new PgReflector();
  }
  hasTableQuery(name: string, schema: string | undefined): { sql: string; params: unknown[] } {
    return {
      sql: `SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${schema ? 'n.nspname = $2' : 'pg_catalog.pg_table_is_visible(c.oid)'}`,
      params: schema ? [name, schema] : [name],
    };
  }
  override hasTypeQuery(name: string, schema: string | undefined): { sql: string; params: unknown[] } {
    return {
      sql: `SELECT t.typname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typname = $1 AND ${schema ? 'n.nspname = $2' : 'pg_catalog.pg_type_is_visible(t.oid)'}`,
      params: schema ? [name, schema] : [name],
    };
  }
}
