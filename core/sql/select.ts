/**
 * SELECT and compound SELECT (UNION / INTERSECT / EXCEPT), subqueries and CTEs.
 * Every method returns a new statement; a statement is never changed after it is made.
 */
import { ArgumentError } from '../errors';
import {
  and,
  BindParameter,
  ColumnElement,
  coerce,
  Exists,
  Label,
  OrderByExpression,
  ScalarSubquery,
} from './elements';
import { buildCacheKey, CacheKey, CacheKeyBuilder, Node, walk } from './node';
import { Alias, aliasColumns, ColumnRef, FromClause, Join, NamedFromClause } from './selectable';
import { integerType, SqlType } from './types';
import type { ResultRow, RowTuple, RowMapping } from './row-types';
import { isJoinTargetLike, isSelectableLike, JoinTargetLike, SelectableLike, StatementOption, toJoinTarget, toSelectable } from './protocol';

/**
 * What can be put in a SELECT list: an expression, a table/alias/subquery (all its
 * columns), or an object standing for one of those (an ORM model class, see `protocol.ts`).
 */
export type SelectItem = ColumnElement<any> | FromClause<any> | SelectableLike;

type OrderByArg = ColumnElement<any> | OrderByExpression;

export interface LockingClause {
  readonly read?: boolean;
  readonly nowait?: boolean;
  readonly skipLocked?: boolean;
  readonly of?: readonly FromClause<any>[];
}

interface SelectState {
  /** The SELECT list as Core elements (objects standing for elements resolved). */
  readonly items: readonly (ColumnElement<any> | FromClause<any>)[];
  /** The SELECT list as given, for the layer that gave it (the ORM reads its entities here). */
  readonly rawItems: readonly SelectItem[];
  /** Options Core carries without interpreting them (ORM loader options). */
  readonly options: readonly StatementOption[];
  readonly explicitFroms: readonly FromClause<any>[];
  readonly joined: readonly Join[];
  readonly where?: ColumnElement<boolean>;
  readonly groupBy: readonly ColumnElement<unknown>[];
  readonly having?: ColumnElement<boolean>;
  readonly orderBy: readonly OrderByArg[];
  readonly limit?: BindParameter<number>;
  readonly offset?: BindParameter<number>;
  readonly distinct: boolean;
  readonly distinctOn: readonly ColumnElement<unknown>[];
  readonly locking?: LockingClause;
  readonly correlate?: readonly FromClause<any>[] | 'none';
  readonly executionOptions?: ExecutionOptions;
  readonly labelStyle?: LabelStyle;
}

/**
 * Options for whoever runs the statement; they never change the SQL. Core carries them;
 * the ORM Session reads them (a Connection ignores them).
 */
export interface ExecutionOptions {
  /** ORM: overwrite the attributes of objects already in the identity map with the rows' values (unflushed changes to them are discarded). */
  readonly populateExisting?: boolean;
  /** ORM: `false` runs this statement without flushing pending changes first. */
  readonly autoflush?: boolean;
  /**
   * ORM UPDATE/DELETE of a model: how the Session's objects follow the change — `'evaluate'`
   * (in JavaScript), `'fetch'` (ask the database), `'auto'` (the default: evaluate when
   * possible, else fetch) or `false` (marked stale). See docs/decisions/orm-dml.md.
   */
  readonly synchronizeSession?: SynchronizeSession;
}

/** How `session.execute()` of an UPDATE or DELETE brings the Session's objects up to date. */
export type SynchronizeSession = 'auto' | 'evaluate' | 'fetch' | false;

const EXECUTION_OPTION_KEYS = ['populateExisting', 'autoflush', 'synchronizeSession'];
const SYNCHRONIZE_MODES: readonly unknown[] = ['auto', 'evaluate', 'fetch', false];

