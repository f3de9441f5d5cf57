/**
 * The 1.x SQL constructs: the list form of select() (L201), argument forms of the DML
 * constructors (L202), case() list form (L203), union() options (L204), applyLabels (L205),
 * in-place mutators (L206), asScalar() (L207) and a SELECT used as a FROM implicitly (L208).
 * Each builds the 2.0 statement and hands it over.
 */
import {
  ArgumentError,
  RowOf,
  case_ as coreCase,
  ColumnElement,
  ColumnRef,
  CompoundSelect,
  Connection,
  deleteFrom as coreDelete,
  Engine,
  except as coreExcept,
  FromClause,
  insert as coreInsert,
  JoinTargetLike,
  SelectableLike,
  intersect as coreIntersect,
  OrderByExpression,
  Result,
  select as coreSelect,
  Select,
  SelectBase,
  SelectItem,
  Subquery,
  Table as CoreTable,
  union as coreUnion,
  unionAll as coreUnionAll,
  update as coreUpdate,
  StatementOption,
} from '../core/index';
import type { LabelStyle, TablenamePlusCol } from '../core/index';
import type { TableLike } from '../core/sql/dml';
import { futureOf, LegacyExecutable, LegacyResult, legacyResult, prepareExecute } from './engine';
import { isStatementLike, StatementLike, toStatement } from './statement';
import { legacyWarn } from './warnings';

type Cond = ColumnElement<boolean> | ColumnElement<boolean | null>;
type OrderTerm = ColumnElement<any> | OrderByExpression;
/** An Engine or Connection a statement can run on by itself (bound metadata, L102). */
export type Bind = Engine | Connection;

/** The bind of a MetaData made with `{ bind }` (see schema.ts). @internal */
export const metadataBinds = new WeakMap<object, Bind>();

/** The engine bound to the metadata of any table among `sources` (L102), or an error. */
export function boundEngineOf(sources: readonly unknown[], what: string): Bind {
  for (const s of sources) {
    const table = s instanceof CoreTable ? s : s instanceof ColumnRef ? s.table : undefined;
    const md = table instanceof CoreTable ? table.metadata : undefined;
    const bind = md ? metadataBinds.get(md) : undefined;
    if (bind) return bind;
  }
  throw new ArgumentError(`${what}: this statement is not bound to an engine (no table of it belongs to a MetaData made with { bind }); run it with conn.execute(stmt)`);
}

/** Runs a statement on the engine its tables' metadata is bound to (L102's implicit execution). */
function runBound(stmt: unknown, sources: readonly unknown[], params: unknown[], what: string): Promise<LegacyResult> {
  const bind = boundEngineOf(sources, what);
  const future = futureOf(bind);
  legacyWarn('L102', { future });
  const prepared = prepareExecute(stmt, params, future);
  if (bind instanceof Connection) return prepared.run(bind).then((r) => legacyResult(r, future));
  return bind.begin((conn) => prepared.run(conn)).then((r) => legacyResult(r, future));
}

/** A 2.0 DML statement with the 1.x `execute()` of implicit execution (L102). */
export type Executes<S> = {
  execute(...params: unknown[]): Promise<LegacyResult>;
  /** Generative methods keep `execute()` (listed first so they win overload resolution). */
  values(...args: any[]): Executes<S>;
  where(...args: any[]): Executes<S>;
  returning(...args: any[]): Executes<S>;
} & S;

/**
 * A DML statement with implicit execution (L102): the 2.0 statement behind a proxy that
 * adds `execute()` and keeps it on the statements its generative methods return. @internal
 */
export function withExecute<S extends object>(stmt: S, sources: readonly unknown[]): Executes<S> {
  const ctor = stmt.constructor;
  return new Proxy(stmt, {
    get(target, prop) {
      if (prop === 'execute') return (...params: unknown[]) => runBound(target, sources, params, 'execute()');
      const v = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const out = (v as (...a: unknown[]) => unknown).apply(target, args);
        return out instanceof ctor ? withExecute(out as object, sources) : out;
      };
    },
  }) as Executes<S>;
}

