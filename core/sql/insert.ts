/**
 * INSERT: single and multi-row VALUES, INSERT … SELECT, RETURNING and upsert
 * (ON CONFLICT on SQLite/PostgreSQL, ON DUPLICATE KEY UPDATE on MySQL/MariaDB).
 */
import { ArgumentError } from '../errors';
import type { Column } from '../schema/column';
import type { Table, TableColumns } from '../schema/table';
import { ColumnElement } from './elements';
import { bindValues, checkReturning, checkTable, DmlStatement, TableLike, TableOf, InsertValues, UpdateValues } from './dml';
import { CacheKeyBuilder, Node } from './node';
import { FromClause } from './selectable';
import type { SelectBase, SelectItem } from './select';
import { SqlType } from './types';

/** A column of the row proposed for insertion, inside an upsert's SET: `excluded.name`. */
export class ExcludedColumn<T> extends ColumnElement<T> {
  readonly kind = 'excluded';
  constructor(
    readonly column: Column<unknown>,
    readonly type: SqlType<unknown>,
  ) {
    super();
  }
  _key(k: CacheKeyBuilder): void {
    k.push(`EXCL.${this.column.name}`);
  }
}

export type ExcludedColumns<Tbl> = Tbl extends Table<any, infer C> ? { readonly [K in keyof TableColumns<C>]: TableColumns<C>[K] extends ColumnElement<infer T> ? ColumnElement<T> : never } : never;

export interface OnConflict {
  readonly action: 'nothing' | 'update';
  /** Conflict target: columns of a unique index/constraint, or a constraint name (PostgreSQL). */
  readonly target?: readonly Column<unknown>[] | string;
  readonly set?: ReadonlyMap<Column<unknown>, ColumnElement<unknown>>;
  readonly where?: ColumnElement<boolean>;
}

interface InsertState {
  /** The model class the statement was made from (the ORM keeps its objects in step); undefined for a Table. */
  readonly entity?: TableLike;
  readonly rows: readonly ReadonlyMap<Column<unknown>, ColumnElement<unknown>>[];
  readonly fromSelect?: { columns: readonly Column<unknown>[]; select: SelectBase<any> };
  readonly returning: readonly SelectItem[];
  readonly onConflict?: OnConflict;
}

/**
 * An INSERT statement.
 *
 * @example
 * await conn.execute(insert(users).values({ name: 'ada' }));
 * await conn.execute(insert(users), [{ name: 'a' }, { name: 'b' }]); // executemany
 * const [row] = (await conn.execute(insert(users).values({ name: 'x' }).returning(users.c.id))).all();
 */
export class Insert<Tbl extends Table<any, any> = Table<any, any>, Ret extends readonly SelectItem[] = []> extends DmlStatement<Ret> {
  readonly kind = 'insert';
  constructor(
    readonly table: Tbl,
    /** @internal */ readonly _state: InsertState,
  ) {
    super();
    Object.freeze(_state);
  }
  get returningItems(): readonly SelectItem[] {
    return this._state.returning;
  }
  private with(patch: Partial<InsertState>): Insert<Tbl, Ret> {
    return new Insert(this.table, { ...this._state, ...patch });
  }

  /**
   * The row(s) to insert. Several rows make one multi-row `VALUES (…), (…)`; every row must
   * set the same columns, except that columns with a client-side default may be left out.
   */
  values(row: InsertValues<Tbl>): Insert<Tbl, Ret>;
  values(rows: readonly InsertValues<Tbl>[]): Insert<Tbl, Ret>;
  values(rows: InsertValues<Tbl> | readonly InsertValues<Tbl>[]): Insert<Tbl, Ret> {
    if (this._state.fromSelect) throw new ArgumentError('insert(): values() and fromSelect() cannot be combined');
    const list = Array.isArray(rows) ? rows : [rows];
    if (list.length === 0) throw new ArgumentError(`insert into ${this.table.name}: values() got an empty list of rows`);
    const bound = list.map((r, i) => bindValues(this.table, r as Record<string, unknown>, `insert into ${this.table.name} (row ${i + 1})`));
    if (bound.length > 1) {
      const keys = (m: ReadonlyMap<Column<unknown>, unknown>) => [...m.keys()].filter((c) => c.default === undefined);
      const first = new Set(keys(bound[0]));
      bound.forEach((m, i) => {
        const these = keys(m);
        const missing = [...first].filter((c) => !these.includes(c));
        const extra = these.filter((c) => !first.has(c));
        if (missing.length || extra.length) {
          throw new ArgumentError(
            `insert into ${this.table.name}: row ${i + 1} sets different columns than row 1 ` +
              `(${missing.length ? 'missing ' + missing.map((c) => c.name).join(', ') : ''}${extra.length ? ' extra ' + extra.map((c) => c.name).join(', ') : ''})`,
          );
        }
      });
    }
    return this.with({ rows: [...this._state.rows, ...bound] });
  }

