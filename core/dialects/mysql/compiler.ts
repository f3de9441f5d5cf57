/** MySQL/MariaDB's differences from the default compiler. */
import { NotSupportedError } from '../../errors';
import type { Column } from '../../schema/column';
import { SqlCompiler } from '../../compiler/sql-compiler';
import { Label, type OrderByExpression } from '../../sql/elements';
import type { Delete } from '../../sql/delete';
import type { Insert } from '../../sql/insert';
import type { Update } from '../../sql/update';
import { CompoundSelect, Select, type SelectBase } from '../../sql/select';

export class MysqlCompiler extends SqlCompiler {
  override literalString(s: string): string {
    // MySQL treats backslash as an escape inside string literals (unless NO_BACKSLASH_ESCAPES).
    return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  }
  override limitOffset(limit: string | undefined, offset: string | undefined): string {
    if (limit === undefined && offset !== undefined) return ` LIMIT 18446744073709551615 OFFSET ${offset}`;
    return super.limitOffset(limit, offset);
  }
  /**
   * MySQL and MariaDB refuse LIMIT in an IN subquery ("doesn't yet support 'LIMIT &
   * IN/ALL/ANY/SOME subquery'") but take it in a derived table, so such a select is read
   * through one.
   */
  protected override inSubquery(s: SelectBase<any>): string {
    const body = super.inSubquery(s);
    const limited = s instanceof Select ? s._state.limit || s._state.offset : s instanceof CompoundSelect && (s.limitBind || s.offsetBind);
    return limited ? `SELECT * FROM (${body}) AS ${this.quote(this.anonName(s))}` : body;
  }
  override emptySetSubquery(): string {
    return '(SELECT NULL FROM DUAL WHERE 1 != 1)';
  }
  override noFromSuffix(): string {
    return '';
  }
  override renderConcat(left: string, right: string): string {
    return `concat(${left}, ${right})`;
  }
  override renderDistinctFrom(left: string, op: string, right: string): string {
    return op === 'IS NOT DISTINCT FROM' ? `${left} <=> ${right}` : `NOT (${left} <=> ${right})`;
  }
  override functionName(name: string, argc: number): string {
    if ((name === 'now' || name === 'current_timestamp') && argc === 0) return '=CURRENT_TIMESTAMP(6)';
    if (name === 'current_date' && argc === 0) return '=CURRENT_DATE';
    return name;
  }
  /**
   * MySQL has no NULLS FIRST/LAST: sort on `x IS NULL` first. A label is tested through its
   * expression: MySQL takes no output name inside an ORDER BY expression when it names an
   * aggregate ("Reference 'total' not supported").
   */
  override renderNulls(s: string, inner: string, o: OrderByExpression): string {
    const tested = o.element instanceof Label ? this.process(o.element) : inner;
    return `${tested} IS NULL ${o.nulls === 'FIRST' ? 'DESC' : 'ASC'}, ${s}`;
  }
  override renderExcluded(col: Column<unknown>): string {
    return `VALUES(${this.quote(col.name)})`;
  }
  override renderOnConflict(stmt: Insert<any, any>): string {
    const oc = stmt._state.onConflict!;
    if (oc.where) throw new NotSupportedError('MySQL/MariaDB ON DUPLICATE KEY UPDATE has no WHERE; put the condition in the SET values with case_()');
    if (oc.action === 'nothing') {
      const pk = stmt.table.primaryKey.columns[0] ?? stmt.table.columns[0];
      const name = this.quote(pk.name);
      return ` ON DUPLICATE KEY UPDATE ${name} = ${name}`;
    }
    const set = [...oc.set!].map(([c, v]) => `${this.quote(c.name)} = ${this.process(v)}`);
    return ` ON DUPLICATE KEY UPDATE ${set.join(', ')}`;
  }
  override defaultValuesClause(): string {
    return '() VALUES ()';
  }
  override renderUpdate(stmt: Update<any, any>, set: readonly (readonly [Column<unknown>, string])[], where: string, returning: string): string {
    const extra = stmt._state.extraFroms;
    if (!extra.length) return super.renderUpdate(stmt, set, where, returning);
    // Multi-table UPDATE: every table in the UPDATE list, SET targets qualified.
    const target = this.fromElement(stmt.table);
    const assignments = set.map(([c, v]) => `${target}.${this.quote(c.name)}=${v}`).join(', ');
    return `UPDATE ${[target, ...extra.map((f) => this.fromElement(f))].join(', ')} SET ${assignments}${where}${returning}`;
  }
  override renderDelete(stmt: Delete<any, any>, where: string, returning: string): string {
    const extra = stmt._state.extraFroms;
    if (!extra.length) return super.renderDelete(stmt, where, returning);
    if (returning) throw new NotSupportedError('MySQL/MariaDB multi-table DELETE cannot have RETURNING');
    const target = this.fromElement(stmt.table);
    return `DELETE ${target} FROM ${[target, ...extra.map((f) => this.fromElement(f))].join(', ')}${where}`;
  }
}