/** Checks execution options given by a caller (JavaScript callers get no compile-time check). */
export function checkExecutionOptions(opts: unknown, what: string): ExecutionOptions {
  if (opts === null || typeof opts !== 'object') throw new ArgumentError(`${what}: execution options must be an object such as { populateExisting: true }`);
  for (const [k, v] of Object.entries(opts)) {
    if (!EXECUTION_OPTION_KEYS.includes(k)) throw new ArgumentError(`${what}: unknown execution option "${k}" (options: ${EXECUTION_OPTION_KEYS.join(', ')})`);
    if (k === 'synchronizeSession') {
      if (!SYNCHRONIZE_MODES.includes(v)) throw new ArgumentError(`${what}: synchronizeSession must be 'auto', 'evaluate', 'fetch' or false, got ${JSON.stringify(v)}`);
    } else if (typeof v !== 'boolean') throw new ArgumentError(`${what}: execution option ${k} must be true or false, got ${typeof v}`);
  }
  return { ...(opts as ExecutionOptions) };
}

/**
 * How a SELECT names the columns it returns (the names of its rows and of a subquery's
 * columns):
 * - `'none'` (default): each column by its own name; two columns of one name share it
 *   (rows read the first by name; both by position);
 * - `'disambiguateOnly'`: a name already taken gets `_1`, `_2`, … (`id`, `id_1`);
 * - `'tablenamePlusCol'`: every table column is labelled `<table>_<column>` (SQL names),
 *   e.g. `users_id`, `addresses_user_id`; other expressions keep their names.
 */
export type LabelStyle = 'none' | 'disambiguateOnly' | 'tablenamePlusCol';

/** The SELECT list's types after `setLabelStyle('tablenamePlusCol')`: each column a label named `<something>_<key>`. */
export type TablenamePlusCol<Cols extends readonly SelectItem[]> = {
  readonly [K in keyof Cols]: Cols[K] extends ColumnRef<infer T, infer N> ? Label<T, `${string}_${N}`> : Cols[K];
};

function labelledColumns(cols: readonly ColumnElement<unknown>[], style: LabelStyle): readonly ColumnElement<unknown>[] {
  if (style === 'none') return cols;
  const out = cols.map((c) => {
    if (style !== 'tablenamePlusCol' || !(c instanceof ColumnRef)) return c;
    const table = (c.table as { name?: unknown }).name;
    return typeof table === 'string' ? c.label(`${table}_${c.name}`) : c;
  });
  // Names already taken get a counter, in both styles: `<table>_<column>` may collide too.
  const used = new Set<string>();
  return out.map((c) => {
    const name = c._resultName;
    if (name === undefined) return c;
    let unique = name;
    for (let n = 1; used.has(unique); n++) unique = `${name}_${n}`;
    used.add(unique);
    if (unique === name) return c;
    return (c instanceof Label ? c.element : c).label(unique);
  });
}

/** Methods shared by SELECT and compound SELECT. */
export abstract class SelectBase<Cols extends readonly SelectItem[]> extends Node {
  declare readonly __row: ResultRow<Cols>;
  private _cacheKey?: CacheKey;
  /** The expressions this statement returns, tables expanded to their columns. */
  abstract get _selectedColumns(): readonly ColumnElement<unknown>[];

  /** The shape of this statement, computed once (the tree is immutable). @internal */
  get _cache(): CacheKey {
    return (this._cacheKey ??= buildCacheKey(this));
  }

