/**
 * The 1.x `Query` (L301–L307, L309): `session.query(User).filter(…).orderBy(…).all()`.
 * A Query holds a 2.0 `select()` and builds on it generatively; its terminal methods run
 * that select through the session. Each terminal method warns with its own code, so a
 * chain reports the one pattern it uses: `.all()`/`.first()`/`.one()` L301, `.get()` L302,
 * `.count()` L303, `.update()`/`.delete()` L307; builders warn for the removed forms
 * (`join('name')` L304, `fromSelf()` L306).
 */
import {
  and,
  AnyModel,
  ArgumentError,
  ColumnElement,
  deleteFrom,
  Executable,
  exists,
  FromClause,
  func,
  LoaderOption,
  literal,
  or,
  OrderByExpression,
  PrimaryKeyValue,
  RelationshipAttribute,
  Result,
  Select,
  select,
  SelectItem,
  StatementOption,
  Subquery,
  update,
} from '../core/index';
import { MAPPER } from '../core/orm/mapper';
import { carryOldAlias, LegacyPathOption, refuseOldAliases, relationshipAttribute, targetModel } from './loader-options';
import { legacyWarn } from './warnings';

type Cond = ColumnElement<boolean> | ColumnElement<boolean | null>;
type OrderTerm = ColumnElement<any> | OrderByExpression;
/** What `join()` takes: a relationship name (L304), a relationship attribute, a model or a FROM element. */
export type QueryJoinTarget = string | RelationshipAttribute<any, any> | AnyModel | FromClause<any>;

/** What a Query needs from its session (the legacy Session). */
export interface QuerySession {
  readonly future: boolean;
  execute(statement: Executable): Promise<Result<any>>;
  get(model: AnyModel, pk: PrimaryKeyValue): Promise<object | null>;
  expunge(obj: object): void;
}

/** How `query.update()` / `query.delete()` bring the session's objects up to date (1.x `synchronize_session`). */
export type SynchronizeSession = 'evaluate' | 'fetch' | false;

/** True for a model class (not an aliased() stand-in). */
export function isModel(x: unknown): x is AnyModel {
  return typeof x === 'function' && (x as unknown as Record<symbol, unknown>)[MAPPER] !== undefined;
}

/**
 * A 1.x Query. Immutable: every builder returns a new Query.
 * @example
 * const users = await session.query(User).filter(User.c.name.like('a%')).orderBy(User.c.id).all(); // L301
 */
export class LegacyQuery<R> {
  constructor(
    private readonly session: QuerySession,
    private readonly stmt: Select<any>,
    /** The entity of a one-entity query (its rows are objects); undefined for rows of several items. */
    private readonly entity: AnyModel | undefined,
    /** The model `join('name')` resolves names against: the last one joined, else the first entity. */
    private readonly joinPoint: AnyModel | undefined,
  ) {}

  /** @internal */
  static of(session: QuerySession, items: readonly SelectItem[]): LegacyQuery<any> {
    if (items.length === 0) throw new ArgumentError('query() needs a model class or columns: session.query(User)');
    const first = items.find(isModel);
    return new LegacyQuery(session, select(...items), items.length === 1 && isModel(items[0]) ? items[0] : undefined, first);
  }

  private next(stmt: Select<any>, joinPoint: AnyModel | undefined = this.joinPoint): LegacyQuery<R> {
    return new LegacyQuery<R>(this.session, stmt, this.entity, joinPoint);
  }

  /** The 2.0 statement this query runs. */
  get statement(): Select<any> {
    return this.stmt;
  }

