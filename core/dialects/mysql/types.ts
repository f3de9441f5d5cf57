/** MySQL/MariaDB type names and value conversions (mysql2 set up to return exact text for numbers and dates). */
import { ArgumentError, CompileError } from '../../errors';
import type { Processor } from '../../compiler/compiled';
import type { SqlType } from '../../sql/types';
import * as p from '../processors';

export function mysqlTypeName(t: SqlType<unknown>): string {
  const o = t.options;
  switch (t.kind) {
    case 'integer':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'smallint':
      return 'SMALLINT';
    case 'numeric':
      if (o.precision === undefined) {
        throw new CompileError('numeric() needs a precision on MySQL/MariaDB: DECIMAL without one is DECIMAL(10,0) and drops every fraction');
      }
      return `DECIMAL(${o.precision}, ${o.scale ?? 0})`;
    case 'float':
      return 'DOUBLE';
    case 'string':
      if (o.length === undefined) throw new CompileError('string() needs a length on MySQL/MariaDB (VARCHAR(n)); use text() for unbounded text');
      return `VARCHAR(${o.length})`;
    case 'text':
      return 'TEXT';
    case 'boolean':
      return 'BOOL';
    case 'date':
      return 'DATE';
    case 'datetime':
      return 'DATETIME(6)';
    case 'time':
      return 'TIME(6)';
    case 'json':
      return 'JSON';
    case 'uuid':
      return 'CHAR(36)';
    case 'enum':
      return `ENUM(${(o.values ?? []).map((v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(', ')})`;
    case 'binary':
      return o.length === undefined ? 'LONGBLOB' : `VARBINARY(${o.length})`;
    case 'array':
      throw new CompileError('MySQL/MariaDB have no ARRAY type; use json() for lists');
    case 'null':
    case 'unknown':
      return o.databaseName ?? 'TEXT';
  }
}

/** CAST accepts a short list of target names on MySQL. */
export function mysqlCastTypeName(t: SqlType<unknown>): string {
  switch (t.kind) {
    case 'integer':
    case 'smallint':
    case 'bigint':
      return 'SIGNED';
    case 'string':
    case 'text':
    case 'uuid':
    case 'enum':
      return 'CHAR';
    case 'float':
      return 'DOUBLE';
    case 'boolean':
      return 'SIGNED';
    case 'datetime':
      return 'DATETIME(6)';
    case 'binary':
      return 'BINARY';
    case 'numeric':
      return t.options.precision === undefined ? 'DECIMAL(65, 30)' : mysqlTypeName(t);
    default:
      return mysqlTypeName(t);
  }
}

export const mysqlUntyped: Processor = (v) => {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return p.utcText(v);
  return v;
};

const intValue: Processor = (v) => {
  const x = p.bindInteger('integer')(v);
  return typeof x === 'bigint' ? x.toString() : x;
};

/** MySQL/MariaDB DOUBLE has no NaN or infinities ("Out of range value"): refuse them clearly. */
const mysqlFloat: Processor = (v) => {
  const x = p.bindFloat(v) as number;
  if (!Number.isFinite(x)) throw new ArgumentError(`float column: MySQL/MariaDB cannot store ${x}`);
  return x;
};

export function mysqlBind(t: SqlType<unknown>): Processor | undefined {
  switch (t.kind) {
    case 'integer':
    case 'smallint':
      return intValue;
    case 'bigint':
      return (v) => String(p.bindInteger('bigint')(v));
    case 'numeric':
      return p.bindDecimal;
    case 'float':
      return mysqlFloat;
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
      return mysqlUntyped;
  }
}

export function mysqlResult(t: SqlType<unknown>): Processor | undefined {
  switch (t.kind) {
    case 'integer':
    case 'smallint':
    case 'float':
      return p.toNumber;
    case 'bigint':
      return p.toBigInt;
    case 'numeric':
      return p.toString;
    case 'boolean':
      return p.intBoolean;
    case 'datetime':
      return p.parseTimestamp;
    case 'json':
      return p.parseJson;
    case 'string':
    case 'text':
    case 'uuid':
    case 'enum':
    case 'time':
      return (v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v));
    case 'date':
      return p.toString;
    case 'binary':
      return p.toBuffer;
    default:
      return undefined;
  }
}
