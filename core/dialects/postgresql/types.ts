/** PostgreSQL type names and value conversions (pg sends parameters as text). */
import type { Processor } from '../../compiler/compiled';
import type { SqlType } from '../../sql/types';
import * as p from '../processors';

export function pgTypeName(t: SqlType<unknown>): string {
  const o = t.options;
  switch (t.kind) {
    case 'integer':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'smallint':
      return 'SMALLINT';
    case 'numeric':
      return o.precision === undefined ? 'NUMERIC' : `NUMERIC(${o.precision}, ${o.scale ?? 0})`;
    case 'float':
      return 'DOUBLE PRECISION';
    case 'string':
      return o.length === undefined ? 'VARCHAR' : `VARCHAR(${o.length})`;
    case 'text':
      return 'TEXT';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'datetime':
      return o.timezone ? 'TIMESTAMP WITH TIME ZONE' : 'TIMESTAMP WITHOUT TIME ZONE';
    case 'time':
      return 'TIME WITHOUT TIME ZONE';
    case 'json':
      return o.jsonb === false ? 'JSON' : 'JSONB';
    case 'uuid':
      return 'UUID';
    case 'enum':
      return o.enumName ? `"${o.enumName.replace(/"/g, '""')}"` : 'TEXT';
    case 'binary':
      return 'BYTEA';
    case 'array':
      return `${pgTypeName(o.item!)}[]`;
    case 'null':
    case 'unknown':
      return o.databaseName ?? 'TEXT';
  }
}

const bigintText: Processor = (v) => String(p.bindInteger('bigint')(v));
const intText: Processor = (v) => {
  const x = p.bindInteger('integer')(v);
  return typeof x === 'bigint' ? x.toString() : x;
};

export const pgUntyped: Processor = (v) => {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  return v;
};

export function pgBind(t: SqlType<unknown>): Processor | undefined {
  switch (t.kind) {
    case 'integer':
    case 'smallint':
      return intText;
    case 'bigint':
      return bigintText;
    case 'numeric':
      return p.bindDecimal;
    case 'float':
      return p.bindFloat;
    case 'string':
    case 'text':
    case 'uuid':
    case 'time':
      return p.bindString;
    case 'boolean':
      return p.checkBoolean;
    case 'date':
      return p.bindDate;
    case 'datetime':
      // timestamptz: an instant with offset; timestamp: the UTC wall-clock time.
      return t.options.timezone ? (v) => (v instanceof Date ? v.toISOString() : new Date(p.utcText(v) + 'Z').toISOString()) : p.utcText;
    case 'json':
      return p.jsonText;
    case 'enum':
      return p.bindEnum(t);
    case 'binary':
      return p.bindBinary;
    case 'array': {
      const item = pgBind(t.options.item!);
      return (v) => {
        if (!Array.isArray(v)) throw new TypeError('array column: expected an array');
        return item ? v.map((x) => (x === null ? null : item(x))) : v;
      };
    }
    default:
      return pgUntyped;
  }
}

export function pgResult(t: SqlType<unknown>): Processor | undefined {
  switch (t.kind) {
    case 'integer':
    case 'smallint':
    case 'float':
      return p.toNumber;
    case 'bigint':
      return p.toBigInt;
    case 'numeric':
      return p.toString;
    case 'datetime':
      return p.parseTimestamp;
    case 'json':
      return undefined; // pg parses json and jsonb itself
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : v === 't' || v === 'true');
    case 'array': {
      const item = pgResult(t.options.item!);
      return item ? (v: unknown[]) => v.map((x) => (x === null ? null : item(x))) : undefined;
    }
    default:
      return undefined;
  }
}
