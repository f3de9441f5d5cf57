/**
 * `Session`: the ORM's unit of work and identity map over one connection at a time.
 * Autobegin (the first operation that needs the database begins a transaction), no
 * autocommit, autoflush before queries, and the expiry rules of
 * docs/decisions/orm-model-declaration.md. Object states and what flush, commit, rollback
 * and a failed flush do to them: docs/orm-session-states.md.
 */
import { ArgumentError, InvalidRequestError } from '../errors';
import type { Connection, ExecuteParams, Executable, RowOf } from '../engine/connection';
import type { Engine } from '../engine/engine';
import { Result, ScalarResult } from '../engine/result';
import { Node } from '../sql/node';
import { checkExecutionOptions, ExecutionOptions, Select, select } from '../sql/select';
import { and } from '../sql/elements';
import { checkNotShadowed, heldObjects, notLoaded } from './attributes';
import { IdentityMap } from './identity-map';
import { checkModelClass, executeOrmSelect, getStatement, isOrmStatement, loadRelationship } from './loading';
import { mapperOf, Relationship } from './mapper';
import { existingState, InstanceState, SessionLike, stateOf } from './state';
import { flush } from './unit-of-work';
import { SessionTransaction } from './session-transaction';
import { executeOrmDml, isOrmDml } from './dml';

export { SessionTransaction };

export interface SessionOptions {
  /** Flush pending changes before running a query (default true). */
  autoflush?: boolean;
  /**
   * Expire every object on commit, so reading an attribute afterwards throws until the
   * object is refreshed or reloaded (default false: values stay readable and are
   * overwritten by the next load of their row).
   */
  expireOnCommit?: boolean;
}

/** A primary key value: the value for a one-column key, an array or `{ key: value }` for a composite one. */
export type PrimaryKeyValue = string | number | bigint | Date | readonly unknown[] | Readonly<Record<string, unknown>>;

type Model<T> = abstract new (...args: any) => T;

/**
 * A Session: add objects, query them, `commit()`.
 *
 * @example
 * const session = new Session(engine);
 * session.add(new User({ name: 'ada' }));
 * await session.commit();                                          // INSERT … RETURNING id; COMMIT
 * const ada = await session.scalars(select(User).where(User.c.name.eq('ada'))).then((r) => r.one());
 * await session.close();
 */
export class Session implements SessionLike {
  /** @internal */ readonly _identityMap = new IdentityMap();
  /** @internal */ readonly _new = new Set<InstanceState>();
  /** @internal */ readonly _deleted = new Set<InstanceState>();
  private readonly dirtyCandidates = new Set<InstanceState>();
  private conn: Connection | undefined;
  private connecting: Promise<Connection> | undefined;
  /** Rows inserted in the current transaction, with the keys the database generated (undone on rollback). */
  private insertLog: { state: InstanceState; generated: string[] }[] = [];
  /** Objects whose rows the current transaction deleted (restored on rollback, detached on commit). */
  private deleteLog: InstanceState[] = [];
  private flushing = false;
  private closed = false;
  /** Open savepoints, innermost last: a failed flush rolls back only the innermost one. */
  private savepoints: SessionTransaction[] = [];
  readonly autoflush: boolean;
  readonly expireOnCommit: boolean;

  constructor(
    readonly engine: Engine,
    options: SessionOptions = {},
  ) {
    if (!engine || typeof (engine as Engine).connect !== 'function') throw new ArgumentError('new Session() needs an Engine');
    this.autoflush = options.autoflush ?? true;
    this.expireOnCommit = options.expireOnCommit ?? false;
  }

  // ------------------------------------------------------------ state bookkeeping

