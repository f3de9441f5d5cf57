/**
 * What reading one chain needs from the file around it: the source text, the known tables,
 * local names for the Retort imports it uses, and the check that a value is plain code (not
 * knex itself).
 */
import type { AstNode } from './ast';
import type { KnownTable, TableCatalog } from './tables';

export interface ChainContext {
  readonly source: string;
  readonly catalog: TableCatalog;
  /** The local name of a `retort` export, recording that the file needs it. */
  retort(name: string): string;
  /** The local name of a table's variable, recording that the file imports it. */
  table(t: KnownTable): string;
  /** A value's source text; throws a Skip when it uses knex (a builder, `knex.raw`, `knex.fn`, a transaction). */
  value(node: AstNode): string;
}
