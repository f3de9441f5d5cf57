/**
 * Reads a live database's tables through Retort's batched reflection (one catalog query per
 * kind of object for the whole schema). The one place the codemods import the engine at run
 * time — see docs/decisions/generate-tables.md.
 */
import { createEngine, inspect } from '../../core/index';
import { CliError } from '../cli-error';
import type { EngineOptions } from '../../core/index';
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
  try {
    const insp = inspect(engine);
    const scope = { schema: opts.schema, kind: 'table' as const };
    const names = await insp.getTableNames({ schema: opts.schema }).catch((e: unknown) => {
      throw new CliError(`cannot read ${engine.url.toString()}: ${firstLine(e)}`, 1, { cause: e });
    });
    if (names.length === 0) throw new CliError(`${engine.url.toString()}${opts.schema ? ` (schema ${opts.schema})` : ''} has no tables`);
    const [defaultSchema, columns, pks, fks, indexes, uniques, checks, comments] = await Promise.all([
      insp.getDefaultSchemaName(),
      insp.getMultiColumns(scope),
      insp.getMultiPrimaryKeys(scope),
      insp.getMultiForeignKeys(scope),
      insp.getMultiIndexes(scope),
      insp.getMultiUniqueConstraints(scope),
      insp.getMultiCheckConstraints(scope),
      insp.getMultiTableComments(scope),
    ]);
    const all = names.map(
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
    const model = { dialect: engine.dialect.name, source: engine.url.toString(), schema: opts.schema, defaultSchema, tables: all };
    return { ...model, tables: selectTables(model, opts.only) };
  } finally {
    await engine.dispose();
  }
}

/** The tables asked for and, transitively, those their foreign keys refer to (in the same schema). */
function selectTables(model: SchemaModel, only: readonly string[] | undefined): TableModel[] {
  const all = model.tables;
  if (!only) return [...all];
  const byName = new Map(all.map((t) => [t.name, t]));
  const missing = only.filter((n) => !byName.has(n));
  if (missing.length) throw new CliError(`no table ${missing.map((m) => JSON.stringify(m)).join(', ')} in the database (it has ${[...byName.keys()].join(', ')})`);
  const chosen = new Set<string>();
  const visit = (name: string) => {
    if (chosen.has(name) || !byName.has(name)) return;
    chosen.add(name);
    for (const fk of byName.get(name)!.foreignKeys) if (refersHere(fk, model)) visit(fk.referredTable);
  };
  only.forEach(visit);
  return all.filter((t) => chosen.has(t.name));
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
