/**
 * Reads a live database's tables through Retort's batched reflection (one catalog query per
 * kind of object for the whole schema). The one place the codemods import the engine at run
 * time — see docs/decisions/generate-tables.md.
 */
import { ConnectionError, createEngine, inspect } from '../../core/index';
import type { EngineOptions, Inspector } from '../../core/index';
import { CliError } from '../cli-error';
import { refersHere, SchemaModel, TableModel } from './schema-model';

export interface ReadOptions {
  url: string;
  /** The schema (PostgreSQL schema, MySQL database, SQLite attached database); default: the connection's. */
  schema?: string;
  /** Only these tables, plus the tables their foreign keys refer to. */
  only?: readonly string[];
}

export async function readSchema(opts: ReadOptions): Promise<SchemaModel> {
  const engine = createEngine(opts.url, engineOptions(opts.url));
  const where = `${engine.url.toString()}${opts.schema ? ` (schema ${opts.schema})` : ''}`;
  try {
    const insp = inspect(engine);
    const [names, defaultSchema] = await Promise.all([insp.getTableNames({ schema: opts.schema }), insp.getDefaultSchemaName()]).catch((e: unknown) => {
      // A connection error names the server already; `where` says it once.
      throw new CliError(`cannot read ${where}: ${firstLine(e instanceof ConnectionError ? e.driverError : e)}`, 1, { cause: e });
    });
    if (names.length === 0) throw new CliError(`${where} has no tables`);
    const context = { schema: opts.schema, defaultSchema };
    const wanted = opts.only ? await withReferredTables(insp, opts.only, names, context, where) : names;
    // Only the tables wanted: a large schema's other tables are not read at all.
    const scope = { schema: opts.schema, kind: 'table' as const, names: wanted.length === names.length ? undefined : wanted };
    const [columns, pks, fks, indexes, uniques, checks, comments] = await Promise.all([
      insp.getMultiColumns(scope),
      insp.getMultiPrimaryKeys(scope),
      insp.getMultiForeignKeys(scope),
      insp.getMultiIndexes(scope),
      insp.getMultiUniqueConstraints(scope),
      insp.getMultiCheckConstraints(scope),
      insp.getMultiTableComments(scope),
    ]);
    const tables = wanted
      .filter((name) => (columns.get(name)?.length ?? 0) > 0) // a table dropped while we read has none
      .map(
        (name): TableModel => ({
          name,
          columns: columns.get(name) ?? [],
          primaryKey: pks.get(name) ?? { name: undefined, columns: [] },
          foreignKeys: fks.get(name) ?? [],
          indexes: indexes.get(name) ?? [],
          uniqueConstraints: uniques.get(name) ?? [],
          checkConstraints: checks.get(name) ?? [],
          comment: comments.get(name) ?? undefined,
        }),
      );
    return { dialect: engine.dialect.name, source: engine.url.toString(), ...context, tables };
  } finally {
    await engine.dispose();
  }
}

/** The tables asked for and, transitively, those their foreign keys refer to in the same schema (one foreign-key query per level). */
async function withReferredTables(
  insp: Inspector,
  only: readonly string[],
  names: readonly string[],
  context: Pick<SchemaModel, 'schema' | 'defaultSchema'>,
  where: string,
): Promise<string[]> {
  const known = new Set(names);
  const missing = only.filter((n) => !known.has(n));
  if (missing.length) {
    const some = names.slice(0, 10).join(', ') + (names.length > 10 ? `, … (${names.length} tables)` : '');
    throw new CliError(`no table ${missing.map((m) => JSON.stringify(m)).join(', ')} in ${where}; it has ${some}`);
  }
  const chosen = new Set(only);
  for (let level = [...chosen]; level.length; ) {
    const fks = await insp.getMultiForeignKeys({ schema: context.schema, names: level });
    level = [];
    for (const list of fks.values()) {
      for (const fk of list) {
        if (refersHere(fk, context) && known.has(fk.referredTable) && !chosen.has(fk.referredTable)) {
          chosen.add(fk.referredTable);
          level.push(fk.referredTable);
        }
      }
    }
  }
  return names.filter((n) => chosen.has(n));
}

/** Reading must not create anything: a SQLite file must exist, and no connection waits forever. */
function engineOptions(url: string): EngineOptions {
  if (/^sqlite:/i.test(url)) return /^sqlite:\/\/(\/(:memory:)?)?(\?.*)?$/i.test(url) ? {} : { driverOptions: { fileMustExist: true } };
  if (/^postgres(ql)?:/i.test(url)) return { driverOptions: { connectionTimeoutMillis: 10_000 } };
  return { driverOptions: { connectTimeout: 10_000 } };
}

function firstLine(e: unknown): string {
  const message = (e as { message?: string })?.message ?? String(e);
  return message.split('\n')[0] || (e as { code?: string })?.code || 'unknown error';
}
