/** Which dialect serves which URL scheme. */
import { UrlError } from '../errors';
import type { Dialect } from './dialect';
import { MysqlDialect } from './mysql';
import { PostgresDialect } from './postgresql';
import { SqliteDialect } from './sqlite';

const FACTORIES: Record<string, () => Dialect> = {
  sqlite: () => new SqliteDialect(),
  postgresql: () => new PostgresDialect(),
  postgres: () => new PostgresDialect(),
  mysql: () => new MysqlDialect(),
  mariadb: () => new MysqlDialect(),
};

/** A fresh dialect instance for a URL scheme or dialect name. */
export function dialectFor(name: string): Dialect {
  const f = FACTORIES[name];
  if (!f) throw new UrlError(`unknown dialect ${JSON.stringify(name)}: Retort has sqlite, postgresql, mysql and mariadb`);
  return f();
}
