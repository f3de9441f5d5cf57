/**
 * `Engine`: a dialect, a connection pool and a compiled-statement cache for one database.
 * Made by `createEngine(url, options)`.
 */
import { ArgumentError, ConnectionError, InvalidRequestError, RetortError } from '../errors';
import type { CompiledStatement } from '../compiler/compiled';
import type { Dialect, DriverConnection, IsolationLevel } from '../dialects/dialect';
import { dialectFor } from '../dialects/registry';
import type { MetaData, ReflectOptions, SchemaBind, SchemaOperationOptions } from '../schema/metadata';
import type { CacheKey, Node } from '../sql/node';
import { Connection, ConnectionOptions } from './connection';
import { EngineEvents } from './events';
import { LruCache } from './lru-cache';
import { Pool, PoolOptions } from './pool';
import { rowClassFor, RowClass } from './row';
import { DatabaseUrl, parseUrl } from './url';

export interface EngineOptions {
  /** Log each statement with its parameters and a cache badge; a function receives the lines. */
  echo?: boolean | ((line: string) => void);
  /** Hide parameters in the echo log. */
  hideParameters?: boolean;
  pool?: PoolOptions;
  /** How many compiled statements to keep (LRU). Default 500; 0 turns caching off. */
  compiledCacheSize?: number;
  /** Put statement parameters into database error messages (off: they may hold secrets). */
  includeParametersInErrors?: boolean;
  /** Default isolation level of connections. */
  isolationLevel?: IsolationLevel;
  /** Passed to the driver as they are (better-sqlite3, pg or mysql2 options). */
  driverOptions?: Record<string, unknown>;
  /** Strict 2.0 behaviour for code using `retort/legacy`: removed patterns throw. */
  future?: boolean;
  /**
   * Makes the driver connections in place of the URL's driver: for connections another
   * library owns or pools (see `createEngineFromKnex`). The pool calls `close()` on what it
   * returns when it lets a connection go; with `pool: { size: 0 }` that is on every return.
   * @example createEngine('postgresql://', { creator: () => borrowConnection(), pool: { size: 0, maxOverflow: Infinity } })
   */
  creator?: () => Promise<DriverConnection>;
  /**
   * Rows per statement when an executemany INSERT is sent as multi-row VALUES batches
   * ("insert many values"); fewer when the dialect's bound-parameter limit needs it.
   * Default 1000.
   * @example createEngine('postgresql://…', { insertManyValuesPageSize: 500 })
   */
  insertManyValuesPageSize?: number;
}

const OPTION_KEYS = new Set(['echo', 'hideParameters', 'pool', 'compiledCacheSize', 'includeParametersInErrors', 'isolationLevel', 'driverOptions', 'future', 'creator', 'insertManyValuesPageSize']);

export class Engine implements SchemaBind {
  readonly url: DatabaseUrl;
  readonly dialect: Dialect;
  readonly pool: Pool;
  readonly events = new EngineEvents();
  /** @internal */
  readonly logger: ((line: string) => void) | undefined;
  private readonly compiledCache: LruCache<string, CompiledStatement>;
  /**
   * Statements already compiled, by identity, for statements also run on another engine:
   * each statement remembers the compiled form of the engine that ran it last (its
   * `_cache.compiled`, marked with that engine's `compiledToken`), so a statement used on
   * one engine — nearly all of them — needs no entry here (an entry per statement built
   * per call cost about 6 % of such a query on SQLite).
   */
  private compiledByStatement = new WeakMap<object, CompiledStatement>();
  /** Marks the compiled forms a statement remembers as this engine's; replaced when the caches are cleared. */
  private compiledToken: object = {};
  private readonly rowClasses = new LruCache<string, RowClass>(200);
  private initialized: Promise<void> | undefined;

  constructor(
    url: string | DatabaseUrl,
    readonly options: EngineOptions = {},
  ) {
    if (options === null || typeof options !== 'object') throw new ArgumentError('createEngine() options must be an object');
    for (const k of Object.keys(options)) {
      if (!OPTION_KEYS.has(k)) throw new ArgumentError(`createEngine(): unknown option "${k}" (known: ${[...OPTION_KEYS].join(', ')})`);
    }
    this.url = typeof url === 'object' && url !== null && typeof url.drivername === 'string' ? url : parseUrl(url as string);
    this.dialect = dialectFor(this.url.drivername);
    this.logger = options.echo === true ? (line) => console.log(line) : typeof options.echo === 'function' ? options.echo : undefined;
    this.compiledCache = new LruCache(options.compiledCacheSize ?? 500);
    const page = options.insertManyValuesPageSize;
    if (page !== undefined && (!Number.isInteger(page) || page < 1)) throw new ArgumentError(`createEngine(): insertManyValuesPageSize must be a positive integer, got ${String(page)}`);
    if (options.creator !== undefined && typeof options.creator !== 'function') throw new ArgumentError('createEngine(): creator must be a function returning a driver connection');
    const memory = this.dialect.name === 'sqlite' && this.url.database === ':memory:' && !options.creator;
    const poolOpts: PoolOptions = memory ? { ...options.pool, size: 1, maxOverflow: 0 } : { ...(options.pool ?? {}) };
    for (const [k, v] of Object.entries(options.pool ?? {})) {
      if (!['size', 'maxOverflow', 'timeout', 'prePing', 'recycle'].includes(k)) throw new ArgumentError(`createEngine(): unknown pool option "${k}"`);
      if (k !== 'prePing' && (typeof v !== 'number' || v < 0 || Number.isNaN(v))) throw new ArgumentError(`createEngine(): pool.${k} must be a non-negative number`);
    }
    // size 0 keeps no idle connection: each checkout opens one and each return closes it.
    if (poolOpts.size === 0 && poolOpts.maxOverflow === 0) throw new ArgumentError('createEngine(): pool.size and pool.maxOverflow cannot both be 0');
    this.pool = new Pool(() => this.openDriverConnection(), poolOpts, memory);
  }

