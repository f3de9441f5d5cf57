/**
 * The shapes reflection returns: plain, dialect-neutral descriptions of what the database
 * catalog holds. The Inspector hands these out; `metadata.reflect()` turns them into Tables.
 */
import type { ReferentialAction } from '../schema/column';
import type { SqlType } from '../sql/types';

/** What kind of relation a name is. Materialized views exist on PostgreSQL only. */
export type ObjectKind = 'table' | 'view' | 'materializedView';

export interface ReflectedColumn {
  readonly name: string;
  /** The Retort type; `kind: 'unknown'` with `options.databaseName` for a type Retort does not know. */
  readonly type: SqlType<unknown>;
  readonly nullable: boolean;
  /** The server default as SQL text, as the database reports it (`'abc'::character varying`, `0`, `now()`). */
  readonly default: string | undefined;
  /** The database generates values (rowid alias, AUTO_INCREMENT, identity or serial). */
  readonly autoincrement: boolean;
  /** PostgreSQL identity columns: `GENERATED ALWAYS` (`always: true`) or `BY DEFAULT`. */
  readonly identity?: { readonly always: boolean };
  /** A generated column's expression. */
  readonly computed?: { readonly sqltext: string; readonly persisted: boolean };
  readonly comment: string | undefined;
}

export interface ReflectedPrimaryKey {
  readonly name: string | undefined;
  /** Column names in key order; empty when the table has no primary key. */
  readonly columns: readonly string[];
}

export interface ReflectedForeignKey {
  readonly name: string | undefined;
  readonly columns: readonly string[];
  /** Undefined when the referred table is in the default schema. */
  readonly referredSchema: string | undefined;
  readonly referredTable: string;
  readonly referredColumns: readonly string[];
  /** Left out when it is the database's default (NO ACTION, or RESTRICT on MySQL). */
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  readonly deferrable?: boolean;
  readonly initiallyDeferred?: boolean;
}

/** One element of an index: a column, or an expression (`lower(name)`). */
export type ReflectedIndexElement = { readonly column: string } | { readonly expression: string };

export interface ReflectedIndex {
  readonly name: string;
  readonly unique: boolean;
  readonly elements: readonly ReflectedIndexElement[];
  /** A partial index's condition (PostgreSQL, SQLite). */
  readonly where?: string;
  /**
   * Set when the index is how the database implements a constraint of this name (a unique
   * constraint, or MySQL's automatic index for a foreign key); `reflect()` skips such indexes.
   */
  readonly duplicatesConstraint?: string;
  /** What Retort's Index cannot express, e.g. `{ type: 'FULLTEXT' }` or `{ method: 'gin' }`. */
  readonly dialectOptions?: Readonly<Record<string, unknown>>;
}

export interface ReflectedUniqueConstraint {
  readonly name: string | undefined;
  readonly columns: readonly string[];
}

export interface ReflectedCheckConstraint {
  readonly name: string | undefined;
  /** The condition's SQL, without the `CHECK (…)` around it. */
  readonly sqltext: string;
}

/** One relation in a schema, as the catalog lists it. */
export interface ReflectedObject {
  readonly name: string;
  readonly kind: ObjectKind;
}
