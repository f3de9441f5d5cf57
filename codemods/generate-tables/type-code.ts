/**
 * A reflected SQL type as Retort source code (`numeric(10, 2)`, `enumType(['a', 'b'], { name: 'mood' })`),
 * with the names the code needs imported from 'retort'.
 */
import type { SqlType } from '../../core/sql/types';
import { quote } from './names';

export interface TypeCode {
  readonly code: string;
  readonly imports: readonly string[];
  /** A note for the reader when Retort has no matching type. */
  readonly note?: string;
}

export function typeCode(type: SqlType<unknown>): TypeCode {
  const o = type.options;
  const call = (fn: string, args = ''): TypeCode => ({ code: `${fn}(${args})`, imports: [fn] });
  switch (type.kind) {
    case 'integer':
    case 'bigint':
    case 'smallint':
    case 'float':
    case 'boolean':
    case 'date':
    case 'time':
    case 'uuid':
      return call(type.kind);
    case 'text':
      return call('textType');
    case 'numeric':
      return call('numeric', o.precision === undefined ? '' : o.scale === undefined ? `${o.precision}` : `${o.precision}, ${o.scale}`);
    case 'string':
      return call('string', o.length === undefined ? '' : String(o.length));
    case 'binary':
      return call('binary', o.length === undefined ? '' : String(o.length));
    case 'datetime':
      return call('datetime', o.timezone ? '{ timezone: true }' : '');
    case 'json':
      return call('json', o.jsonb === false ? '{ jsonb: false }' : '');
    case 'enum': {
      const values = `[${(o.values ?? []).map(quote).join(', ')}]`;
      return call('enumType', o.enumName ? `${values}, { name: ${quote(o.enumName)} }` : values);
    }
    case 'array': {
      const item = o.item ? typeCode(o.item) : unknownTypeCode(undefined);
      return { code: `array(${item.code})`, imports: ['array', ...item.imports], note: item.note };
    }
    default:
      return unknownTypeCode(o.databaseName);
  }
}

/** A type Retort does not know: kept by its database name, so DDL still renders it; values are untyped. */
function unknownTypeCode(databaseName: string | undefined): TypeCode {
  const options = databaseName ? `, { databaseName: ${quote(databaseName)} }` : '';
  return {
    code: `new SqlType<unknown>('unknown'${options})`,
    imports: ['SqlType'],
    note: `Retort has no type for ${databaseName ?? 'this column'}; its values are passed through as the driver gives them`,
  };
}
