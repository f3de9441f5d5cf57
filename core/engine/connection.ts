/**
 * `Connection`: one pooled database connection. Commit-as-you-go: the first statement
 * begins a transaction (autobegin); `commit()` / `rollback()` end it. `beginNested()` is a
 * SAVEPOINT. Closing a connection rolls back what was not committed.
 */
import { ArgumentError, ConnectionError, DatabaseError, IntegrityError, InvalidRequestError, RetortError } from '../errors';
import type { CompiledStatement } from '../compiler/compiled';
import type { DriverConnection, DriverResult, IsolationLevel } from '../dialects/dialect';
import type { MetaData, ReflectOptions, SchemaOperationOptions } from '../schema/metadata';
import { reflectMetaData } from '../reflection/reflect';
import { Node } from '../sql/node';
import type { Row } from '../sql/row-types';
import { isTextClause } from '../sql/text';
import type { Engine } from './engine';
import type { PooledConnection } from './pool';
import { executeManyValues } from './insert-many-values';
import { AsyncResult, Result } from './result';
import { rowClassFor, RowClass } from './row';
import { runSchemaOperation } from './schema-runner';

/** Anything `execute()` runs: select(), insert()/update()/deleteFrom(), text(), unions. */
export interface Executable extends Node {
  readonly __row: unknown;
}

/** The row type a statement produces. */
export type RowOf<S> = S extends { readonly __row: infer R } ? (R extends Row<any, any> ? R : Row<unknown[]>) : Row<unknown[]>;

/** Parameters for one execution (named bindparams, text() `:names`, INSERT values) or a list for executemany. */
export type ExecuteParams = Readonly<Record<string, unknown>> | readonly Readonly<Record<string, unknown>>[];

export interface ConnectionOptions {
  /** The isolation level of transactions begun on this connection; `AUTOCOMMIT` begins none. */
  isolationLevel?: IsolationLevel;
}

const ISOLATION_LEVELS = ['READ UNCOMMITTED', 'READ COMMITTED', 'REPEATABLE READ', 'SERIALIZABLE', 'AUTOCOMMIT'];

function isExecutable(s: unknown): s is Executable {
  return s instanceof Node && typeof (s as { _cache?: unknown })._cache === 'object';
}

/** Statements whose columns come from the parameter keys when they have no values(). */
function needsParamKeys(stmt: Node): boolean {
  if (stmt.kind === 'insert') return (stmt as unknown as { _state: { rows: unknown[]; fromSelect?: unknown } })._state.rows.length === 0 && !(stmt as any)._state.fromSelect;
  if (stmt.kind === 'update') return (stmt as unknown as { _state: { values: Map<unknown, unknown> } })._state.values.size === 0;
  return false;
}

/** A transaction begun explicitly with `conn.begin()` or as a savepoint with `beginNested()`. */
export class Transaction {
  private active = true;
  constructor(
    private readonly conn: Connection,
    /** The SAVEPOINT name of a nested transaction. */
    readonly savepoint?: string,
  ) {}
  get isActive(): boolean {
    return this.active && !this.conn.closed;
  }
  async commit(): Promise<void> {
    this.end('commit');
    await (this.savepoint ? this.conn._releaseSavepoint(this.savepoint) : this.conn.commit());
  }
  async rollback(): Promise<void> {
    this.end('rollback');
    await (this.savepoint ? this.conn._rollbackSavepoint(this.savepoint) : this.conn.rollback());
  }
  private end(what: string): void {
    if (!this.active) throw new InvalidRequestError(`cannot ${what}: this transaction has already ended`);
    this.active = false;
  }
}

let externalTransactionCounter = 0;

export class Connection {
  private inTx = false;
  private savepoints: string[] = [];
  private savepointCounter = 0;
  private isClosed = false;
  private isolation: IsolationLevel | undefined;
  private busyStreaming = false;
  /** The driver's batches of the result being streamed, until it is read to the end or ended. */
  private activeStream: AsyncIterator<unknown[][]> | undefined;
  /** @internal */
  readonly driver: DriverConnection;