  filter(...conditions: Cond[]): LegacyQuery<R> {
    return this.next(this.stmt.where(...conditions));
  }
  /** Equality on the columns of the last joined entity (or the first one), by attribute name. */
  filterBy(values: Record<string, unknown>): LegacyQuery<R> {
    return this.next(this.stmt.filterBy(values));
  }
  orderBy(...terms: (OrderTerm | null)[]): LegacyQuery<R> {
    return this.next(this.stmt.orderBy(...terms));
  }
  groupBy(...cols: ColumnElement<any>[]): LegacyQuery<R> {
    return this.next(this.stmt.groupBy(...cols));
  }
  having(...conditions: ColumnElement<boolean>[]): LegacyQuery<R> {
    return this.next(this.stmt.having(...conditions));
  }
  limit(n: number | null): LegacyQuery<R> {
    return this.next(this.stmt.limit(n));
  }
  offset(n: number | null): LegacyQuery<R> {
    return this.next(this.stmt.offset(n));
  }
  /** Rows `start` (inclusive) to `stop` (exclusive): OFFSET and LIMIT. */
  slice(start: number, stop: number): LegacyQuery<R> {
    if (!(stop >= start)) throw new ArgumentError(`slice(${start}, ${stop}): stop must not be before start`);
    return this.next(this.stmt.offset(start).limit(stop - start));
  }
  distinct(): LegacyQuery<R> {
    return this.next(this.stmt.distinct());
  }

  /**
   * Joins one hop per target. A relationship name (L304) is looked up on the last joined
   * entity (or the first); `'addresses.user'` and several names join several hops; a
   * `[target, on]` pair is the 1.x tuple form (L304 too).
   */
  join(...targets: (QueryJoinTarget | readonly [QueryJoinTarget, ColumnElement<boolean>])[]): LegacyQuery<R>;
  join(target: QueryJoinTarget, on: ColumnElement<boolean>): LegacyQuery<R>;
  join(...args: unknown[]): LegacyQuery<R> {
    return this.joinAll(args, false);
  }
  /** LEFT OUTER JOIN, with the same target forms as {@link join}. */
  outerJoin(...targets: (QueryJoinTarget | readonly [QueryJoinTarget, ColumnElement<boolean>])[]): LegacyQuery<R>;
  outerJoin(target: QueryJoinTarget, on: ColumnElement<boolean>): LegacyQuery<R>;
  outerJoin(...args: unknown[]): LegacyQuery<R> {
    return this.joinAll(args, true);
  }

  private joinAll(args: unknown[], isOuter: boolean): LegacyQuery<R> {
    if (args.length === 0) throw new ArgumentError('join() needs a target');
    // join(target, on): a condition as the second argument is the 2.0 form.
    if (args.length === 2 && args[1] instanceof ColumnElement && !(args[0] instanceof ColumnElement)) {
      if (typeof args[0] === 'string') legacyWarn('L304', { future: this.session.future });
      return this.joinOne(args[0], args[1] as ColumnElement<boolean>, isOuter);
    }
    const legacy = args.length > 1 || args.some((a) => typeof a === 'string' || Array.isArray(a));
    if (legacy) legacyWarn('L304', { future: this.session.future });
    let q: LegacyQuery<R> = this;
    for (const a of args) {
      if (Array.isArray(a)) {
        if (a.length !== 2) throw new ArgumentError('join(): a tuple target is [target, on]');
        q = q.joinOne(a[0], a[1] as ColumnElement<boolean>, isOuter);
      } else if (typeof a === 'string') for (const name of a.split('.')) q = q.joinOne(name, undefined, isOuter);
      else q = q.joinOne(a, undefined, isOuter);
    }
    return q;
  }

  private joinOne(target: unknown, on: ColumnElement<boolean> | undefined, isOuter: boolean): LegacyQuery<R> {
    if (typeof target === 'string') {
      if (!this.joinPoint) throw new ArgumentError(`join('${target}'): the query has no entity to find the relationship on`);
      target = relationshipAttribute(this.joinPoint, target, `join('${target}')`);
    }
    const joinPoint = target instanceof RelationshipAttribute ? targetModel(target) : isModel(target) ? target : this.joinPoint;
    const stmt = this.stmt.join(target as FromClause<any>, on, { isOuter });
    return this.next(stmt, joinPoint);
  }