  /**
   * Use this statement as a FROM element: `(SELECT …) AS name`.
   * @example const totals = select(orders.c.userId, func.sum(orders.c.amount).label('total')).groupBy(orders.c.userId).subquery('totals');
   */
  subquery(name?: string): Subquery<SubqueryColumns<Cols>> {
    return new Subquery(this as unknown as SelectBase<readonly SelectItem[]>, name);
  }
  /** `(SELECT …)` as a single value; the select must return one column. */
  scalarSubquery(): ColumnElement<RowTuple<Cols>[0]> {
    if (this._selectedColumns.length !== 1) {
      throw new ArgumentError(`a scalar subquery must select exactly one column, this one selects ${this._selectedColumns.length}`);
    }
    return new ScalarSubquery(this as unknown as SelectBase<Cols> & { kind: 'select' });
  }
  /** `EXISTS (SELECT …)`. */
  exists(): ColumnElement<boolean> {
    return new Exists(this as unknown as SelectBase<Cols> & { kind: 'select' });
  }
  /** A scalar subquery with a name, for the SELECT list. */
  label<const N extends string>(name: N): Label<RowTuple<Cols>[0], N> {
    return this.scalarSubquery().label(name);
  }
  /**
   * A common table expression: `WITH name AS (SELECT …)`. With `recursive: true`, add the
   * recursive part with `cte.unionAll(select(...).where(... cte.c.x ...))`.
   */
  cte(name: string, opts: { recursive?: boolean; materialized?: boolean } = {}): CTE<SubqueryColumns<Cols>> {
    return new CTE(this as unknown as SelectBase<readonly SelectItem[]>, name, !!opts.recursive, opts.materialized);
  }
  union<O extends readonly SelectItem[]>(...others: SelectBase<O>[]): CompoundSelect<Cols> {
    return compound('UNION', [this, ...others]);
  }
  unionAll<O extends readonly SelectItem[]>(...others: SelectBase<O>[]): CompoundSelect<Cols> {
    return compound('UNION ALL', [this, ...others]);
  }
  intersect<O extends readonly SelectItem[]>(...others: SelectBase<O>[]): CompoundSelect<Cols> {
    return compound('INTERSECT', [this, ...others]);
  }
  except<O extends readonly SelectItem[]>(...others: SelectBase<O>[]): CompoundSelect<Cols> {
    return compound('EXCEPT', [this, ...others]);
  }
}

/** The columns a subquery of a select exposes, named by their result names. */
export type SubqueryColumns<Cols extends readonly SelectItem[]> = {
  readonly [K in keyof RowMapping<Cols>]: ColumnRef<RowMapping<Cols>[K], K & string>;
};

function validItems(items: readonly unknown[]): readonly (ColumnElement<any> | FromClause<any>)[] {
  return items.map((given, i) => {
    const it = isSelectableLike(given) ? given[toSelectable]() : given;
    if (!(it instanceof ColumnElement) && !(it instanceof FromClause)) {
      throw new ArgumentError(
        `select() argument ${i + 1} is ${it === null ? 'null' : typeof it}, not a column, expression or table` +
          (Array.isArray(it) ? ' (select() takes columns as separate arguments, not a list)' : ''),
      );
    }
    return it;
  });
}

function checkBool(what: string, c: unknown): ColumnElement<boolean> {
  if (!(c instanceof ColumnElement)) {
    throw new ArgumentError(`${what}() takes SQL expressions such as users.c.id.eq(5), got ${c === null ? 'null' : typeof c}`);
  }
  return c as ColumnElement<boolean>;
}

function intBind(what: string, n: unknown): BindParameter<number> {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new ArgumentError(`${what}() needs a non-negative integer, got ${String(n)}`);
  }
  return new BindParameter<number>(undefined, n, integerType, false);
}

/**
 * A SELECT statement.
 *
 * @example
 * select(users.c.id, users.c.name).where(users.c.name.like('a%')).orderBy(users.c.id).limit(10)
 * // SELECT users.id, users.name FROM users WHERE users.name LIKE ? ORDER BY users.id LIMIT ?
 */
