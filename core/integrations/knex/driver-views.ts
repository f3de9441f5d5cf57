/**
 * Retort's driver adapters expect connections Retort configured (pg type parsers, mysql2
 * rows as arrays and dates as text). A connection knex made is configured for knex, so these
 * views pass Retort's reading rules with each query instead — the connection itself is not
 * changed, and knex's own queries on it read as before.
 */
import { pgTypeParsers } from '../../dialects/postgresql/driver';

type AnyFn = (...args: any[]) => any;

/** A pg `Client` whose queries carry Retort's type parsers (dates, numerics and int8 as text). */
export async function pgClientView(client: object): Promise<object> {
  const pg = (await import('pg')).default;
  const types = pgTypeParsers(pg.types);
  const query = (client as { query: AnyFn }).query.bind(client);
  return new Proxy(client, {
    get(target, key) {
      if (key === 'query') return (q: string | Record<string, unknown>, ...rest: unknown[]) => query(typeof q === 'string' ? { text: q, types } : { ...q, types }, ...rest);
      if (key === 'end') return knexOwnsIt;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** What Retort's MySQL adapter asks of mysql2 on its own connections, given per query. */
const MYSQL_READ_OPTIONS = {
  rowsAsArray: true,
  supportBigNumbers: true,
  bigNumberStrings: true,
  dateStrings: true,
  timezone: 'Z',
  // jsonStrings and decimalNumbers are connection-only settings in mysql2: read those columns as text here.
  typeCast: (field: { type?: string; extendedFormat?: string; string(encoding?: string): unknown }, next: () => unknown) =>
    field.type === 'JSON' || field.extendedFormat === 'json' ? field.string('utf8') : field.type === 'NEWDECIMAL' || field.type === 'DECIMAL' ? field.string() : next(),
};

/** A mysql2 promise connection over knex's callback connection, whose queries carry Retort's reading rules. */
export function mysqlConnectionView(connection: object): object {
  const core = connection as { promise(): object; query: AnyFn };
  const promise = core.promise();
  const withOptions = (sql: string | Record<string, unknown>) => (typeof sql === 'string' ? { sql, ...MYSQL_READ_OPTIONS } : { ...sql, ...MYSQL_READ_OPTIONS });
  const coreView = new Proxy(connection, {
    get(target, key) {
      if (key === 'query' || key === 'execute') {
        const fn = (target as Record<string, AnyFn>)[key].bind(target);
        return (sql: string | Record<string, unknown>, ...rest: unknown[]) => fn(withOptions(sql), ...rest);
      }
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return new Proxy(promise, {
    get(target, key) {
      if (key === 'query' || key === 'execute') {
        const fn = (target as Record<string, AnyFn>)[key].bind(target);
        return (sql: string | Record<string, unknown>, ...rest: unknown[]) => fn(withOptions(sql), ...rest);
      }
      if (key === 'connection') return coreView;
      if (key === 'end' || key === 'destroy') return knexOwnsIt;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Retort never ends a borrowed connection: knex's pool decides when a connection closes. */
async function knexOwnsIt(): Promise<void> {}
