/**
 * Results: the rows of an executed statement, typed. `Result` holds buffered rows;
 * `AsyncResult` (from `conn.stream()`) reads them in batches as they are iterated.
 */
import { InvalidRequestError, MultipleResultsFoundError, NoResultFoundError, ArgumentError } from '../errors';
import type { Row } from '../sql/row-types';

type AnyRow = Row<readonly unknown[], any>;
type First<R> = R extends readonly [infer F, ...unknown[]] ? F : R extends { readonly 0: infer F } ? F : unknown;

function checkPartitionSize(n: number): void {
  if (!Number.isInteger(n) || n <= 0) throw new ArgumentError(`partitions() size must be a positive integer, got ${n}`);
}

/**
 * What `unique()` compares a value by: primitives, dates, byte arrays and plain data
 * (arrays, plain objects, as JSON columns give them) by value; any other object — an ORM
 * entity, a class instance — by identity, so two distinct objects with equal fields stay two.
 */
function uniqueKey(v: unknown, ids: Map<unknown, number>): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v === undefined) return ['u'];
  // Tagged so 1, 1n and '1' stay apart; String() makes -0 and 0 one key (SameValueZero).
  if (typeof v === 'number') return ['n', String(v)];
  if (typeof v === 'bigint') return ['b', String(v)];
  if (typeof v !== 'object') return ['i', identity(v, ids)];
  if (v instanceof Date) return ['d', v.getTime()];
  if (ArrayBuffer.isView(v)) return ['x', Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))];
  if (Array.isArray(v)) return ['a', v.map((x) => uniqueKey(x, ids))];
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    return ['o', Object.keys(v).sort().map((k) => [k, uniqueKey((v as Record<string, unknown>)[k], ids)])];
  }
  return ['i', identity(v, ids)];
}
function identity(o: unknown, ids: Map<unknown, number>): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = ids.size));
  return id;
}

