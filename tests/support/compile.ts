/** Compiles one statement for every dialect, for exact-SQL assertions. */
import { compile, dialectFor, Dialect } from 'retort';

/** A MariaDB 10.11 dialect as it is after connecting (RETURNING on INSERT/DELETE, INTERSECT/EXCEPT). */
export function mariadb(): Dialect {
  const d = dialectFor('mysql') as Dialect & { isMariaDb: boolean };
  d.isMariaDb = true;
  d.serverVersion = '10.11.6';
  d.supports.returning = { insert: true, update: false, delete: true };
  d.supports.intersectExcept = true;
  return d;
}

export function sqlOf(stmt: Parameters<typeof compile>[0], params?: Record<string, unknown>) {
  const one = (d: Dialect | 'sqlite' | 'postgresql' | 'mysql') => compile(stmt, d, { params });
  return { sqlite: one('sqlite'), postgresql: one('postgresql'), mysql: one(mariadb()) };
}
