/**
 * Retort's driver adapter for a raw connection out of knex's pool: better-sqlite3
 * `Database`, pg `Client` or mysql2 connection. One adapter per raw connection, kept as long
 * as knex keeps the connection, so its listeners and prepared statements are made once.
 */
import type { DialectName, DriverConnection } from '../../dialects/dialect';
import { MysqlConnection } from '../../dialects/mysql/driver';
import { PgConnection } from '../../dialects/postgresql/driver';
import { SqliteConnection } from '../../dialects/sqlite/driver';
import { ArgumentError } from '../../errors';
import { mysqlConnectionView, pgClientView } from './driver-views';

const adapters = new WeakMap<object, Promise<DriverConnection>>();

/** The adapter of a raw knex connection (made on first sight). */
export function adapterFor(raw: unknown, dialect: DialectName): Promise<DriverConnection> {
  if (raw === null || typeof raw !== 'object') {
    return Promise.reject(new ArgumentError(`knex handed out ${raw === null ? 'null' : typeof raw} instead of a ${dialect} driver connection`));
  }
  let adapter = adapters.get(raw);
  if (!adapter) {
    adapter = makeAdapter(raw, dialect);
    adapters.set(raw, adapter);
    adapter.catch(() => adapters.delete(raw));
  }
  return adapter;
}

async function makeAdapter(raw: object, dialect: DialectName): Promise<DriverConnection> {
  switch (dialect) {
    case 'sqlite':
      expectMethods(raw, ['prepare', 'exec'], 'a better-sqlite3 Database');
      return new SqliteConnection(raw as ConstructorParameters<typeof SqliteConnection>[0]);
    case 'postgresql':
      expectMethods(raw, ['query', 'on'], 'a pg Client');
      return new PgConnection((await pgClientView(raw)) as ConstructorParameters<typeof PgConnection>[0]);
    case 'mysql':
      expectMethods(raw, ['query', 'execute', 'promise'], 'a mysql2 connection');
      return new MysqlConnection(mysqlConnectionView(raw) as ConstructorParameters<typeof MysqlConnection>[0]);
  }
}

function expectMethods(raw: object, names: string[], what: string): void {
  for (const n of names) {
    if (typeof (raw as Record<string, unknown>)[n] !== 'function') throw new ArgumentError(`knex handed out a connection that is not ${what} (it has no ${n}())`);
  }
}
