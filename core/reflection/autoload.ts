/**
 * `autoloadTable()`: one table loaded from the database, SQLAlchemy's
 * `Table(name, metadata, autoload_with=engine)`. A constructor cannot wait for the database,
 * so this is an async function (see docs/decisions/reflection.md).
 */
import { ArgumentError } from '../errors';
import type { MetaData, ReflectBind } from '../schema/metadata';
import type { AnyTable } from '../schema/table';
import { tableKey } from './table-builder';

export interface AutoloadOptions {
  /** The Engine or Connection to read the table from. */
  autoloadWith: ReflectBind;
  schema?: string;
  /** Also load the tables its foreign keys refer to. Default true. */
  resolveForeignKeys?: boolean;
}

/**
 * Loads one table (and, by default, the tables its foreign keys refer to) into `metadata`
 * and returns it. A table already in the MetaData is returned as it is.
 *
 * @example
 * const users = await autoloadTable('users', metadata, { autoloadWith: engine });
 * await conn.execute(insert(users).values({ name: 'ada' }));
 */
export async function autoloadTable(name: string, metadata: MetaData, opts: AutoloadOptions): Promise<AnyTable> {
  if (typeof name !== 'string' || name === '') throw new ArgumentError('autoloadTable() needs a table name');
  if (!opts || typeof opts !== 'object' || !opts.autoloadWith) throw new ArgumentError('autoloadTable() needs { autoloadWith: engine or connection }');
  if (!metadata || typeof metadata.reflect !== 'function') throw new ArgumentError('autoloadTable(): the second argument must be a MetaData');
  const schema = opts.schema ?? metadata.options.schema;
  await metadata.reflect(opts.autoloadWith, { only: [name], schema, resolveForeignKeys: opts.resolveForeignKeys, views: true });
  return metadata.table(tableKey(schema, name));
}
