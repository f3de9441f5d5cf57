/**
 * `aliased(Model)`: the model under another name in one statement (self-joins, two joins
 * to one table). Selecting it returns ordinary identity-mapped objects of the model.
 */
import type { Column } from '../schema/column';
import type { Alias, ColumnRef } from '../sql/selectable';
import { SelectableLike, toSelectable } from '../sql/protocol';
import { MAPPER, MappedClass, mapperOf } from './mapper';
import type { AnyModel } from './model';

export const ALIASED = Symbol.for('retort.orm.aliased');

/** The class-level columns of an aliased model, pointing at the alias. */
export type AliasedAttributes<C> = {
  readonly [K in keyof C as C[K] extends Column<any, any, any> ? K : never]: C[K] extends Column<infer T, infer N, any> ? ColumnRef<T, N> : never;
};

/** A model under an alias: usable in `select()`, `join()`, and through `.c` in conditions. */
export type AliasedModel<M extends AnyModel> = (abstract new (...args: any[]) => InstanceType<M>) &
  SelectableLike & {
    readonly c: AliasedAttributes<M['c']>;
    /** The Core alias of the model's table. */
    readonly table: Alias;
  };

/**
 * @example
 * const manager = aliased(Employee, 'manager');
 * select(Employee, manager).join(manager, Employee.c.managerId.eq(manager.c.id))
 * // rows typed [Employee, Employee]
 */
export function aliased<M extends AnyModel>(model: M, name?: string): AliasedModel<M> {
  const mapper = mapperOf(model, 'aliased()');
  const alias = mapper.table.alias(name) as unknown as Alias;
  // A function object, so that its type can carry the model's instance type like a class does.
  const stand = function aliasedModel() {} as unknown as Record<string | symbol, unknown>;
  Object.defineProperty(stand, 'name', { value: name ?? `aliased_${mapper.name}` });
  Object.defineProperty(stand, MAPPER, { value: mapper });
  Object.defineProperty(stand, ALIASED, { value: alias });
  Object.defineProperty(stand, 'c', { value: alias.c });
  Object.defineProperty(stand, 'table', { value: alias });
  Object.defineProperty(stand, toSelectable, { value: () => alias });
  return stand as unknown as AliasedModel<M>;
}

/** True for what aliased() returns (it must never be taken for the user's class). */
export function isAliased(x: unknown): boolean {
  return typeof x === 'function' && (x as unknown as Record<symbol, unknown>)[ALIASED] !== undefined;
}

export type { MappedClass };