  /** Loader options: 2.0 options, or 1.x string paths (`joinedload('addresses')`, L305) resolved against this query's entity. */
  options(...opts: (StatementOption | LegacyPathOption)[]): LegacyQuery<R> {
    refuseOldAliases(opts, this.session.future);
    const resolved = opts.map((o) => {
      if (!(o instanceof LegacyPathOption)) return o;
      // The path was made before this query was known; a future session refuses it here.
      if (this.session.future) legacyWarn('L305', { future: true });
      const root = this.entity ?? this.joinPoint;
      if (!root) throw new ArgumentError('options(): a loader option by name needs a query of a model');
      return carryOldAlias(o, o.resolve(root));
    });
    return this.next(this.stmt.options(...resolved));
  }

  /** The query as a subquery (FROM element). */
  subquery(name?: string): Subquery<any> {
    return this.stmt.subquery(name);
  }

  // ------------------------------------------------------------ running it (L301)

  /** Every result: objects for a one-entity query, else rows. */
  all(): Promise<R[]> {
    legacyWarn('L301', { future: this.session.future });
    this.checkJoinedCollections();
    return this.run(this.stmt);
  }
  /** The first result or null (LIMIT 1 unless a joined collection needs every row). */
  first(): Promise<R | null> {
    legacyWarn('L301', { future: this.session.future });
    const joined = this.checkJoinedCollections();
    return this.run(joined ? this.stmt : this.stmt.limit(1)).then((r) => r[0] ?? null);
  }
  /** Exactly one result (NoResultFoundError / MultipleResultsFoundError otherwise). */
  one(): Promise<R> {
    legacyWarn('L301', { future: this.session.future });
    this.checkJoinedCollections();
    return this.result(this.stmt).then((r) => r.one());
  }
  /** One result or null (MultipleResultsFoundError for more). */
  oneOrNone(): Promise<R | null> {
    legacyWarn('L301', { future: this.session.future });
    this.checkJoinedCollections();
    return this.result(this.stmt).then((r) => r.oneOrNone());
  }
  /** The first column of the one row, or null (MultipleResultsFoundError for more rows). */
  scalar(): Promise<unknown> {
    legacyWarn('L301', { future: this.session.future });
    return this.session.execute(this.stmt).then((r) => {
      const row = r.oneOrNone();
      return row ? row[0] : null;
    });
  }

  /**
   * L309: 1.x de-duplicated the objects of a joined eager load of a collection without
   * saying so. The rows here are the same (the 2.0 session de-duplicates entities too); the
   * warning marks the spot where 2.0 code should say `.unique()`.
   */
  private checkJoinedCollections(): boolean {
    const opts = this.stmt.statementOptions.filter((o): o is LoaderOption => o instanceof LoaderOption);
    const fromOptions = opts.some((o) => o.path.some((s) => s.strategy === 'joined' && s.attr._rel.uselist));
    const fromDefaults = this.stmt.selectedItems.some(
      (it) => isModel(it) && Object.values(it.c).some((a) => a instanceof RelationshipAttribute && a._rel.uselist && a._rel.lazy === 'joined'),
    );
    if (!fromOptions && !fromDefaults) return false;
    legacyWarn('L309', { future: this.session.future });
    return true;
  }

  private async result(stmt: Select<any>): Promise<{ one(): R; oneOrNone(): R | null }> {
    const res = await this.session.execute(stmt);
    return (this.entity ? res.scalars() : res) as unknown as { one(): R; oneOrNone(): R | null };
  }
  private async run(stmt: Select<any>): Promise<R[]> {
    const res = await this.session.execute(stmt);
    return (this.entity ? res.scalars().all() : res.all()) as R[];
  }

  // ------------------------------------------------------------ get, count (L302, L303)

  /** L302: the object with this primary key (from the identity map when it is there). */
  get(pk: PrimaryKeyValue): Promise<R | null> {
    legacyWarn('L302', { future: this.session.future });
    const model = this.requireEntity('get');
    if (this.stmt._state.where || this.stmt._state.joined.length) throw new ArgumentError('query.get() on a query with criteria or joins: get() looks up by primary key alone');
    return this.session.get(model, pk) as Promise<R | null>;
  }

