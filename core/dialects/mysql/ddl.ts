/** MySQL/MariaDB DDL: AUTO_INCREMENT, inline comments, DROP FOREIGN KEY, no expression/partial indexes on MariaDB. */
import { NotSupportedError } from '../../errors';
import { DdlCompiler } from '../../compiler/ddl-compiler';
import type { Column } from '../../schema/column';
import type { ForeignKeyConstraint } from '../../schema/constraints';
import type { Table } from '../../schema/table';

export class MysqlDdlCompiler extends DdlCompiler {
  protected override autoincrementClause(): string {
    return ' AUTO_INCREMENT';
  }
  protected override columnSuffix(c: Column<unknown>): string {
    return c.comment !== undefined ? ` COMMENT ${this.sql().literalString(c.comment)}` : '';
  }
  protected override tableSuffix(table: Table<any, any>): string {
    return table.comment !== undefined ? ` COMMENT=${this.sql().literalString(table.comment)}` : '';
  }
  protected override wrapDefaultExpression(sql: string): string {
    if (/^CURRENT_TIMESTAMP(\(\d\))?$/i.test(sql)) return sql;
    return super.wrapDefaultExpression(sql);
  }
  override dropForeignKey(fk: ForeignKeyConstraint, table: Table<any, any>): string {
    return `ALTER TABLE ${this.tableName(table)} DROP FOREIGN KEY ${this.quote(this.foreignKeyName(fk, table))}`;
  }
  protected override deferrable(): string {
    throw new NotSupportedError('MySQL/MariaDB foreign keys cannot be DEFERRABLE');
  }
  protected override indexExpression(): string {
    throw new NotSupportedError(`${this.dialect.describe()}: expression indexes are not supported; index a generated column instead`);
  }
  protected override partialIndex(): string {
    throw new NotSupportedError(`${this.dialect.describe()} has no partial indexes`);
  }
}
