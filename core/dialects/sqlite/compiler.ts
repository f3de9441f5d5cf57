/** SQLite's differences from the default compiler. */
import { NotSupportedError } from '../../errors';
import { SqlCompiler } from '../../compiler/sql-compiler';
import type { Delete } from '../../sql/delete';
import type { LockingClause, SelectBase } from '../../sql/select';

export class SqliteCompiler extends SqlCompiler {
  override booleanLiteral(v: boolean): string {
    return v ? '1' : '0';
  }
  override limitOffset(limit: string | undefined, offset: string | undefined): string {
    // SQLite needs a LIMIT before an OFFSET; -1 means no limit.
    if (limit === undefined && offset !== undefined) return ` LIMIT -1 OFFSET ${offset}`;
    return super.limitOffset(limit, offset);
  }
  override functionName(name: string, argc: number): string {
    if (name === 'now' && argc === 0) return '=CURRENT_TIMESTAMP';
    if (name === 'current_timestamp' && argc === 0) return '=CURRENT_TIMESTAMP';
    if (name === 'current_date' && argc === 0) return '=CURRENT_DATE';
    return name;
  }
  /**
   * SQLite takes no parenthesized members in a UNION/INTERSECT/EXCEPT: a member with its own
   * ORDER BY/LIMIT, or a nested compound, is read from a subquery instead.
   */
  protected override compoundMember(s: SelectBase<any>, body: string): string {
    const member = super.compoundMember(s, body);
    return member === body ? body : `SELECT * FROM ${member}`;
  }
  override renderLocking(_lock: LockingClause): string {
    // SQLite locks the whole database per transaction; row locks do not exist.
    return '';
  }
  override renderDelete(stmt: Delete<any, any>, where: string, returning: string): string {
    if (stmt._state.extraFroms.length) {
      throw new NotSupportedError('SQLite has no DELETE … USING; use a subquery: where(t.c.id.in(select(...)))');
    }
    return super.renderDelete(stmt, where, returning);
  }
}
