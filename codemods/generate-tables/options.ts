/** The flags of `retort-codemod generate-tables`, parsed and checked (wrong usage is a CliError with exit code 2). */
import { usageError } from '../cli-error';

export interface GenerateTablesOptions {
  url: string;
  out: string;
  schema?: string;
  only?: string[];
  importFrom?: string;
}

export const GENERATE_TABLES_HELP = `retort-codemod generate-tables --url <database-url> --out <file.ts> [options]

Writes typed Retort Table definitions for every table of a live database (read with
Retort's batched reflection): columns and their types, primary keys, nullability, server
defaults, foreign keys, unique and check constraints, indexes and comments.

Options:
  --url <url>          the database: sqlite:///path.db, postgresql://user@host/db, mysql://user@host/db
  --out <file>         the TypeScript file to write (missing directories are created; - writes to stdout)
  --schema <name>      a PostgreSQL schema, MySQL database or attached SQLite database (default: the connection's)
  --only <a,b,...>     only these tables, plus the tables their foreign keys refer to
  --import-from <mod>  the module the file imports Retort from (default: retort)
  -h, --help           this help

Example:
  retort-codemod generate-tables --url postgresql://app@localhost/app --out src/db/tables.ts`;

const VALUE_FLAGS: Record<string, keyof GenerateTablesOptions> = {
  '--url': 'url',
  '--out': 'out',
  '--schema': 'schema',
  '--only': 'only',
  '--import-from': 'importFrom',
};

/** Parses `--flag value` and `--flag=value`; undefined means help was asked for. */
export function parseGenerateTablesArgs(argv: readonly string[]): GenerateTablesOptions | undefined {
  const got: Partial<Record<keyof GenerateTablesOptions, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return undefined;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const field = VALUE_FLAGS[flag];
    if (!field) {
      throw usageError(arg.startsWith('-') ? `unknown option ${arg}` : `unexpected argument ${JSON.stringify(arg)}`, 'generate-tables');
    }
    const value = eq > 0 && flag !== arg ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (value.startsWith('--') && flag === arg)) throw usageError(`${flag} needs a value`, 'generate-tables');
    if (got[field] !== undefined) throw usageError(`${flag} is given twice`, 'generate-tables');
    got[field] = value;
  }
  if (!got.url) throw usageError('--url is required (the database to read)', 'generate-tables');
  if (!got.out) throw usageError('--out is required (the file to write, or - for stdout)', 'generate-tables');
  const only = got.only?.split(',').map((s) => s.trim()).filter(Boolean);
  if (got.only !== undefined && !only?.length) throw usageError('--only needs table names separated by commas', 'generate-tables');
  return { url: got.url, out: got.out, schema: got.schema, only, importFrom: got.importFrom };
}