export class Select<Cols extends readonly SelectItem[] = readonly SelectItem[]> extends SelectBase<Cols> {
  readonly kind = 'select';
  /** @internal */
  readonly _state: SelectState;
  constructor(state: SelectState) {
    super();
    this._state = state;
    Object.freeze(this._state);
  }
  private with(patch: Partial<SelectState>): Select<Cols> {
    return new Select<Cols>({ ...this._state, ...patch });
  }
  private labelled?: readonly ColumnElement<unknown>[];
  get _selectedColumns(): readonly ColumnElement<unknown>[] {
    const cols = this._state.items.flatMap((it) => (it instanceof FromClause ? it.columns : [it]));
    const style = this._state.labelStyle;
    if (!style || style === 'none') return cols;
    // Labels are made once per statement (the statement never changes).
    return (this.labelled ??= labelledColumns(cols, style));
  }
  /**
   * How the columns are named in the rows (and in a subquery made from this select); see
   * {@link LabelStyle}. Columns added later are named by the same style.
   * @example
   * const stmt = select(users.c.id, addresses.c.id).join(addresses).setLabelStyle('tablenamePlusCol');
   * // SELECT users.id AS users_id, addresses.id AS addresses_id FROM users JOIN addresses ON …
   * (await conn.execute(stmt)).first()?._mapping.addresses_id
   */
  setLabelStyle(style: 'tablenamePlusCol'): Select<TablenamePlusCol<Cols>>;
  setLabelStyle(style: 'none' | 'disambiguateOnly'): Select<Cols>;
  setLabelStyle(style: LabelStyle): Select<any> {
    if (style !== 'none' && style !== 'disambiguateOnly' && style !== 'tablenamePlusCol') {
      throw new ArgumentError(`setLabelStyle() takes 'none', 'disambiguateOnly' or 'tablenamePlusCol', got ${JSON.stringify(style)}`);
    }
    return this.with({ labelStyle: style });
  }
  /** The label style set with {@link setLabelStyle} (`'none'` by default). */
  get labelStyle(): LabelStyle {
    return this._state.labelStyle ?? 'none';
  }
  /** Replaces the SELECT list, keeping everything else. */
  withOnlyColumns<C extends readonly SelectItem[]>(...items: C): Select<C> {
    return new Select<C>({ ...this._state, items: validItems(items), rawItems: items });
  }
  /** Adds columns to the SELECT list. */
  addColumns<C extends readonly SelectItem[]>(...items: C): Select<[...Cols, ...C]> {
    return new Select<[...Cols, ...C]>({ ...this._state, items: [...this._state.items, ...validItems(items)], rawItems: [...this._state.rawItems, ...items] });
  }
  /** The SELECT list as it was given (model classes stay model classes). */
  get selectedItems(): readonly SelectItem[] {
    return this._state.rawItems;
  }
  /** Options for the layer that runs the statement (ORM loader options); they do not change the SQL Core renders. */
  options(...opts: StatementOption[]): Select<Cols> {
    opts.forEach((o) => {
      if (!o || typeof o !== 'object' || typeof o.optionKind !== 'string') throw new ArgumentError('options() takes statement options such as selectinLoad(User.c.addresses)');
    });
    return this.with({ options: [...this._state.options, ...opts] });
  }
  /**
   * Execution options for the layer that runs the statement, merged over earlier ones.
   * @example session.scalars(select(User).executionOptions({ populateExisting: true }))
   */
  executionOptions(opts: ExecutionOptions): Select<Cols> {
    return this.with({ executionOptions: { ...this._state.executionOptions, ...checkExecutionOptions(opts, 'executionOptions()') } });
  }
  /** The options given with {@link executionOptions}. */
  getExecutionOptions(): ExecutionOptions {
    return this._state.executionOptions ?? {};
  }
  /** The options given with {@link options}. */
  get statementOptions(): readonly StatementOption[] {
    return this._state.options;
  }
  /**
   * Adds explicit FROM elements (for a select whose columns don't name its FROM): tables,
   * aliases, subqueries, joins, or mapped classes and their aliases (their tables).
   * @example select(func.count()).selectFrom(User) // SELECT count(*) FROM users
   */
  selectFrom(...froms: (FromClause<any> | SelectableLike)[]): Select<Cols> {
    const resolved = froms.map((f) => {
      const from = !(f instanceof FromClause) && isSelectableLike(f) ? f[toSelectable]() : f;
      if (!(from instanceof FromClause)) throw new ArgumentError('selectFrom() takes tables, aliases, subqueries, joins or mapped classes');
      return from;
    });
    return this.with({ explicitFroms: [...this._state.explicitFroms, ...resolved] });
  }
  /** `WHERE a AND b …`; calling it again adds more conditions with AND. */
  where(...conditions: (ColumnElement<boolean> | ColumnElement<boolean | null> | undefined)[]): Select<Cols> {
    const given = conditions.filter((c) => c !== undefined).map((c) => checkBool('where', c));
    if (given.length === 0) return this;
    return this.with({ where: and(this._state.where, ...given) });
  }
  /** Equality conditions on the columns of the last joined (or first) FROM element, by name. */
  filterBy(values: Record<string, unknown>): Select<Cols> {
    const target = this._state.joined.length ? this._state.joined[this._state.joined.length - 1].right : this._froms()[0];
    if (!target) throw new ArgumentError('filterBy() needs a FROM element to look the names up in');
    const conds = Object.entries(values).map(([k, v]) => {
      const col = (target.c as Record<string, ColumnRef<unknown>>)[k];
      if (!(col instanceof ColumnRef)) throw new ArgumentError(`filterBy(): ${(target as { name?: string }).name ?? 'the FROM element'} has no column "${k}"`);
      return col.eq(v as never);
    });
    return this.where(...conds);
  }
  /**
   * `JOIN target ON …` from the statement's leftmost FROM element (or the current join).
   * Without `on`, the condition comes from the foreign keys.
   */
  join(target: FromClause<any> | JoinTargetLike | SelectableLike, on?: ColumnElement<boolean>, opts: { isOuter?: boolean; full?: boolean } = {}): Select<Cols> {
    const current = this._state.joined.length ? this._state.joined[this._state.joined.length - 1] : this._froms()[0];
    if (!current) throw new ArgumentError('join() needs something to join from: select a column or call selectFrom() first');
    let right = target as unknown;
    let left = current;
    if (isJoinTargetLike(right)) {
      const t = right[toJoinTarget](current);
      for (const step of t.via ?? []) left = left.join(step.target, step.on, opts);
      right = t.target;
      on ??= t.on;
    } else if (isSelectableLike(right)) right = right[toSelectable]();
    const j = left.join(right as FromClause<any>, on, opts);
    return this.with({ joined: [...this._state.joined.slice(0, -1), j] });
  }
  /** `LEFT OUTER JOIN target ON …`. */
  outerJoin(target: FromClause<any> | JoinTargetLike | SelectableLike, on?: ColumnElement<boolean>, opts: { full?: boolean } = {}): Select<Cols> {
    return this.join(target, on, { isOuter: true, full: opts.full });
  }
  /** `FULL OUTER JOIN target ON …`. */
  fullJoin(target: FromClause<any>, on?: ColumnElement<boolean>): Select<Cols> {
    return this.join(target, on, { isOuter: true, full: true });
  }
  /** An explicit join between two FROM elements, added to the statement's FROM list. */
  joinFrom(left: FromClause<any>, right: FromClause<any>, on?: ColumnElement<boolean>, opts: { isOuter?: boolean; full?: boolean } = {}): Select<Cols> {
    return this.with({ joined: [...this._state.joined, left.join(right, on, opts)] });
  }
  groupBy(...cols: ColumnElement<any>[]): Select<Cols> {
    cols.forEach((c) => checkBool('groupBy', c));
    return this.with({ groupBy: [...this._state.groupBy, ...cols] });
  }
  having(...conditions: ColumnElement<boolean>[]): Select<Cols> {
    const given = conditions.map((c) => checkBool('having', c));
    return this.with({ having: and(this._state.having, ...given) });
  }
  /** `ORDER BY …`; use `col.desc()`, `col.asc().nullsLast()` for direction. `orderBy(null)` clears it. */
  orderBy(...terms: (OrderByArg | null)[]): Select<Cols> {
    if (terms.length === 1 && terms[0] === null) return this.with({ orderBy: [] });
    terms.forEach((t) => {
      if (!(t instanceof ColumnElement) && !(t instanceof OrderByExpression)) throw new ArgumentError('orderBy() takes columns or col.asc()/col.desc()');
    });
    return this.with({ orderBy: [...this._state.orderBy, ...(terms as OrderByArg[])] });
  }
  limit(n: number | null): Select<Cols> {
    return this.with({ limit: n === null ? undefined : intBind('limit', n) });
  }
  offset(n: number | null): Select<Cols> {
    return this.with({ offset: n === null ? undefined : intBind('offset', n) });
  }
  /** `SELECT DISTINCT`; with expressions, PostgreSQL's `DISTINCT ON (…)`. */
  distinct(...on: ColumnElement<any>[]): Select<Cols> {
    return this.with({ distinct: true, distinctOn: on });
  }
  /** `FOR UPDATE [NOWAIT | SKIP LOCKED]`, or `FOR SHARE` with `{ read: true }`. */
  forUpdate(opts: LockingClause = {}): Select<Cols> {
    return this.with({ locking: opts });
  }
  /**
   * Which enclosing FROM elements this (sub)select refers to instead of listing them in its
   * own FROM. By default every enclosing element it mentions is correlated; `correlate(null)`
   * turns that off.
   */
  correlate(...froms: (FromClause<any> | null)[]): Select<Cols> {
    return this.with({ correlate: froms[0] === null ? 'none' : (froms as FromClause<any>[]) });
  }