export interface LegacySelectOptions {
  from?: FromClause<any> | readonly FromClause<any>[];
  orderBy?: OrderTerm | readonly OrderTerm[];
  groupBy?: ColumnElement<any> | readonly ColumnElement<any>[];
  having?: Cond;
  limit?: number;
  offset?: number;
  distinct?: boolean;
  /** L205: label every column `<table>_<column>`. */
  useLabels?: boolean;
  correlate?: boolean;
}

const list = <T>(x: T | readonly T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? [...x] : [x as T]);

/**
 * The 1.x select: a 2.0 select that can also change in place (L206), label its columns
 * (L205), act as a FROM (L208), run by itself through bound metadata (L102). Generative
 * methods return a new LegacySelect; `toStatement()` is the 2.0 statement.
 */
export class LegacySelect<Cols extends readonly SelectItem[] = readonly SelectItem[]> implements StatementLike<Select<Cols>> {
  private implicit?: { for: Select<Cols>; sq: Subquery<any> };
  constructor(
    private current: Select<Cols>,
    /** Tables and columns it was built from, to find a bound engine. */
    private readonly sources: readonly unknown[],
  ) {}

  /** The 2.0 statement as it is now. */
  toStatement(): Select<Cols> {
    return this.current;
  }
  private next<C extends readonly SelectItem[]>(s: Select<C>, more: readonly unknown[] = []): LegacySelect<C> {
    return new LegacySelect<C>(s, [...this.sources, ...more]);
  }

  where(...conditions: (Cond | undefined)[]): LegacySelect<Cols> {
    return this.next(this.current.where(...conditions));
  }
  orderBy(...terms: (OrderTerm | null)[]): LegacySelect<Cols> {
    return this.next(this.current.orderBy(...terms));
  }
  groupBy(...cols: ColumnElement<any>[]): LegacySelect<Cols> {
    return this.next(this.current.groupBy(...cols));
  }
  having(...conditions: ColumnElement<boolean>[]): LegacySelect<Cols> {
    return this.next(this.current.having(...conditions));
  }
  limit(n: number | null): LegacySelect<Cols> {
    return this.next(this.current.limit(n));
  }
  offset(n: number | null): LegacySelect<Cols> {
    return this.next(this.current.offset(n));
  }
  distinct(...on: ColumnElement<any>[]): LegacySelect<Cols> {
    return this.next(this.current.distinct(...on));
  }
  selectFrom(...froms: (FromClause<any> | SelectableLike)[]): LegacySelect<Cols> {
    return this.next(this.current.selectFrom(...froms), froms);
  }
  /** Equality conditions by column name, as in 2.0 (a Query's `filterBy()` becomes this). */
  filterBy(values: Record<string, unknown>): LegacySelect<Cols> {
    return this.next(this.current.filterBy(values));
  }
  /** Joins a table, a model or along a relationship attribute, as in 2.0. */
  join(target: FromClause<any> | JoinTargetLike | SelectableLike, on?: ColumnElement<boolean>, opts?: { isOuter?: boolean; full?: boolean }): LegacySelect<Cols> {
    return this.next(this.current.join(target, on, opts), [target]);
  }
  outerJoin(target: FromClause<any> | JoinTargetLike | SelectableLike, on?: ColumnElement<boolean>): LegacySelect<Cols> {
    return this.next(this.current.outerJoin(target, on), [target]);
  }
  addColumns<C extends readonly SelectItem[]>(...items: C): LegacySelect<[...Cols, ...C]> {
    return this.next(this.current.addColumns(...items), items);
  }
  withOnlyColumns<C extends readonly SelectItem[]>(...items: C): LegacySelect<C> {
    return this.next(this.current.withOnlyColumns(...items), items);
  }
  correlate(...froms: (FromClause<any> | null)[]): LegacySelect<Cols> {
    return this.next(this.current.correlate(...froms));
  }
  /** Loader and other statement options, as on the 2.0 select: `select(User).options(joinedLoad(User.c.addresses))`. */
  options(...opts: StatementOption[]): LegacySelect<Cols> {
    return this.next(this.current.options(...opts));
  }
  subquery(name?: string) {
    return this.current.subquery(name);
  }
  scalarSubquery() {
    return this.current.scalarSubquery();
  }
  exists(): ColumnElement<boolean> {
    return this.current.exists();
  }
  label<const N extends string>(name: N) {
    return this.current.label(name);
  }