  constructor(
    readonly engine: Engine,
    private readonly pooled: PooledConnection,
    options: ConnectionOptions = {},
    /**
     * True for a connection made by `engine.joinExternalTransaction()`: it runs inside a
     * transaction another library owns. Retort never begins, commits or rolls back that
     * transaction; this connection's own transaction is a SAVEPOINT inside it, so `commit()`
     * releases the savepoint (the rows become part of the owner's transaction) and
     * `rollback()` rolls back to it.
     */
    readonly externalTransaction = false,
  ) {
    this.driver = pooled.driver;
    this.isolation = externalTransaction ? undefined : (options.isolationLevel ?? engine.options.isolationLevel);
  }

  /** The SAVEPOINT that is this connection's transaction inside an external one. */
  private externalSavepoint: string | undefined;

  /** Ends this connection's transaction inside an external one: its savepoint released, or rolled back to first. */
  private async endExternal(how: 'release' | 'rollback'): Promise<void> {
    if (!this.inTx) return;
    const name = this.externalSavepoint!;
    this.inTx = false;
    this.savepoints = [];
    if (how === 'rollback') await this.rawExec(`ROLLBACK TO SAVEPOINT ${name}`);
    await this.rawExec(`RELEASE SAVEPOINT ${name}`);
  }

  get closed(): boolean {
    return this.isClosed;
  }
  /** True while a transaction is open (begun explicitly or by autobegin). */
  inTransaction(): boolean {
    return this.inTx;
  }

  /** Sets the isolation level for the next transaction on this connection. */
  executionOptions(opts: ConnectionOptions): this {
    if (opts.isolationLevel !== undefined) {
      if (!ISOLATION_LEVELS.includes(opts.isolationLevel)) {
        throw new ArgumentError(`unknown isolation level ${JSON.stringify(opts.isolationLevel)} (use one of ${ISOLATION_LEVELS.join(', ')})`);
      }
      if (this.inTx) throw new InvalidRequestError('the isolation level cannot change inside a transaction; commit or roll back first');
      if (this.externalTransaction) throw new InvalidRequestError("this connection runs inside another library's transaction (joinExternalTransaction), whose owner sets the isolation level");
      this.isolation = opts.isolationLevel;
    }
    return this;
  }

  private checkOpen(): void {
    if (this.isClosed) throw new InvalidRequestError('this connection is closed');
    if (this.busyStreaming) throw new InvalidRequestError('this connection is streaming a result; finish iterating it first');
  }

  private async autobegin(): Promise<void> {
    if (this.inTx || this.isolation === 'AUTOCOMMIT') return;
    if (this.externalTransaction) {
      // The owner's transaction is open: this connection's transaction is a savepoint in it.
      const name = `retort_tx_${++externalTransactionCounter}`;
      await this.rawExec(`SAVEPOINT ${name}`);
      this.externalSavepoint = name;
    } else {
      for (const sql of this.engine.dialect.beginSql(this.isolation)) await this.rawExec(sql);
    }
    this.inTx = true;
  }

  /**
   * Begins a transaction explicitly. Most code does not need this: the first statement
   * begins one (autobegin), and `commit()` ends it.
   */
  async begin(): Promise<Transaction> {
    this.checkOpen();
    if (this.inTx) {
      throw new InvalidRequestError(
        'a transaction is already begun on this connection (autobegin starts one with the first statement); commit() or rollback() it first, or use beginNested() for a SAVEPOINT',
      );
    }
    if (this.isolation === 'AUTOCOMMIT') throw new InvalidRequestError('this connection is in AUTOCOMMIT mode; it has no transactions');
    await this.autobegin();
    return new Transaction(this);
  }

