/**
 * SQL types: what a column or expression holds, both in the database and in TypeScript.
 *
 * A `SqlType<T>` is dialect-neutral. Each dialect maps the type's `kind` to a DDL name and
 * to bind/result processors (see `core/dialects/<name>/type-processors.ts`), so the same
 * JavaScript value comes back from every database.
 */

/** Every kind of type a dialect must know how to render and convert. */
export type TypeKind =
  | 'integer'
  | 'bigint'
  | 'smallint'
  | 'numeric'
  | 'float'
  | 'string'
  | 'text'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'json'
  | 'uuid'
  | 'enum'
  | 'binary'
  | 'array'
  | 'null'
  | 'unknown';

export interface TypeOptions {
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly timezone?: boolean;
  readonly values?: readonly string[];
  readonly enumName?: string;
  readonly item?: SqlType<unknown>;
  readonly jsonb?: boolean;
  /** The database's own name for a type Retort does not know (reflection). */
  readonly databaseName?: string;
}

/**
 * A SQL type whose JavaScript values are `T`.
 *
 * @example
 * const price = column(numeric(10, 2)); // values are strings such as '19.90'
 */
export class SqlType<T> {
  /** Phantom member carrying the JavaScript type; never set at run time. */
  declare readonly __js: T;
  constructor(
    readonly kind: TypeKind,
    readonly options: TypeOptions = {},
  ) {
    Object.freeze(this);
  }

  /** A stable description used in cache keys and error messages, e.g. `numeric(10,2)`. */
  describe(): string {
    const o = this.options;
    switch (this.kind) {
      case 'string':
        return o.length === undefined ? 'string' : `string(${o.length})`;
      case 'numeric':
        return o.precision === undefined ? 'numeric' : `numeric(${o.precision},${o.scale ?? 0})`;
      case 'datetime':
        return o.timezone ? 'datetime(tz)' : 'datetime';
      // Everything that changes the SQL or the value checks is in the description: it keys
      // the compiled cache (casts) and each dialect's processor cache.
      case 'enum':
        return `enum(${(o.values ?? []).map((v) => JSON.stringify(v)).join('|')})${o.enumName === undefined ? '' : ` ${JSON.stringify(o.enumName)}`}`;
      case 'json':
        return o.jsonb === false ? 'json(plain)' : 'json';
      case 'array':
        return `array(${o.item?.describe() ?? '?'})`;
      case 'unknown':
        return o.databaseName ? `unknown(${o.databaseName})` : 'unknown';
      default:
        return this.kind;
    }
  }
}

/** The JavaScript type of values of a SQL type. */
export type JsTypeOf<S> = S extends SqlType<infer T> ? T : never;

function positiveInt(what: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) {
    throw new TypeError(`${what} must be a positive integer, got ${String(n)}`);
  }
  return n;
}

/** 32-bit INTEGER; JavaScript `number`. */
export const integer = (): SqlType<number> => new SqlType('integer');
/** 64-bit BIGINT; JavaScript `bigint`, so values beyond 2^53 keep every digit. */
export const bigint = (): SqlType<bigint> => new SqlType('bigint');
/** 16-bit SMALLINT; JavaScript `number`. */
export const smallint = (): SqlType<number> => new SqlType('smallint');
/**
 * Exact NUMERIC/DECIMAL; values are decimal strings such as `'12.50'` and never pass
 * through a float.
 */
export function numeric(precision?: number, scale?: number): SqlType<string> {
  if (precision !== undefined) positiveInt('numeric precision', precision);
  if (scale !== undefined && (!Number.isInteger(scale) || scale < 0)) {
    throw new TypeError(`numeric scale must be a non-negative integer, got ${String(scale)}`);
  }
  return new SqlType('numeric', { precision, scale });
}
/** Alias of {@link numeric}. */
export const decimal = numeric;
/** Double precision floating point; JavaScript `number`. */
export const float = (): SqlType<number> => new SqlType('float');
/** VARCHAR(n) (n required on MySQL for DDL); JavaScript `string`. */
export function string(length?: number): SqlType<string> {
  if (length !== undefined) positiveInt('string length', length);
  return new SqlType('string', { length });
}
/**
 * Unbounded TEXT; JavaScript `string`. (Named `textType` because `text()` is the SQL-text
 * construct, as `enumType` is named for `enum`.)
 */
export const textType = (): SqlType<string> => new SqlType('text');
/** BOOLEAN (an integer 0/1 on SQLite and MySQL, converted both ways); JavaScript `boolean`. */
export const boolean = (): SqlType<boolean> => new SqlType('boolean');
/** Calendar DATE; values are `'YYYY-MM-DD'` strings, free of any time zone. */
export const date = (): SqlType<string> => new SqlType('date');
/**
 * DATETIME / TIMESTAMP; values are JavaScript `Date` instants. With `timezone: true` the
 * database type is time-zone aware where one exists (PostgreSQL TIMESTAMPTZ); without it
 * Retort stores the UTC wall-clock time, so a `Date` always round-trips to the same instant.
 */
export const datetime = (opts: { timezone?: boolean } = {}): SqlType<Date> =>
  new SqlType('datetime', { timezone: !!opts.timezone });
/** Alias of {@link datetime}. */
export const timestamp = datetime;
/** TIME of day; values are `'HH:MM:SS[.ffffff]'` strings. */
export const time = (): SqlType<string> => new SqlType('time');
/** JSON (JSONB on PostgreSQL unless `{ jsonb: false }`); values are parsed JavaScript values. */
export const json = <T = unknown>(opts: { jsonb?: boolean } = {}): SqlType<T> =>
  new SqlType('json', { jsonb: opts.jsonb ?? true });
/** UUID (CHAR(36) where the database has no UUID type); values are strings. */
export const uuid = (): SqlType<string> => new SqlType('uuid');
/**
 * An enumerated type; values are one of the given strings.
 * @example enumType(['draft', 'published'], { name: 'post_status' })
 */
export function enumType<const V extends string>(values: readonly V[], opts: { name?: string } = {}): SqlType<V> {
  if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string')) {
    throw new TypeError('enumType needs a non-empty array of strings');
  }
  return new SqlType('enum', { values: [...values], enumName: opts.name });
}
/** Binary data (BYTEA/BLOB/VARBINARY); values are `Buffer`s. */
export function binary(length?: number): SqlType<Buffer> {
  if (length !== undefined) positiveInt('binary length', length);
  return new SqlType('binary', { length });
}
/** A PostgreSQL array of another type; values are JavaScript arrays. */
export function array<T>(item: SqlType<T>): SqlType<T[]> {
  if (!(item instanceof SqlType)) throw new TypeError('array() needs an item type such as integer()');
  return new SqlType('array', { item });
}

/** The type of an expression whose type is not known (text fragments, untyped binds). */
export const unknownType: SqlType<unknown> = new SqlType('unknown');
export const nullType: SqlType<null> = new SqlType('null');
export const booleanType: SqlType<boolean> = boolean();
export const integerType: SqlType<number> = integer();

/** The type Retort infers for a bound JavaScript value when none is given. */
export function typeOfValue(value: unknown): SqlType<unknown> {
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? integerType : (float() as SqlType<unknown>);
    case 'bigint':
      return bigint() as SqlType<unknown>;
    case 'boolean':
      return booleanType as SqlType<unknown>;
    case 'string':
      return unknownType;
    case 'object':
      if (value instanceof Date) return datetime() as SqlType<unknown>;
      if (Buffer.isBuffer(value)) return binary() as SqlType<unknown>;
      return unknownType;
    default:
      return unknownType;
  }
}
