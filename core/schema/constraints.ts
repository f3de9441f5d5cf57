/**
 * Table-level constraints and indexes: composite primary and foreign keys, unique and
 * check constraints, indexes (unique, multi-column, expression and partial).
 */
import { ArgumentError } from '../errors';
import { ColumnElement } from '../sql/elements';
import { ColumnRef } from '../sql/selectable';
import type { ForeignKeyOptions } from './column';

export class PrimaryKeyConstraint {
  readonly kind = 'primaryKey';
  constructor(
    readonly columns: readonly ColumnRef<unknown>[],
    readonly name?: string,
  ) {}
}

export class UniqueConstraint {
  readonly kind = 'unique';
  constructor(
    readonly columns: readonly ColumnRef<unknown>[],
    readonly name?: string,
  ) {}
}

export class CheckConstraint {
  readonly kind = 'check';
  constructor(
    /** SQL text, or a boolean expression over the table's columns. */
    readonly condition: string | ColumnElement<boolean>,
    readonly name?: string,
  ) {}
}

export class ForeignKeyConstraint {
  readonly kind = 'foreignKey';
  constructor(
    readonly columns: readonly ColumnRef<unknown>[],
    /** Resolved lazily so tables can refer to tables defined later. */
    readonly target: () => readonly ColumnRef<unknown>[],
    readonly options: ForeignKeyOptions,
  ) {}
  private resolved?: readonly ColumnRef<unknown>[];
  get referred(): readonly ColumnRef<unknown>[] {
    if (!this.resolved) {
      const r = this.target();
      if (r.length !== this.columns.length) {
        throw new ArgumentError(`foreign key has ${this.columns.length} local column(s) but refers to ${r.length}`);
      }
      this.resolved = r;
    }
    return this.resolved;
  }
  get referredTable(): ColumnRef<unknown>['table'] {
    return this.referred[0].table;
  }
}

export class Index {
  readonly kind = 'index';
  constructor(
    readonly name: string,
    readonly expressions: readonly ColumnElement<unknown>[],
    readonly unique: boolean,
    /** A partial index's condition (PostgreSQL and SQLite). */
    readonly where?: ColumnElement<boolean>,
  ) {
    if (typeof name !== 'string' || !name) throw new ArgumentError('index() needs a name');
    if (expressions.length === 0) throw new ArgumentError(`index ${name} needs at least one column or expression`);
  }
}

export type TableConstraint = PrimaryKeyConstraint | UniqueConstraint | CheckConstraint | ForeignKeyConstraint;

function cols(what: string, columns: readonly ColumnRef<unknown>[]): readonly ColumnRef<unknown>[] {
  if (!Array.isArray(columns) || columns.length === 0 || columns.some((c) => !(c instanceof ColumnRef))) {
    throw new ArgumentError(`${what}() takes a non-empty list of the table's columns`);
  }
  return columns;
}

/** A (composite) primary key. @example (c) => [primaryKeyConstraint([c.orderId, c.line])] */
export const primaryKeyConstraint = (columns: readonly ColumnRef<any>[], opts: { name?: string } = {}) =>
  new PrimaryKeyConstraint(cols('primaryKeyConstraint', columns), opts.name);
/** A (multi-column) unique constraint. */
export const uniqueConstraint = (columns: readonly ColumnRef<any>[], opts: { name?: string } = {}) =>
  new UniqueConstraint(cols('uniqueConstraint', columns), opts.name);
/** A CHECK constraint. @example (c) => [checkConstraint(c.price.ge('0'), { name: 'price_positive' })] */
export function checkConstraint(condition: string | ColumnElement<boolean>, opts: { name?: string } = {}): CheckConstraint {
  if (typeof condition !== 'string' && !(condition instanceof ColumnElement)) {
    throw new ArgumentError('checkConstraint() takes SQL text or a boolean expression');
  }
  return new CheckConstraint(condition, opts.name);
}
/** A (composite) foreign key. @example (c) => [foreignKeyConstraint([c.a, c.b], () => [other.c.a, other.c.b])] */
export function foreignKeyConstraint(
  columns: readonly ColumnRef<any>[],
  target: () => readonly ColumnRef<any>[],
  opts: ForeignKeyOptions = {},
): ForeignKeyConstraint {
  if (typeof target !== 'function') throw new ArgumentError('foreignKeyConstraint() target must be a function returning columns');
  return new ForeignKeyConstraint(cols('foreignKeyConstraint', columns), target, opts);
}
/** An index. @example (c) => [index('ix_users_name', [c.name], { unique: true })] */
export function index(name: string, expressions: readonly ColumnElement<any>[], opts: { unique?: boolean; where?: ColumnElement<boolean> } = {}): Index {
  return new Index(name, expressions, !!opts.unique, opts.where);
}
