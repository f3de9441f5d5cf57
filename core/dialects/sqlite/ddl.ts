/** SQLite DDL: rowid primary keys, enum values checked by CHECK, no ALTER for foreign keys. */
import { DdlCompiler } from '../../compiler/ddl-compiler';
import type { Column } from '../../schema/column';
import type { Table } from '../../schema/table';

export class SqliteDdlCompiler extends DdlCompiler {
  /** `INTEGER PRIMARY KEY` makes the column the rowid: generated, and the fastest key. */
  protected override pkInlined(table: Table<any, any>): boolean {
    return table.autoincrementColumn !== undefined && table.primaryKey.columns.length === 1;
  }
  protected override columnType(c: Column<unknown>, table: Table<any, any>): string {
    if (table.autoincrementColumn === c) return 'INTEGER';
    return super.columnType(c, table);
  }
  protected override autoincrementClause(): string {
    return ' PRIMARY KEY';
  }
  protected override columnSuffix(c: Column<unknown>): string {
    const values = c.type.kind === 'enum' ? c.type.options.values ?? [] : undefined;
    if (values) {
      const list = values.map((v) => this.sql().literalString(v)).join(', ');
      return ` CHECK (${this.quote(c.name)} IN (${list}))`;
    }
    return '';
  }
}
