/**
 * Column definitions: `column(type, options)` describes a column; a `Table` binds each
 * description to its name and becomes the owner of the resulting `Column`.
 */
import { ArgumentError } from '../errors';
import { ColumnElement } from '../sql/elements';
import { ColumnRef, FromClause } from '../sql/selectable';
import { SqlType } from '../sql/types';

/** A server-side default: SQL text or an expression rendered into the DDL. */
export type ServerDefault = string | number | boolean | ColumnElement<unknown> | { sql: string };

export type ReferentialAction = 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'RESTRICT' | 'NO ACTION';

export interface ForeignKeyOptions {
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  name?: string;
  deferrable?: boolean;
  initiallyDeferred?: boolean;
  /** Create this constraint with ALTER TABLE after the tables (breaks cycles). */
  useAlter?: boolean;
}

/** A reference to another table's column, resolved lazily so tables can refer to each other. */
export interface ForeignKeySpec extends ForeignKeyOptions {
  /** `() => users.c.id`, or `'users.id'` resolved in the table's MetaData. */
  target: (() => ColumnRef<unknown>) | string;
}

/**
 * A foreign key on one column.
 * @example userId: column(integer(), { references: foreignKey(() => users.c.id, { onDelete: 'CASCADE' }) })
 */
export function foreignKey(target: (() => ColumnRef<unknown>) | string, opts: ForeignKeyOptions = {}): ForeignKeySpec {
  if (typeof target !== 'function' && (typeof target !== 'string' || !target.includes('.'))) {
    throw new ArgumentError(`foreignKey() target must be a function returning a column or 'table.column', got ${JSON.stringify(target)}`);
  }
  return { ...opts, target };
}

export interface ColumnOptions<T> {
  /** Part of the primary key (implies NOT NULL). */
  primaryKey?: boolean;
  /** Defaults to true, except for primary key columns. */
  nullable?: boolean;
  /** A value (or a function making one per row) used when an INSERT does not set the column. */
  default?: T | (() => T);
  /** A value (or function) set on every UPDATE that does not set the column. */
  onUpdate?: T | (() => T);
  /** A default rendered into the CREATE TABLE, applied by the database. */
  serverDefault?: ServerDefault;
  /**
   * Integer primary keys generate their values by default (`'auto'`); `true` forces it,
   * `false` turns it off. PostgreSQL uses an identity column.
   */
  autoincrement?: boolean | 'auto';
  unique?: boolean;
  index?: boolean;
  comment?: string;
  references?: ForeignKeySpec;
  /** The column's name in the database, when it differs from its key in the table. */
  name?: string;
}

type IsOptionalOnInsert<T, O> = O extends { default: unknown } | { serverDefault: unknown } | { nullable: true }
  ? true
  : O extends { primaryKey: true }
    ? O extends { autoincrement: false }
      ? false
      : NonNullable<T> extends number | bigint
        ? true
        : false
    : O extends { nullable: false }
      ? false
      : true;

type ValueType<T, O> = O extends { primaryKey: true } | { nullable: false } ? T : T | null;

/** An unbound column description, made by `column()`. */
export class ColumnSpec<T, Opt extends boolean = boolean> {
  declare readonly __js: T;
  declare readonly __optional: Opt;
  constructor(
    readonly type: SqlType<unknown>,
    readonly options: ColumnOptions<unknown>,
  ) {}
}

/**
 * Describes a table column.
 *
 * @example
 * const users = new Table('users', metadata, {
 *   id: column(integer(), { primaryKey: true }),
 *   name: column(string(50), { nullable: false }),
 *   email: column(string(255)), // string | null
 * });
 */
export function column<T, const O extends ColumnOptions<T> = {}>(
  type: SqlType<T>,
  options?: O,
): ColumnSpec<ValueType<T, O>, IsOptionalOnInsert<T, O>> {
  if (!(type instanceof SqlType)) {
    throw new ArgumentError(`column() needs a SQL type such as integer() or string(50) as its first argument, got ${describeValue(type)}`);
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new ArgumentError('column() options must be an object');
  }
  const known = new Set(['primaryKey', 'nullable', 'default', 'onUpdate', 'serverDefault', 'autoincrement', 'unique', 'index', 'comment', 'references', 'name']);
  for (const key of Object.keys(options ?? {})) {
    if (!known.has(key)) throw new ArgumentError(`column(): unknown option "${key}"`);
  }
  if (options?.primaryKey && options.nullable === true) throw new ArgumentError('column(): a primary key column cannot be nullable');
  return new ColumnSpec(type as SqlType<unknown>, { ...(options ?? {}) } as ColumnOptions<unknown>);
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'function') return `the function ${v.name || '(anonymous)'} (call it: ${v.name || 'type'}())`;
  return typeof v;
}

/** A foreign key of a bound column, with its target resolved on first use. */
export class ForeignKey {
  private resolved?: ColumnRef<unknown>;
  constructor(
    readonly parent: Column<unknown>,
    readonly spec: ForeignKeySpec,
    private readonly resolveName: (ref: string) => ColumnRef<unknown>,
  ) {}
  /** The referred column. Throws a clear error when the target cannot be found. */
  get column(): ColumnRef<unknown> {
    if (!this.resolved) {
      const t = this.spec.target;
      const c = typeof t === 'string' ? this.resolveName(t) : t();
      if (!(c instanceof ColumnRef)) throw new ArgumentError(`foreign key on ${(this.parent.table as { name?: string }).name}.${this.parent.name}: target is not a column`);
      this.resolved = c;
    }
    return this.resolved;
  }
}

/**
 * A column that belongs to a table. Also a typed SQL expression: `users.c.name.eq('x')`.
 */
export class Column<T, N extends string = string, Opt extends boolean = boolean> extends ColumnRef<T, N> {
  declare readonly __optional: Opt;
  readonly primaryKey: boolean;
  readonly nullable: boolean;
  readonly default: ColumnOptions<unknown>['default'];
  readonly onUpdate: ColumnOptions<unknown>['onUpdate'];
  readonly serverDefault: ServerDefault | undefined;
  readonly autoincrementOption: boolean | 'auto';
  readonly unique: boolean;
  readonly index: boolean;
  readonly comment: string | undefined;
  readonly foreignKeys: readonly ForeignKey[];
  constructor(table: FromClause & { name: string }, key: string, spec: ColumnSpec<unknown>, resolve: (ref: string) => ColumnRef<unknown>) {
    const o = spec.options;
    super(table, o.name ?? key, spec.type, undefined, key);
    this.primaryKey = !!o.primaryKey;
    this.nullable = o.nullable ?? !o.primaryKey;
    this.default = o.default;
    this.onUpdate = o.onUpdate;
    this.serverDefault = o.serverDefault;
    this.autoincrementOption = o.autoincrement ?? 'auto';
    this.unique = !!o.unique;
    this.index = !!o.index;
    this.comment = o.comment;
    this.foreignKeys = o.references ? [new ForeignKey(this as Column<unknown>, o.references, resolve)] : [];
  }
}