  /** @internal */
  _markDirty(state: InstanceState): void {
    if (state.session === this) this.dirtyCandidates.add(state);
  }
  /** @internal */
  _allStates(): InstanceState[] {
    const out: InstanceState[] = [];
    const map = this._identityMap;
    for (const st of map.values()) out.push(st);
    for (const st of this._new) if (st.key === undefined || map.get(st.mapper, st.key) !== st) out.push(st);
    return out;
  }
  /** @internal */
  _attachPending(state: InstanceState): void {
    if (state.session && state.session !== this) throw new InvalidRequestError(`this ${state.mapper.name} belongs to another session; expunge() it there or merge() it here`);
    checkNotShadowed(state);
    state.session = this;
    state.status = 'pending';
    this._new.add(state);
  }
  /** @internal */
  _attachLoaded(state: InstanceState): void {
    state.session = this;
    this._identityMap.add(state);
  }
  /** @internal */
  _inserted(state: InstanceState, generated: string[]): void {
    state.key = state.mapper.identityKeyOf(state.dict);
    state.status = 'persistent';
    state.commitColumns();
    this._new.delete(state);
    this._identityMap.add(state);
    this.insertLog.push({ state, generated });
  }
  /** @internal */
  _rekeyed(state: InstanceState): void {
    this._identityMap.remove(state);
    state.key = state.mapper.identityKeyOf(state.dict);
    this._identityMap.add(state);
  }
  /** @internal a DELETE run through execute() removed this object's row. */
  _removedByStatement(state: InstanceState): void {
    this._identityMap.remove(state);
    this._deleted.delete(state);
    this.dirtyCandidates.delete(state);
    state.status = 'deleted';
    this.deleteLog.push(state);
  }
  /** @internal */
  get _returningInsert(): boolean {
    return this.engine.dialect.supports.returning.insert && !this.noReturning;
  }
  /** @internal tests force the one-row-at-a-time INSERT path with this. */
  noReturning = false;
  /** @internal */
  async _loadRelationship(rel: Relationship, states: InstanceState[]): Promise<void> {
    await loadRelationship(this, rel, states);
  }
  /** @internal the session's connection when it is ready for a statement (no await needed on the hot path). */
  _heldConnection(): Connection | undefined {
    const conn = this.conn;
    return !this.closed && conn !== undefined && (conn.inTransaction() || this.engine.options.isolationLevel === 'AUTOCOMMIT') ? conn : undefined;
  }
  /**
   * @internal the session's connection, in its transaction. The transaction is begun
   * explicitly rather than left to the connection's autobegin, so the unit of work runs in
   * one transaction on any connection the engine hands out — including ones that treat a
   * statement outside a transaction in their own way (a 1.x connection autocommits it).
   */
  async _connection(): Promise<Connection> {
    if (this.closed) throw new InvalidRequestError('this session is closed');
    const conn = this.conn;
    if (conn && (conn.inTransaction() || this.engine.options.isolationLevel === 'AUTOCOMMIT')) return conn;
    // One connect-and-begin at a time: concurrent callers share it.
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }
  private async open(): Promise<Connection> {
    this.conn ??= await this.engine.connect();
    if (!this.conn.inTransaction() && this.engine.options.isolationLevel !== 'AUTOCOMMIT') await this.conn.begin();
    return this.conn;
  }

  private stateFor(obj: unknown, what: string): InstanceState {
    if (obj === null || typeof obj !== 'object') throw new ArgumentError(`${what}() needs a mapped object, got ${obj === null ? 'null' : typeof obj}`);
    return stateOf(obj, mapperOf(obj, `${what}()`));
  }

  /** Objects added and not yet flushed. */
  get new(): object[] {
    return [...this._new].map((s) => s.obj);
  }
  /** Persistent objects with changes not yet flushed. */
  get dirty(): object[] {
    return [...this.dirtyCandidates].filter((s) => s.hasIdentity && !this._deleted.has(s) && s.changedColumns().length > 0).map((s) => s.obj);
  }
  /** Objects marked for deletion and not yet flushed. */
  get deleted(): object[] {
    return [...this._deleted].map((s) => s.obj);
  }
  /**
   * True while a transaction is open on the session's connection, begun explicitly or by
   * autobegin (the first query or flush).
   * @example session.inTransaction() // false; await session.get(User, 1); session.inTransaction() // true
   */
  inTransaction(): boolean {
    return !!this.conn?.inTransaction();
  }
  /** True when the object belongs to this session. */
  contains(obj: object): boolean {
    return existingState(obj)?.session === this;
  }

