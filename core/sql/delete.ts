/**
 * DELETE, with DELETE … USING (PostgreSQL) and the multi-table form (MySQL/MariaDB).
 */
import { ArgumentError } from '../errors';
import type { Table } from '../schema/table';
import { and, ColumnElement } from './elements';
import { checkReturning, checkTable, DmlStatement, TableLike, TableOf } from './dml';
import { CacheKeyBuilder, Node } from './node';
import { FromClause } from './selectable';
import type { SelectItem } from './select';

interface DeleteState {
  /** The model class the statement was made from (the ORM keeps its objects in step); undefined for a Table. */
  readonly entity?: TableLike;
  readonly where?: ColumnElement<boolean>;
  readonly extraFroms: readonly FromClause<any>[];
  readonly returning: readonly SelectItem[];
}

/**
 * A DELETE statement.
 * @example deleteFrom(users).where(users.c.id.eq(5)) // DELETE FROM users WHERE users.id = ?
 */
export class Delete<Tbl extends Table<any, any> = Table<any, any>, Ret extends readonly SelectItem[] = []> extends DmlStatement<Ret> {
  readonly kind = 'delete';
  constructor(
    readonly table: Tbl,
    /** @internal */ readonly _state: DeleteState,
  ) {
    super();
    Object.freeze(_state);
  }
  get returningItems(): readonly SelectItem[] {
    return this._state.returning;
  }
  /** `WHERE …`; further calls add conditions with AND. Other tables named here become USING. */
  where(...conditions: ColumnElement<boolean>[]): Delete<Tbl, Ret> {
    conditions.forEach((c) => {
      if (!(c instanceof ColumnElement)) throw new ArgumentError('where() takes SQL expressions');
    });
    const extra = [...this._state.extraFroms];
    const visit = (n: Node): void => {
      if (n.kind === 'select' || n.kind === 'compoundSelect' || n.kind === 'scalarSubquery' || n.kind === 'exists') return;
      const t = (n as { table?: unknown }).table;
      if (n.kind === 'column' && t instanceof FromClause && t !== (this.table as unknown) && !extra.includes(t)) extra.push(t);
      n._children().forEach(visit);
    };
    conditions.forEach(visit);
    return new Delete(this.table, { ...this._state, where: and(this._state.where, ...conditions), extraFroms: extra });
  }
  /** `RETURNING …` (PostgreSQL, SQLite, MariaDB). */
  returning<const R extends readonly SelectItem[]>(...items: R): Delete<Tbl, R> {
    return new Delete<Tbl, R>(this.table, { ...this._state, returning: checkReturning(items) });
  }
  _key(k: CacheKeyBuilder): void {
    k.push('DELETE(');
    this.table._fromKey(k);
    for (const f of this._state.extraFroms) f._key(k);
    if (this._state.where) {
      k.push('W');
      this._state.where._key(k);
    }
    this.keyReturning(k);
    k.push(')');
  }
  override _children(): readonly Node[] {
    return this._state.where ? [this._state.where] : [];
  }
}

/**
 * `DELETE FROM table …`; see {@link Delete}. A model class stands for its table: through `session.execute()` the
 * Session's objects are kept in step (see core/orm/dml.ts).
 */
export function deleteFrom<T extends Table<any, any> | TableLike>(table: T): Delete<TableOf<T>, []> {
  return new Delete(checkTable(table, 'deleteFrom') as TableOf<T>, { entity: table instanceof FromClause ? undefined : (table as TableLike), extraFroms: [], returning: [] });
}
/** Alias of {@link deleteFrom} (`delete` is a reserved word in JavaScript). */
export const delete_ = deleteFrom;
