/**
 * Which Retort dialect serves a knex instance (from its client name), and a URL that
 * describes its database for `engine.toString()` and error messages (never with the password).
 */
import { ArgumentError } from '../../errors';
import type { DialectName } from '../../dialects/dialect';
import { DatabaseUrl, parseUrl } from '../../engine/url';
import type { KnexLike } from './knex-types';

const DIALECTS: Readonly<Record<string, DialectName>> = {
  pg: 'postgresql',
  postgres: 'postgresql',
  postgresql: 'postgresql',
  mysql2: 'mysql',
  'better-sqlite3': 'sqlite',
};

/** Clients knex has that Retort's drivers do not speak, with what to use instead. */
const ADVICE: Readonly<Record<string, string>> = {
  sqlite3: "use knex's 'better-sqlite3' client (Retort runs SQLite on better-sqlite3)",
  sqlite: "use knex's 'better-sqlite3' client (Retort runs SQLite on better-sqlite3)",
  mysql: "use knex's 'mysql2' client (Retort runs MySQL and MariaDB on mysql2)",
  pgnative: "use knex's 'pg' client (Retort runs PostgreSQL on pg, not pg-native)",
};

/** knex's name for its client: `config.client` when it is a name, else the client class's driver name. */
export function knexClientName(knex: KnexLike): string {
  const configured = knex.client.config?.client;
  return typeof configured === 'string' ? configured : String(knex.client.driverName ?? 'unknown');
}

/** The Retort dialect for a knex instance; an ArgumentError for a client Retort cannot share. */
export function dialectOfKnex(knex: KnexLike): DialectName {
  const name = knexClientName(knex);
  const dialect = DIALECTS[name];
  if (dialect) return dialect;
  const advice = ADVICE[name] ?? `Retort shares knex's 'pg', 'mysql2' and 'better-sqlite3' clients`;
  throw new ArgumentError(`createEngineFromKnex(): knex client ${JSON.stringify(name)} is not supported: ${advice}`);
}

/** A URL naming the database knex connects to, for messages; the scheme alone when the config is opaque. */
export function describeKnexDatabase(knex: KnexLike, dialect: DialectName): DatabaseUrl {
  const scheme = `${dialect}://`;
  const connection = knex.client.config?.connection;
  try {
    if (typeof connection === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(connection)) return withoutPassword(parseUrl(connection), scheme);
    if (connection && typeof connection === 'object') {
      const c = connection as Record<string, unknown>;
      if (dialect === 'sqlite') return parseUrl(`sqlite:///${typeof c.filename === 'string' ? c.filename : ''}`);
      if (typeof c.connectionString === 'string') return withoutPassword(parseUrl(c.connectionString), scheme);
      const user = typeof c.user === 'string' ? `${encodeURIComponent(c.user)}@` : '';
      const host = typeof c.host === 'string' ? (c.host.includes(':') ? `[${c.host}]` : c.host) : '';
      const port = typeof c.port === 'number' || typeof c.port === 'string' ? `:${c.port}` : '';
      const database = typeof c.database === 'string' ? encodeURIComponent(c.database) : '';
      return parseUrl(`${scheme}${user}${host}${port}/${database}`);
    }
  } catch {
    // An unusual config only makes the description shorter.
  }
  return parseUrl(scheme);
}

function withoutPassword(url: DatabaseUrl, scheme: string): DatabaseUrl {
  const user = url.username ? `${encodeURIComponent(url.username)}@` : '';
  const host = url.host ? (url.host.includes(':') ? `[${url.host}]` : url.host) : '';
  const port = url.port ? `:${url.port}` : '';
  return parseUrl(`${scheme}${user}${host}${port}/${url.database ? encodeURIComponent(url.database) : ''}`);
}