  // ------------------------------------------------------------ adding, deleting, detaching

  /**
   * Adds an object: a new one is INSERTed at the next flush (with the objects its
   * relationships reach, cascade save-update); a detached one is attached again.
   */
  add(obj: object): void {
    const st = this.stateFor(obj, 'add');
    if (st.rowDeleted) throw new InvalidRequestError(`add(): this ${st.mapper.name} ${describeKey(st)} was deleted and the deletion committed; create a new object to insert the row again`);
    if (st.session === this) {
      if (this._deleted.has(st) && !st.hasIdentity) this._deleted.delete(st);
      return;
    }
    if (st.session) throw new InvalidRequestError(`this ${st.mapper.name} belongs to another session; expunge() it there or merge() it here`);
    if (st.hasIdentity) {
      const other = this._identityMap.get(st.mapper, st.key!);
      if (other && other !== st) throw new InvalidRequestError(`another ${st.mapper.name} with the same primary key is already in this session; use merge()`);
      st.session = this;
      st.status = 'persistent';
      this._identityMap.add(st);
      this.dirtyCandidates.add(st);
    } else this._attachPending(st);
  }
  addAll(objs: Iterable<object>): void {
    for (const o of objs) this.add(o);
  }
  /** Marks a persistent object for DELETE at the next flush (a pending one is just dropped). */
  delete(obj: object): void {
    const st = this.stateFor(obj, 'delete');
    if (st.rowDeleted || st.status === 'deleted') {
      throw new InvalidRequestError(`delete(): this ${st.mapper.name} ${describeKey(st)} is deleted already (its DELETE was flushed${st.rowDeleted ? ' and committed' : ''})`);
    }
    if (!st.hasIdentity) {
      if (this._new.has(st)) this.expungeState(st);
      else throw new InvalidRequestError(`cannot delete this ${st.mapper.name}: it is not persisted`);
      return;
    }
    if (st.session !== this) {
      if (st.session) throw new InvalidRequestError(`this ${st.mapper.name} belongs to another session`);
      this.add(obj);
    }
    this._deleted.add(st);
  }
  /** Removes an object from the session without touching the database. */
  expunge(obj: object): void {
    const st = this.stateFor(obj, 'expunge');
    if (st.session !== this) throw new InvalidRequestError(`this ${st.mapper.name} is not in this session`);
    this.expungeState(st);
    for (const rel of st.mapper.relationships.values()) {
      if (!rel.cascade.has('expunge')) continue;
      for (const o of heldObjects(st, rel)) if (existingState(o)?.session === this) this.expunge(o);
    }
  }
  private expungeState(st: InstanceState): void {
    this._identityMap.remove(st);
    this._new.delete(st);
    this._deleted.delete(st);
    this.dirtyCandidates.delete(st);
    st.session = undefined;
    st.status = st.hasIdentity ? 'detached' : 'transient';
  }
  /** Forgets loaded attribute values (all, or `keys`); reading them throws ExpiredAttributeError until refreshed or reloaded. */
  expire(obj: object, keys?: readonly string[]): void {
    const st = this.stateFor(obj, 'expire');
    if (st.session !== this) throw new InvalidRequestError(`this ${st.mapper.name} is not in this session`);
    if (keys !== undefined) {
      for (const k of keys) if (!st.mapper.columns.has(k) && !st.mapper.relationships.has(k)) throw new ArgumentError(`expire(): ${st.mapper.name} has no attribute "${k}"`);
      st.expire(keys);
      return;
    }
    // Expiring a whole object expires the objects its 'refresh-expire' relationships hold (read before they are forgotten).
    const all = [st, ...this.refreshExpireCascade(st)];
    for (const s of all) s.expire();
  }
  /** The persistent objects of this session reached from `st` through loaded relationships with the refresh-expire cascade. */
  private refreshExpireCascade(st: InstanceState): InstanceState[] {
    const out: InstanceState[] = [];
    const seen = new Set<InstanceState>([st]);
    const work = [st];
    while (work.length) {
      const cur = work.pop()!;
      for (const rel of cur.mapper.relationships.values()) {
        if (!rel.cascade.has('refresh-expire') || rel.writeOnly) continue;
        for (const o of heldObjects(cur, rel)) {
          const ost = existingState(o);
          if (!ost || seen.has(ost) || ost.session !== this || !ost.hasIdentity) continue;
          seen.add(ost);
          out.push(ost);
          work.push(ost);
        }
      }
    }
    return out;
  }
  /** Expires every object in the session. */
  expireAll(): void {
    for (const st of this._identityMap.values()) st.expire();
  }

