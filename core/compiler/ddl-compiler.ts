/**
 * The default DDL compiler: CREATE/DROP TABLE, indexes, constraints added with ALTER, and
 * comments. Dialects override the pieces that differ (autoincrement, enums, comments).
 */
import { CompileError, NotSupportedError } from '../errors';
import type { Column, ServerDefault } from '../schema/column';
import { CheckConstraint, ForeignKeyConstraint, Index, TableConstraint, UniqueConstraint } from '../schema/constraints';
import { conventionalName } from '../schema/names';
import type { Table } from '../schema/table';
import { ColumnElement } from '../sql/elements';
import { ColumnRef } from '../sql/selectable';
import type { SqlType } from '../sql/types';
import type { Dialect } from '../dialects/dialect';
import type { SqlCompiler } from './sql-compiler';

export class DdlCompiler {
  constructor(protected readonly dialect: Dialect) {}

  protected sql(): SqlCompiler {
    return this.dialect.createCompiler({ literalBinds: true });
  }
  protected quote(name: string): string {
    return this.sql().quote(name);
  }
  tableName(t: Table<any, any>): string {
    return (t.schema ? this.quote(t.schema) + '.' : '') + this.quote(t.name);
  }
  /** An expression rendered inline for DDL, columns unqualified. */
  protected expression(e: ColumnElement<unknown>, table: Table<any, any>): string {
    return this.sql().renderForTable(e, table);
  }

  /** Statements that must run before the tables are created (PostgreSQL enum types). */
  preCreate(_tables: readonly Table<any, any>[]): { name: string; schema?: string; sql: string }[] {
    return [];
  }
  /** Statements that run after the tables are dropped. */
  postDrop(_tables: readonly Table<any, any>[]): { name: string; schema?: string; sql: string }[] {
    return [];
  }

  /** `CREATE TABLE …`, leaving out the foreign keys in `deferred` (added later with ALTER). */
  createTable(table: Table<any, any>, deferred: ReadonlySet<object>): string[] {
    const cols = table.columns as Column<unknown>[];
    const lines = cols.map((c) => this.columnSpec(c, table));
    const pk = table.primaryKey;
    if (pk.columns.length && !this.pkInlined(table)) {
      lines.push(`${pk.name ? `CONSTRAINT ${this.quote(pk.name)} ` : ''}PRIMARY KEY (${pk.columns.map((c) => this.quote(c.name)).join(', ')})`);
    }
    for (const con of table.constraints) {
      if (deferred.has(con)) continue;
      const s = this.constraint(con, table);
      if (s) lines.push(s);
    }
    const stmts = [`CREATE TABLE ${this.tableName(table)} (\n\t${lines.join(',\n\t')}\n)${this.tableSuffix(table)}`];
    for (const idx of table.indexes) stmts.push(this.createIndex(idx, table));
    stmts.push(...this.comments(table));
    return stmts;
  }

  dropTable(table: Table<any, any>): string {
    return `DROP TABLE ${this.tableName(table)}`;
  }

  /** Options after the column list (MySQL engine, charset, comment). */
  protected tableSuffix(_table: Table<any, any>): string {
    return '';
  }
  /** Comments as separate statements (PostgreSQL). */
  protected comments(_table: Table<any, any>): string[] {
    return [];
  }
  /** SQLite renders an autoincrement primary key inline as `INTEGER PRIMARY KEY`. */
  protected pkInlined(_table: Table<any, any>): boolean {
    return false;
  }

  columnSpec(c: Column<unknown>, table: Table<any, any>): string {
    let s = `${this.quote(c.name)} ${this.columnType(c, table)}`;
    const auto = table.autoincrementColumn === c;
    if (auto) s += this.autoincrementClause(c, table);
    if (c.serverDefault !== undefined) s += ` DEFAULT ${this.serverDefault(c.serverDefault, c.type, table)}`;
    if (!c.nullable && !(auto && this.pkInlined(table))) s += ' NOT NULL';
    s += this.columnSuffix(c, table);
    return s;
  }
  protected columnType(c: Column<unknown>, _table: Table<any, any>): string {
    return this.dialect.typeName(c.type);
  }
  protected autoincrementClause(_c: Column<unknown>, _table: Table<any, any>): string {
    return '';
  }
  /** Per-column extras: inline enum checks, MySQL comments. */
  protected columnSuffix(_c: Column<unknown>, _table: Table<any, any>): string {
    return '';
  }

