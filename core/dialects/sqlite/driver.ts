/** The better-sqlite3 adapter: synchronous calls behind the common async shape, statements cached. */
import type BetterSqlite3 from 'better-sqlite3';
import type { DriverConnection, DriverResult, RunOptions } from '../dialect';

const CACHE_SIZE = 256;

/**
 * A cached prepared statement and what the hot path needs to know about it. `reader`,
 * `raw()`, `safeIntegers()` and `columns()` each cross into native code; read or set once
 * here rather than on every execution, they cost nothing per query.
 */
interface PreparedStatement {
  readonly stmt: BetterSqlite3.Statement;
  readonly reader: boolean;
  /** Column names of a reader (better-sqlite3 builds new column objects on each `columns()` call). */
  readonly fields: string[];
  /** The `safeIntegers()` mode last set on `stmt`; undefined until the first execution sets it. */
  bigint: boolean | undefined;
}

export class SqliteConnection implements DriverConnection {
  private readonly statements = new Map<string, PreparedStatement>();
  broken = false;
  constructor(readonly db: BetterSqlite3.Database) {}

  private prepare(sql: string): PreparedStatement {
    // The miss apart keeps this short, so V8 optimises it soon (it runs for every statement).
    return this.statements.get(sql) ?? this.prepareNew(sql);
  }

  private prepareNew(sql: string): PreparedStatement {
    const stmt = this.db.prepare(sql);
    const reader = stmt.reader;
    // Readers always return arrays: set raw mode once, here (nothing else uses these statements).
    if (reader) stmt.raw(true);
    const p: PreparedStatement = { stmt, reader, fields: reader ? columnNames(stmt) : [], bigint: undefined };
    if (this.statements.size >= CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
    this.statements.set(sql, p);
    return p;
  }

  run(sql: string, params: readonly unknown[], opts: RunOptions): DriverResult {
    const p = this.prepare(sql);
    const stmt = p.stmt;
    if (p.reader) {
      // Only a change of mode reaches the native toggle (it is the same statement object each time).
      if (p.bigint !== opts.bigint) {
        stmt.safeIntegers(opts.bigint);
        p.bigint = opts.bigint;
      }
      const rows = stmt.all(params as unknown[]) as unknown[][];
      return { rows, fields: p.fields, rowCount: rows.length };
    }
    const info = stmt.run(params as unknown[]);
    return { rows: [], fields: [], rowCount: info.changes, lastInsertId: info.lastInsertRowid };
  }

  async *stream(sql: string, params: readonly unknown[], opts: RunOptions & { batchSize: number }): AsyncIterable<unknown[][]> {
    const stmt = this.db.prepare(sql);
    stmt.raw(true);
    stmt.safeIntegers(opts.bigint);
    let batch: unknown[][] = [];
    for (const row of stmt.iterate(params as unknown[]) as IterableIterator<unknown[]>) {
      batch.push(row);
      if (batch.length >= opts.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }
  async ping(): Promise<void> {
    if (!this.db.open) throw new Error('the SQLite database is closed');
    this.db.prepare('SELECT 1').get();
  }
  async close(): Promise<void> {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}

function columnNames(stmt: BetterSqlite3.Statement): string[] {
  return stmt.columns().map((c) => c.name);
}