  // ------------------------------------------------------------ flush and transactions

  /**
   * Writes pending changes (INSERT, UPDATE, DELETE in foreign-key order) in the current transaction.
   * When it fails, nothing is left half-written: the innermost savepoint (or else the
   * transaction) is rolled back before the error is thrown; the objects are then as after
   * `rollback()` (pending ones transient, persistent ones expired). See docs/orm-session-states.md.
   * @example
   * session.add(user);
   * try {
   *   await session.flush();
   * } catch (e) {
   *   if (!(e instanceof IntegrityError)) throw e;
   *   user.email = otherEmail; // user is transient again, with the values it was given
   *   session.add(user);
   *   await session.flush();
   * }
   */
  async flush(): Promise<void> {
    if (this.flushing) throw new InvalidRequestError('flush() is already running on this session (await it before the next one)');
    if (!this._new.size && !this._deleted.size && !this.dirtyCandidates.size) return;
    this.flushing = true;
    try {
      await flush(this);
      for (const st of this._deleted) {
        this._identityMap.remove(st);
        st.status = 'deleted';
        this.deleteLog.push(st);
      }
      this._deleted.clear();
      this.dirtyCandidates.clear();
    } catch (e) {
      // A failed flush leaves nothing half-written: the innermost savepoint is rolled back
      // (the work before it stays), or the whole transaction when there is none or the
      // database has already ended it (a MySQL deadlock takes the savepoints with it).
      const sp = this.savepoints[this.savepoints.length - 1];
      if (sp) await sp._undo().catch(() => this.rollback().catch(() => undefined));
      else await this.rollback().catch(() => undefined);
      throw e;
    } finally {
      this.flushing = false;
    }
  }
  /** Whether a flush would have anything to write (it may still find nothing changed). */
  private hasPendingChanges(): boolean {
    return this._new.size > 0 || this._deleted.size > 0 || this.dirtyCandidates.size > 0;
  }
  private async autoflushNow(): Promise<void> {
    if (this.autoflush && !this.flushing) await this.flush();
  }

  /** Flushes, commits the transaction and releases the connection. See `expireOnCommit`. */
  async commit(): Promise<void> {
    await this.flush();
    this.forgetSavepoints();
    if (this.conn) {
      await this.conn.commit();
      await this.release();
    }
    for (const st of this._identityMap.values()) {
      if (this.expireOnCommit) st.expire();
      else st.stale = true;
    }
    for (const st of this.deleteLog) {
      st.session = undefined;
      st.status = 'detached';
      st.rowDeleted = true;
    }
    this.deleteLog = [];
    this.insertLog = [];
  }

  /**
   * Rolls the transaction back: objects inserted in it become transient again, objects
   * deleted in it come back, and everything persistent is expired (its values may be gone).
   */
  async rollback(): Promise<void> {
    this.forgetSavepoints();
    if (this.conn) {
      try {
        await this.conn.rollback();
      } finally {
        await this.release();
      }
    }
    this._rolledBackTo(0);
    this.discardUnflushed();
  }