  serverDefault(d: ServerDefault, _type: SqlType<unknown>, table: Table<any, any>): string {
    if (d instanceof ColumnElement) return this.wrapDefaultExpression(this.expression(d, table));
    if (typeof d === 'object' && d !== null && typeof (d as { sql: string }).sql === 'string') return this.wrapDefaultExpression((d as { sql: string }).sql);
    return this.sql().renderLiteralValue(d);
  }
  /** Expression defaults need parentheses on some databases. */
  protected wrapDefaultExpression(sql: string): string {
    return /^[A-Za-z_]+(\(\))?$/.test(sql) ? sql : `(${sql})`;
  }

  constraint(con: TableConstraint, table: Table<any, any>): string | undefined {
    const named = (n?: string) => (n ? `CONSTRAINT ${this.quote(n)} ` : '');
    if (con instanceof UniqueConstraint) return `${named(con.name)}UNIQUE (${con.columns.map((c) => this.quote(c.name)).join(', ')})`;
    if (con instanceof CheckConstraint) {
      const cond = typeof con.condition === 'string' ? con.condition : this.expression(con.condition, table);
      return `${named(con.name)}CHECK (${cond})`;
    }
    if (con instanceof ForeignKeyConstraint) return this.foreignKey(con, con.options.name);
    return undefined;
  }

  foreignKey(fk: ForeignKeyConstraint, name: string | undefined): string {
    const target = fk.referredTable as unknown as Table<any, any>;
    let s = `${name ? `CONSTRAINT ${this.quote(name)} ` : ''}FOREIGN KEY (${fk.columns.map((c) => this.quote(c.name)).join(', ')}) REFERENCES ${this.tableName(target)} (${fk.referred.map((c) => this.quote(c.name)).join(', ')})`;
    if (fk.options.onDelete) s += ` ON DELETE ${checkAction(fk.options.onDelete)}`;
    if (fk.options.onUpdate) s += ` ON UPDATE ${checkAction(fk.options.onUpdate)}`;
    if (fk.options.deferrable) s += this.deferrable(fk);
    return s;
  }
  protected deferrable(fk: ForeignKeyConstraint): string {
    return ` DEFERRABLE${fk.options.initiallyDeferred ? ' INITIALLY DEFERRED' : ''}`;
  }

  /** A stable name for a constraint that has none, when it must be referred to (ALTER DROP). */
  foreignKeyName(fk: ForeignKeyConstraint, table: Table<any, any>): string {
    return fk.options.name ?? conventionalName(`fk_${table.name}_${fk.columns.map((c) => c.name).join('_')}_${(fk.referredTable as unknown as Table).name}`);
  }
  addForeignKey(fk: ForeignKeyConstraint, table: Table<any, any>): string {
    if (!this.dialect.supports.alterForeignKeys) throw new NotSupportedError(`${this.dialect.describe()} cannot add a foreign key to an existing table`);
    return `ALTER TABLE ${this.tableName(table)} ADD ${this.foreignKey(fk, this.foreignKeyName(fk, table))}`;
  }
  dropForeignKey(fk: ForeignKeyConstraint, table: Table<any, any>): string {
    return `ALTER TABLE ${this.tableName(table)} DROP CONSTRAINT ${this.quote(this.foreignKeyName(fk, table))}`;
  }

  createIndex(idx: Index, table: Table<any, any>): string {
    const parts = idx.expressions.map((e) => (e instanceof ColumnRef ? this.quote(e.name) : this.indexExpression(this.expression(e, table))));
    let s = `CREATE ${idx.unique ? 'UNIQUE ' : ''}INDEX ${this.quote(idx.name)} ON ${this.tableName(table)} (${parts.join(', ')})`;
    if (idx.where) s += this.partialIndex(this.expression(idx.where, table));
    return s;
  }
  protected indexExpression(sql: string): string {
    return `(${sql})`;
  }
  protected partialIndex(where: string): string {
    return ` WHERE ${where}`;
  }
}

const ACTIONS = new Set(['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION']);
function checkAction(a: string): string {
  if (!ACTIONS.has(a)) throw new CompileError(`unknown referential action ${JSON.stringify(a)} (use one of ${[...ACTIONS].join(', ')})`);
  return a;
}
