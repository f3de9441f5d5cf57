/**
 * Naming the attribute behind a value the database layer refused. A JavaScript caller can
 * put any value in an attribute; Core's bind processors reject what a column cannot take,
 * but they only know the column type. When a flush fails that way, this finds the object
 * and attribute and says which value was wrong (only then: the happy path pays nothing).
 */
import { ArgumentError } from '../errors';
import type { Dialect } from '../dialects/dialect';
import { FlushError } from './errors';
import type { InstanceState } from './state';

/** A FlushError naming `Model.attribute` and the value, or undefined when no written value explains `error`. */
export function explainBadValue(dialect: Dialect, states: Iterable<InstanceState>, error: unknown): FlushError | undefined {
  if (!(error instanceof ArgumentError)) return undefined;
  for (const st of states) {
    for (const [key, col] of st.mapper.columns) {
      if (!(key in st.dict)) continue;
      const v = st.dict[key];
      if (v === null) continue;
      const bind = dialect.bindProcessor(col.type);
      if (!bind) continue;
      try {
        bind(v);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        return new FlushError(`${st.mapper.name}.${key}: cannot write ${show(v)} to a column of type ${col.type.describe()} (${why})`, { cause: error });
      }
    }
  }
  return undefined;
}

function show(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Date) return `Date(${Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString()})`;
  if (typeof v === 'object') {
    try {
      return `${(v as object).constructor?.name ?? 'object'} ${JSON.stringify(v)}`;
    } catch {
      return 'an object';
    }
  }
  return `${String(v)} (${typeof v})`;
}