  /**
   * How the SELECT names its columns, as on the 2.0 select (the replacement of L205's
   * applyLabels(), which a code base reaches while its `select` still comes from here).
   * @example select(users.c.id).setLabelStyle('tablenamePlusCol') // columns named users_id
   */
  setLabelStyle(style: 'tablenamePlusCol'): LegacySelect<TablenamePlusCol<Cols>>;
  setLabelStyle(style: 'none' | 'disambiguateOnly'): LegacySelect<Cols>;
  setLabelStyle(style: LabelStyle): LegacySelect<any> {
    return this.next(this.current.setLabelStyle(style as 'none'));
  }

  /** L205: every column labelled `<table>_<column>` (in 2.0, label the columns you need). */
  applyLabels(): LegacySelect<Cols> {
    legacyWarn('L205');
    return this.next(labelled(this.current) as Select<Cols>);
  }

  /** L206: adds a WHERE condition to this statement in place. */
  appendWhereClause(condition: Cond): void {
    legacyWarn('L206');
    this.current = this.current.where(condition);
  }
  /** L206: adds ORDER BY terms in place. */
  appendOrderBy(...terms: OrderTerm[]): void {
    legacyWarn('L206');
    this.current = this.current.orderBy(...terms);
  }
  /** L206: adds GROUP BY terms in place. */
  appendGroupBy(...cols: ColumnElement<any>[]): void {
    legacyWarn('L206');
    this.current = this.current.groupBy(...cols);
  }
  /** L206: adds a HAVING condition in place. */
  appendHavingClause(condition: ColumnElement<boolean>): void {
    legacyWarn('L206');
    this.current = this.current.having(condition);
  }
  /** L206: adds a column to the SELECT list in place. */
  appendColumn(col: SelectItem): void {
    legacyWarn('L206');
    this.current = this.current.addColumns(col) as unknown as Select<Cols>;
  }
  /** L206: adds a FROM element in place. */
  appendFrom(from: FromClause<any>): void {
    legacyWarn('L206');
    this.current = this.current.selectFrom(from);
  }

  /** L207 (legacy): the older name of scalarSubquery(). */
  asScalar() {
    legacyWarn('L207');
    return this.current.scalarSubquery();
  }

  private implicitSubquery(): Subquery<any> {
    if (!this.implicit || this.implicit.for !== this.current) this.implicit = { for: this.current, sq: this.current.subquery() };
    return this.implicit.sq;
  }
  /** L208: the columns of this SELECT used as a FROM (an unnamed subquery, the same one each time). */
  get c(): Record<string, ColumnRef<unknown>> {
    legacyWarn('L208');
    return this.implicitSubquery().c;
  }
  /** L208: `SELECT … FROM (this SELECT)`. */
  select(where?: Cond): LegacySelect<[Subquery<any>]> {
    legacyWarn('L208');
    const sq = this.implicitSubquery();
    return this.next(coreSelect(sq).where(where));
  }

  /** L102: runs on the engine bound to its tables' MetaData. */
  execute(...params: unknown[]): Promise<LegacyResult<RowOf<Select<Cols>>>> {
    return runBound(this.current, this.sources, params, 'select.execute()') as Promise<LegacyResult<any>>;
  }
  /** L102: the first column of the first row, through bound metadata. */
  scalar(...params: unknown[]): Promise<unknown> {
    return runBound(this.current, this.sources, params, 'select.scalar()').then((r) => r.scalar());
  }
}

/** L205's 1.x labels are 2.0's `tablenamePlusCol` label style. */
function labelled<C extends readonly SelectItem[]>(s: Select<C>): Select<readonly SelectItem[]> {
  return s.setLabelStyle('tablenamePlusCol') as unknown as Select<readonly SelectItem[]>;
}