  /**
   * The FROM elements in order of first mention: explicit ones, then those of the columns,
   * then those of the WHERE clause; joins replace the elements they contain.
   * @internal
   */
  _froms(): FromClause<any>[] {
    const seen: FromClause<any>[] = [];
    // A join given to selectFrom() covers its tables: a column of one of them adds no second FROM entry.
    const covered = new Set<FromClause<any>>();
    const add = (f: FromClause<any>) => {
      if (seen.includes(f) || covered.has(f)) return;
      if (f instanceof Join) {
        for (const e of f.elements) covered.add(e);
        const firstCovered = seen.findIndex((x) => covered.has(x));
        const rest = seen.filter((x) => !covered.has(x));
        rest.splice(firstCovered < 0 ? rest.length : firstCovered, 0, f);
        seen.splice(0, seen.length, ...rest);
        return;
      }
      seen.push(f);
    };
    const fromsOf = (n: Node) =>
      walk(n, (x) => {
        if (x instanceof ColumnRef) add(x.table);
        else if (x.kind === 'select' || x.kind === 'compoundSelect' || x.kind === 'scalarSubquery' || x.kind === 'exists') return false;
        else if (x instanceof FromClause) {
          add(x);
          return false;
        }
      });
    this._state.explicitFroms.forEach(add);
    for (const it of this._state.items) fromsOf(it);
    if (this._state.where) fromsOf(this._state.where);
    for (const j of this._state.joined) {
      const parts = j.elements;
      const at = seen.findIndex((f) => parts.includes(f));
      const rest = seen.filter((f) => !parts.includes(f));
      if (at < 0) rest.push(j);
      else rest.splice(Math.min(at, rest.length), 0, j);
      seen.splice(0, seen.length, ...rest);
    }
    return seen;
  }