  /**
   * @internal a savepoint was rolled back: the inserts and deletes made since it began are
   * undone, changes not flushed are dropped (objects added since are transient again), and
   * every object is expired (values written inside it are gone from the database).
   */
  _rolledBackToSavepoint(tx: SessionTransaction, mark: number, deleteMark: number): void {
    this.dropSavepoint(tx);
    this._rolledBackTo(mark, deleteMark);
    this.discardUnflushed();
  }
  /** @internal a savepoint was released (committed). */
  _savepointReleased(tx: SessionTransaction): void {
    this.dropSavepoint(tx);
  }
  /** Ending a savepoint ends the savepoints begun inside it too (as in SQL). */
  private dropSavepoint(tx: SessionTransaction): void {
    const i = this.savepoints.indexOf(tx);
    if (i < 0) return;
    for (const inner of this.savepoints.splice(i)) if (inner !== tx) inner._ended();
  }
  /** The transaction ended: its savepoints end with it. */
  private forgetSavepoints(): void {
    for (const sp of this.savepoints) sp._ended();
    this.savepoints = [];
  }
  private discardUnflushed(): void {
    for (const st of this._new) {
      st.session = undefined;
      st.status = 'transient';
    }
    this._new.clear();
    this._deleted.clear();
    this.dirtyCandidates.clear();
    this.expireAll();
  }

  /** @internal undoes the inserts logged after `mark` (a rollback, or a savepoint's). */
  _rolledBackTo(mark: number, deleteMark = 0): void {
    for (const st of this.deleteLog.splice(deleteMark)) {
      st.status = 'persistent';
      st.session = this;
      this._identityMap.add(st);
    }
    const undone = this.insertLog.splice(mark);
    for (const { state, generated } of undone.reverse()) {
      this._identityMap.remove(state);
      for (const k of generated) delete state.dict[k];
      state.key = undefined;
      state.resetCommitted();
      state.session = undefined;
      state.status = 'transient';
    }
  }

  private async release(): Promise<void> {
    const c = this.conn;
    this.conn = undefined;
    if (c) await c.close();
  }

  /** Rolls back what is not committed, detaches every object and releases the connection. The session can be used again. */
  async close(): Promise<void> {
    this.forgetSavepoints();
    if (this.conn) {
      try {
        await this.conn.rollback();
      } finally {
        await this.release();
      }
    }
    this._rolledBackTo(0);
    // expungeState() for every object, without taking them out of the maps one by one.
    for (const st of this._allStates()) {
      st.session = undefined;
      st.status = st.hasIdentity ? 'detached' : 'transient';
    }
    this._identityMap.clear();
    this._new.clear();
    this._deleted.clear();
    this.dirtyCandidates.clear();
  }

  /**
   * Begins a transaction explicitly. With a function: commits when it resolves, rolls back when it throws.
   * @example await session.begin(async () => { session.add(user); }); // committed
   */
  async begin(): Promise<SessionTransaction>;
  async begin<T>(fn: (session: Session) => Promise<T>): Promise<T>;
  async begin<T>(fn?: (session: Session) => Promise<T>): Promise<SessionTransaction | T> {
    if (this.conn?.inTransaction()) throw new InvalidRequestError('a transaction is already begun on this session (autobegin starts one with the first query or flush); commit() or rollback() it first, or use beginNested()');
    // The session's connection comes in a transaction (begun now); in AUTOCOMMIT mode begin() says why there is none.
    const conn = await this._connection();
    if (!conn.inTransaction()) await conn.begin();
    const tx = new SessionTransaction(this);
    if (!fn) return tx;
    try {
      const out = await fn(this);
      if (tx.isActive) await tx.commit();
      return out;
    } catch (e) {
      if (tx.isActive) await tx.rollback();
      throw e;
    }
  }