/**
 * `select()`: the 1.x list form with its where clause and options (L201), or the 2.0
 * positional form; both give a LegacySelect.
 * @example select([users.c.id, users.c.name], users.c.id.gt(5), { orderBy: [users.c.name] }) // L201
 */
export function select<const Cols extends readonly SelectItem[]>(columns: Cols, whereclause?: Cond | null, options?: LegacySelectOptions): LegacySelect<Cols>;
export function select<const Cols extends readonly SelectItem[]>(...items: Cols): LegacySelect<Cols>;
export function select(...args: unknown[]): LegacySelect<any> {
  if (!Array.isArray(args[0])) return new LegacySelect(coreSelect(...(args as SelectItem[])), args);
  legacyWarn('L201');
  const [cols, where, opts = {}] = args as [SelectItem[], Cond | null | undefined, LegacySelectOptions | undefined];
  if (opts === null || typeof opts !== 'object') throw new ArgumentError('select([columns], where, options): options must be an object');
  let s: Select<any> = coreSelect(...cols);
  if (where) s = s.where(where);
  const from = list(opts.from);
  if (from.length) s = s.selectFrom(...from);
  if (opts.groupBy !== undefined) s = s.groupBy(...list(opts.groupBy));
  if (opts.having) s = s.having(opts.having as ColumnElement<boolean>);
  if (opts.orderBy !== undefined) s = s.orderBy(...list(opts.orderBy));
  if (opts.limit !== undefined) s = s.limit(opts.limit);
  if (opts.offset !== undefined) s = s.offset(opts.offset);
  if (opts.distinct) s = s.distinct();
  if (opts.correlate === false) s = s.correlate(null);
  if (opts.useLabels) {
    legacyWarn('L205');
    s = labelled(s);
  }
  return new LegacySelect(s, [...cols, ...from]);
}

/**
 * `case()`: the 1.x list form `case([[cond, value], …], { else })` (L203), or the 2.0
 * positional pairs.
 */
export function case_(whens: readonly (readonly [unknown, unknown])[], options?: { else?: unknown; value?: unknown }): ColumnElement<any>;
export function case_(...args: (readonly [unknown, unknown] | { else?: unknown; value?: unknown })[]): ColumnElement<any>;
export function case_(...args: unknown[]): ColumnElement<any> {
  const first = args[0];
  if (Array.isArray(first) && first.length > 0 && first.every((p) => Array.isArray(p))) {
    legacyWarn('L203');
    const opts = args[1] as { else?: unknown; value?: unknown } | undefined;
    return (coreCase as (...a: unknown[]) => ColumnElement<any>)(...first, ...(opts ? [opts] : []));
  }
  return (coreCase as (...a: unknown[]) => ColumnElement<any>)(...args);
}

export interface CompoundOptions {
  orderBy?: OrderTerm | readonly OrderTerm[];
  limit?: number;
  offset?: number;
}

type SelectArg = SelectBase<any> | LegacySelect<any>;

function compound(name: string, fn: (a: SelectBase<any>, ...rest: SelectBase<any>[]) => CompoundSelect<any>, args: (SelectArg | CompoundOptions)[]): CompoundSelect<any> {
  const last = args[args.length - 1];
  let opts: CompoundOptions | undefined;
  if (last && typeof last === 'object' && !(last instanceof SelectBase) && !isStatementLike(last)) {
    legacyWarn('L204');
    opts = last as CompoundOptions;
    args = args.slice(0, -1);
  }
  const selects = args.map((a) => toStatement(a)) as SelectBase<any>[];
  if (selects.length < 2) throw new ArgumentError(`${name}() needs at least two selects`);
  let c = fn(selects[0], ...selects.slice(1));
  if (opts?.orderBy !== undefined) c = c.orderBy(...list(opts.orderBy));
  if (opts?.limit !== undefined) c = c.limit(opts.limit);
  if (opts?.offset !== undefined) c = c.offset(opts.offset);
  return c;
}

