/**
 * Hooks through which a layer above Core (the ORM) hands its own objects to Core
 * statements without Core knowing that layer: a model class stands for its table, a
 * relationship attribute for a join target. Core only calls these symbols.
 */
import type { ColumnElement } from './elements';
import type { FromClause } from './selectable';

/** The method an object implements to be accepted by `select()` as a column or FROM element. */
export const toSelectable: unique symbol = Symbol.for('retort.toSelectable') as never;

/** The method an object implements to be accepted by `join()`: the element joined and, optionally, the ON clause. */
export const toJoinTarget: unique symbol = Symbol.for('retort.toJoinTarget') as never;

/**
 * Something that stands for a Core element in a SELECT list, e.g. an ORM model class.
 * @example select(User) // User[toSelectable]() returns User's Table
 */
export interface SelectableLike {
  [toSelectable](): ColumnElement<any> | FromClause<any>;
}

/**
 * Something that can be joined to: `select(User).join(User.c.addresses)`. `via` lists
 * elements joined first, in order (the association table of a many-to-many).
 */
export interface JoinTargetLike {
  [toJoinTarget](left: FromClause<any> | undefined): {
    readonly target: FromClause<any>;
    readonly on?: ColumnElement<boolean>;
    readonly via?: readonly { readonly target: FromClause<any>; readonly on: ColumnElement<boolean> }[];
  };
}

export function isSelectableLike(v: unknown): v is SelectableLike {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as SelectableLike)[toSelectable] === 'function';
}

export function isJoinTargetLike(v: unknown): v is JoinTargetLike {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as JoinTargetLike)[toJoinTarget] === 'function';
}

/** A statement option that Core carries but does not interpret (ORM loader options). */
export interface StatementOption {
  readonly optionKind: string;
}
