/**
 * The one protocol between the shim's statement wrappers and its execution paths: a legacy
 * select is not a 2.0 node (it can change in place, L206), so it hands out the current
 * 2.0 statement through `toStatement()` wherever it is executed or embedded.
 */

/** An object standing for a 2.0 statement (a legacy select). */
export interface StatementLike<S = unknown> {
  toStatement(): S;
}

export function isStatementLike(x: unknown): x is StatementLike {
  return typeof x === 'object' && x !== null && typeof (x as StatementLike).toStatement === 'function';
}

/** The 2.0 statement behind `x`, or `x` itself. */
export function toStatement<T>(x: T): T {
  return (isStatementLike(x) ? x.toStatement() : x) as T;
}
