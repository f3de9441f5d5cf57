/**
 * The part of knex that Retort uses, as structural types: knex stays an optional peer of
 * the application, never a dependency of Retort (a real `Knex` and `Knex.Transaction`
 * satisfy these).
 */

/** `knex.client`: its configuration and its pool (`acquireConnection` / `releaseConnection`). */
export interface KnexClientLike {
  readonly config: { readonly client?: unknown; readonly connection?: unknown };
  /** knex's name of the driver module, e.g. `pg`, `mysql2`, `better-sqlite3`. */
  readonly driverName?: string;
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown> | unknown;
}

/** A knex instance: `knex({ client: 'pg', connection: … })`. */
export interface KnexLike {
  readonly client: KnexClientLike;
}

/** The `trx` of `knex.transaction(async (trx) => …)`; its client hands out the transaction's connection. */
export interface KnexTransactionLike extends KnexLike {
  readonly isTransaction?: boolean;
  isCompleted(): boolean;
}
