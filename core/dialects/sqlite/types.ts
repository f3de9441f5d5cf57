/** SQLite type names and value conversions (better-sqlite3 knows numbers, bigints, strings and Buffers). */
import { ArgumentError, CompileError } from '../../errors';
import type { Processor } from '../../compiler/compiled';
import type { SqlType } from '../../sql/types';
import * as p from '../processors';

export function sqliteTypeName(t: SqlType<unknown>): string {
  const o = t.options;
  switch (t.kind) {
    case 'integer':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'smallint':
      return 'SMALLINT';
    case 'numeric':
      // NUMERIC affinity keeps 15 significant digits exactly (a double's guarantee); wider
      // decimals are stored as text so no digit is lost (SQL arithmetic on them is not exact).
      return o.precision !== undefined && o.precision <= 15 ? `NUMERIC(${o.precision}, ${o.scale ?? 0})` : `DECIMAL_TEXT${o.precision === undefined ? '' : `(${o.precision}, ${o.scale ?? 0})`}`;
    case 'float':
      return 'FLOAT';
    case 'string':
      return o.length === undefined ? 'VARCHAR' : `VARCHAR(${o.length})`;
    case 'text':
      return 'TEXT';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'datetime':
      return 'DATETIME';
    case 'time':
      return 'TIME';
    case 'json':
      // TEXT affinity: a JSON document is never turned into a number by the column.
      return 'TEXT';
    case 'uuid':
      return 'CHAR(36)';
    case 'enum':
      return `VARCHAR(${Math.max(...(o.values ?? ['x']).map((v) => v.length))})`;
    case 'binary':
      return 'BLOB';
    case 'array':
      throw new CompileError('SQLite has no ARRAY type; use json() for lists');
    case 'null':
    case 'unknown':
      return o.databaseName ?? 'BLOB';
  }
}

/** SQLite stores a bound NaN as NULL: refuse it rather than lose the value (infinities are kept). */
const sqliteFloat: Processor = (v) => {
  const x = p.bindFloat(v) as number;
  if (Number.isNaN(x)) throw new ArgumentError('float column: SQLite cannot store NaN (it would become NULL)');
  return x;
};

/** What an untyped value (text() parameter, bare literal) is sent as. */
export const sqliteUntyped: Processor = (v) => {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return p.utcText(v);
  return v;
};

export function sqliteBind(t: SqlType<unknown>): Processor | undefined {
  switch (t.kind) {
    case 'integer':
    case 'smallint':
      return p.bindInteger(t.kind);
    case 'bigint':
      return (v) => BigInt(p.bindInteger('bigint')(v) as number);
    case 'numeric':
      return p.bindDecimal;
    case 'float':
      return sqliteFloat;
    case 'string':
    case 'text':
    case 'uuid':
    case 'time':
      return p.bindString;
    case 'boolean':
      return p.boolToInt;
    case 'date':
      return p.bindDate;
    case 'datetime':
      return p.utcText;
    case 'json':
      return p.jsonText;
    case 'enum':
      return p.bindEnum(t);
    case 'binary':
      return p.bindBinary;
    default:
      return sqliteUntyped;
  }
}

export function sqliteResult(t: SqlType<unknown>): Processor | undefined {
  switch (t.kind) {
    case 'integer':
    case 'smallint':
    case 'float':
      return p.toNumber;
    case 'bigint':
      return p.toBigInt;
    case 'numeric':
      return p.decimalFromSqlite(t.options.scale);
    case 'boolean':
      return p.intBoolean;
    case 'datetime':
      return p.parseTimestamp;
    case 'json':
      return p.parseJson;
    case 'binary':
      return p.toBuffer;
    case 'string':
    case 'text':
    case 'date':
    case 'time':
    case 'uuid':
    case 'enum':
      return p.toString;
    default:
      return undefined;
  }
}
