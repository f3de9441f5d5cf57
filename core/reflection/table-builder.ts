/**
 * Turns what the Inspector reports about one table into a real `Table` in a MetaData:
 * columns with their types, defaults and comments, the primary key with its name, foreign
 * keys resolved lazily by name (so tables can be built in any order, self-references
 * included), unique and check constraints, and indexes (expression and partial ones as SQL
 * text).
 */
import { ArgumentError } from '../errors';
import { column, ColumnOptions, ColumnSpec } from '../schema/column';
import { checkConstraint, foreignKeyConstraint, index, Index, primaryKeyConstraint, TableConstraint, uniqueConstraint } from '../schema/constraints';
import type { MetaData } from '../schema/metadata';
import { AnyTable, Table } from '../schema/table';
import type { ColumnElement } from '../sql/elements';
import type { ColumnRef } from '../sql/selectable';
import { text } from '../sql/text';
import type {
  ReflectedCheckConstraint,
  ReflectedColumn,
  ReflectedForeignKey,
  ReflectedIndex,
  ReflectedPrimaryKey,
  ReflectedUniqueConstraint,
} from './reflected';

/** Everything reflected about one table. */
export interface ReflectedTable {
  readonly name: string;
  readonly schema: string | undefined;
  readonly columns: readonly ReflectedColumn[];
  readonly primaryKey: ReflectedPrimaryKey;
  readonly foreignKeys: readonly ReflectedForeignKey[];
  readonly indexes: readonly ReflectedIndex[];
  readonly uniqueConstraints: readonly ReflectedUniqueConstraint[];
  readonly checkConstraints: readonly ReflectedCheckConstraint[];
  readonly comment: string | undefined;
}

/** The MetaData key of a table: `schema.name` or `name`. */
export function tableKey(schema: string | undefined, name: string): string {
  return schema ? `${schema}.${name}` : name;
}

/** A sequence default (`nextval('t_id_seq'::regclass)`) is how the database autoincrements, not a default to copy. */
function isSequenceDefault(sql: string): boolean {
  return /^nextval\(/i.test(sql.trim());
}

/** Keys for `table.c`: the column name, unless JavaScript would reorder it (integer-like keys). */
function columnKey(name: string): string {
  return /^(0|[1-9]\d*)$/.test(name) ? `_${name}` : name;
}

/** Builds and registers the Table described by `r` in `metadata`. */
export function buildTable(metadata: MetaData, r: ReflectedTable): AnyTable {
  const pkNames = new Set(r.primaryKey.columns);
  const specs: Record<string, ColumnSpec<unknown>> = {};
  const keyOf = new Map<string, string>();
  for (const c of r.columns) {
    const options: ColumnOptions<unknown> = { nullable: c.nullable };
    const key = columnKey(c.name);
    if (key !== c.name) options.name = c.name;
    if (c.default !== undefined && !(c.autoincrement && isSequenceDefault(c.default))) options.serverDefault = { sql: c.default };
    if (c.comment !== undefined) options.comment = c.comment;
    // Only what the database generates is autoincrement; `'auto'` would guess.
    if (pkNames.has(c.name)) options.autoincrement = c.autoincrement;
    Object.defineProperty(specs, key, { value: column(c.type, options), enumerable: true, configurable: true, writable: true });
    keyOf.set(c.name, key);
  }

  return new Table(r.name, metadata, specs, {
    schema: r.schema,
    comment: r.comment,
    constraints: (cols) => {
      const byName = (name: string, what: string): ColumnRef<unknown> => {
        const col = (cols as Record<string, ColumnRef<unknown>>)[keyOf.get(name) ?? ''];
        if (!col) throw new ArgumentError(`reflecting ${tableKey(r.schema, r.name)}: ${what} names column ${JSON.stringify(name)}, which the table does not have`);
        return col;
      };
      const out: (TableConstraint | Index)[] = [];
      if (r.primaryKey.columns.length) {
        out.push(primaryKeyConstraint(r.primaryKey.columns.map((n) => byName(n, 'the primary key')), { name: r.primaryKey.name }));
      }
      for (const fk of r.foreignKeys) {
        const referredKey = tableKey(fk.referredSchema, fk.referredTable);
        const target = () => {
          const t = metadata.tables.get(referredKey);
          if (!t) throw new ArgumentError(`foreign key of ${tableKey(r.schema, r.name)}: the referred table ${referredKey} is not in the MetaData`);
          return fk.referredColumns.map((n) => {
            const col = t.columns.find((c) => c.name === n);
            if (!col) throw new ArgumentError(`foreign key of ${tableKey(r.schema, r.name)}: ${referredKey} has no column ${n}`);
            return col;
          });
        };
        out.push(
          foreignKeyConstraint(
            fk.columns.map((n) => byName(n, 'a foreign key')),
            target,
            { name: fk.name, onDelete: fk.onDelete, onUpdate: fk.onUpdate, ...(fk.deferrable ? { deferrable: true, initiallyDeferred: !!fk.initiallyDeferred } : {}) },
          ),
        );
      }
      for (const u of r.uniqueConstraints) out.push(uniqueConstraint(u.columns.map((n) => byName(n, 'a unique constraint')), { name: u.name }));
      for (const c of r.checkConstraints) out.push(checkConstraint(c.sqltext, { name: c.name }));
      for (const ix of r.indexes) {
        // The index behind a constraint is that constraint; DDL makes it again.
        if (ix.duplicatesConstraint !== undefined) continue;
        const elements = ix.elements.map((e) => ('column' in e ? byName(e.column, `index ${ix.name}`) : text(e.expression)));
        out.push(index(ix.name, elements as ColumnElement<unknown>[], { unique: ix.unique, where: ix.where === undefined ? undefined : (text(ix.where) as unknown as ColumnElement<boolean>) }));
      }
      return out;
    },
  }) as unknown as AnyTable;
}
