/**
 * The 1.x engine and connection: connectionless execution (L101), library-level autocommit
 * (L103), plain SQL strings (L104), loose parameters (L105), subtransactions (L106),
 * engine.transaction()/runCallable() (L107), engine introspection (L108) and rows that
 * act as mappings (L109). Each translates to the 2.0 engine and connection and calls them.
 */
import {
  ArgumentError,
  Connection,
  ConnectionOptions,
  Engine,
  EngineOptions,
  Executable,
  ExecuteParams,
  inspect,
  Result,
  Row,
  RowOf,
  text,
  TextClause,
  Transaction,
} from '../core/index';
import { StatementLike, toStatement } from './statement';
import { legacyWarn, strictFor } from './warnings';

/** What the 1.x `execute()` accepts: a statement, a legacy select, or a plain SQL string (L104). */
export type LegacyExecutable = Executable | { toStatement(): Executable } | string;

/** The result of a 1.x execute(): rows that also answer the mapping protocol (L109). */
export type LegacyResult<R extends Row<readonly unknown[], any> = Row<unknown[], Record<string, unknown>>> = Result<LegacyRow<R>>;

/**
 * A 1.x connection: a 2.0 Connection whose execute() also takes strings (L104) and loose
 * parameters (L105), with 1.x autocommit (L103) and subtransactions (L106). The 1.x
 * signatures come first so they win overload resolution.
 */
export type LegacyConnection = {
  execute<S extends Executable>(statement: S | StatementLike<S>, params?: ExecuteParams): Promise<LegacyResult<RowOf<S>>>;
  execute(statement: LegacyExecutable, ...params: unknown[]): Promise<LegacyResult>;
  scalar(statement: LegacyExecutable, ...params: unknown[]): Promise<unknown>;
  /** `{ autocommit: true }` (L103) commits every statement run outside a transaction. */
  executionOptions(opts: ConnectionOptions & { autocommit?: boolean }): LegacyConnection;
} & Connection;

const WRITE_SQL = /^\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE|CREATE|DROP|ALTER|TRUNCATE|GRANT|REVOKE)\b/i;

