/**
 * FROM-clause elements: anything rows can be selected from — tables (see `schema/table.ts`),
 * aliases, subqueries, joins and common table expressions — and the columns they expose.
 */
import { ArgumentError } from '../errors';
import { and, ColumnElement, Star } from './elements';
import { CacheKeyBuilder, Node } from './node';
import { SqlType } from './types';

/** A column of some FROM element: a table's column, or one exposed by an alias or subquery. */
export class ColumnRef<T, N extends string = string> extends ColumnElement<T> {
  readonly kind: 'column' = 'column';
  /** Phantom member carrying the column's key as a literal type (for typed rows). */
  declare readonly __key: N;
  /** The name this column has in JavaScript (`table.c[key]`, result rows); its SQL name is `name`. */
  readonly key: string;
  constructor(
    readonly table: FromClause,
    /** The column's name in SQL. */
    readonly name: string,
    readonly type: SqlType<unknown>,
    /** The column this one stands for (an aliased table's column points at the real one). */
    readonly original?: ColumnRef<unknown>,
    key?: string,
  ) {
    super();
    this.key = key ?? name;
  }
  override get _resultName(): string {
    return this.key;
  }
  /** The underlying table column, through any aliases. */
  get base(): ColumnRef<unknown> {
    return this.original ? this.original.base : (this as ColumnRef<unknown>);
  }
  /** This column's whole cache-key part when its FROM element's key is fixed (see `_fixedFromKey`). */
  private fixedKey: string | undefined;
  _key(k: CacheKeyBuilder): void {
    const fixed = this.table._fixedFromKey();
    if (fixed !== undefined) {
      // The table's part and the column's as one, made once: the same text once parts are joined.
      k.push((this.fixedKey ??= `${fixed} .${this.name}`));
      return;
    }
    this.table._fromKey(k);
    k.push(`.${this.name}`);
  }
}

/** The typed columns collection of a FROM element, `table.c`. */
export type ColumnsOf<C> = { readonly [K in keyof C]: C[K] };

/** Anything that can appear in a FROM clause. */
export abstract class FromClause<C extends Record<string, ColumnRef<any, any>> = Record<string, ColumnRef<unknown>>> extends Node {
  /** Columns by name: `users.c.id`. */
  abstract readonly c: C;
  /** Columns in order. */
  get columns(): ColumnRef<unknown>[] {
    return Object.values(this.c) as ColumnRef<unknown>[];
  }
  /** Writes how this element is referred to (its name, or identity when anonymous). @internal */
  abstract _fromKey(k: CacheKeyBuilder): void;
  /**
   * What `_fromKey` writes, when that is one part that never depends on the rest of the
   * statement (a table's); undefined otherwise. Cache keys are built for every statement
   * built per call, and this saves making the same strings for each column. @internal
   */
  _fixedFromKey(): string | undefined {
    return undefined;
  }

  /** `*` of this element. */
  star(): ColumnElement<unknown> {
    return new Star(this);
  }

  /**
   * `this JOIN right ON …`; without `on`, the condition comes from the foreign keys
   * between the two sides.
   */
  join(right: FromClause<any>, on?: ColumnElement<boolean>, opts: { isOuter?: boolean; full?: boolean } = {}): Join {
    // Checked here as well as in Join: inferring the ON clause would otherwise read `right` first.
    if (!(right instanceof FromClause)) throw new ArgumentError(`join() needs a table, alias or subquery to join to, got ${right === null ? 'null' : typeof right}`);
    return new Join(this, right, on ?? inferJoinCondition(this, right), !!opts.isOuter, !!opts.full);
  }
  /** `this LEFT OUTER JOIN right ON …`. */
  outerJoin(right: FromClause<any>, on?: ColumnElement<boolean>, opts: { full?: boolean } = {}): Join {
    return this.join(right, on, { isOuter: true, full: opts.full });
  }
  /** `this FULL OUTER JOIN right ON …` (not on MySQL/MariaDB or SQLite before 3.39). */
  fullJoin(right: FromClause<any>, on?: ColumnElement<boolean>): Join {
    return this.join(right, on, { isOuter: true, full: true });
  }
}

/** A named FROM element (a table, an alias, a subquery, a CTE) that columns can belong to. */
export abstract class NamedFromClause<C extends Record<string, ColumnRef<any, any>> = Record<string, ColumnRef<unknown>>> extends FromClause<C> {
  abstract readonly name: string | undefined;
}

/** Makes the column set of an alias: same names and types, pointing at the alias. */
export function aliasColumns<C extends Record<string, ColumnRef<any, any>>>(from: FromClause, source: C): C {
  const out: Record<string, ColumnRef<unknown>> = {};
  for (const [key, col] of Object.entries(source)) {
    out[key] = new ColumnRef(from, col.name, col.type, col as ColumnRef<unknown>, col.key);
  }
  return Object.freeze(out) as C;
}

/** Columns re-pointed at an alias, keeping their TypeScript types. */
export type AliasedColumns<C> = { readonly [K in keyof C]: C[K] extends ColumnElement<infer T> ? ColumnRef<T, K & string> : never };