  /**
   * A SAVEPOINT inside the current transaction (begun first if needed). With a function,
   * releases the savepoint when it resolves and rolls back to it when it throws.
   * @example await conn.beginNested(async () => { await conn.execute(insert(t).values(row)); });
   */
  async beginNested(): Promise<Transaction>;
  async beginNested<T>(fn: () => Promise<T>): Promise<T>;
  async beginNested<T>(fn?: () => Promise<T>): Promise<Transaction | T> {
    this.checkOpen();
    if (this.isolation === 'AUTOCOMMIT') throw new InvalidRequestError('savepoints need a transaction; this connection is in AUTOCOMMIT mode');
    await this.autobegin();
    const name = `retort_sp_${++this.savepointCounter}`;
    await this.rawExec(`SAVEPOINT ${name}`);
    this.savepoints.push(name);
    const tx = new Transaction(this, name);
    if (!fn) return tx;
    let out: T;
    try {
      out = await fn();
    } catch (e) {
      if (tx.isActive && this.savepoints.includes(name)) {
        try {
          await tx.rollback();
        } catch {
          // The savepoint is gone with the whole transaction (MySQL ends it on a deadlock or a
          // lock wait timeout): end it here too, and let the caller see what failed first,
          // not "SAVEPOINT does not exist". (The owner of an external transaction ends its own.)
          if (this.externalTransaction) throw e;
          this.inTx = false;
          this.savepoints = [];
          if (!this.driver.broken) {
            try {
              await this.driver.exec('ROLLBACK');
            } catch {
              // Nothing was left to roll back.
            }
          }
        }
      }
      throw e;
    }
    if (tx.isActive && this.savepoints.includes(name)) await tx.commit();
    return out;
  }

  /** @internal */
  async _releaseSavepoint(name: string): Promise<void> {
    const i = this.savepoints.lastIndexOf(name);
    if (i < 0) throw new InvalidRequestError(`savepoint ${name} is no longer active`);
    await this.rawExec(`RELEASE SAVEPOINT ${name}`);
    this.savepoints.splice(i);
  }
  /** @internal */
  async _rollbackSavepoint(name: string): Promise<void> {
    const i = this.savepoints.lastIndexOf(name);
    if (i < 0) throw new InvalidRequestError(`savepoint ${name} is no longer active`);
    await this.rawExec(`ROLLBACK TO SAVEPOINT ${name}`);
    this.savepoints.splice(i);
  }

  /** Commits the current transaction, if any. */
  async commit(): Promise<void> {
    this.checkOpen();
    if (this.externalTransaction) return this.endExternal('release');
    if (!this.inTx) return;
    this.inTx = false;
    this.savepoints = [];
    try {
      await this.rawExec('COMMIT');
    } catch (e) {
      // PostgreSQL ends the transaction when COMMIT fails; SQLite keeps it open (a deferred
      // foreign key still violated), and the next BEGIN here, or on whoever the pool hands
      // this connection to, would fail. Roll back so it is ended everywhere.
      if (!this.driver.broken) {
        try {
          await this.driver.exec('ROLLBACK');
        } catch {
          // Nothing was left to roll back.
        }
      }
      throw e;
    }
  }

  /** Rolls back the current transaction, if any. */
  async rollback(): Promise<void> {
    // Also refused while a result streams: MySQL would queue the ROLLBACK behind the unread rows.
    this.checkOpen();
    if (this.externalTransaction) return this.endExternal('rollback');
    if (!this.inTx) return;
    this.inTx = false;
    this.savepoints = [];
    await this.rawExec('ROLLBACK');
  }

  /** Rolls back anything uncommitted and returns the connection to the pool. Safe to call twice. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    // A result still streaming is ended first (cursor closed, rows drained), so the ROLLBACK
    // below and the next user of the connection do not wait behind it.
    if (this.activeStream) {
      try {
        await this.activeStream.return?.(undefined);
      } catch {
        this.pooled.invalidated = true;
      }
    }
    // The owner of an external transaction ends it and keeps its connection; only what this
    // connection did not commit (its savepoint) is undone.
    if (this.externalTransaction) {
      if (this.inTx && !this.driver.broken) await this.endExternal('rollback').catch(() => undefined);
      this.inTx = false;
      return;
    }
    try {
      if (this.inTx && !this.driver.broken) await this.driver.exec('ROLLBACK');
    } catch {
      this.pooled.invalidated = true;
    } finally {
      this.inTx = false;
      await this.engine.pool.release(this.pooled);
    }
  }

  /** Marks the driver connection unusable: it is closed instead of returned to the pool. */
  invalidate(): void {
    this.pooled.invalidated = true;
  }

