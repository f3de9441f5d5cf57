/**
 * Type-level helpers that turn a SELECT list into the type of its rows. Kept shallow on
 * purpose: every user's editor pays for these on each keystroke.
 */
import type { ColumnElement, Label } from './elements';
import type { ColumnRef, FromClause } from './selectable';
import type { SelectableLike } from './protocol';

/** A column's value type; an object standing for a FROM element that is a class (an ORM model) gives its instances. */
type ValueOf<E> = E extends ColumnElement<infer T> ? T : E extends SelectableLike & (abstract new (...args: any) => infer I) ? I : never;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The named values one SELECT item contributes. */
type NamedPart<E> =
  E extends ColumnRef<infer T, infer N>
    ? { [K in N]: T }
    : E extends Label<infer T, infer N>
      ? { [K in N]: T }
      : E extends FromClause<infer C>
        ? { [K in keyof C]: ValueOf<C[K]> }
        : {};

/** Positional value types of a SELECT list (a table in it gives `unknown[]`). */
export type RowTuple<Cols extends readonly unknown[]> =
  Extract<Cols[number], FromClause<any>> extends never ? { -readonly [K in keyof Cols]: ValueOf<Cols[K]> } : unknown[];

/** Named value types of a SELECT list: columns by name, labels by label, tables by their columns. */
export type RowMapping<Cols extends readonly unknown[]> = Simplify<UnionToIntersection<NamedPart<Cols[number]>>>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Methods every row has. */
export interface RowMethods<M> {
  /** The row as a read-only `{ name: value }` mapping. */
  readonly _mapping: Readonly<M>;
  /** The row as a plain array. */
  _tuple(): unknown[];
  /** Names of the columns in order. */
  readonly _fields: readonly string[];
}

/**
 * A result row: a read-only tuple with named access.
 * @example const [id, name] = row; row.name; row._mapping.name
 */
export type Row<T extends readonly unknown[], M = Record<string, unknown>> = Readonly<T> &
  Readonly<Omit<M, keyof unknown[] | keyof RowMethods<M>>> &
  RowMethods<M> &
  Iterable<T[number]>;

/** The row type of a SELECT list. */
export type ResultRow<Cols extends readonly unknown[]> = Row<RowTuple<Cols>, RowMapping<Cols>>;