  private async openDriverConnection() {
    const creator = this.options.creator;
    let driver: DriverConnection;
    try {
      driver = creator ? await creator() : await this.dialect.connect(this.url, { driverOptions: this.options.driverOptions });
    } catch (e) {
      // The driver's own error (ECONNREFUSED, an unknown database, a refused password) does
      // not say which server it tried; a creator's error of Retort's own is left as it is.
      if (e instanceof RetortError) throw e;
      throw new ConnectionError(e, { sql: '', context: `cannot connect to ${this.url.toString()}${creator ? ' (through the engine\'s creator)' : ''}` });
    }
    await this.initializeWith(driver);
    await this.events.emit('connect', { driver });
    return driver;
  }

  /** Reads the server's version and capabilities on the first connection made. */
  private async initializeWith(driver: DriverConnection): Promise<void> {
    if (!this.initialized) {
      this.initialized = this.dialect.initialize(driver).then(() => {
        // Capabilities may change what statements compile to.
        this.compiledCache.clear();
        this.compiledByStatement = new WeakMap();
        this.compiledToken = {};
      });
      this.initialized.catch(() => (this.initialized = undefined));
    }
    await this.initialized;
  }

  /**
   * A Connection on a driver connection another library lent, inside a transaction that
   * library owns (a knex transaction, for one). Retort emits no BEGIN, COMMIT or ROLLBACK on
   * it: the connection's own transaction is a SAVEPOINT in the owner's, begun by the first
   * statement, released by `commit()` and rolled back to by `rollback()` or by closing without
   * committing; `beginNested()` nests further savepoints. `close()` leaves the driver
   * connection and the owner's transaction open. The engine's pool is not involved.
   * @example
   * const conn = await engine.joinExternalTransaction(driverConnectionOfTheOpenTransaction);
   * await conn.execute(insert(users).values({ name: 'ada' })); // SAVEPOINT retort_tx_1; INSERT …
   * await conn.commit();                                       // RELEASE SAVEPOINT retort_tx_1
   * await conn.close();                                        // the owner commits or rolls back
   */
  async joinExternalTransaction(driver: DriverConnection): Promise<Connection> {
    if (!driver || typeof driver.run !== 'function' || typeof driver.exec !== 'function') {
      throw new ArgumentError('joinExternalTransaction() needs a driver connection (run, stream, exec, ping, close)');
    }
    await this.initializeWith(driver);
    return new Connection(this, { driver, createdAt: Date.now(), invalidated: false, generation: -1 }, {}, true);
  }

  /**
   * A connection from the pool. Close it when done (or use `engine.begin(fn)`).
   * @example
   * const conn = await engine.connect();
   * try { await conn.execute(insert(users).values({ name: 'ada' })); await conn.commit(); }
   * finally { await conn.close(); }
   */
  async connect(options: ConnectionOptions = {}): Promise<Connection> {
    const pooled = await this.pool.acquire();
    try {
      const conn = new Connection(this, pooled, {});
      if (options.isolationLevel !== undefined) conn.executionOptions(options);
      return conn;
    } catch (e) {
      await this.pool.release(pooled);
      throw e;
    }
  }

  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws.
   * @example await engine.begin(async (conn) => { await conn.execute(insert(users).values({ name: 'x' })); });
   */
  async begin<T>(fn: (conn: Connection) => Promise<T>, options: ConnectionOptions = {}): Promise<T> {
    if (typeof fn !== 'function') {
      throw new ArgumentError('engine.begin() takes a function: engine.begin(async (conn) => { … }); for manual control use engine.connect()');
    }
    const conn = await this.connect(options);
    try {
      if (options.isolationLevel !== 'AUTOCOMMIT') await conn.begin();
      const out = await fn(conn);
      if (conn.closed) throw new InvalidRequestError('the connection was closed inside engine.begin(); nothing was committed');
      await conn.commit();
      return out;
    } catch (e) {
      if (!conn.closed && conn.inTransaction()) await conn.rollback().catch(() => conn.invalidate());
      throw e;
    } finally {
      await conn.close();
    }
  }

