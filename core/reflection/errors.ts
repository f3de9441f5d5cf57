/** Errors of reflection. */
import { RetortError } from '../errors';

/**
 * A table (or view) asked for by name does not exist in the database.
 * @example
 * try { await inspect(engine).getColumns('nope'); } catch (e) { if (e instanceof NoSuchTableError) … }
 */
export class NoSuchTableError extends RetortError {
  override readonly code = 'RT-NO-SUCH-TABLE';
  constructor(
    /** The missing names. */
    readonly tables: readonly string[],
    readonly schema: string | undefined,
    where: string,
  ) {
    const list = tables.map((t) => JSON.stringify(schema ? `${schema}.${t}` : t)).join(', ');
    super(`${tables.length === 1 ? 'no table or view' : 'no tables or views'} ${list} in ${where}`);
  }
}
