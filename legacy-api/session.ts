/**
 * The 1.x Session: a 2.0 Session with `query()` (L301–L307), autocommit mode (L401),
 * subtransactions (L402), bulk methods (L308, bulkSaveObjects L310) and `{ mapper, bind }` execute arguments
 * (L409). `new Session({ future: true })` (or a session on a future engine) makes the
 * removed patterns throw.
 */
import {
  AnyModel,
  ArgumentError,
  Engine,
  Executable,
  ExecuteParams,
  ExecutionOptions,
  insert,
  InvalidRequestError,
  PrimaryKeyValue,
  Result,
  RowOf,
  SelectItem,
  Session as CoreSession,
  SessionOptions,
  SessionTransaction,
  update,
  and,
  ColumnElement,
  ResultRow,
  ScalarResult,
  Select,
} from '../core/index';
import { futureOf, LegacyEngine } from './engine';
import { StatementLike, toStatement } from './statement';
import { isModel, LegacyQuery } from './query';
import { legacyWarn } from './warnings';
import { refuseOldAliases } from './loader-options';

export interface LegacySessionOptions extends SessionOptions {
  /** The engine (1.x spelling `new Session({ bind: engine })`). */
  bind?: Engine;
  /** L401: no transaction until `begin()`; each flush and query commits on its own. */
  autocommit?: boolean;
  /** Removed patterns on this session throw RemovedInRetort2Error (a session on a future engine is future too). */
  future?: boolean;
}

/** The 1.x third argument of `session.execute()` (L409). */
export interface LegacyExecuteOptions {
  /** The mapper (model class) that chooses the bind. */
  mapper?: AnyModel;
  /** The engine to run on; a session has one, so it must be the session's. */
  bind?: Engine;
}

/** A 1.x subtransaction (L402): its commit only flushes; its rollback rolls back the whole transaction. */
export class LegacySubTransaction {
  private active = true;
  constructor(private readonly session: Session) {}
  get isActive(): boolean {
    return this.active;
  }
  async commit(): Promise<void> {
    this.end();
    await this.session._endSubtransaction(true);
  }
  async rollback(): Promise<void> {
    this.end();
    await this.session._endSubtransaction(false);
  }
  private end(): void {
    if (!this.active) throw new InvalidRequestError('this subtransaction has already ended');
    this.active = false;
  }
}

/**
 * The 1.x Session.
 * @example
 * const session = new Session({ bind: engine });
 * const users = await session.query(User).filter(User.c.name.like('a%')).all(); // L301
 */
export class Session extends CoreSession {
  /** Removed patterns on this session throw. */
  readonly future: boolean;
  private readonly autocommitMode: boolean;
  /** Explicit begin() depth: 1 = a transaction, more = 1.x subtransactions (L402). */
  private depth = 0;
  private committing = false;

  constructor(bind: Engine, options?: LegacySessionOptions);
  constructor(options: LegacySessionOptions & { bind: Engine });
  constructor(bindOrOptions: Engine | LegacySessionOptions, options: LegacySessionOptions = {}) {
    const opts = bindOrOptions instanceof Engine ? options : bindOrOptions;
    if (!opts || typeof opts !== 'object') throw new ArgumentError('new Session() takes an engine, or an options object with bind');
    const engine = bindOrOptions instanceof Engine ? bindOrOptions : opts.bind;
    if (!(engine instanceof Engine)) throw new ArgumentError('new Session() needs an Engine: new Session(engine) or new Session({ bind: engine })');
    const { bind: _bind, autocommit, future, ...rest } = opts;
    // A 1.x session always worked in a transaction of its own: no 1.x connection autocommit (L103) inside it.
    super(engine instanceof LegacyEngine ? engine.modern : engine, rest);
    this.future = !!future || futureOf(engine);
    if (autocommit) legacyWarn('L401', { future: this.future });
    this.autocommitMode = !!autocommit;
  }

  /**
   * The 1.x Query of a model (rows are its objects) or of several items (rows of tuples).
   * @example await session.query(User).filter(User.c.id.gt(1)).orderBy(User.c.name).all() // L301
   */
  query<M extends abstract new (...args: any) => object>(entity: M): LegacyQuery<InstanceType<M>>;
  query<const Items extends readonly SelectItem[]>(...items: Items): LegacyQuery<ResultRow<Items>>;
  query(...items: unknown[]): LegacyQuery<unknown> {
    return LegacyQuery.of(this, items as SelectItem[]);
  }

