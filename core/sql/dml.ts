/**
 * What INSERT, UPDATE and DELETE share: the target table, typed value sets, RETURNING.
 */
import { ArgumentError } from '../errors';
import type { Column, ColumnSpec } from '../schema/column';
import type { Table, TableColumns } from '../schema/table';
import { ColumnElement, coerce } from './elements';
import { buildCacheKey, CacheKey, CacheKeyBuilder, Node } from './node';
import { isSelectableLike, SelectableLike, toSelectable } from './protocol';
import type { ResultRow } from './row-types';
import { FromClause } from './selectable';
import type { SelectItem } from './select';

export type AnyTableOf<C> = Table<string, C & Record<string, ColumnSpec<any, any>>>;

type ValueOrExpr<T> = T | ColumnElement<T> | ColumnElement<NonNullable<T>>;

type ColumnsOf<Tbl> = Tbl extends Table<any, infer C> ? TableColumns<C> : never;
type OptionalKeys<Cs> = { [K in keyof Cs]: Cs[K] extends Column<any, any, infer O> ? (O extends true ? K : never) : never }[keyof Cs];
type RequiredKeys<Cs> = Exclude<keyof Cs, OptionalKeys<Cs>>;
type ValueOfCol<C> = C extends ColumnElement<infer T> ? T : never;

/** The values an INSERT of one row into `Tbl` takes: required columns must be present. */
export type InsertValues<Tbl> = { [K in RequiredKeys<ColumnsOf<Tbl>>]: ValueOrExpr<ValueOfCol<ColumnsOf<Tbl>[K]>> } & {
  [K in OptionalKeys<ColumnsOf<Tbl>>]?: ValueOrExpr<ValueOfCol<ColumnsOf<Tbl>[K]>>;
};

/** The values an UPDATE of `Tbl` takes: any subset of its columns. */
export type UpdateValues<Tbl> = { [K in keyof ColumnsOf<Tbl>]?: ValueOrExpr<ValueOfCol<ColumnsOf<Tbl>[K]>> };

/** Checks a JavaScript object of values against a table's columns; unknown keys are an error. */
export function bindValues(table: Table<any, any>, values: Record<string, unknown>, what: string): Map<Column<unknown>, ColumnElement<unknown>> {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new ArgumentError(`${what}: values must be an object of column keys to values`);
  }
  const out = new Map<Column<unknown>, ColumnElement<unknown>>();
  for (const [key, v] of Object.entries(values)) {
    const col = (table.c as Record<string, Column<unknown>>)[key];
    if (!col) {
      throw new ArgumentError(`${what}: table ${table.name} has no column "${key}" (columns: ${Object.keys(table.c).join(', ')})`);
    }
    if (v === undefined) continue;
    out.set(col, coerce(v, col.type));
  }
  return out;
}

/** Something that stands for a table in INSERT/UPDATE/DELETE, such as an ORM model class. */
export type TableLike = SelectableLike & { readonly table: Table<any, any> };

/** The table a `Table` or {@link TableLike} stands for. */
export type TableOf<T> = T extends Table<any, any> ? T : T extends { readonly table: Table<infer N, infer C> } ? Table<N, KnownKeys<C>> : never;

/** `C` without an index signature (a model's table type carries one for its own flexibility). */
type KnownKeys<C> = { [K in keyof C as string extends K ? never : K]: C[K] };

/** The table of `insert()` / `update()` / `deleteFrom()`'s argument: a Table, or what stands for one (a model). */
export function checkTable(t: unknown, what: string): Table<any, any> {
  const resolved = isSelectableLike(t) ? t[toSelectable]() : t;
  if (!(resolved instanceof FromClause) || resolved.kind !== 'table') throw new ArgumentError(`${what}() needs a Table or a model class, got ${t === null ? 'null' : typeof t}`);
  return resolved as Table<any, any>;
}

export function checkReturning(items: readonly unknown[]): readonly SelectItem[] {
  if (items.length === 0) throw new ArgumentError('returning() needs at least one column or table');
  items.forEach((it) => {
    const el = isSelectableLike(it) ? it[toSelectable]() : it;
    if (!(el instanceof ColumnElement) && !(el instanceof FromClause)) throw new ArgumentError('returning() takes columns, expressions, tables or model classes');
  });
  return items as readonly SelectItem[];
}

/** Base of INSERT, UPDATE and DELETE. `Ret` is the RETURNING list, empty when there is none. */
export abstract class DmlStatement<Ret extends readonly SelectItem[]> extends Node {
  declare readonly __row: ResultRow<Ret>;
  private _cacheKey?: CacheKey;
  abstract readonly table: Table<any, any>;
  abstract readonly returningItems: readonly SelectItem[];
  /** @internal */
  get _cache(): CacheKey {
    return (this._cacheKey ??= buildCacheKey(this));
  }
  /** The RETURNING list as Core elements (a model class stands for its table). */
  private get coreReturning(): readonly (ColumnElement<unknown> | FromClause)[] {
    return this.returningItems.map((it) => (isSelectableLike(it) ? it[toSelectable]() : it)) as readonly (ColumnElement<unknown> | FromClause)[];
  }
  get _selectedColumns(): readonly ColumnElement<unknown>[] {
    return this.coreReturning.flatMap((it) => (it instanceof FromClause ? it.columns : [it]));
  }
  protected keyReturning(k: CacheKeyBuilder): void {
    if (this.returningItems.length) {
      k.push('RET');
      for (const r of this.coreReturning) r._key(k);
    }
  }
  protected keyValues(k: CacheKeyBuilder, values: ReadonlyMap<Column<unknown>, ColumnElement<unknown>>): void {
    for (const [c, v] of values) {
      k.push(`${c.name}=`);
      v._key(k);
    }
  }
}