  _key(k: CacheKeyBuilder): void {
    const s = this._state;
    k.push('SELECT(');
    for (const it of s.items) it._key(k);
    k.push('FROM');
    for (const f of s.explicitFroms) f._key(k);
    for (const j of s.joined) j._key(k);
    if (s.where) {
      k.push('W');
      s.where._key(k);
    }
    if (s.groupBy.length) {
      k.push('GB');
      for (const g of s.groupBy) g._key(k);
    }
    if (s.having) {
      k.push('H');
      s.having._key(k);
    }
    if (s.orderBy.length) {
      k.push('OB');
      for (const o of s.orderBy) o._key(k);
    }
    if (s.limit) {
      k.push('LIM');
      s.limit._key(k);
    }
    if (s.offset) {
      k.push('OFF');
      s.offset._key(k);
    }
    if (s.distinct) {
      k.push('D');
      for (const d of s.distinctOn) d._key(k);
    }
    if (s.locking) {
      k.push(`LOCK${s.locking.read ? 'R' : ''}${s.locking.nowait ? 'N' : ''}${s.locking.skipLocked ? 'S' : ''}`);
      for (const f of s.locking.of ?? []) f._fromKey(k);
    }
    if (s.labelStyle && s.labelStyle !== 'none') k.push(`LS${s.labelStyle}`);
    if (s.correlate) {
      k.push('COR');
      if (s.correlate === 'none') k.push('none');
      else for (const f of s.correlate) f._fromKey(k);
    }
    k.push(')');
  }
  override _children(): readonly Node[] {
    const s = this._state;
    return [
      ...s.items,
      ...s.explicitFroms,
      ...s.joined,
      ...(s.where ? [s.where] : []),
      ...s.groupBy,
      ...(s.having ? [s.having] : []),
      ...s.orderBy,
    ];
  }
}

