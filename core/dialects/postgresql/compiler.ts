/** PostgreSQL's differences from the default compiler. */
import type { ParamSlot } from '../../compiler/compiled';
import type { ManyValuesForm } from '../../compiler/many-values';
import type { Column } from '../../schema/column';
import type { Table } from '../../schema/table';
import type { Insert } from '../../sql/insert';
import type { Node } from '../../sql/node';
import { enumTypeName } from './ddl';
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
  /**
   * Batches that must return generated keys in parameter order are written as
   * `INSERT INTO t (a, b) SELECT p0, p1 FROM (VALUES ($1::T, $2::T, 0), …) AS imv (p0, p1, sen) ORDER BY sen`:
   * the rows are inserted in sentinel order, so the sequence gives them ascending keys,
   * and the RETURNING rows are sorted by those keys. The first row's casts type the VALUES
   * columns (bare parameters there would be read as text).
   */
  override manyValuesForm(stmt: Node): ManyValuesForm {
    const table = stmt.kind === 'insert' ? (stmt as Insert<Table<any, any>, any>).table : undefined;
    const cast = (slot: ParamSlot): string => {
      const col = slot.key === undefined ? undefined : (table?.c as Record<string, Column<unknown>> | undefined)?.[slot.key];
      const t = col?.type ?? slot.type;
      // An enum's type is the one made for its column (named after table and column when not given).
      const schema = table?.schema ? this.quote(table.schema) + '.' : '';
      if (col && table && t.kind === 'enum') return `::${schema}${this.quote(enumTypeName(t, table, col))}`;
      if (col && table && t.kind === 'array' && t.options.item?.kind === 'enum') return `::${schema}${this.quote(enumTypeName(t.options.item, table, col))}[]`;
      return t.kind === 'unknown' || t.kind === 'null' ? '' : `::${this.dialect.castTypeName(t)}`;
    };
    return {
      batch: (head, rows, tail, ordered) => {
        if (!ordered || !head.endsWith(' VALUES ')) return head + rows.map((r) => r.plain).join(', ') + tail;
        const width = rows[0].placeholders.length;
        const casts = rows[0].slots.map(cast);
        const names = Array.from({ length: width }, (_, i) => `p${i}`);
        // The first row's casts type each column; later rows' parameters take its types.
        const body = rows.map((r, i) => `(${i === 0 ? r.placeholders.map((p, j) => p + casts[j]).join(', ') : r.placeholders.join(', ')}, ${i})`).join(', ');
        return `${head.slice(0, -' VALUES '.length)} SELECT ${names.join(', ')} FROM (VALUES ${body}) AS imv (${names.join(', ')}, sen) ORDER BY sen${tail}`;
      },
    };
  }
  override literalString(s: string): string {
    // E'' strings would treat backslashes specially; standard strings do not.
    return `'${s.replace(/'/g, "''")}'`;
  }
}
