/** The SQLite dialect, on better-sqlite3. */
import { ArgumentError } from '../../errors';
import type { Processor } from '../../compiler/compiled';
import type { CompileOptions } from '../../compiler/sql-compiler';
import type { SqlType } from '../../sql/types';
import type { DatabaseUrl } from '../../engine/url';
import { ConnectOptions, Dialect, DialectCapabilities, DriverConnection, IsolationLevel } from '../dialect';
import { SqliteCompiler } from './compiler';
import { SqliteDdlCompiler } from './ddl';
import { SqliteConnection } from './driver';
import { SqliteReflector } from './reflection';
import { sqliteBind, sqliteResult, sqliteTypeName, sqliteUntyped } from './types';

export class SqliteDialect extends Dialect {
  readonly name = 'sqlite' as const;
  readonly identifierQuote = '"';
  readonly untypedBindProcessor = sqliteUntyped;
  readonly supports: DialectCapabilities = {
    returning: { insert: true, update: true, delete: true },
    fullJoin: true,
    distinctOn: false,
    intersectExcept: true,
    cteMaterialized: true,
    nullsOrdering: true,
    arrays: false,
    lateral: false,
    updateFrom: true,
    maxParams: 32766,
    alterForeignKeys: false,
    serverSideCursors: false,
  };
  createCompiler(options?: CompileOptions): SqliteCompiler {
    return new SqliteCompiler(this, options);
  }
  createDdlCompiler(): SqliteDdlCompiler {
    return new SqliteDdlCompiler(this);
  }
  typeName(type: SqlType<unknown>): string {
    return sqliteTypeName(type);
  }
  protected makeBindProcessor(type: SqlType<unknown>): Processor | undefined {
    return sqliteBind(type);
  }
  protected makeResultProcessor(type: SqlType<unknown>): Processor | undefined {
    return sqliteResult(type);
  }
  async connect(url: DatabaseUrl, options: ConnectOptions): Promise<DriverConnection> {
    const Database = (await import('better-sqlite3')).default;
    const file = url.database ?? ':memory:';
    const db = new Database(file, { timeout: Number(url.query.timeout ?? 5000), ...(options.driverOptions ?? {}) });
    // Foreign keys are off by default in SQLite; a user of a mature library expects them enforced.
    db.pragma(`foreign_keys = ${url.query.foreign_keys === 'off' ? 'OFF' : 'ON'}`);
    return new SqliteConnection(db);
  }
  async initialize(conn: DriverConnection): Promise<void> {
    const r = await conn.run('SELECT sqlite_version()', [], { rows: true, bigint: false });
    this.serverVersion = String(r.rows[0][0]);
    const [maj, min] = this.serverVersion.split('.').map(Number);
    const atLeast = (a: number, b: number) => maj > a || (maj === a && min >= b);
    this.supports.returning = { insert: atLeast(3, 35), update: atLeast(3, 35), delete: atLeast(3, 35) };
    this.supports.fullJoin = atLeast(3, 39);
  }
  override beginSql(isolation: IsolationLevel | undefined): string[] {
    if (isolation === 'READ UNCOMMITTED') return ['PRAGMA read_uncommitted = 1', 'BEGIN'];
    if (isolation === 'SERIALIZABLE' || isolation === undefined || isolation === 'AUTOCOMMIT') return ['BEGIN'];
    throw new ArgumentError(`SQLite transactions are SERIALIZABLE (or READ UNCOMMITTED); ${isolation} is not available`);
  }
  classifyError(err: unknown): 'integrity' | 'connection' | undefined {
    const code = String((err as { code?: string })?.code ?? '');
    if (code.startsWith('SQLITE_CONSTRAINT')) return 'integrity';
    if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_NOTADB' || code === 'SQLITE_IOERR') return 'connection';
    return undefined;
  }
  override createReflector(): SqliteReflector {
    return new SqliteReflector();
  }
  hasTableQuery(name: string, _schema: string | undefined): { sql: string; params: unknown[] } {
    return { sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", params: [name] };
  }
}
