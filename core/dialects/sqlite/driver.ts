/** The better-sqlite3 adapter: synchronous calls behind the common async shape, statements cached. */
import type BetterSqlite3 from 'better-sqlite3';
import type { DriverConnection, DriverResult, RunOptions } from '../dialect';

const CACHE_SIZE = 256;

export class SqliteConnection implements DriverConnection {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  broken = false;
  constructor(readonly db: BetterSqlite3.Database) {}

  private prepare(sql: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare(sql);
      if (this.statements.size >= CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  run(sql: string, params: readonly unknown[], opts: RunOptions): DriverResult {
    const stmt = this.prepare(sql);
    if (stmt.reader) {
      stmt.raw(true);
      stmt.safeIntegers(opts.bigint);
      const rows = stmt.all(params as unknown[]) as unknown[][];
      return { rows, fields: columnNames(stmt), rowCount: rows.length };
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

const names = new WeakMap<BetterSqlite3.Statement, string[]>();
function columnNames(stmt: BetterSqlite3.Statement): string[] {
  let n = names.get(stmt);
  if (!n) {
    n = stmt.columns().map((c) => c.name);
    names.set(stmt, n);
  }
  return n;
}