  // ------------------------------------------------------------ autocommit (L401), subtransactions (L402)

  /** In autocommit mode (L401), outside begin(): end the transaction the operation autobegan. */
  private async autocommitNow(): Promise<void> {
    if (this.autocommitMode && this.depth === 0 && !this.committing && this.inTransaction()) await this.commitNow();
  }
  private async commitNow(): Promise<void> {
    this.committing = true;
    try {
      await super.commit();
    } finally {
      this.committing = false;
    }
  }

  override async flush(): Promise<void> {
    await super.flush();
    await this.autocommitNow();
  }

  /**
   * Begins a transaction. `{ subtransactions: true }` (L402) inside one makes a 1.x
   * subtransaction: its commit only flushes, its rollback rolls back everything.
   */
  override begin(): Promise<SessionTransaction>;
  override begin<T>(fn: (session: CoreSession) => Promise<T>): Promise<T>;
  override begin(opts: { subtransactions: true }): Promise<SessionTransaction | LegacySubTransaction>;
  override begin<T>(arg?: ((session: CoreSession) => Promise<T>) | { subtransactions?: boolean }): Promise<unknown> {
    if (arg && typeof arg === 'object') {
      if (arg.subtransactions) legacyWarn('L402', { future: this.future });
      if (arg.subtransactions && (this.depth > 0 || this.inTransaction())) {
        this.depth = Math.max(this.depth, 1) + 1;
        return Promise.resolve(new LegacySubTransaction(this));
      }
      arg = undefined;
    }
    this.depth = 1;
    const fn = arg as ((session: CoreSession) => Promise<T>) | undefined;
    if (!fn) return super.begin().catch((e: unknown) => this.failBegin(e));
    return super.begin(fn).finally(() => {
      this.depth = 0;
    });
  }
  private failBegin(e: unknown): never {
    this.depth = 0;
    throw e;
  }

  /** @internal a subtransaction ends: commit flushes; rollback rolls back the whole transaction, as in 1.x. */
  async _endSubtransaction(commit: boolean): Promise<void> {
    if (!commit) return this.rollback();
    this.depth = Math.max(this.depth - 1, 0);
    await super.flush();
  }

  /** Commits; inside a 1.x subtransaction (L402) only flushes and ends that subtransaction. */
  override async commit(): Promise<void> {
    if (this.depth > 1) {
      this.depth--;
      await super.flush();
      return;
    }
    this.depth = 0;
    await this.commitNow();
  }
  override async rollback(): Promise<void> {
    this.depth = 0;
    await super.rollback();
  }
  override async close(): Promise<void> {
    this.depth = 0;
    await super.close();
  }

  override async get<T extends object>(model: abstract new (...args: any) => T, pk: PrimaryKeyValue, opts?: { populateExisting?: boolean }): Promise<T | null> {
    const out = await super.get(model, pk, opts);
    await this.autocommitNow();
    return out;
  }

  // ------------------------------------------------------------ execute (L409)

  /**
   * Runs a statement, as in 2.0. The 1.x third argument `{ mapper, bind }` (L409) is
   * checked and dropped: the session has one engine.
   */
  override execute<S extends Executable>(statement: S | StatementLike<S>, params?: ExecuteParams, options?: ExecutionOptions & LegacyExecuteOptions): Promise<Result<RowOf<S>>> {
    let execOptions: ExecutionOptions | undefined = options;
    if (options && typeof options === 'object' && ('mapper' in options || 'bind' in options)) {
      legacyWarn('L409', { future: this.future });
      const { mapper, bind, ...rest } = options;
      checkBindArguments({ mapper, bind }, this.engine);
      execOptions = Object.keys(rest).length ? rest : undefined;
    }
    // A 1.x select (a LegacySelect) stands for its 2.0 statement.
    const stmt = toStatement(statement) as S;
    if (this.future && stmt instanceof Select) refuseOldAliases(stmt.statementOptions, true);
    return (async () => {
      const res = await super.execute(stmt, params, execOptions);
      await this.autocommitNow();
      return res;
    })();
  }

  /** The first column of every row, as in 2.0; a 1.x select (a LegacySelect) stands for its 2.0 statement. */
  override scalars<S extends Executable>(statement: S | StatementLike<S>, params?: ExecuteParams, options?: ExecutionOptions): Promise<ScalarResult<First<RowOf<S>>>> {
    return super.scalars(toStatement(statement) as S, params, options);
  }
  /** The first column of the first row, or null, as in 2.0; takes a 1.x select too. */
  override scalar<S extends Executable>(statement: S | StatementLike<S>, params?: ExecuteParams, options?: ExecutionOptions): Promise<First<RowOf<S>> | null> {
    return super.scalar(toStatement(statement) as S, params, options);
  }

