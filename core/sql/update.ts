/**
 * UPDATE, with UPDATE … FROM (PostgreSQL, SQLite) and the multi-table form (MySQL/MariaDB).
 */
import { ArgumentError } from '../errors';
import type { Column } from '../schema/column';
import type { Table } from '../schema/table';
import { and, ColumnElement } from './elements';
import { bindValues, checkReturning, checkTable, DmlStatement, TableLike, TableOf, UpdateValues } from './dml';
import { CacheKeyBuilder, Node } from './node';
import { FromClause } from './selectable';
import type { SelectItem } from './select';

interface UpdateState {
  /** The model class the statement was made from (the ORM keeps its objects in step); undefined for a Table. */
  readonly entity?: TableLike;
  readonly values: ReadonlyMap<Column<unknown>, ColumnElement<unknown>>;
  readonly where?: ColumnElement<boolean>;
  readonly extraFroms: readonly FromClause<any>[];
  readonly returning: readonly SelectItem[];
}

/**
 * An UPDATE statement.
 *
 * @example
 * update(users).where(users.c.id.eq(5)).values({ name: 'ada' })
 * // UPDATE users SET name=? WHERE users.id = ?
 */
export class Update<Tbl extends Table<any, any> = Table<any, any>, Ret extends readonly SelectItem[] = []> extends DmlStatement<Ret> {
  readonly kind = 'update';
  constructor(
    readonly table: Tbl,
    /** @internal */ readonly _state: UpdateState,
  ) {
    super();
    Object.freeze(_state);
  }
  get returningItems(): readonly SelectItem[] {
    return this._state.returning;
  }
  private with(patch: Partial<UpdateState>): Update<Tbl, Ret> {
    return new Update(this.table, { ...this._state, ...patch });
  }
  /** The columns to SET; merged with earlier values() calls. */
  values(values: UpdateValues<Tbl>): Update<Tbl, Ret> {
    const bound = bindValues(this.table, values as Record<string, unknown>, `update ${this.table.name}`);
    return this.with({ values: new Map([...this._state.values, ...bound]) });
  }
  /** `WHERE …`; further calls add conditions with AND. */
  where(...conditions: ColumnElement<boolean>[]): Update<Tbl, Ret> {
    conditions.forEach((c) => {
      if (!(c instanceof ColumnElement)) throw new ArgumentError('where() takes SQL expressions');
    });
    const extra = this.fromsOf(conditions);
    return this.with({ where: and(this._state.where, ...conditions), extraFroms: extra });
  }
  /** `RETURNING …` (PostgreSQL, SQLite; not MySQL/MariaDB). */
  returning<const R extends readonly SelectItem[]>(...items: R): Update<Tbl, R> {
    return new Update<Tbl, R>(this.table, { ...this._state, returning: checkReturning(items) });
  }
  /** Other tables named in WHERE/SET become `UPDATE … FROM` (or multi-table UPDATE on MySQL). */
  private fromsOf(nodes: readonly Node[]): FromClause<any>[] {
    const out = [...this._state.extraFroms];
    const visit = (n: Node): void => {
      if (n.kind === 'select' || n.kind === 'compoundSelect' || n.kind === 'scalarSubquery' || n.kind === 'exists') return;
      const t = (n as { table?: unknown }).table;
      if (n.kind === 'column' && t instanceof FromClause && t !== (this.table as unknown) && !out.includes(t)) out.push(t);
      n._children().forEach(visit);
    };
    nodes.forEach(visit);
    return out;
  }
  _key(k: CacheKeyBuilder): void {
    k.push('UPDATE(');
    this.table._fromKey(k);
    this.keyValues(k, this._state.values);
    for (const f of this._state.extraFroms) f._key(k);
    if (this._state.where) {
      k.push('W');
      this._state.where._key(k);
    }
    this.keyReturning(k);
    k.push(')');
  }
  override _children(): readonly Node[] {
    return [...this._state.values.values(), ...(this._state.where ? [this._state.where] : [])];
  }
}

/**
 * `UPDATE table SET …`; see {@link Update}. A model class stands for its table: through `session.execute()` the
 * Session's objects are kept in step (see core/orm/dml.ts).
 */
export function update<T extends Table<any, any> | TableLike>(table: T): Update<TableOf<T>, []> {
  return new Update(checkTable(table, 'update') as TableOf<T>, { entity: table instanceof FromClause ? undefined : (table as TableLike), values: new Map(), extraFroms: [], returning: [] });
}
