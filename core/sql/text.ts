/**
 * `text()`: a SQL string with `:name` parameters, for what the expression language does
 * not cover. Values still travel as bound parameters, never pasted into the SQL.
 */
import { ArgumentError } from '../errors';
import { BindParameter, ColumnElement } from './elements';
import { buildCacheKey, CacheKey, CacheKeyBuilder, Node } from './node';
import { SqlType, typeOfValue, unknownType } from './types';
import type { Row } from './row-types';

/** A piece of SQL text; `:name` marks a parameter (`\\:` for a literal colon, `::` is left alone). */
export class TextClause<R extends Row<any, any> = Row<unknown[], Record<string, unknown>>> extends ColumnElement<unknown> {
  readonly kind = 'textClause';
  readonly type = unknownType;
  declare readonly __row: R;
  private _cacheKey?: CacheKey;
  constructor(
    readonly sql: string,
    /** Values bound with `bindparams()`, as named bound parameters. */
    readonly binds: Readonly<Record<string, BindParameter<unknown>>> = {},
    /** Result column types given with `columns()`. */
    readonly resultTypes: readonly (readonly [string, SqlType<unknown>])[] = [],
  ) {
    super();
  }
  get _cache(): CacheKey {
    return (this._cacheKey ??= buildCacheKey(this));
  }
  get _selectedColumns(): readonly ColumnElement<unknown>[] {
    return [];
  }
  /** The `:name` parameters in order of appearance. */
  get parameterNames(): string[] {
    return splitText(this.sql).filter((p): p is { param: string } => typeof p !== 'string').map((p) => p.param);
  }
  /** Gives values to `:name` parameters. */
  bindparams(values: Record<string, unknown>): TextClause<R> {
    if (!values || typeof values !== 'object') throw new ArgumentError('bindparams() takes an object of values');
    const names = new Set(this.parameterNames);
    for (const k of Object.keys(values)) if (!names.has(k)) throw new ArgumentError(`bindparams(): the text has no parameter :${k}`);
    const binds: Record<string, BindParameter<unknown>> = { ...this.binds };
    for (const [k, v] of Object.entries(values)) binds[k] = new BindParameter(k, v, typeOfValue(v), false);
    return new TextClause<R>(this.sql, binds, this.resultTypes);
  }
  /**
   * Declares the result columns and their types, so rows are typed and converted.
   * @example text('SELECT id, name FROM users').columns({ id: integer(), name: string() })
   */
  columns<const C extends Record<string, SqlType<any>>>(cols: C): TextClause<Row<{ [K in keyof C]: C[K] extends SqlType<infer T> ? T : never }[keyof C][], { [K in keyof C]: C[K] extends SqlType<infer T> ? T : never }>> {
    return new TextClause(this.sql, this.binds, Object.entries(cols)) as never;
  }
  _key(k: CacheKeyBuilder): void {
    k.push(`TEXT(${JSON.stringify(this.sql)}|${this.resultTypes.map(([n, t]) => `${n}:${t.describe()}`).join(',')}|${Object.keys(this.binds).sort().join(',')})`);
    for (const name of Object.keys(this.binds).sort()) k.bind(this.binds[name]);
  }
}

export type TextPart = string | { param: string };

/** Splits SQL text into literal chunks and `:name` parameters (quotes and `::` respected). */
export function splitText(sql: string): TextPart[] {
  const out: TextPart[] = [];
  let buf = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = sql.indexOf(ch, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      buf += sql.slice(i, stop);
      i = stop;
    } else if (ch === '\\' && sql[i + 1] === ':') {
      buf += ':';
      i += 2;
    } else if (ch === ':' && sql[i + 1] === ':') {
      buf += '::';
      i += 2;
    } else if (ch === ':' && /[A-Za-z_]/.test(sql[i + 1] ?? '') && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))!;
      out.push(buf, { param: m[0] });
      buf = '';
      i += 1 + m[0].length;
    } else {
      buf += ch;
      i++;
    }
  }
  out.push(buf);
  return out;
}

/**
 * SQL text with `:name` parameters.
 * @example await conn.execute(text('SELECT * FROM users WHERE id = :id'), { id: 5 })
 */
export function text(sql: string): TextClause {
  if (typeof sql !== 'string') throw new ArgumentError(`text() takes a string, got ${typeof sql}`);
  return new TextClause(sql);
}

export function isTextClause(n: unknown): n is TextClause<any> {
  return n instanceof Node && n.kind === 'textClause';
}