  private async rawExec(sql: string): Promise<void> {
    try {
      await this.driver.exec(sql);
    } catch (e) {
      throw this.wrapError(e, sql, []);
    }
  }

  /** @internal wraps a driver error in the Retort hierarchy. */
  wrapError(e: unknown, sql: string, values: readonly unknown[]): RetortError {
    if (e instanceof RetortError) return e;
    const kind = this.engine.dialect.classifyError(e);
    const details = { sql, params: this.engine.options.includeParametersInErrors ? values : undefined, showParams: !!this.engine.options.includeParametersInErrors };
    if (kind === 'connection') {
      this.pooled.invalidated = true;
      this.inTx = false;
      return new ConnectionError(e, details);
    }
    if (kind === 'integrity') return new IntegrityError(e, details);
    return new DatabaseError(e, details);
  }

  /**
   * Runs a statement.
   *
   * @example
   * const result = await conn.execute(select(users.c.id, users.c.name).where(users.c.id.eq(1)));
   * const row = result.one(); // Row<[number, string]>
   * await conn.execute(insert(users), [{ name: 'a' }, { name: 'b' }]); // executemany
   * await conn.commit();
   */
  execute<S extends Executable>(statement: S, params?: ExecuteParams): Promise<Result<RowOf<S>>> {
    // Not an async function: one statement with one parameter set, with no BEGIN to send
    // (autobegin returns at once on the first two conditions), no echo log and no statement
    // listeners, runs start to end in this call on a synchronous driver (better-sqlite3), and
    // the caller awaits one settled promise. Anything else is checked here and continues in
    // executeCompiled(). Every error still arrives as a rejection.
    //
    // The fast path is written out here rather than in a helper, with the argument checks
    // after it: V8 inlines functions under ~460 bytes of bytecode into their callers, and
    // inlined into a caller's loop this whole path made that loop's optimisation a large
    // compilation landing in the first thousands of statements (select-by-pk, SQLite: the
    // first 10,000 queries ~8 % slower, ~17 % more CPU, than with execute() left out of line).
    try {
      const engine = this.engine;
      if (
        (this.inTx || this.isolation === 'AUTOCOMMIT') &&
        !this.isClosed &&
        !this.busyStreaming &&
        engine.logger === undefined &&
        !engine.events.hasExecuteListeners &&
        (params === undefined || (typeof params === 'object' && params !== null && !Array.isArray(params))) &&
        statement instanceof Node &&
        // What isExecutable() checks; the key is computed once per statement and kept.
        typeof (statement as { _cache?: unknown })._cache === 'object'
      ) {
        const first = params as Readonly<Record<string, unknown>> | undefined;
        const compiled = engine._compile(statement, first !== undefined && needsParamKeys(statement) ? Object.keys(first) : undefined);
        // runCompiled() without events or logging: driver errors are wrapped the same way.
        const built = compiled.build((statement as unknown as { _cache: { binds: any[] } })._cache.binds, first);
        let out: DriverResult | Promise<DriverResult>;
        try {
          out = this.driver.run(built.sql, built.values, compiled.runOptions);
        } catch (e) {
          throw this.wrapError(e, built.sql, built.values);
        }
        // An asynchronous driver's result is awaited in one async frame.
        if (typeof (out as Promise<DriverResult>).then === 'function') return this.awaitDriver(compiled, out as Promise<DriverResult>, built.sql, built.values) as Promise<Result<RowOf<S>>>;
        return Promise.resolve(this.makeResult(compiled, out as DriverResult)) as Promise<Result<RowOf<S>>>;
      }
      this.checkOpen();
      if (!isExecutable(statement)) {
        if (typeof statement === 'string') {
          throw new ArgumentError('execute() does not take SQL strings: wrap the SQL in text(), or use execDriverSql() (see the migration guide, L104)');
        }
        throw new ArgumentError(`execute() takes a statement such as select(), insert() or text(), got ${describe(statement)}`);
      }
      const many = Array.isArray(params);
      if (params !== undefined && (typeof params !== 'object' || params === null)) {
        throw new ArgumentError(`execute() parameters must be an object (or an array of objects for executemany), got ${describe(params)}`);
      }
      if (many) {
        if (params.length === 0) throw new ArgumentError('executemany needs at least one parameter object');
        params.forEach((p, i) => {
          if (typeof p !== 'object' || p === null || Array.isArray(p)) throw new ArgumentError(`executemany: parameter set ${i + 1} is not an object`);
        });
      }
      const first = many ? (params as readonly Record<string, unknown>[])[0] : (params as Record<string, unknown> | undefined);
      const keys = first && needsParamKeys(statement) ? Object.keys(first) : undefined;
      if (many && keys) sameKeys(keys, params as readonly Record<string, unknown>[]);
      const compiled = this.engine._compile(statement, keys);
      return this.executeCompiled(statement, compiled, params, many, first);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** execute() past its checks, when the fast path does not apply: autobegin, then each parameter set. */
  private async executeCompiled<S extends Executable>(
    statement: S,
    compiled: CompiledStatement,
    params: ExecuteParams | undefined,
    many: boolean,
    first: Readonly<Record<string, unknown>> | undefined,
  ): Promise<Result<RowOf<S>>> {
    if (!this.inTx) await this.autobegin();
    if (!many) return (await this.runCompiled(statement, compiled, first)) as Result<RowOf<S>>;
    if (compiled.manyValues) return (await executeManyValues(this, statement, compiled, params as readonly Readonly<Record<string, unknown>>[])) as Result<RowOf<S>>;
    let rowCount = 0;
    const rows: unknown[] = [];
    let last: Result<any> | undefined;
    for (const p of params as readonly Record<string, unknown>[]) {
      last = await this.runCompiled(statement, compiled, p);
      rowCount += last.rowCount;
      if (compiled.returnsRows) rows.push(...last.all());
    }
    return new Result(rows as RowOf<S>[], last!.keys, rowCount) as Result<RowOf<S>>;
  }

  /** The first column of the first row, or null. */
  async scalar<S extends Executable>(statement: S, params?: ExecuteParams) {
    return (await this.execute(statement, params)).scalar();
  }
  /** The first column of every row. */
  async scalars<S extends Executable>(statement: S, params?: ExecuteParams) {
    return (await this.execute(statement, params)).scalars();
  }

  private async runCompiled(statement: Executable, compiled: CompiledStatement, params: Readonly<Record<string, unknown>> | undefined): Promise<Result<Row<unknown[]>>> {
    const built = compiled.build((statement as unknown as { _cache: { binds: any[] } })._cache.binds, params);
    const engine = this.engine;
    const events = engine.events.hasExecuteListeners ? engine.events : undefined;
    if (events) await events.emit('beforeExecute', { connection: this, statement, sql: built.sql, values: built.values });
    const t0 = engine.logger || events ? performance.now() : 0;
    let res: DriverResult;
    try {
      const out = this.driver.run(built.sql, built.values, compiled.runOptions);
      // A synchronous driver (better-sqlite3) returns the result itself: no await, no extra microtask.
      res = typeof (out as Promise<DriverResult>).then === 'function' ? await out : (out as DriverResult);
    } catch (e) {
      throw this.wrapError(e, built.sql, built.values);
    }
    if (engine.logger) engine._log(built.sql, built.values, compiled, performance.now() - t0);
    const result = this.makeResult(compiled, res);
    if (events) await events.emit('afterExecute', { connection: this, statement, sql: built.sql, values: built.values, rowCount: res.rowCount, durationMs: performance.now() - t0 });
    return result;
  }

  /**
   * Runs SQL built outside the compiled statement (a batch of "insert many values") as
   * runCompiled() runs a statement: events, echo log (with `note`), error wrapping, result
   * processing. @internal
   */
  async _runBuilt(statement: Executable, compiled: CompiledStatement, sql: string, values: unknown[], note: string): Promise<Result<Row<unknown[]>>> {
    const engine = this.engine;
    const events = engine.events.hasExecuteListeners ? engine.events : undefined;
    if (events) await events.emit('beforeExecute', { connection: this, statement, sql, values });
    const t0 = engine.logger || events ? performance.now() : 0;
    let res: DriverResult;
    try {
      const out = this.driver.run(sql, values, compiled.runOptions);
      res = typeof (out as Promise<DriverResult>).then === 'function' ? await out : (out as DriverResult);
    } catch (e) {
      throw this.wrapError(e, sql, values);
    }
    if (engine.logger) engine._log(sql, values, compiled, performance.now() - t0, note);
    const result = this.makeResult(compiled, res);
    if (events) await events.emit('afterExecute', { connection: this, statement, sql, values, rowCount: res.rowCount, durationMs: performance.now() - t0 });
    return result;
  }

  private async awaitDriver(compiled: CompiledStatement, pending: Promise<DriverResult>, sql: string, values: unknown[]): Promise<Result<Row<unknown[]>>> {
    let res: DriverResult;
    try {
      res = await pending;
    } catch (e) {
      throw this.wrapError(e, sql, values);
    }
    return this.makeResult(compiled, res);
  }

  private makeResult(compiled: CompiledStatement, res: DriverResult): Result<Row<unknown[]>> {
    const raw = res.rows;
    const n = raw.length;
    const out = new Array(n);
    if (n > 0) {
      const declared = compiled.resultColumns.length > 0;
      const RowCls = declared ? (compiled.rowClass ??= rowClassFor(compiled.fieldNames)) : this.engine._rowClassForFields(res.fields);
      if (declared) {
        const procs = compiled.resultProcessors;
        const width = procs.length;
        for (let i = 0; i < n; i++) {
          const r = raw[i];
          for (let j = 0; j < width; j++) {
            const p = procs[j];
            const v = r[j];
            if (p !== undefined && v !== null && v !== undefined) r[j] = p(v);
          }
          out[i] = RowCls.make(r);
        }
      } else {
        for (let i = 0; i < n; i++) out[i] = RowCls.make(raw[i]);
      }
    }
    const keys = compiled.resultColumns.length ? compiled.fieldNames : res.fields;
    return new Result(out, keys, res.rowCount, res.lastInsertId);
  }

  /**
   * Runs a statement and reads its rows in batches as you iterate: a server-side cursor on
   * PostgreSQL, a row stream on MySQL/MariaDB, statement iteration on SQLite. The whole
   * result is never held in memory. The connection runs nothing else until iteration ends.
   *
   * @example
   * for await (const row of await conn.stream(select(events), {}, { batchSize: 500 })) handle(row);
   */
  async stream<S extends Executable>(statement: S, params?: Readonly<Record<string, unknown>>, opts: { batchSize?: number } = {}): Promise<AsyncResult<RowOf<S>>> {
    this.checkOpen();
    if (!isExecutable(statement)) throw new ArgumentError(`stream() takes a statement such as select(), got ${describe(statement)}`);
    const batchSize = opts.batchSize ?? 1000;
    if (!Number.isInteger(batchSize) || batchSize <= 0) throw new ArgumentError(`stream(): batchSize must be a positive integer, got ${batchSize}`);
    const compiled = this.engine._compile(statement, undefined);
    await this.autobegin();
    const built = compiled.build((statement as unknown as { _cache: { binds: any[] } })._cache.binds, params);
    if (this.engine.logger) this.engine._log(built.sql, built.values, compiled, 0);
    const conn = this;
    return new AsyncResult<RowOf<S>>(async function* () {
      // Reading starts only now: the connection may have been closed (and be someone else's
      // by now) or be streaming another result since stream() returned.
      if (conn.isClosed) throw new InvalidRequestError('this connection was closed before its streamed result was read');
      if (conn.busyStreaming) throw new InvalidRequestError('this connection is streaming another result; finish iterating it first');
      conn.busyStreaming = true;
      let iterator: AsyncIterator<unknown[][]> | undefined;
      let finished = false;
      try {
        const batches = conn.driver.stream(built.sql, built.values, { rows: true, bigint: compiled.wantsBigInt, batchSize, inTransaction: conn.inTx });
        iterator = conn.activeStream = batches[Symbol.asyncIterator]();
        for (;;) {
          let step: IteratorResult<unknown[][]>;
          try {
            step = await iterator.next();
          } catch (e) {
            finished = true; // the driver's own clean-up has run
            throw conn.wrapError(e, built.sql, built.values);
          }
          if (step.done) {
            finished = true;
            break;
          }
          yield conn.makeResult(compiled, { rows: step.value, fields: [], rowCount: step.value.length }).all() as RowOf<S>[];
          if (conn.isClosed) throw new InvalidRequestError('the connection was closed while its result was streaming');
        }
      } finally {
        // Left early (break, an exception in the loop body): end the driver's iteration too,
        // or the PostgreSQL cursor stays open, MySQL leaves the rest of the rows unread on the
        // wire (the connection then hangs) and SQLite keeps the statement busy.
        if (iterator && !finished) {
          try {
            await iterator.return?.(undefined);
          } catch {
            conn.pooled.invalidated = true;
          }
        }
        if (conn.activeStream === iterator) conn.activeStream = undefined;
        conn.busyStreaming = false;
      }
    });
  }

  /**
   * Runs SQL as the driver takes it (its own placeholder style), with no Retort processing.
   * @example await conn.execDriverSql('SELECT * FROM users WHERE id = ?', [5]) // SQLite / MySQL
   */
  async execDriverSql(sql: string, params: readonly unknown[] = []): Promise<Result<Row<unknown[]>>> {
    this.checkOpen();
    if (typeof sql !== 'string' || sql.trim() === '') throw new ArgumentError('execDriverSql() needs a non-empty SQL string');
    if (!Array.isArray(params)) throw new ArgumentError('execDriverSql() parameters must be an array of positional values');
    await this.autobegin();
    let res: DriverResult;
    const events = this.engine.events.hasExecuteListeners ? this.engine.events : undefined;
    if (events) await events.emit('beforeExecute', { connection: this, statement: sql, sql, values: params });
    const t0 = performance.now();
    try {
      res = await this.driver.run(sql, params, { rows: true, bigint: false });
    } catch (e) {
      throw this.wrapError(e, sql, params);
    }
    if (this.engine.logger) this.engine._log(sql, params, undefined, performance.now() - t0);
    if (events) await events.emit('afterExecute', { connection: this, statement: sql, sql, values: params, rowCount: res.rowCount, durationMs: performance.now() - t0 });
    const Cls = this.engine._rowClassForFields(res.fields);
    return new Result(res.rows.map((r) => Cls.make(r)) as unknown as Row<unknown[]>[], res.fields, res.rowCount, res.lastInsertId);
  }

  /** @internal */
  async _runSchemaOperation(op: 'create' | 'drop', metadata: MetaData, opts: SchemaOperationOptions): Promise<void> {
    this.checkOpen();
    await runSchemaOperation(this, op, metadata, opts);
  }

  /** @internal `metadata.reflect(conn)`: see core/reflection. */
  async _reflect(metadata: MetaData, opts: ReflectOptions): Promise<void> {
    this.checkOpen();
    await reflectMetaData(this, metadata, opts);
  }
}

/**
 * The statement is compiled for the first parameter set's keys: a key a later set adds would
 * be dropped without a word, and one it lacks would fail only after the rows before it were
 * written. Both are refused before anything runs.
 */
function sameKeys(keys: readonly string[], sets: readonly Record<string, unknown>[]): void {
  const expected = new Set(keys);
  for (let i = 1; i < sets.length; i++) {
    const got = Object.keys(sets[i]);
    if (got.length !== expected.size || got.some((k) => !expected.has(k))) {
      throw new ArgumentError(`executemany: parameter set ${i + 1} has the keys (${got.join(', ')}) but parameter set 1 has (${keys.join(', ')}); every set must give the same columns`);
    }
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Node) return `a ${v.kind}`;
  return typeof v;
}

export type { RowClass };
