/**
 * `Table`: a named set of typed columns with its constraints and indexes, registered in a
 * `MetaData`. A table is a FROM element, so it can be selected from and joined.
 */
import { ArgumentError } from '../errors';
import { CacheKeyBuilder } from '../sql/node';
import { Alias, AliasedColumns, ColumnRef, ForeignKeyLike, HasForeignKeys, NamedFromClause } from '../sql/selectable';
import { Column, ColumnSpec } from './column';
import {
  CheckConstraint,
  ForeignKeyConstraint,
  Index,
  PrimaryKeyConstraint,
  TableConstraint,
  UniqueConstraint,
} from './constraints';
import type { MetaData } from './metadata';
import { conventionalName } from './names';

/** The bound columns of a table made from column descriptions. */
export type TableColumns<C> = {
  readonly [K in keyof C & string]: C[K] extends ColumnSpec<infer T, infer O> ? Column<T, K, O> : never;
};

export interface TableOptions<Cols> {
  /** The schema (PostgreSQL schema, MySQL database) the table lives in. */
  schema?: string;
  comment?: string;
  /** Table-level constraints and indexes, given the table's typed columns. */
  constraints?: (c: Cols) => readonly (TableConstraint | Index)[];
}

/**
 * A database table.
 *
 * @example
 * const metadata = new MetaData();
 * const users = new Table('users', metadata, {
 *   id: column(integer(), { primaryKey: true }),
 *   name: column(string(50), { nullable: false }),
 * });
 * select(users.c.id, users.c.name); // rows typed [number, string]
 */