/**
 * `SELECT …`: columns, expressions, or whole tables.
 *
 * @example
 * const stmt = select(users.c.id, users.c.name).where(users.c.id.eq(5));
 * const rows = await conn.execute(stmt); // Row<[number, string]>
 */
export function select<const Cols extends readonly SelectItem[]>(...items: Cols): Select<Cols> {
  return new Select<Cols>({
    items: validItems(items),
    rawItems: items,
    options: [],
    explicitFroms: [],
    joined: [],
    groupBy: [],
    orderBy: [],
    distinct: false,
    distinctOn: [],
  });
}

export type CompoundOperator = 'UNION' | 'UNION ALL' | 'INTERSECT' | 'EXCEPT';

/** `a UNION b …` and friends, with their own ORDER BY / LIMIT / OFFSET. */
export class CompoundSelect<Cols extends readonly SelectItem[] = readonly SelectItem[]> extends SelectBase<Cols> {
  readonly kind = 'compoundSelect';
  constructor(
    readonly operator: CompoundOperator,
    readonly selects: readonly SelectBase<any>[],
    readonly orderByTerms: readonly OrderByArg[] = [],
    readonly limitBind?: BindParameter<number>,
    readonly offsetBind?: BindParameter<number>,
  ) {
    super();
    // Every member is checked before the first one is read (`union(5, sel)` from JavaScript).
    const bad = selects.findIndex((s) => !(s instanceof SelectBase));
    if (bad >= 0) throw new ArgumentError(`${operator.toLowerCase()}() takes select() statements, argument ${bad + 1} is not one`);
    const n = selects[0]._selectedColumns.length;
    selects.forEach((s, i) => {
      if (s._selectedColumns.length !== n) {
        throw new ArgumentError(`all selects in a ${operator} must have the same number of columns: #1 has ${n}, #${i + 1} has ${s._selectedColumns.length}`);
      }
    });
  }
  get _selectedColumns(): readonly ColumnElement<unknown>[] {
    return this.selects[0]._selectedColumns;
  }
  orderBy(...terms: OrderByArg[]): CompoundSelect<Cols> {
    return new CompoundSelect(this.operator, this.selects, [...this.orderByTerms, ...terms], this.limitBind, this.offsetBind);
  }
  limit(n: number | null): CompoundSelect<Cols> {
    return new CompoundSelect(this.operator, this.selects, this.orderByTerms, n === null ? undefined : intBind('limit', n), this.offsetBind);
  }
  offset(n: number | null): CompoundSelect<Cols> {
    return new CompoundSelect(this.operator, this.selects, this.orderByTerms, this.limitBind, n === null ? undefined : intBind('offset', n));
  }
  _key(k: CacheKeyBuilder): void {
    k.push(`${this.operator}(`);
    for (const s of this.selects) s._key(k);
    for (const o of this.orderByTerms) o._key(k);
    if (this.limitBind) {
      k.push('LIM');
      this.limitBind._key(k);
    }
    if (this.offsetBind) {
      k.push('OFF');
      this.offsetBind._key(k);
    }
    k.push(')');
  }
  override _children(): readonly Node[] {
    return [...this.selects, ...this.orderByTerms];
  }
}

function compound<Cols extends readonly SelectItem[]>(op: CompoundOperator, selects: SelectBase<any>[]): CompoundSelect<Cols> {
  if (selects.length < 2) throw new ArgumentError(`${op.toLowerCase()}() needs at least two selects`);
  return new CompoundSelect<Cols>(op, selects);
}

/** `a UNION b UNION …`. */
export const union = <C extends readonly SelectItem[]>(first: SelectBase<C>, ...rest: SelectBase<any>[]): CompoundSelect<C> =>
  compound('UNION', [first, ...rest]);
export const unionAll = <C extends readonly SelectItem[]>(first: SelectBase<C>, ...rest: SelectBase<any>[]): CompoundSelect<C> =>
  compound('UNION ALL', [first, ...rest]);
export const intersect = <C extends readonly SelectItem[]>(first: SelectBase<C>, ...rest: SelectBase<any>[]): CompoundSelect<C> =>
  compound('INTERSECT', [first, ...rest]);