/**
 * `table AS name`: the same table under another name, e.g. for a self-join.
 * @example const manager = employees.alias('manager');
 */
export class Alias<C extends Record<string, ColumnRef<any, any>> = Record<string, ColumnRef<unknown>>> extends NamedFromClause<C> {
  readonly kind = 'alias';
  readonly c: C;
  constructor(
    readonly element: FromClause<any>,
    /** `undefined` makes an anonymous alias named at compile time (`anon_1`). */
    readonly name: string | undefined,
    columns?: C,
  ) {
    super();
    if (name !== undefined && (typeof name !== 'string' || name.length === 0)) throw new ArgumentError('alias name must be a non-empty string');
    this.c = columns ?? aliasColumns(this, element.c as C);
  }
  /** The alias's name, and (the first time it is met) what it stands for. */
  _fromKey(k: CacheKeyBuilder): void {
    if (this.name !== undefined) k.push(`A:${this.name}`);
    else k.identity(this);
    if (k.firstTime(this)) this._bodyKey(k);
  }
  protected _bodyKey(k: CacheKeyBuilder): void {
    k.push('AS(');
    this.element._fromKey(k);
    k.push(')');
  }
  _key(k: CacheKeyBuilder): void {
    this._fromKey(k);
  }
  override _children(): readonly Node[] {
    return [this.element];
  }
}

/** `left [LEFT|FULL] JOIN right ON cond`. */
export class Join extends FromClause<Record<string, ColumnRef<unknown>>> {
  readonly kind = 'join';
  constructor(
    readonly left: FromClause<any>,
    readonly right: FromClause<any>,
    readonly on: ColumnElement<boolean>,
    readonly isOuter: boolean,
    readonly full: boolean,
  ) {
    super();
    if (!(right instanceof FromClause)) throw new ArgumentError('join() needs a table, alias or subquery to join to');
  }
  get c(): Record<string, ColumnRef<unknown>> {
    return { ...this.left.c, ...this.right.c };
  }
  _fromKey(k: CacheKeyBuilder): void {
    this._key(k);
  }
  _key(k: CacheKeyBuilder): void {
    k.push(this.full ? 'FJ(' : this.isOuter ? 'LJ(' : 'J(');
    this.left._key(k);
    this.right._key(k);
    this.on._key(k);
    k.push(')');
  }
  override _children(): readonly Node[] {
    return [this.left, this.right, this.on];
  }
  /** The named elements (tables, aliases) this join is made of. */
  get elements(): FromClause[] {
    const flat = (f: FromClause): FromClause[] => (f instanceof Join ? [...flat(f.left), ...flat(f.right)] : [f]);
    return flat(this);
  }
}

/** The foreign keys of a from element: pairs of (local column, referred column). @internal */
export interface ForeignKeyLike {
  readonly parent: ColumnRef<unknown>;
  readonly referred: ColumnRef<unknown>;
}

/** Hook that schema `Table` provides to list its foreign keys; keeps sql/ free of schema/. */
export interface HasForeignKeys {
  _foreignKeyPairs(): readonly ForeignKeyLike[];
}

function hasForeignKeys(f: unknown): f is HasForeignKeys {
  return typeof (f as HasForeignKeys)?._foreignKeyPairs === 'function';
}

/** The underlying table of an element (through aliases), for foreign-key lookups. */
function baseOf(f: FromClause): FromClause {
  return f instanceof Alias ? baseOf(f.element) : f;
}

function describe(f: FromClause): string {
  return (f as { name?: string }).name ?? f.kind;
}

/** Finds `a.fk = b.pk [AND …]` between the two sides from their foreign keys. */
export function inferJoinCondition(left: FromClause, right: FromClause): ColumnElement<boolean> {
  const lefts = left instanceof Join ? left.elements : [left];
  const conds: ColumnElement<boolean>[] = [];
  const rb = baseOf(right);
  for (const l of lefts) {
    const lb = baseOf(l);
    const local = (col: ColumnRef<unknown>, from: FromClause): ColumnRef<unknown> | undefined =>
      from === baseOf(from) ? col : (from.columns.find((c) => c.original?.base === col.base) as ColumnRef<unknown> | undefined);
    if (hasForeignKeys(rb)) {
      for (const fk of rb._foreignKeyPairs()) {
        if (fk.referred.table === lb) conds.push(local(fk.parent, right)!.eq(local(fk.referred, l)!));
      }
    }
    if (hasForeignKeys(lb) && lb !== rb) {
      for (const fk of lb._foreignKeyPairs()) {
        if (fk.referred.table === rb) conds.push(local(fk.parent, l)!.eq(local(fk.referred, right)!));
      }
    }
    if (conds.length) break;
  }
  if (conds.length === 0) {
    throw new ArgumentError(
      `cannot infer a join condition between ${describe(left)} and ${describe(right)}: no foreign key links them; pass the ON clause`,
    );
  }
  return and(...conds);
}