export class Table<N extends string = string, C extends Record<string, ColumnSpec<any, any>> = Record<string, ColumnSpec<unknown>>>
  extends NamedFromClause<TableColumns<C>>
  implements HasForeignKeys
{
  readonly kind = 'table';
  readonly c: TableColumns<C>;
  readonly schema: string | undefined;
  readonly comment: string | undefined;
  readonly metadata: MetaData;
  readonly primaryKey: PrimaryKeyConstraint;
  readonly constraints: readonly TableConstraint[];
  readonly indexes: readonly Index[];
  /** The column whose value the database generates on INSERT, if any. */
  readonly autoincrementColumn: Column<unknown> | undefined;

  constructor(
    readonly name: N,
    metadata: MetaData,
    columns: C,
    options: TableOptions<TableColumns<C>> = {},
  ) {
    super();
    if (typeof name !== 'string' || name.length === 0) throw new ArgumentError('Table needs a non-empty name');
    if (!metadata || typeof (metadata as MetaData)._register !== 'function') {
      throw new ArgumentError(`Table ${name}: the second argument must be a MetaData`);
    }
    if (!columns || typeof columns !== 'object' || Object.keys(columns).length === 0) {
      throw new ArgumentError(`Table ${name} needs at least one column`);
    }
    this.schema = options.schema;
    this.comment = options.comment;
    this.metadata = metadata;
    const bound: Record<string, Column<unknown>> = {};
    const seenNames = new Set<string>();
    for (const [key, spec] of Object.entries(columns)) {
      if (!(spec instanceof ColumnSpec)) {
        throw new ArgumentError(`Table ${name}: column "${key}" must be made with column(type, options)`);
      }
      const col = new Column(this as unknown as Table, key, spec, (ref) => metadata._resolveColumn(ref, this.schema));
      if (seenNames.has(col.name)) throw new ArgumentError(`Table ${name}: two columns are named "${col.name}"`);
      seenNames.add(col.name);
      bound[key] = col;
    }
    this.c = Object.freeze(bound) as TableColumns<C>;

    const extra = options.constraints ? options.constraints(this.c) : [];
    const pkCols = this.columnsList.filter((c) => c.primaryKey);
    const explicitPk = extra.find((x): x is PrimaryKeyConstraint => x instanceof PrimaryKeyConstraint);
    if (explicitPk && pkCols.length) throw new ArgumentError(`Table ${name}: primary key given both on columns and as a constraint`);
    this.primaryKey = explicitPk ?? new PrimaryKeyConstraint(pkCols);
    for (const c of this.primaryKey.columns) {
      if (c.table !== (this as unknown)) throw new ArgumentError(`Table ${name}: primary key column ${c.name} belongs to another table`);
      (c as unknown as { nullable: boolean }).nullable = false;
    }
    const columnFks = this.columnsList.flatMap((c) =>
      c.foreignKeys.map((fk) => new ForeignKeyConstraint([c], () => [fk.column], fk.spec)),
    );
    this.constraints = [
      ...columnFks,
      ...this.columnsList.filter((c) => c.unique).map((c) => new UniqueConstraint([c])),
      ...extra.filter((x): x is TableConstraint => !(x instanceof Index) && !(x instanceof PrimaryKeyConstraint)),
    ];
    for (const x of extra) {
      if (!(x instanceof Index) && !(x instanceof UniqueConstraint) && !(x instanceof CheckConstraint) && !(x instanceof ForeignKeyConstraint) && !(x instanceof PrimaryKeyConstraint)) {
        throw new ArgumentError(`Table ${name}: constraints() returned something that is not a constraint or index`);
      }
    }
    this.indexes = [
      ...this.columnsList.filter((c) => c.index).map((c) => new Index(conventionalName(`ix_${name}_${c.name}`), [c], false)),
      ...extra.filter((x): x is Index => x instanceof Index),
    ];
    this.autoincrementColumn = findAutoincrement(this.primaryKey.columns as Column<unknown>[]);
    metadata._register(this as unknown as Table);
  }

  private get columnsList(): Column<unknown>[] {
    return Object.values(this.c) as Column<unknown>[];
  }

  /** The name with its schema, as used in messages and MetaData keys: `schema.name`. */
  get fullName(): string {
    return this.schema ? `${this.schema}.${this.name}` : this.name;
  }

  /** All foreign key constraints (column-level ones included). */
  get foreignKeys(): ForeignKeyConstraint[] {
    return this.constraints.filter((c): c is ForeignKeyConstraint => c instanceof ForeignKeyConstraint);
  }

  /** `table AS name`. @example const author = users.alias('author') */
  alias(name?: string): Alias<AliasedColumns<TableColumns<C>>> {
    return new Alias(this, name) as unknown as Alias<AliasedColumns<TableColumns<C>>>;
  }

  /** @internal */
  _foreignKeyPairs(): readonly ForeignKeyLike[] {
    return this.foreignKeys.flatMap((fk) => fk.columns.map((parent, i) => ({ parent, referred: fk.referred[i] })));
  }
  /** Distinguishes same-named tables of different MetaData in one engine's statement cache. */
  private readonly uid = ++tableCounter;
  /**
   * Made once: a table's key part is the same in every statement. The uid alone names the
   * table (it is unique per Table object); leaving the name out keeps keys short, and a key
   * is joined, hashed and compared for every statement built per call.
   */
  private fixedKey: string | undefined;
  override _fixedFromKey(): string {
    return (this.fixedKey ??= `T#${this.uid}`);
  }
  _fromKey(k: CacheKeyBuilder): void {
    k.push(this._fixedFromKey());
  }
  _key(k: CacheKeyBuilder): void {
    this._fromKey(k);
  }
}

let tableCounter = 0;

function findAutoincrement(pk: Column<unknown>[]): Column<unknown> | undefined {
  const integerKinds = ['integer', 'bigint', 'smallint'];
  const forced = pk.filter((c) => c.autoincrementOption === true);
  if (forced.length > 1) throw new ArgumentError('only one column of a table can be autoincrement');
  if (forced.length === 1) return forced[0];
  const auto = pk.filter((c) => c.autoincrementOption === 'auto' && integerKinds.includes(c.type.kind) && c.foreignKeys.length === 0);
  // Like most databases, only a single-column integer primary key generates values by default.
  return pk.length === 1 && auto.length === 1 && auto[0].default === undefined && auto[0].serverDefault === undefined ? auto[0] : undefined;
}

export type AnyTable = Table<string, Record<string, ColumnSpec<any, any>>>;
export { ColumnRef };