export const except = <C extends readonly SelectItem[]>(first: SelectBase<C>, ...rest: SelectBase<any>[]): CompoundSelect<C> =>
  compound('EXCEPT', [first, ...rest]);

/** Result names of a select's columns, deduplicated the way a subquery must expose them. */
export function subqueryColumnNames(cols: readonly ColumnElement<unknown>[]): string[] {
  const used = new Set<string>();
  return cols.map((c, i) => {
    let name = c._resultName ?? `anon_${i + 1}`;
    if (used.has(name)) {
      let n = 1;
      while (used.has(`${name}_${n}`)) n++;
      name = `${name}_${n}`;
    }
    used.add(name);
    return name;
  });
}

function columnsOfSelect(from: FromClause, sel: SelectBase<any>): Record<string, ColumnRef<unknown>> {
  const cols = sel._selectedColumns;
  const names = subqueryColumnNames(cols);
  const out: Record<string, ColumnRef<unknown>> = {};
  cols.forEach((c, i) => {
    out[names[i]] = new ColumnRef(from, names[i], c.type, c instanceof ColumnRef ? c : undefined, names[i]);
  });
  return Object.freeze(out);
}

/** `(SELECT …) AS name` in a FROM clause. */
export class Subquery<C extends Record<string, ColumnRef<any, any>> = Record<string, ColumnRef<unknown>>> extends Alias<C> {
  constructor(
    readonly select: SelectBase<any>,
    name: string | undefined,
    readonly lateral = false,
  ) {
    super(select as unknown as FromClause<any>, name, {} as C);
    (this as { c: C }).c = columnsOfSelect(this, select) as C;
  }
  /** A LATERAL subquery (PostgreSQL, MySQL 8): it may refer to FROM elements to its left. */
  asLateral(): Subquery<C> {
    return new Subquery<C>(this.select, this.name, true);
  }
  protected override _bodyKey(k: CacheKeyBuilder): void {
    k.push(this.lateral ? 'LSUB(' : 'SUB(');
    this.select._key(k);
    k.push(')');
  }
}

/** `WITH name AS (SELECT …)`; referred to by name wherever it is used. */
export class CTE<C extends Record<string, ColumnRef<any, any>> = Record<string, ColumnRef<unknown>>> extends NamedFromClause<C> {
  readonly kind = 'cte';
  readonly c: C;
  constructor(
    readonly select: SelectBase<any>,
    readonly name: string,
    readonly recursive: boolean,
    readonly materialized?: boolean,
    /** The CTE a recursive union was built from; references to it render by name. */
    readonly origin?: CTE<any>,
    columns?: C,
  ) {
    super();
    if (typeof name !== 'string' || !name) throw new ArgumentError('cte() needs a name');
    this.c = columns ?? (columnsOfSelect(this, select) as C);
  }
  /** The recursive form: `WITH RECURSIVE name AS (base UNION ALL recursive-part)`. */
  unionAll(...others: SelectBase<any>[]): CTE<C> {
    return this.withBody(compound('UNION ALL', [this.select, ...others]));
  }
  union(...others: SelectBase<any>[]): CTE<C> {
    return this.withBody(compound('UNION', [this.select, ...others]));
  }
  private withBody(body: SelectBase<any>): CTE<C> {
    const origin = this.origin ?? this;
    // The new CTE's columns point at itself, so referring to them renders the whole body.
    return new CTE<C>(body, this.name, this.recursive, this.materialized, origin);
  }
  _fromKey(k: CacheKeyBuilder): void {
    k.push(`CTE:${this.name}`);
    // The body is part of the statement's shape; write it once, where first referred to.
    if (k.firstTime(this.origin ?? this)) this._bodyKey(k);
  }
  _key(k: CacheKeyBuilder): void {
    this._fromKey(k);
  }
  /** The key of the CTE's definition (used once, in the WITH clause). @internal */
  _bodyKey(k: CacheKeyBuilder): void {
    k.push(`CTEDEF:${this.name}${this.recursive ? 'R' : ''}${this.materialized ?? ''}(`);
    this.select._key(k);
    k.push(')');
  }
  override _children(): readonly Node[] {
    return [];
  }
}

export { aliasColumns, coerce, SqlType };