  /** L303: the number of rows the query returns, counted over it as a subquery. */
  count(): Promise<number> {
    legacyWarn('L303', { future: this.session.future });
    const counted = select(func.count()).selectFrom(this.stmt.subquery());
    return this.session.execute(counted).then((r) => Number(r.scalar()));
  }

  // ------------------------------------------------------------ bulk DML (L307)

  /**
   * L307: `UPDATE` of the rows the query's criteria match; objects of those rows in the
   * session are reloaded (`synchronizeSession: false` leaves them to their next load).
   * Returns the number of rows matched.
   */
  update(values: Record<string, unknown>, opts: { synchronizeSession?: SynchronizeSession } = {}): Promise<number> {
    legacyWarn('L307', { future: this.session.future });
    const model = this.dmlEntity('update');
    if (!values || typeof values !== 'object') throw new ArgumentError('query.update() takes an object of new values by attribute name');
    const table = model.table;
    const where = this.stmt._state.where;
    return (async () => {
      const sync = opts.synchronizeSession ?? 'evaluate';
      const pkCols = [...table.primaryKey.columns] as ColumnElement<unknown>[];
      const keys = sync ? (await this.session.execute(select(...pkCols).where(where))).all().map((r) => [...r]) : [];
      const res = await this.session.execute(update(table).where(...(where ? [where] : [])).values(values as never));
      if (keys.length) await this.session.execute(select(model).where(keyMatch(pkCols, keys)));
      return res.rowCount;
    })();
  }

  /** L307: `DELETE` of the rows the query's criteria match; their objects leave the session. Returns the number of rows deleted. */
  delete(opts: { synchronizeSession?: SynchronizeSession } = {}): Promise<number> {
    legacyWarn('L307', { future: this.session.future });
    const model = this.dmlEntity('delete');
    const where = this.stmt._state.where;
    return (async () => {
      const sync = opts.synchronizeSession ?? 'evaluate';
      const doomed = sync ? (await this.session.execute(select(model).where(where))).scalars().all() : [];
      const res = await this.session.execute(deleteFrom(model.table).where(...(where ? [where] : [])));
      for (const obj of doomed) this.session.expunge(obj as object);
      return res.rowCount;
    })();
  }

  // ------------------------------------------------------------ fromSelf (L306)

  /**
   * L306: the query so far becomes a subquery, and the new query selects the entity's rows
   * that it returned. Later criteria refer to the entity as before.
   */
  fromSelf(): LegacyQuery<R> {
    legacyWarn('L306', { future: this.session.future });
    const model = this.requireEntity('fromSelf');
    const pkCols = [...model.table.primaryKey.columns] as ColumnElement<unknown>[];
    const inner = this.stmt.withOnlyColumns(...pkCols).subquery();
    const innerCols = Object.values(inner.c) as ColumnElement<unknown>[];
    const cond =
      pkCols.length === 1
        ? pkCols[0].in(select(innerCols[0]) as never)
        : exists(select(literal(1)).selectFrom(inner).where(and(...pkCols.map((c, i) => innerCols[i].eq(c as never)))));
    const outer = select(model).where(cond).options(...this.stmt.statementOptions);
    return new LegacyQuery<R>(this.session, outer, model, model);
  }

  private requireEntity(what: string): AnyModel {
    if (!this.entity) throw new ArgumentError(`query.${what}() needs a query of one model: session.query(User).${what}(…)`);
    return this.entity;
  }
  private dmlEntity(what: string): AnyModel {
    const model = this.requireEntity(what);
    if (this.stmt._state.joined.length) throw new ArgumentError(`query.${what}() on a query with joins: express the condition with any()/has() or a subquery`);
    return model;
  }
}

function keyMatch(cols: readonly ColumnElement<unknown>[], keys: unknown[][]): ColumnElement<boolean> {
  if (cols.length === 1) return cols[0].in(keys.map((k) => k[0]) as never);
  return or(...keys.map((k) => and(...cols.map((c, i) => c.eq(k[i] as never)))));
}
