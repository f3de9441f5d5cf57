/** The MySQL / MariaDB dialect, on mysql2. Capabilities follow the server's version. */
import type { Processor } from '../../compiler/compiled';
import type { CompileOptions } from '../../compiler/sql-compiler';
import type { SqlType } from '../../sql/types';
import type { DatabaseUrl } from '../../engine/url';
import { ConnectOptions, Dialect, DialectCapabilities, DriverConnection, IsolationLevel } from '../dialect';
import { MysqlCompiler } from './compiler';
import { MysqlDdlCompiler } from './ddl';
import { MysqlConnection } from './driver';
import { MysqlReflector } from './reflection';
import { mysqlBind, mysqlCastTypeName, mysqlResult, mysqlTypeName } from './types';

export class MysqlDialect extends Dialect {
  readonly name = 'mysql' as const;
  readonly identifierQuote = '`';
  /** True when the server is MariaDB (known after the first connection). */
  isMariaDb = false;
  readonly supports: DialectCapabilities = {
    returning: { insert: false, update: false, delete: false },
    fullJoin: false,
    distinctOn: false,
    intersectExcept: false,
    cteMaterialized: false,
    nullsOrdering: false,
    arrays: false,
    lateral: false,
    updateFrom: true,
    maxParams: 65535,
    alterForeignKeys: true,
    serverSideCursors: true,
  };
  override describe(): string {
    return `${this.isMariaDb ? 'MariaDB' : 'MySQL'}${this.serverVersion ? ' ' + this.serverVersion : ''}`;
  }
  createCompiler(options?: CompileOptions): MysqlCompiler {
    return new MysqlCompiler(this, options);
  }
  createDdlCompiler(): MysqlDdlCompiler {
    return new MysqlDdlCompiler(this);
  }
  typeName(type: SqlType<unknown>): string {
    return mysqlTypeName(type);
  }
  override castTypeName(type: SqlType<unknown>): string {
    return mysqlCastTypeName(type);
  }
  protected makeBindProcessor(type: SqlType<unknown>): Processor | undefined {
    return mysqlBind(type);
  }
  protected makeResultProcessor(type: SqlType<unknown>): Processor | undefined {
    return mysqlResult(type);
  }
  async connect(url: DatabaseUrl, options: ConnectOptions): Promise<DriverConnection> {
    const mysql = await import('mysql2/promise');
    const conn = await mysql.createConnection({
      host: url.host ?? 'localhost',
      port: url.port ?? 3306,
      user: url.username,
      password: url.password,
      database: url.database,
      charset: 'utf8mb4',
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      dateStrings: true,
      jsonStrings: true,
      timezone: 'Z',
      ...(options.driverOptions ?? {}),
      // Rows as arrays for every statement (Retort reads columns by position), set here rather
      // than per call: mysql2's execute({ sql, … }, values) options form costs ~6 µs more CPU
      // a query than execute(sql, values).
      rowsAsArray: true,
    } as Parameters<typeof mysql.createConnection>[0]);
    // Timestamps are stored as UTC wall-clock time; server-side defaults must agree.
    await conn.query("SET time_zone = '+00:00'");
    return new MysqlConnection(conn);
  }
  async initialize(conn: DriverConnection): Promise<void> {
    const r = await conn.run('SELECT VERSION()', [], { rows: true, bigint: false });
    const v = String(r.rows[0][0]);
    this.isMariaDb = /mariadb/i.test(v);
    this.serverVersion = v.split('-')[0];
    const [maj, min, patch] = this.serverVersion.split('.').map(Number);
    const atLeast = (a: number, b: number, c = 0) => maj > a || (maj === a && (min > b || (min === b && patch >= c)));
    if (this.isMariaDb) {
      this.supports.returning = { insert: atLeast(10, 5), update: false, delete: atLeast(10, 0, 5) };
      this.supports.intersectExcept = atLeast(10, 3);
    } else {
      this.supports.intersectExcept = atLeast(8, 0, 31);
      this.supports.lateral = atLeast(8, 0, 14);
    }
    // InnoDB hands a multi-row INSERT of known length ("simple insert") consecutive
    // auto-increment values in lock modes 0 and 1; mode 2 interleaves concurrent statements.
    const a = await conn.run('SELECT @@innodb_autoinc_lock_mode, @@auto_increment_increment', [], { rows: true, bigint: false });
    this.consecutiveAutoincrement = Number(a.rows[0][0]) < 2 ? Number(a.rows[0][1]) : undefined;
  }
  override beginSql(isolation: IsolationLevel | undefined): string[] {
    return isolation && isolation !== 'AUTOCOMMIT' ? [`SET TRANSACTION ISOLATION LEVEL ${isolation}`, 'START TRANSACTION'] : ['START TRANSACTION'];
  }
  classifyError(err: unknown): 'integrity' | 'connection' | undefined {
    const e = err as { errno?: number; code?: string; fatal?: boolean };
    if ([1062, 1451, 1452, 1048, 1364, 3819, 4025, 1216, 1217, 1557, 1586].includes(e?.errno ?? -1)) return 'integrity';
    if (e?.fatal || ['PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ER_CONNECTION_KILLED'].includes(e?.code ?? '') || [2006, 2013, 1927].includes(e?.errno ?? -1)) {
      return 'connection';
    }
    return undefined;
  }
  override createReflector(): MysqlReflector {
    return new MysqlReflector(this);
  }
  hasTableQuery(name: string, schema: string | undefined): { sql: string; params: unknown[] } {
    return {
      sql: `SELECT table_name FROM information_schema.tables WHERE table_name = ? AND table_schema = ${schema ? '?' : 'DATABASE()'}`,
      params: schema ? [name, schema] : [name],
    };
  }
}
