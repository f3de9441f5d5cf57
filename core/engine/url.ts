/**
 * Database URLs: `sqlite:///path.db`, `sqlite://` (in memory), `postgresql://user:pass@host:5432/db`,
 * `mysql://…`, `mariadb://…`. The password is masked whenever a URL is printed.
 */
import { UrlError } from '../errors';

export interface DatabaseUrl {
  readonly drivername: string;
  readonly username?: string;
  readonly password?: string;
  readonly host?: string;
  readonly port?: number;
  /** Database name, or the SQLite file path (`:memory:` for an in-memory database). */
  readonly database?: string;
  readonly query: Readonly<Record<string, string>>;
  /** The URL with the password replaced by `***`. */
  toString(): string;
}

const KNOWN = ['sqlite', 'postgresql', 'postgres', 'mysql', 'mariadb'];

/** Parses a database URL; throws `UrlError` naming what is wrong. */
export function parseUrl(url: string): DatabaseUrl {
  if (typeof url !== 'string' || url.length === 0) throw new UrlError(`a database URL must be a non-empty string, got ${url === '' ? "''" : typeof url}`);
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(url);
  if (!m) throw new UrlError(`malformed database URL ${JSON.stringify(mask(url))}: expected scheme://…, e.g. sqlite:///app.db or postgresql://user@host/db`);
  const scheme = m[1].toLowerCase();
  const drivername = scheme.split('+')[0];
  if (!KNOWN.includes(drivername)) {
    throw new UrlError(`unknown database ${JSON.stringify(scheme)} in URL ${JSON.stringify(mask(url))}: Retort has dialects for sqlite, postgresql, mysql and mariadb`);
  }
  const rest = m[2];
  const [beforeQuery, queryString] = splitOnce(rest, '?');
  const query: Record<string, string> = {};
  if (queryString) for (const [k, v] of new URLSearchParams(queryString)) query[k] = v;

  if (drivername === 'sqlite') {
    // sqlite:// and sqlite:///:memory: are in memory; sqlite:///rel.db is relative, sqlite:////abs.db absolute.
    let database = beforeQuery.startsWith('/') ? beforeQuery.slice(1) : beforeQuery;
    if (database === '' || database === ':memory:') database = ':memory:';
    return makeUrl({ drivername, database: decodeURIComponent(database), query });
  }
  const [authority, path] = splitOnce(beforeQuery, '/');
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : undefined;
  const hostport = at >= 0 ? authority.slice(at + 1) : authority;
  let username: string | undefined;
  let password: string | undefined;
  if (userinfo !== undefined) {
    const [u, p] = splitOnce(userinfo, ':');
    username = safeDecode(u, url);
    password = p === undefined ? undefined : safeDecode(p, url);
  }
  let host = hostport;
  let port: number | undefined;
  const pm = /^(\[[^\]]+\]|[^:]*)(?::(.*))?$/.exec(hostport)!;
  host = pm[1].replace(/^\[|\]$/g, '');
  if (pm[2] !== undefined) {
    if (!/^\d{1,5}$/.test(pm[2]) || Number(pm[2]) > 65535) throw new UrlError(`bad port ${JSON.stringify(pm[2])} in URL ${JSON.stringify(mask(url))}`);
    port = Number(pm[2]);
  }
  return makeUrl({
    drivername: drivername === 'postgres' ? 'postgresql' : drivername,
    username,
    password,
    host: host || undefined,
    port,
    database: path ? safeDecode(path, url) : undefined,
    query,
  });
}

function safeDecode(s: string, url: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new UrlError(`bad %-escape in URL ${JSON.stringify(mask(url))}`);
  }
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function makeUrl(parts: Omit<DatabaseUrl, 'toString'>): DatabaseUrl {
  const u: DatabaseUrl = {
    ...parts,
    toString() {
      if (parts.drivername === 'sqlite') return `sqlite:///${parts.database}`;
      const auth = parts.username !== undefined ? `${encodeURIComponent(parts.username)}${parts.password !== undefined ? ':***' : ''}@` : '';
      const q = new URLSearchParams(parts.query).toString();
      return `${parts.drivername}://${auth}${parts.host ?? ''}${parts.port ? ':' + parts.port : ''}/${parts.database ?? ''}${q ? '?' + q : ''}`;
    },
  };
  return Object.freeze(u);
}

/** Masks the password of a URL-looking string (for error messages about unparseable URLs). */
export function mask(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@');
}
