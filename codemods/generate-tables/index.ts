/**
 * `retort-codemod generate-tables`: typed Retort `Table` definitions from a live database.
 *
 * @example
 * // retort-codemod generate-tables --url postgresql://app@localhost/app --out src/db/tables.ts
 * const { code } = await generateTables({ url: 'sqlite:///app.db' });
 * // export const users = new Table('users', metadata, { id: column(integer(), { primaryKey: true }), … });
 */
import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseUrl } from '../../core/index';
import { CliError, usageError } from '../cli-error';
import type { CommandIo } from '../command';
import { GENERATE_TABLES_HELP, GenerateTablesOptions, parseGenerateTablesArgs } from './options';
import { readSchema } from './read-schema';
import { renderModule } from './render';

export { GENERATE_TABLES_HELP } from './options';
export type { GenerateTablesOptions } from './options';

/** The generated module's source and the tables it defines. */
export async function generateTables(opts: Omit<GenerateTablesOptions, 'out'>): Promise<{ code: string; tables: string[] }> {
  try {
    parseUrl(opts.url);
  } catch (e) {
    throw usageError(`--url: ${(e as Error).message}`, 'generate-tables');
  }
  const model = await readSchema(opts);
  return { code: renderModule(model, { importFrom: opts.importFrom }), tables: model.tables.map((t) => t.name) };
}

/** The CLI command: parses flags, generates, writes the file whole (or not at all). */
export async function runGenerateTables(argv: readonly string[], io: CommandIo): Promise<number> {
  const opts = parseGenerateTablesArgs(argv);
  if (!opts) {
    io.out(GENERATE_TABLES_HELP + '\n');
    return 0;
  }
  const target = opts.out === '-' ? undefined : resolve(io.cwd, opts.out);
  if (target && isDirectory(target)) throw new CliError(`--out ${opts.out} is a directory; give the file to write, e.g. ${opts.out.replace(/\/?$/, '/tables.ts')}`, 2);
  const { code, tables } = await generateTables(opts);
  if (!target) {
    io.out(code);
    return 0;
  }
  try {
    mkdirSync(dirname(target), { recursive: true });
    // Written beside the target and renamed over it, so a failure never leaves half a file.
    const partial = `${target}.${process.pid}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, target);
  } catch (e) {
    throw new CliError(`cannot write ${opts.out}: ${(e as Error).message}`, 1, { cause: e });
  }
  io.err(`wrote ${tables.length} table${tables.length === 1 ? '' : 's'} to ${opts.out}\n`);
  return 0;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