  /**
   * A SAVEPOINT. Rolling it back undoes the inserts made inside it (those objects become
   * transient), drops objects added inside it and not flushed, and expires every object.
   * A flush that fails inside it rolls back just this savepoint and throws the flush's
   * error; the work before the savepoint stays.
   * @example
   * for (const row of rows) {
   *   try { await session.beginNested(async () => { session.add(new User(row)); }); } // commit flushes the savepoint
   *   catch (e) { if (!(e instanceof IntegrityError)) throw e; }                     // this row is skipped, the rest stay
   * }
   * await session.commit();
   */
  async beginNested(): Promise<SessionTransaction>;
  async beginNested<T>(fn: (session: Session) => Promise<T>): Promise<T>;
  async beginNested<T>(fn?: (session: Session) => Promise<T>): Promise<SessionTransaction | T> {
    await this.flush();
    const conn = await this._connection();
    const sp = await conn.beginNested();
    const tx = new SessionTransaction(this, { tx: sp, mark: this.insertLog.length, deleteMark: this.deleteLog.length });
    this.savepoints.push(tx);
    if (!fn) return tx;
    try {
      const out = await fn(this);
      if (tx.isActive) await tx.commit();
      return out;
    } catch (e) {
      if (tx.isActive) await tx.rollback();
      throw e;
    }
  }

  // ------------------------------------------------------------ querying

  /**
   * Runs a statement. A select of model classes returns rows of identity-mapped objects
   * (and column values). INSERT … RETURNING a model returns its objects; UPDATE and DELETE
   * bring the objects in this session up to date as `options.synchronizeSession` says
   * (default `'auto'`); `execute(update(User), rows)` is a bulk UPDATE by primary key (see
   * core/orm/dml.ts). Anything else runs as in Core. Pending changes are flushed first.
   * @example
   * const rows = (await session.execute(select(User, Address).join(User.c.addresses))).all(); // [User, Address][]
   * const users = (await session.scalars(insert(User).returning(User), [{ name: 'a' }, { name: 'b' }])).all(); // User[]
   * await session.execute(update(User).where(User.c.name.eq('a')).values({ name: 'z' }), undefined, { synchronizeSession: 'fetch' });
   */
  async execute<S extends Executable>(statement: S, params?: ExecuteParams, options?: ExecutionOptions): Promise<Result<RowOf<S>>> {
    if (!(statement instanceof Node)) throw new ArgumentError(`execute() takes a statement such as select(User), got ${statement === null ? 'null' : typeof statement}`);
    const opts = {
      ...(statement instanceof Select ? statement.getExecutionOptions() : {}),
      ...(options === undefined ? {} : checkExecutionOptions(options, 'execute()')),
    };
    if (opts.autoflush !== false && this.hasPendingChanges()) await this.autoflushNow();
    if (isOrmStatement(statement)) return (await executeOrmSelect(this, statement, params, opts.populateExisting === true)) as Result<RowOf<S>>;
    // INSERT/UPDATE/DELETE of a model keep this session's objects in step with the rows they change.
    if (isOrmDml(statement)) return (await executeOrmDml(this, statement, params, opts)) as Result<RowOf<S>>;
    const conn = await this._connection();
    const result = await conn.execute(statement, params);
    // A Core UPDATE/DELETE may have changed rows behind this session's objects: the next load of each row refreshes it.
    if (statement.kind === 'update' || statement.kind === 'delete') {
      const table = (statement as unknown as { table: unknown }).table;
      for (const st of this._identityMap.values()) if (st.mapper.table === table) st.stale = true;
    }
    return result;
  }
  /**
   * The first column of every row: `session.scalars(select(User))` gives `User` objects.
   * @example const users = (await session.scalars(select(User).orderBy(User.c.id))).all();
   */
  async scalars<S extends Executable>(statement: S, params?: ExecuteParams, options?: ExecutionOptions): Promise<ScalarResult<First<RowOf<S>>>> {
    const r = await this.execute(statement, params, options);
    return r.scalars() as ScalarResult<First<RowOf<S>>>;
  }
  /** The first column of the first row, or null. */
  async scalar<S extends Executable>(statement: S, params?: ExecuteParams, options?: ExecutionOptions): Promise<First<RowOf<S>> | null> {
    return (await this.execute(statement, params, options)).scalar() as First<RowOf<S>> | null;
  }