function isWrite(stmt: unknown): boolean {
  if (typeof stmt === 'string') return WRITE_SQL.test(stmt);
  if (stmt instanceof TextClause) return WRITE_SQL.test(stmt.sql);
  const kind = (stmt as { kind?: string } | null)?.kind;
  return kind === 'insert' || kind === 'update' || kind === 'delete';
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A prepared call: what to run and how, decided (with its warnings) before the first await. */
interface Prepared {
  run(conn: Connection): Promise<Result>;
}

/**
 * Translates a 1.x execute() call into a 2.0 one. Warns L104/L105 here, synchronously.
 * @internal
 */
export function prepareExecute(statement: unknown, params: unknown[], future: boolean): Prepared {
  let loose = params.length > 1;
  if (typeof statement === 'string') {
    legacyWarn('L104', { future });
    const sql = statement;
    if (params.length === 1 && isPlainObject(params[0])) {
      const p = params[0];
      return { run: (conn) => conn.execute(text(sql), p) };
    }
    if (params.length > 1 && params.every(isPlainObject)) {
      legacyWarn('L105', { future });
      const many = params as Record<string, unknown>[];
      return { run: (conn) => conn.execute(text(sql), many) };
    }
    const positional = params.length === 1 && Array.isArray(params[0]) ? (params[0] as unknown[]) : params;
    if (params.length === 1 && !Array.isArray(params[0])) loose = true;
    if (loose) legacyWarn('L105', { future });
    return { run: (conn) => conn.execDriverSql(sql, positional) };
  }
  const stmt = toStatement(statement) as Executable;
  let p: ExecuteParams | undefined;
  if (params.length === 0) p = undefined;
  else if (params.length > 1) {
    if (!params.every(isPlainObject)) throw new ArgumentError('execute(): extra parameter arguments must be objects');
    legacyWarn('L105', { future });
    p = params as Record<string, unknown>[];
  } else if (Array.isArray(params[0]) && params[0].length > 0 && !params[0].every(isPlainObject)) {
    // A positional tuple: the values of the statement's :names in order.
    if (!(stmt instanceof TextClause)) throw new ArgumentError('execute(): positional parameters need a text() statement with :names');
    legacyWarn('L105', { future });
    const names = [...new Set(stmt.parameterNames)];
    const values = params[0] as unknown[];
    if (values.length !== names.length) throw new ArgumentError(`execute(): ${values.length} positional values for ${names.length} parameters (${names.map((n) => ':' + n).join(', ')})`);
    p = Object.fromEntries(names.map((n, i) => [n, values[i]]));
  } else p = params[0] as ExecuteParams;
  return { run: (conn) => conn.execute(stmt, p) };
}

/** Rows that answer the 1.x mapping protocol (with an L109 warning). */
export function legacyResult(res: Result, future: boolean): LegacyResult {
  const rows = res.all().map((r) => legacyRow(r as unknown as object, future));
  return new Result(rows as never, res.keys, res.rowCount, res.lastInsertId);
}

type AnyRowObject = { readonly _fields: readonly string[]; readonly _mapping: Record<string, unknown> };

function keyOf(k: unknown): string {
  if (typeof k === 'string') return k;
  const name = (k as { _resultName?: string } | null)?._resultName;
  if (typeof name === 'string') return name;
  throw new ArgumentError('row.get() takes a column name or a column');
}

const ROW_MAPPING_METHODS: Record<string, (row: AnyRowObject) => unknown> = {
  keys: (row) => () => [...row._fields],
  values: (row) => () => Object.values(row._mapping),
  items: (row) => () => Object.entries(row._mapping),
  get: (row) => (k: unknown, dflt?: unknown) => {
    const key = keyOf(k);
    return key in row._mapping ? row._mapping[key] : dflt;
  },
  has: (row) => (k: unknown) => keyOf(k) in row._mapping,
};

/**
 * A 1.x row: a 2.0 Row (named tuple) that also answers `keys()`, `values()`, `items()`,
 * `get(name | column)`, `has(name)` and `'name' in row`, each warning L109.
 */
export type LegacyRow<R> = {
  keys(): string[];
  values(): unknown[];
  items(): [string, unknown][];
  get(key: string | { _resultName?: string }, dflt?: unknown): unknown;
  has(key: string | { _resultName?: string }): boolean;
} & R;

function legacyRow(row: object, future: boolean): object {
  const r = row as AnyRowObject;
  return new Proxy(row, {
    get(target, prop) {
      // A column of that name (a getter of the row's class) wins; a row's array methods
      // (`keys()`, `values()` give positions and values in 2.0) do not: 1.x code means the mapping.
      if (typeof prop === 'string' && Object.prototype.hasOwnProperty.call(ROW_MAPPING_METHODS, prop) && !Object.getOwnPropertyDescriptor(Object.getPrototypeOf(target), prop)?.get) {
        legacyWarn('L109', { future });
        return ROW_MAPPING_METHODS[prop](r);
      }
      return Reflect.get(target, prop, target);
    },
    has(target, prop) {
      if (typeof prop === 'string' && !/^\d+$/.test(prop) && r._fields.includes(prop)) {
        legacyWarn('L109', { future });
        return true;
      }
      return Reflect.has(target, prop);
    },
  });
}

/** A 1.x subtransaction (L106): its commit does nothing; its rollback rolls back the outer transaction. */
class SubTransaction extends Transaction {
  private done = false;
  constructor(
    private readonly legacy: LegacyConnection,
    private readonly state: ConnState,
  ) {
    super(legacy);
  }
  override get isActive(): boolean {
    return !this.done && this.state.depth > 0 && !this.legacy.closed;
  }
  override async commit(): Promise<void> {
    this.done = true;
  }
  override async rollback(): Promise<void> {
    this.done = true;
    await this.legacy.rollback();
  }
}

interface ConnState {
  /** Depth of explicit begin() calls (1 = a real transaction, more = subtransactions). */
  depth: number;
  autocommit: boolean;
}

/** Wraps a 2.0 connection of a legacy engine with the 1.x behaviour. */
function legacyConnection(conn: Connection, future: boolean): LegacyConnection {
  const state: ConnState = { depth: 0, autocommit: false };
  const overrides: Record<string, unknown> = {
    execute(statement: unknown, ...params: unknown[]): Promise<Result> {
      const prepared = prepareExecute(statement, params, future);
      const autocommit = state.depth === 0 && (state.autocommit || isWrite(toStatement(statement))) && !strictFor(future);
      if (autocommit) legacyWarn('L103', { future });
      return (async () => {
        const res = await prepared.run(conn);
        if (autocommit && conn.inTransaction()) await conn.commit();
        return legacyResult(res, future);
      })();
    },
    scalar(statement: unknown, ...params: unknown[]): Promise<unknown> {
      return (proxy.execute as (s: unknown, ...p: unknown[]) => Promise<Result>)(statement, ...params).then((r) => r.scalar());
    },
    executionOptions(opts: ConnectionOptions & { autocommit?: boolean }) {
      if (opts && typeof opts === 'object' && 'autocommit' in opts) {
        legacyWarn('L103', { future });
        state.autocommit = !!opts.autocommit;
        const { autocommit: _ignored, ...rest } = opts;
        conn.executionOptions(rest);
      } else conn.executionOptions(opts);
      return proxy;
    },
    begin(): Promise<Transaction> {
      if (state.depth > 0) {
        legacyWarn('L106', { future });
        state.depth++;
        return Promise.resolve(new SubTransaction(proxy, state));
      }
      return (async () => {
        // 1.x had no autobegin: reads before begin() ran outside any transaction.
        if (!strictFor(future) && conn.inTransaction()) await conn.commit();
        await conn.begin();
        state.depth = 1;
        return new Transaction(proxy);
      })();
    },
    commit(): Promise<void> {
      state.depth = 0;
      return conn.commit();
    },
    rollback(): Promise<void> {
      state.depth = 0;
      return conn.rollback();
    },
  };
  const proxy: LegacyConnection = new Proxy(conn, {
    get(target, prop) {
      if (typeof prop === 'string' && Object.prototype.hasOwnProperty.call(overrides, prop)) return overrides[prop];
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  }) as LegacyConnection;
  return proxy;
}

/** Options of the 1.x `createEngine()`: the 2.0 options (`future: true` makes removed patterns on this engine throw). */
export type LegacyEngineOptions = EngineOptions;

/**
 * The 1.x engine: a 2.0 Engine whose connections behave as in 1.x, plus the 1.x engine
 * methods (execute, scalar, transaction, runCallable, tableNames, hasTable).
 */
export class LegacyEngine extends Engine {
  /** Removed patterns on this engine throw RemovedInRetort2Error. */
  get future(): boolean {
    return !!this.options.future;
  }

  override async connect(options: ConnectionOptions = {}): Promise<LegacyConnection> {
    return legacyConnection(await super.connect(options), this.future);
  }

  private modernView?: Engine;
  /**
   * This engine (same pool, same settings) with 2.0 connections: no 1.x autocommit, plain
   * strings refused. A 1.x Session works in a transaction of its own, so it runs on this.
   */
  get modern(): Engine {
    const self = this;
    return (this.modernView ??= Object.create(this, {
      connect: { value: (options: ConnectionOptions = {}) => Engine.prototype.connect.call(self, options) },
    }) as Engine);
  }

  override begin<T>(fn: (conn: LegacyConnection) => Promise<T>, options: ConnectionOptions = {}): Promise<T> {
    return super.begin(fn as (conn: Connection) => Promise<T>, options);
  }

  /**
   * L101: runs a statement on a connection of its own, commits it when it writes (1.x
   * autocommit), closes the connection, and returns the buffered result.
   */
  execute<S extends Executable>(statement: S | StatementLike<S>, params?: ExecuteParams): Promise<LegacyResult<RowOf<S>>>;
  execute(statement: LegacyExecutable, ...params: unknown[]): Promise<LegacyResult>;
  execute(statement: LegacyExecutable, ...params: unknown[]): Promise<LegacyResult> {
    legacyWarn('L101', { future: this.future });
    const prepared = prepareExecute(statement, params, this.future);
    return this.connectionless(async (conn) => legacyResult(await prepared.run(conn), this.future));
  }

  /** L101: the first column of the first row, on a connection of its own. */
  scalar(statement: LegacyExecutable, ...params: unknown[]): Promise<unknown> {
    legacyWarn('L101', { future: this.future });
    const prepared = prepareExecute(statement, params, this.future);
    return this.connectionless(async (conn) => (await prepared.run(conn)).scalar());
  }

  private async connectionless<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
    const conn = await super.connect();
    try {
      const out = await fn(conn);
      if (conn.inTransaction()) await conn.commit();
      return out;
    } finally {
      await conn.close();
    }
  }

  /** L107: runs `fn(conn, ...args)` in a transaction (committed when it resolves). */
  transaction<T, A extends unknown[]>(fn: (conn: LegacyConnection, ...args: A) => Promise<T>, ...args: A): Promise<T> {
    legacyWarn('L107', { future: this.future });
    return this.begin((conn) => fn(conn, ...args));
  }

  /** L107: runs `fn(conn, ...args)` on a connection (1.x autocommit applies), then closes it. */
  async runCallable<T, A extends unknown[]>(fn: (conn: LegacyConnection, ...args: A) => Promise<T>, ...args: A): Promise<T> {
    legacyWarn('L107', { future: this.future });
    const conn = await this.connect();
    try {
      return await fn(conn, ...args);
    } finally {
      await conn.close();
    }
  }

  /** L108: the table names of a schema (the default one when omitted). */
  tableNames(schema?: string): Promise<string[]> {
    legacyWarn('L108', { future: this.future });
    return inspect(this).getTableNames({ schema });
  }

  /** L108: whether a table exists. */
  hasTable(name: string, schema?: string): Promise<boolean> {
    legacyWarn('L108', { future: this.future });
    return inspect(this).hasTable(name, { schema });
  }
}

/**
 * The 1.x `createEngine()`: an engine with the 1.x methods and connection behaviour.
 * @example
 * import { createEngine } from 'retort/legacy';
 * const engine = createEngine('sqlite://', { future: true }); // strict: removed patterns throw
 */
export function createEngine(url: string, options: LegacyEngineOptions = {}): LegacyEngine {
  return new LegacyEngine(url, options);
}

/** The `future` flag of an engine or connection (a 2.0 engine counts as future). @internal */
export function futureOf(bind: unknown): boolean {
  const engine = bind instanceof Engine ? bind : bind instanceof Connection ? bind.engine : undefined;
  if (!engine) return false;
  return engine instanceof LegacyEngine ? engine.future : !!engine.options.future;
}
