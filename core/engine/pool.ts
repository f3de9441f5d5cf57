/**
 * The connection pool: a fixed size plus overflow, a checkout timeout, pre-ping and
 * recycle. A connection the database killed is detected (pre-ping, or the driver's own
 * signal) and replaced on the next checkout.
 */
import { PoolTimeoutError } from '../errors';
import type { DriverConnection } from '../dialects/dialect';

export interface PoolOptions {
  /**
   * Connections kept open. Default 5 (1 for an in-memory SQLite database). 0 keeps none: each
   * checkout opens a connection and each return closes it (for an engine `creator` that
   * borrows from another pool).
   */
  size?: number;
  /** Extra connections opened under load and closed when returned. Default 10. */
  maxOverflow?: number;
  /** Milliseconds to wait for a connection before a PoolTimeoutError. Default 30000. */
  timeout?: number;
  /** Test each connection with a cheap query on checkout. Default false. */
  prePing?: boolean;
  /** Close and replace connections older than this many milliseconds. Default: never. */
  recycle?: number;
}

export interface PooledConnection {
  readonly driver: DriverConnection;
  readonly createdAt: number;
  /** Set when the connection must not go back to the pool. */
  invalidated: boolean;
  /** The pool generation it was opened in; `dispose()` starts a new one. */
  readonly generation: number;
}

interface Waiter {
  resolve: (c: PooledConnection) => void;
  reject: (e: unknown) => void;
  timer: NodeJS.Timeout;
}

export class Pool {
  private readonly idle: PooledConnection[] = [];
  private readonly waiters: Waiter[] = [];
  private open = 0;
  private checkedOut = 0;
  private generation = 0;
  readonly size: number;
  readonly maxOverflow: number;
  readonly timeout: number;
  readonly prePing: boolean;
  readonly recycle: number | undefined;

  constructor(
    private readonly factory: () => Promise<DriverConnection>,
    opts: PoolOptions,
    /** Keep connections open forever (an in-memory SQLite database lives in its connection). */
    private readonly keepAlive = false,
  ) {
    this.size = opts.size ?? 5;
    this.maxOverflow = opts.maxOverflow ?? 10;
    this.timeout = opts.timeout ?? 30_000;
    this.prePing = !!opts.prePing;
    this.recycle = opts.recycle;
  }

  status(): { size: number; open: number; checkedOut: number; idle: number; waiting: number } {
    return { size: this.size, open: this.open, checkedOut: this.checkedOut, idle: this.idle.length, waiting: this.waiters.length };
  }

  async acquire(): Promise<PooledConnection> {
    for (;;) {
      const c = this.idle.pop();
      if (!c) break;
      if (await this.usable(c)) {
        this.checkedOut++;
        return c;
      }
      await this.discard(c);
    }
    if (this.open < this.size + this.maxOverflow) return this.create();
    return new Promise<PooledConnection>((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.findIndex((w) => w.timer === timer);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(
          new PoolTimeoutError(
            `pool limit of size ${this.size} overflow ${this.maxOverflow} reached: no connection was returned within ${this.timeout} ms ` +
              `(${this.checkedOut} checked out — is a connection not being closed?)`,
          ),
        );
      }, this.timeout);
      this.waiters.push({ resolve, reject, timer });
    });
  }

  private async create(): Promise<PooledConnection> {
    this.open++;
    this.checkedOut++;
    try {
      const driver = await this.factory();
      return { driver, createdAt: Date.now(), invalidated: false, generation: this.generation };
    } catch (e) {
      this.open--;
      this.checkedOut--;
      this.wakeForCapacity();
      throw e;
    }
  }

  private async usable(c: PooledConnection): Promise<boolean> {
    if (c.invalidated || c.driver.broken || c.generation !== this.generation) return false;
    if (!this.keepAlive && this.recycle !== undefined && Date.now() - c.createdAt > this.recycle) return false;
    if (this.prePing) {
      try {
        await c.driver.ping();
      } catch {
        return false;
      }
    }
    return true;
  }

  private async discard(c: PooledConnection): Promise<void> {
    this.open--;
    await c.driver.close().catch(() => undefined);
  }

  /** Returns a connection; an invalidated or overflow connection is closed instead of kept. */
  async release(c: PooledConnection): Promise<void> {
    this.checkedOut--;
    const waiter = this.waiters.shift();
    if (!c.invalidated && !c.driver.broken && c.generation === this.generation) {
      if (waiter) {
        clearTimeout(waiter.timer);
        this.checkedOut++;
        waiter.resolve(c);
        return;
      }
      if (this.keepAlive || this.idle.length < this.size) {
        this.idle.push(c);
        return;
      }
    } else if (waiter) {
      this.waiters.unshift(waiter);
    }
    await this.discard(c);
    this.wakeForCapacity();
  }

  /** A slot freed up: let the first waiter open a new connection. */
  private wakeForCapacity(): void {
    const waiter = this.waiters.shift();
    if (!waiter) return;
    clearTimeout(waiter.timer);
    this.create().then(waiter.resolve, waiter.reject);
  }

  /** Closes every idle connection; checked-out ones are closed when returned. */
  async dispose(): Promise<void> {
    this.generation++;
    const idle = this.idle.splice(0);
    await Promise.all(idle.map((c) => this.discard(c)));
  }
}