/** `union(a, b, …, { orderBy, limit, offset })`: the options argument is L204. */
export const union = (...args: (SelectArg | CompoundOptions)[]): CompoundSelect<any> => compound('union', coreUnion, args);
export const unionAll = (...args: (SelectArg | CompoundOptions)[]): CompoundSelect<any> => compound('unionAll', coreUnionAll, args);
export const intersect = (...args: (SelectArg | CompoundOptions)[]): CompoundSelect<any> => compound('intersect', coreIntersect, args);
export const except = (...args: (SelectArg | CompoundOptions)[]): CompoundSelect<any> => compound('except', coreExcept, args);

type AnyTable = CoreTable<any, any>;

export interface LegacyInsertOptions {
  values?: Record<string, unknown> | readonly Record<string, unknown>[];
  returning?: readonly SelectItem[];
}

/** `insert(t, { values, returning })` (L202); `insert(t)` is the 2.0 form. */
export function insert<T extends AnyTable>(table: T, options?: LegacyInsertOptions): ReturnType<typeof withExecute<ReturnType<typeof coreInsert<T>>>>;
/** `insert(Model)`, as in 2.0 (the session's ORM-enabled INSERT). */
export function insert<M extends TableLike>(model: M): ReturnType<typeof withExecute<ReturnType<typeof coreInsert<M>>>>;
export function insert(table: AnyTable | TableLike, options?: LegacyInsertOptions) {
  if (options === undefined) return withExecute(coreInsert(table), [table]);
  legacyWarn('L202');
  return withExecute(buildInsert(table as AnyTable, options), [table]);
}

/** @internal */
export function buildInsert<T extends AnyTable>(table: T, options: LegacyInsertOptions) {
  let s = coreInsert(table) as ReturnType<typeof coreInsert<T>>;
  if (options.values !== undefined) s = s.values(options.values as never);
  if (options.returning?.length) return s.returning(...options.returning) as unknown as typeof s;
  return s;
}

/** `update(t, where, values)` (L202); `update(t)` is the 2.0 form. */
export function update<T extends AnyTable>(table: T, whereclause?: Cond | null, values?: Record<string, unknown>): ReturnType<typeof withExecute<ReturnType<typeof coreUpdate<T>>>>;
/** `update(Model)`, as in 2.0 (the session's ORM-enabled UPDATE; with a list of rows, by primary key). */
export function update<M extends TableLike>(model: M): ReturnType<typeof withExecute<ReturnType<typeof coreUpdate<M>>>>;
export function update(table: AnyTable | TableLike, whereclause?: Cond | null, values?: Record<string, unknown>) {
  if (whereclause === undefined && values === undefined) return withExecute(coreUpdate(table), [table]);
  legacyWarn('L202');
  return withExecute(buildUpdate(table as AnyTable, whereclause, values), [table]);
}

/** @internal */
export function buildUpdate<T extends AnyTable>(table: T, whereclause?: Cond | null, values?: Record<string, unknown>) {
  let s = coreUpdate(table);
  if (whereclause) s = s.where(whereclause as ColumnElement<boolean>);
  if (values) s = s.values(values as never);
  return s;
}

/** `delete_(t, where)` (L202); `delete_(t)` is the 2.0 form. */
export function delete_<T extends AnyTable>(table: T, whereclause?: Cond | null): ReturnType<typeof withExecute<ReturnType<typeof coreDelete<T>>>>;
/** `delete_(Model)` / `deleteFrom(Model)`, as in 2.0 (the session's ORM-enabled DELETE). */
export function delete_<M extends TableLike>(model: M): ReturnType<typeof withExecute<ReturnType<typeof coreDelete<M>>>>;
export function delete_(table: AnyTable | TableLike, whereclause?: Cond | null) {
  if (whereclause === undefined) return withExecute(coreDelete(table), [table]);
  legacyWarn('L202');
  return withExecute(buildDelete(table as AnyTable, whereclause), [table]);
}
export { delete_ as deleteFrom };

/** @internal */
export function buildDelete<T extends AnyTable>(table: T, whereclause?: Cond | null) {
  const s = coreDelete(table);
  return whereclause ? s.where(whereclause as ColumnElement<boolean>) : s;
}

export type { LegacyExecutable };
