/**
 * The one error hierarchy of Retort. Every error a user can catch is a `RetortError`;
 * driver errors are wrapped (the original stays on `.driverError`) with the SQL attached.
 */

/** Base class of every error Retort throws. */
export class RetortError extends Error {
  /** A stable code, e.g. `'RT-ARG'`, for matching without parsing messages. */
  readonly code: string = 'RT-ERROR';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A public function got an argument it cannot use (wrong type, unknown column, …). */
export class ArgumentError extends RetortError {
  override readonly code = 'RT-ARG';
}

/** A URL could not be parsed or names a database Retort has no dialect for. */
export class UrlError extends ArgumentError {}

/** A statement cannot be rendered for the chosen dialect. */
export class CompileError extends RetortError {
  override readonly code = 'RT-COMPILE';
}

/** A feature the database (or its version) does not have. */
export class NotSupportedError extends CompileError {}

/** A statement expected rows and got none (`one()`, `scalarOne()`). */
export class NoResultFoundError extends RetortError {
  override readonly code = 'RT-NO-RESULT';
}

/** A statement expected at most one row and got more. */
export class MultipleResultsFoundError extends RetortError {
  override readonly code = 'RT-MULTIPLE-RESULTS';
}

/** A misuse of a connection, transaction or result (closed, already begun, consumed). */
export class InvalidRequestError extends RetortError {
  override readonly code = 'RT-INVALID-REQUEST';
}

/** A connection could not be had from the pool in time. */
export class PoolTimeoutError extends RetortError {
  override readonly code = 'RT-POOL-TIMEOUT';
}

/** Named access to a result column whose name more than one column has. */
export class AmbiguousColumnError extends InvalidRequestError {}

export interface DatabaseErrorDetails {
  /** The statement that failed; empty when none was running (opening a connection). */
  sql: string;
  /** What was being done, put before the driver's message (`cannot connect to postgresql://…`). */
  context?: string;
  params?: readonly unknown[];
  /** Show parameters in the message; off by default to keep secrets out of logs. */
  showParams?: boolean;
}

/**
 * An error raised by the database or its driver, wrapped with the statement that caused
 * it. `params` is kept on the object but shown in the message only on request
 * (`createEngine(url, { hideParameters: false })`).
 */
export class DatabaseError extends RetortError {
  override readonly code: string = 'RT-DATABASE';
  readonly sql: string;
  readonly params: readonly unknown[] | undefined;
  /** The driver's own error object, untouched. */
  readonly driverError: unknown;
  /** The SQLSTATE or driver error code, where the driver gives one. */
  readonly driverCode: string | undefined;
  constructor(driverError: unknown, details: DatabaseErrorDetails) {
    const e = driverError as { message?: string; code?: string | number };
    const base = e?.message ?? String(driverError);
    const shown = details.showParams && details.params ? `\n[parameters: ${safeJson(details.params)}]` : '';
    const doing = details.context ? `${details.context}: ` : '';
    super(`${doing}${base}${details.sql ? `\n[SQL: ${details.sql}]` : ''}${shown}`, { cause: driverError });
    this.sql = details.sql;
    this.params = details.params;
    this.driverError = driverError;
    this.driverCode = e?.code === undefined ? undefined : String(e.code);
  }
}

/** A constraint was violated: unique, foreign key, not null or check. */
export class IntegrityError extends DatabaseError {
  override readonly code = 'RT-INTEGRITY';
}

/**
 * The connection to the database failed or was lost. A connection that cannot be opened
 * (server down, wrong port, unknown database, bad credentials) says which server it tried,
 * with the password masked; `driverError` (and `cause`) is the driver's own error.
 *
 * @example
 * try { await engine.connect(); } catch (e) { if (e instanceof ConnectionError) console.error(e.message, e.driverCode); }
 * // cannot connect to postgresql://app:***@db:5432/app: connect ECONNREFUSED 10.0.0.5:5432
 */
export class ConnectionError extends DatabaseError {
  override readonly code = 'RT-CONNECTION';
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
  } catch {
    return String(v);
  }
}