  /**
   * The object with this primary key: from the identity map when it is there (no query),
   * else loaded. `null` when no row has it.
   * @example const user = await session.get(User, 5);
   */
  async get<T extends object>(model: Model<T>, pk: PrimaryKeyValue, options: ExecutionOptions = {}): Promise<T | null> {
    const mapper = checkModelClass(model, 'get');
    const opts = checkExecutionOptions(options, 'get()');
    const values = pkValues(mapper.pkColumns.map((c) => c.key), pk, mapper.name);
    const st = this._identityMap.get(mapper, mapper.identityKey(values));
    if (st && !opts.populateExisting && !st.hasExpired && !st.stale) return this._deleted.has(st) ? null : (st.obj as T);
    if (opts.autoflush !== false && this.hasPendingChanges()) await this.autoflushNow();
    const params: Record<string, unknown> = {};
    for (let i = 0; i < values.length; i++) params[`pk_${i}`] = values[i];
    const rows = (await executeOrmSelect(this, getStatement(mapper), params, opts.populateExisting === true)).all();
    return rows.length ? (rows[0][0] as T) : null;
  }

  /** Reloads the object's columns (or the given attributes) from the database. */
  async refresh(obj: object, keys?: readonly string[]): Promise<void> {
    const st = this.stateFor(obj, 'refresh');
    // Refreshing a whole object refreshes the objects its 'refresh-expire' relationships hold.
    const cascade = keys === undefined && st.session === this ? this.refreshExpireCascade(st) : [];
    await this.refreshOne(st, obj, keys);
    for (const r of cascade) if (r.session === this && !this._deleted.has(r)) await this.refreshOne(r, r.obj, undefined);
  }
  private async refreshOne(st: InstanceState, obj: object, keys?: readonly string[]): Promise<void> {
    if (st.session !== this || !st.hasIdentity) throw new InvalidRequestError(`refresh(): this ${st.mapper.name} is not persistent in this session`);
    const mapper = st.mapper;
    const rels = (keys ?? []).filter((k) => mapper.relationships.has(k));
    const cols = keys ? keys.filter((k) => !mapper.relationships.has(k)) : [...mapper.columns.keys()];
    for (const k of cols) if (!mapper.columns.has(k)) throw new ArgumentError(`refresh(): ${mapper.name} has no attribute "${k}"`);
    await this.autoflushNow();
    if (cols.length) {
      const conn = await this._connection();
      const colEls = cols.map((k) => mapper.columns.get(k)!);
      const row = (await conn.execute(select(...colEls).where(and(...mapper.pkColumns.map((c) => c.eq(st.committedValue(c.key) as never)))))).oneOrNone();
      if (!row) throw new InvalidRequestError(`refresh(): the row of this ${mapper.name} no longer exists`);
      cols.forEach((k, i) => {
        st.setDatabaseValue(k, row[i]);
      });
      if (!keys) {
        st.stale = false;
        // Relationships are not reloaded: they read as "not loaded" rather than "expired" now.
        for (const k of mapper.relationships.keys()) st.unexpire(k);
      }
    }
    for (const k of rels) await this.load(obj, k as never);
  }

  /**
   * Explicit, awaitable lazy loading of a relationship (or a column) of a persistent object.
   * @example const addresses = await session.load(user, 'addresses'); // Address[]; user.addresses is now loaded
   */
  async load<T extends object, K extends keyof T & string>(obj: T, key: K): Promise<T[K]> {
    const st = this.stateFor(obj, 'load');
    const rel = st.mapper.relationships.get(key);
    if (!rel) {
      if (!st.mapper.columns.has(key)) throw new ArgumentError(`load(): ${st.mapper.name} has no attribute "${key}"`);
      if (!(key in st.dict)) await this.refresh(obj, [key]);
      return st.dict[key] as T[K];
    }
    if (rel.writeOnly) throw new ArgumentError(`load(): ${rel.name} is a write-only collection and is never loaded; read it with session.scalars(obj.${key}.select())`);
    if (rel.lazy === 'raise' || st.isRaiseOnAccess(key)) throw notLoaded(st, key);
    if (st.session !== this) throw notLoaded(st, key);
    if (!st.hasIdentity) return (obj as Record<string, unknown>)[key] as T[K];
    await this.autoflushNow();
    await loadRelationship(this, rel, [st]);
    return st.dict[key] as T[K];
  }

