/** PostgreSQL's differences from the default compiler. */
import { SqlCompiler } from '../../compiler/sql-compiler';
import type { SqlType } from '../../sql/types';

export class PgCompiler extends SqlCompiler {
  override placeholder(n: number): string {
    return `$${n}`;
  }
  override renderIlike(left: string, op: string, right: string, escape: string): string {
    return `${left} ${op} ${right}${escape}`;
  }
  override emptySetSubquery(type: SqlType<unknown>): string {
    const known = type.kind !== 'unknown' && type.kind !== 'null' && !(type.kind === 'enum' && !type.options.enumName);
    return known ? `(SELECT CAST(NULL AS ${this.dialect.castTypeName(type)}) WHERE 1 != 1)` : '(SELECT NULL WHERE 1 != 1)';
  }
  override literalString(s: string): string {
    // E'' strings would treat backslashes specially; standard strings do not.
    return `'${s.replace(/'/g, "''")}'`;
  }
}