  /** Closes the pooled connections; the engine stays usable and opens new ones. */
  async dispose(): Promise<void> {
    await this.pool.dispose();
  }

  /** @internal */
  async _runSchemaOperation(op: 'create' | 'drop', metadata: MetaData, opts: SchemaOperationOptions): Promise<void> {
    await this.begin((conn) => conn._runSchemaOperation(op, metadata, opts));
  }

  /** @internal `metadata.reflect(engine)`: reads the catalog on one pooled connection. */
  async _reflect(metadata: MetaData, opts: ReflectOptions): Promise<void> {
    const conn = await this.connect();
    try {
      await conn._reflect(metadata, opts);
    } finally {
      await conn.close();
    }
  }

  /** The compiled form of a statement, from the cache when its shape was seen before. @internal */
  _compile(stmt: Node, paramKeys: readonly string[] | undefined): CompiledStatement {
    // The hit is checked in a few bytecodes, the rest is apart: this runs for every statement,
    // and V8 optimises a short function much sooner than a long one that returns early.
    const ck = (stmt as unknown as { _cache: CacheKey })._cache;
    return paramKeys === undefined && ck.compiledFor === this.compiledToken ? (ck.compiled as CompiledStatement) : this.compileOrLookUp(stmt, ck, paramKeys);
  }

  private compileOrLookUp(stmt: Node, ck: CacheKey, paramKeys: readonly string[] | undefined): CompiledStatement {
    if (paramKeys === undefined) {
      // Remembered for another engine (or before this one's caches were cleared): look here.
      const hit = ck.compiledFor === undefined ? undefined : this.compiledByStatement.get(stmt);
      if (hit) {
        ck.compiledFor = this.compiledToken;
        ck.compiled = hit;
        return hit;
      }
    }
    const key = ck.cacheable ? (paramKeys ? `${ck.key}|keys:${paramKeys.join(',')}` : ck.key) : undefined;
    let compiled = key === undefined ? undefined : this.compiledCache.get(key);
    if (!compiled) {
      const t0 = performance.now();
      compiled = this.dialect.createCompiler({ paramKeys }).compile(stmt, ck.binds);
      compiled.compileMs = performance.now() - t0;
      compiled.cacheable = key !== undefined;
      if (key !== undefined) this.compiledCache.set(key, compiled);
    }
    if (paramKeys === undefined) {
      // Only a statement another engine also runs needs the by-identity entry as well.
      if (ck.compiledFor !== undefined) this.compiledByStatement.set(stmt, compiled);
      ck.compiledFor = this.compiledToken;
      ck.compiled = compiled;
    }
    return compiled;
  }

  /** Statistics of the compiled statement cache. */
  get compiledCacheStats(): { size: number; hits: number; misses: number } {
    return { size: this.compiledCache.size, hits: this.compiledCache.hits, misses: this.compiledCache.misses };
  }

  /** @internal */
  _rowClassForFields(fields: readonly string[]): RowClass {
    const key = fields.join('\u0000');
    let cls = this.rowClasses.get(key);
    if (!cls) {
      cls = rowClassFor(fields);
      this.rowClasses.set(key, cls);
    }
    return cls;
  }

  /** @internal writes one statement to the echo log with its cache badge. */
  _log(sql: string, values: readonly unknown[], compiled: CompiledStatement | undefined, _ms: number, note?: string): void {
    let badge: string;
    if (!compiled) badge = 'raw SQL';
    else if (!compiled.cacheable) badge = 'no key';
    else if (!compiled.logged) badge = `generated in ${compiled.compileMs.toFixed(2)}ms`;
    else badge = `cached since ${((Date.now() - compiled.compiledAt) / 1000).toFixed(1)}s ago`;
    if (compiled) compiled.logged = true;
    const params = this.options.hideParameters ? '[parameters hidden]' : JSON.stringify(values, (_k, v) => (typeof v === 'bigint' ? `${v}n` : Buffer.isBuffer(v) ? `<${v.length} bytes>` : v));
    this.logger!(`[retort] ${sql}\n[retort] [${badge}${note ? '; ' + note : ''}] ${params}`);
  }

  /** The URL with the password masked. */
  toString(): string {
    return `Engine(${this.url.toString()})`;
  }
}

/**
 * Makes an engine for a database URL.
 *
 * @example
 * const engine = createEngine('sqlite://');                       // in memory
 * const engine = createEngine('postgresql://app@localhost/app', { pool: { size: 10 } });
 * const engine = createEngine('mysql://root@127.0.0.1:3306/app', { echo: true });
 */
export function createEngine(url: string, options: EngineOptions = {}): Engine {
  return new Engine(url, options);
}
