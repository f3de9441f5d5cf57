/**
 * `compile()`: a statement's SQL and parameters for a dialect, without a database — for
 * logging, tests and learning what Retort sends.
 */
import { ArgumentError } from '../errors';
import type { Dialect } from '../dialects/dialect';
import { dialectFor } from '../dialects/registry';
import { Node } from '../sql/node';

export interface CompiledSql {
  readonly sql: string;
  readonly params: unknown[];
}

/**
 * @example
 * compile(select(users.c.id).where(users.c.name.eq('ada')), 'postgresql')
 * // { sql: 'SELECT users.id FROM users WHERE users.name = $1', params: ['ada'] }
 */
export function compile(
  statement: Node,
  dialect: Dialect | 'sqlite' | 'postgresql' | 'mysql' | 'mariadb' | { dialect: Dialect },
  opts: { literalBinds?: boolean; params?: Record<string, unknown> } = {},
): CompiledSql {
  if (!(statement instanceof Node) || typeof (statement as { _cache?: unknown })._cache !== 'object') {
    throw new ArgumentError('compile() takes a statement such as select(), insert() or text()');
  }
  const d = typeof dialect === 'string' ? dialectFor(dialect) : 'dialect' in dialect && !('name' in dialect) ? dialect.dialect : (dialect as Dialect);
  const ck = (statement as unknown as { _cache: { binds: any[] } })._cache;
  const needsKeys = (statement.kind === 'insert' || statement.kind === 'update') && opts.params ? Object.keys(opts.params) : undefined;
  const compiled = d.createCompiler({ literalBinds: opts.literalBinds, paramKeys: needsKeys }).compile(statement, ck.binds);
  if (opts.literalBinds) return { sql: compiled.sql, params: [] };
  const built = compiled.build(ck.binds, opts.params);
  return { sql: built.sql, params: built.values };
}