  /** `INSERT INTO t (cols…) SELECT …`. */
  fromSelect(columns: readonly Column<any, any, any>[], select: SelectBase<any>): Insert<Tbl, Ret> {
    if (this._state.rows.length) throw new ArgumentError('insert(): values() and fromSelect() cannot be combined');
    columns.forEach((c) => {
      if (c.table !== (this.table as unknown)) throw new ArgumentError(`fromSelect(): column ${c.name} is not a column of ${this.table.name}`);
    });
    if (select._selectedColumns.length !== columns.length) {
      throw new ArgumentError(`fromSelect(): ${columns.length} column(s) but the select returns ${select._selectedColumns.length}`);
    }
    return this.with({ fromSelect: { columns: columns as Column<unknown>[], select } });
  }

  /** `RETURNING …`: the inserted rows come back as a result. */
  returning<const R extends readonly SelectItem[]>(...items: R): Insert<Tbl, R> {
    return new Insert<Tbl, R>(this.table, { ...this._state, returning: checkReturning(items) });
  }

  /** The proposed row's columns, for use in `onConflictDoUpdate({ set })`. */
  get excluded(): ExcludedColumns<Tbl> {
    const out: Record<string, ExcludedColumn<unknown>> = {};
    for (const [key, col] of Object.entries(this.table.c as Record<string, Column<unknown>>)) out[key] = new ExcludedColumn(col, col.type);
    return out as unknown as ExcludedColumns<Tbl>;
  }

  /**
   * `ON CONFLICT [(target)] DO NOTHING` (SQLite, PostgreSQL); on MySQL/MariaDB the row is
   * skipped with `ON DUPLICATE KEY UPDATE pk = pk`.
   */
  onConflictDoNothing(opts: { target?: readonly Column<any, any, any>[] | string } = {}): Insert<Tbl, Ret> {
    return this.with({ onConflict: { action: 'nothing', target: opts.target as OnConflict['target'] } });
  }

  /**
   * `ON CONFLICT (target) DO UPDATE SET …` (SQLite, PostgreSQL) or `ON DUPLICATE KEY UPDATE …`
   * (MySQL/MariaDB, where the target is implied by the unique keys). `set` may use
   * `excluded.<col>` for the proposed value.
   *
   * @example
   * insert(users).values({ email, name }).onConflictDoUpdate({
   *   target: [users.c.email],
   *   set: (excluded) => ({ name: excluded.name }),
   * })
   */
  onConflictDoUpdate(opts: {
    target?: readonly Column<any, any, any>[] | string;
    set: UpdateValues<Tbl> | ((excluded: ExcludedColumns<Tbl>) => UpdateValues<Tbl>);
    where?: ColumnElement<boolean>;
  }): Insert<Tbl, Ret> {
    if (!opts || typeof opts !== 'object' || !opts.set) throw new ArgumentError('onConflictDoUpdate() needs { set }');
    const set = typeof opts.set === 'function' ? opts.set(this.excluded) : opts.set;
    const bound = bindValues(this.table, set as Record<string, unknown>, `onConflictDoUpdate on ${this.table.name}`);
    if (bound.size === 0) throw new ArgumentError('onConflictDoUpdate(): set has no columns');
    return this.with({ onConflict: { action: 'update', target: opts.target as OnConflict['target'], set: bound, where: opts.where } });
  }

  /** MySQL spelling of {@link onConflictDoUpdate}: `ON DUPLICATE KEY UPDATE …`. */
  onDuplicateKeyUpdate(set: UpdateValues<Tbl> | ((excluded: ExcludedColumns<Tbl>) => UpdateValues<Tbl>)): Insert<Tbl, Ret> {
    return this.onConflictDoUpdate({ set });
  }

  _key(k: CacheKeyBuilder): void {
    const s = this._state;
    k.push('INSERT(');
    this.table._fromKey(k);
    k.push(`R${s.rows.length}`);
    for (const r of s.rows) this.keyValues(k, r);
    if (s.fromSelect) {
      k.push(`FS(${s.fromSelect.columns.map((c) => c.name).join(',')}`);
      s.fromSelect.select._key(k);
      k.push(')');
    }
    this.keyReturning(k);
    if (s.onConflict) {
      const oc = s.onConflict;
      // A constraint name is marked apart from column names: `target: 'email'` (ON CONSTRAINT)
      // and `target: [t.c.email]` render differently.
      const target = typeof oc.target === 'string' ? `C${JSON.stringify(oc.target)}` : (oc.target ?? []).map((c) => JSON.stringify(c.name)).join(',');
      k.push(`OC${oc.action}:${target}`);
      if (oc.set) this.keyValues(k, oc.set);
      if (oc.where) oc.where._key(k);
    }
    k.push(')');
  }
  override _children(): readonly Node[] {
    return [...this._state.rows.flatMap((r) => [...r.values()]), ...(this._state.fromSelect ? [this._state.fromSelect.select] : [])];
  }
}

/**
 * `INSERT INTO table …`; see {@link Insert}. A model class stands for its table: through `session.execute()` the
 * Session's objects are kept in step (see core/orm/dml.ts).
 */
export function insert<T extends Table<any, any> | TableLike>(table: T): Insert<TableOf<T>, []> {
  return new Insert(checkTable(table, 'insert') as TableOf<T>, { entity: table instanceof FromClause ? undefined : (table as TableLike), rows: [], returning: [] });
}