  /**
   * Copies the state of an object (for example one from another session, or built from
   * request data with its primary key) onto this session's object for the same row, loading
   * it if needed; returns that object. Relationships with the `merge` cascade are merged too.
   */
  async merge<T extends object>(obj: T): Promise<T> {
    return (await this.mergeState(this.stateFor(obj, 'merge'), new Map())) as T;
  }
  private async mergeState(src: InstanceState, seen: Map<InstanceState, object>): Promise<object> {
    const done = seen.get(src);
    if (done) return done;
    if (src.session === this) return src.obj;
    const mapper = src.mapper;
    const pk = mapper.pkColumns.map((c) => src.dict[c.key] ?? src.committedValue(c.key));
    let target: object | null = null;
    if (pk.every((v) => v !== undefined && v !== null)) target = await this.get(mapper.cls as never, pk as unknown[]);
    if (!target) {
      target = Object.create(mapper.cls.prototype) as object;
      this._attachPending(stateOf(target, mapper));
    }
    seen.set(src, target);
    const tst = stateOf(target, mapper);
    for (const k of mapper.columns.keys()) {
      if (!(k in src.dict)) continue;
      if (tst.hasIdentity && k in tst.dict && (tst.dict[k] === src.dict[k])) continue;
      (target as Record<string, unknown>)[k] = src.dict[k];
    }
    for (const rel of mapper.relationships.values()) {
      // A write-only collection has no contents to copy (its queued changes stay on the source object).
      if (!rel.cascade.has('merge') || rel.writeOnly || !(rel.key in src.dict)) continue;
      const v = src.dict[rel.key];
      if (rel.uselist) {
        const items: object[] = [];
        for (const o of v as object[]) items.push(await this.mergeState(stateOf(o, rel.target), seen));
        (target as Record<string, unknown>)[rel.key] = items;
      } else (target as Record<string, unknown>)[rel.key] = v ? await this.mergeState(stateOf(v as object, rel.target), seen) : null;
    }
    return target;
  }
}

/**
 * The session an object belongs to (pending, persistent or deleted in it), or undefined for
 * a transient or detached object.
 * @example objectSession(user)?.add(address)
 */
export function objectSession(obj: object): Session | undefined {
  if (obj === null || typeof obj !== 'object') throw new ArgumentError(`objectSession() needs a mapped object, got ${obj === null ? 'null' : typeof obj}`);
  const session = existingState(obj)?.session;
  return session instanceof Session ? session : undefined;
}

function describeKey(st: InstanceState): string {
  return `(${st.mapper.pkColumns.map((c) => `${c.key}=${String(st.committedValue(c.key) ?? st.dict[c.key])}`).join(', ')})`;
}

type First<R> = R extends { readonly 0: infer F } ? F : unknown;

function pkValues(keys: readonly string[], pk: PrimaryKeyValue, name: string): unknown[] {
  if (Array.isArray(pk)) {
    if (pk.length !== keys.length) throw new ArgumentError(`get(${name}): the primary key has ${keys.length} column(s), got ${pk.length} value(s)`);
    return [...pk];
  }
  if (pk !== null && typeof pk === 'object' && !(pk instanceof Date)) {
    return keys.map((k) => {
      if (!(k in pk)) throw new ArgumentError(`get(${name}): missing primary key value "${k}"`);
      return (pk as Record<string, unknown>)[k];
    });
  }
  if (keys.length !== 1) throw new ArgumentError(`get(${name}): the primary key has ${keys.length} columns; pass an array or an object`);
  if (pk === null || pk === undefined) throw new ArgumentError(`get(${name}): the primary key value is ${pk}`);
  return [pk];
}