  // ------------------------------------------------------------ bulk methods (L308)

  /**
   * L308: INSERTs rows given as `{ attribute: value }` objects, as one executemany; no
   * objects are made and nothing enters the session.
   */
  bulkInsertMappings(model: AnyModel, rows: readonly Record<string, unknown>[]): Promise<void> {
    legacyWarn('L308', { future: this.future });
    checkBulk(model, rows, 'bulkInsertMappings');
    if (rows.length === 0) return Promise.resolve();
    return this.execute(insert(model.table), rows).then(() => undefined);
  }

  /** L308: UPDATEs rows by primary key: each mapping holds the key and the values to set. */
  bulkUpdateMappings(model: AnyModel, rows: readonly Record<string, unknown>[]): Promise<void> {
    legacyWarn('L308', { future: this.future });
    checkBulk(model, rows, 'bulkUpdateMappings');
    return (async () => {
      for (const row of rows) await this.execute(updateByKey(model, row, 'bulkUpdateMappings'));
    })();
  }

  /**
   * L310: saves objects without the unit of work: objects of this session that are
   * persistent are UPDATEd (their loaded columns), the others INSERTed. They do not
   * enter the session and no relationship is followed.
   */
  bulkSaveObjects(objects: readonly object[]): Promise<void> {
    legacyWarn('L310', { future: this.future });
    if (!Array.isArray(objects)) throw new ArgumentError('bulkSaveObjects() takes an array of mapped objects');
    const newObjects = new Set(this.new);
    return (async () => {
      const inserts = new Map<AnyModel, Record<string, unknown>[]>();
      for (const obj of objects) {
        const model = obj?.constructor as AnyModel;
        if (!isModel(model)) throw new ArgumentError(`bulkSaveObjects(): ${obj === null ? 'null' : typeof obj === 'object' ? `a ${(obj as object).constructor?.name ?? 'plain object'}` : typeof obj} is not a mapped object`);
        const values = loadedColumns(model, obj);
        if (this.contains(obj) && !newObjects.has(obj)) await this.execute(updateByKey(model, values, 'bulkSaveObjects'));
        else inserts.set(model, [...(inserts.get(model) ?? []), values]);
      }
      for (const [model, rows] of inserts) await this.execute(insert(model.table), rows);
    })();
  }
}

/** The first item of a row type (as core's Session.scalars() types it). */
type First<R> = R extends { readonly 0: infer F } ? F : unknown;

function checkBindArguments(opts: LegacyExecuteOptions, engine: Engine): void {
  if (opts.mapper !== undefined && !isModel(opts.mapper)) throw new ArgumentError('execute(): mapper must be a mapped class');
  if (opts.bind !== undefined && opts.bind !== engine && !(opts.bind instanceof LegacyEngine && opts.bind.modern === engine)) throw new ArgumentError("execute(): bind is not this session's engine; a session runs on its one engine (use a Session or connection of that engine)");
}

function checkBulk(model: AnyModel, rows: unknown, what: string): void {
  if (!isModel(model)) throw new ArgumentError(`${what}() needs a model class as its first argument`);
  if (!Array.isArray(rows)) throw new ArgumentError(`${what}() takes an array of { attribute: value } objects`);
  rows.forEach((r, i) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) throw new ArgumentError(`${what}(): row ${i + 1} is not an object`);
  });
}

/** The column values an object has loaded or been given (unloaded ones are left out). */
function loadedColumns(model: AnyModel, obj: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(model.table.c)) {
    try {
      out[key] = (obj as Record<string, unknown>)[key];
    } catch {
      // not loaded / not set: not written
    }
  }
  return out;
}

function updateByKey(model: AnyModel, row: Record<string, unknown>, what: string) {
  const table = model.table;
  const cols = table.primaryKey.columns;
  for (const c of cols) if (row[c.key] === undefined || row[c.key] === null) throw new ArgumentError(`${what}(): a row has no value for the primary key "${c.key}"`);
  const values = Object.fromEntries(Object.entries(row).filter(([k]) => !cols.some((c) => c.key === k)));
  return update(table)
    .where(and(...cols.map((c) => (c as ColumnElement<unknown>).eq(row[c.key] as never))))
    .values(values as never);
}