/** Keeps the first of the items whose keys are equal (`key` given, or {@link uniqueKey} of `values(item)`). */
function firstOfEach<T>(items: readonly T[], values: (item: T) => unknown, key: ((item: T) => unknown) | undefined): T[] {
  const seen = new Set<unknown>();
  const ids = new Map<unknown, number>();
  return items.filter((item) => {
    const k = key ? key(item) : JSON.stringify(uniqueKey(values(item), ids));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Rows reduced to one value per row (the first column by default). */
export class ScalarResult<T> implements Iterable<T> {
  constructor(private readonly values: T[]) {}
  all(): T[] {
    return this.values;
  }
  first(): T | null {
    return this.values.length ? this.values[0] : null;
  }
  one(): T {
    if (this.values.length === 0) throw new NoResultFoundError('expected one row, got none');
    if (this.values.length > 1) throw new MultipleResultsFoundError(`expected one row, got ${this.values.length}`);
    return this.values[0];
  }
  oneOrNone(): T | null {
    if (this.values.length > 1) throw new MultipleResultsFoundError(`expected at most one row, got ${this.values.length}`);
    return this.values.length ? this.values[0] : null;
  }
  /**
   * Distinct values, first occurrence kept. Values are compared by value (numbers, strings,
   * dates, bytes, plain arrays and objects) and objects such as ORM entities by identity;
   * or by what `key` returns (SameValueZero).
   */
  unique(key?: (v: T) => unknown): ScalarResult<T> {
    return new ScalarResult(firstOfEach(this.values, (v) => v, key));
  }
  *partitions(size: number): IterableIterator<T[]> {
    checkPartitionSize(size);
    for (let i = 0; i < this.values.length; i += size) yield this.values.slice(i, i + size);
  }
  [Symbol.iterator](): Iterator<T> {
    return this.values[Symbol.iterator]();
  }
}

/**
 * The result of executing a statement.
 *
 * @example
 * const result = await conn.execute(select(users.c.id, users.c.name));
 * for (const [id, name] of result) console.log(id, name);
 */
export class Result<R extends AnyRow = AnyRow> implements Iterable<R> {
  private consumed = false;
  constructor(
    private readonly rows: R[],
    /** Column names in order. */
    readonly keys: readonly string[],
    /** Rows affected by an INSERT/UPDATE/DELETE (rows returned for a query). */
    readonly rowCount: number,
    /** The generated key of a single-row INSERT, where the database reports it. */
    readonly lastInsertId?: number | bigint | string,
  ) {}

  private take(): R[] {
    if (this.consumed) throw new InvalidRequestError('this result has already been consumed (all(), first(), one() … read it once)');
    this.consumed = true;
    return this.rows;
  }
  /** Every row. */
  all(): R[] {
    return this.take();
  }
  /** The first row, or null; the rest are discarded. */
  first(): R | null {
    const rows = this.take();
    return rows.length ? rows[0] : null;
  }
  /** Exactly one row, else NoResultFoundError / MultipleResultsFoundError. */
  one(): R {
    const rows = this.take();
    if (rows.length === 0) throw new NoResultFoundError('expected one row, got none');
    if (rows.length > 1) throw new MultipleResultsFoundError(`expected one row, got ${rows.length}`);
    return rows[0];
  }
  /** One row or null; more than one is an error. */
  oneOrNone(): R | null {
    const rows = this.take();
    if (rows.length > 1) throw new MultipleResultsFoundError(`expected at most one row, got ${rows.length}`);
    return rows.length ? rows[0] : null;
  }
  /** The first column of the first row, or null. */
  scalar(): First<R> | null {
    const r = this.first();
    return r ? (r[0] as First<R>) : null;
  }
  /** The first column of exactly one row. */
  scalarOne(): First<R> {
    return this.one()[0] as First<R>;
  }
  /** One value per row: the first column, or the column at `index`. */
  scalars(index = 0): ScalarResult<First<R>> {
    return new ScalarResult(this.take().map((r) => r[index] as First<R>));
  }
  /** Rows as plain `{ name: value }` objects. */
  mappings(): ScalarResult<R['_mapping']> {
    return new ScalarResult(this.take().map((r) => r._mapping));
  }
  /** Rows in lists of `size`. */
  *partitions(size: number): IterableIterator<R[]> {
    checkPartitionSize(size);
    const rows = this.take();
    for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
  }
  /**
   * Drops duplicate rows, keeping the first. Rows are equal when their values are: column
   * values by value, objects such as ORM entities by identity (two distinct objects with
   * equal fields are two rows); or when `key` returns the same thing (SameValueZero).
   * @example (await session.execute(select(User, Address).join(User.c.addresses))).unique().all()
   */
  unique(key?: (row: R) => unknown): Result<R> {
    const rows = firstOfEach(this.take(), (r) => r._tuple(), key);
    return new Result(rows, this.keys, this.rowCount, this.lastInsertId);
  }
  [Symbol.iterator](): Iterator<R> {
    return this.take()[Symbol.iterator]();
  }
}

/** A streamed result: rows are fetched in batches while you iterate. */
export class AsyncResult<R extends AnyRow = AnyRow> implements AsyncIterable<R> {
  private started = false;
  constructor(private readonly batches: () => AsyncIterable<R[]>) {}
  private source(): AsyncIterable<R[]> {
    if (this.started) throw new InvalidRequestError('a streamed result can be iterated once');
    this.started = true;
    return this.batches();
  }
  async *[Symbol.asyncIterator](): AsyncIterator<R> {
    for await (const batch of this.source()) yield* batch;
  }
  /** Rows in lists of up to `size` (at most the stream's batch size). */
  async *partitions(size?: number): AsyncIterable<R[]> {
    if (size !== undefined) checkPartitionSize(size);
    for await (const batch of this.source()) {
      if (!size) yield batch;
      else for (let i = 0; i < batch.length; i += size) yield batch.slice(i, i + size);
    }
  }
  /** The first column of each row. */
  async *scalars(): AsyncIterable<First<R>> {
    for await (const batch of this.source()) for (const r of batch) yield r[0] as First<R>;
  }
  /** Reads everything (defeats streaming; for small results and tests). */
  async all(): Promise<R[]> {
    const out: R[] = [];
    for await (const batch of this.source()) out.push(...batch);
    return out;
  }
}
