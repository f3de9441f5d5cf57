/**
 * Driver connections lent by knex. A pool checkout borrows one from knex's pool and
 * `close()` gives it back (it never ends it); a transaction's connection refuses to run once
 * knex has committed or rolled back, because the raw connection may by then serve someone else.
 */
import type { DriverConnection, DriverResult, RunOptions } from '../../dialects/dialect';
import { InvalidRequestError } from '../../errors';

/** A connection out of knex's pool, handed back to knex by `close()`. */
export class BorrowedDriver implements DriverConnection {
  private returned = false;
  constructor(
    private readonly adapter: DriverConnection,
    private readonly giveBack: () => Promise<unknown> | unknown,
  ) {}
  get broken(): boolean {
    return this.returned || this.adapter.broken;
  }
  run(sql: string, params: readonly unknown[], opts: RunOptions): DriverResult | Promise<DriverResult> {
    return this.adapter.run(sql, params, opts);
  }
  stream(sql: string, params: readonly unknown[], opts: RunOptions & { batchSize: number }): AsyncIterable<unknown[][]> {
    return this.adapter.stream(sql, params, opts);
  }
  exec(sql: string): void | Promise<void> {
    return this.adapter.exec(sql);
  }
  ping(): Promise<void> {
    return this.adapter.ping();
  }
  async close(): Promise<void> {
    if (this.returned) return;
    this.returned = true;
    await this.giveBack();
  }
}

/** The connection of an open knex transaction; every call first checks the transaction is still open. */
export class TransactionDriver implements DriverConnection {
  constructor(
    private readonly adapter: DriverConnection,
    private readonly isCompleted: () => boolean,
  ) {}
  get broken(): boolean {
    return this.adapter.broken;
  }
  private check(): void {
    if (this.isCompleted()) {
      throw new InvalidRequestError('the knex transaction this connection joined has already been committed or rolled back; join the next transaction instead');
    }
  }
  run(sql: string, params: readonly unknown[], opts: RunOptions): DriverResult | Promise<DriverResult> {
    this.check();
    return this.adapter.run(sql, params, opts);
  }
  stream(sql: string, params: readonly unknown[], opts: RunOptions & { batchSize: number }): AsyncIterable<unknown[][]> {
    this.check();
    return this.adapter.stream(sql, params, opts);
  }
  exec(sql: string): void | Promise<void> {
    this.check();
    return this.adapter.exec(sql);
  }
  ping(): Promise<void> {
    this.check();
    return this.adapter.ping();
  }
  /** knex releases the transaction's connection when the transaction ends. */
  async close(): Promise<void> {}
}
