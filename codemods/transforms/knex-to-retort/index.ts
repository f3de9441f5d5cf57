/**
 * `knex-to-retort`: rewrites knex query-builder chains to typed Retort Core statements run on
 * an engine made from the same knex instance (`createEngineFromKnex(knex)`), and inside
 * `knex.transaction(trx => …)` on the Connection joined to that transaction. Chains it
 * cannot read whole are left exactly as they were and reported with file:line and reason.
 *
 * The default export has jscodeshift's transform signature; options: `tables` (the tables
 * module, as `retort-codemod generate-tables` writes it), `engine` (the module exporting the
 * engine), `engineExport`, `knex` (comma-separated names of the knex instance), `retortModule`.
 *
 * @example
 * // npx jscodeshift -t codemods/transforms/knex-to-retort/index.ts --parser=ts \
 * //   --tables=src/db/tables.ts --engine=src/db/engine.ts src/
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { API, FileInfo } from 'jscodeshift';
import { RewriteOptions, rewriteKnexFile } from './rewrite-file';
import { formatSite, KnexSite } from './skip';
import { readTables, TableCatalog } from './tables';

export { rewriteKnexFile } from './rewrite-file';
export type { RewriteOptions, RewriteResult } from './rewrite-file';
export { readTables } from './tables';
export type { KnownTable, TableCatalog } from './tables';
export { formatSite } from './skip';
export type { KnexSite, SkipKind } from './skip';

/** Options as a command line passes them (strings). */
export interface KnexToRetortCliOptions {
  readonly tables?: string;
  readonly engine?: string;
  readonly engineExport?: string;
  readonly knex?: string;
  readonly retortModule?: string;
}

const catalogs = new Map<string, TableCatalog>();

/** Resolves string options (paths relative to `cwd`) to the rewrite's options; the tables module is read once. */
export function resolveOptions(opts: KnexToRetortCliOptions, cwd: string = process.cwd()): RewriteOptions {
  if (!opts.tables) throw new Error('knex-to-retort needs --tables <file>: the tables module (retort-codemod generate-tables writes one)');
  if (!opts.engine) throw new Error('knex-to-retort needs --engine <file>: the module exporting the engine made with createEngineFromKnex(knex)');
  const tablesPath = resolve(cwd, opts.tables);
  let catalog = catalogs.get(tablesPath);
  if (!catalog) {
    catalog = readTables(readFileSync(tablesPath, 'utf8'), opts.tables);
    catalogs.set(tablesPath, catalog);
  }
  return {
    catalog,
    tablesModule: tablesPath,
    engineModule: resolve(cwd, opts.engine),
    engineExport: opts.engineExport,
    knexNames: opts.knex ? opts.knex.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    retortModule: opts.retortModule,
  };
}

/** jscodeshift's transform signature: the new source, or undefined when nothing changed. Sites left alone go to `api.report`. */
export default function knexToRetort(file: FileInfo, api: API, options: KnexToRetortCliOptions & { onSite?: (site: KnexSite) => void }): string | undefined {
  const result = rewriteKnexFile(file.source, resolve(file.path), resolveOptions(options));
  for (const site of result.sites) {
    options.onSite?.(site);
    if (site.outcome === 'reported') api.report(formatSite(site));
  }
  return result.output === file.source ? undefined : result.output;
}

export const parser = 'ts';
