/**
 * The subcommands of `retort-codemod`. Loaded on demand, so `--help` and the transforms
 * never load the database engine that `generate-tables` needs.
 */
import type { Command } from './command';

export const COMMANDS: readonly Command[] = [
  {
    name: 'generate-tables',
    summary: 'write typed Retort Table definitions from a live database (--url, --out)',
    run: async (argv, io) => (await import('./generate-tables')).runGenerateTables(argv, io),
  },
  {
    name: 'knex-to-retort',
    summary: 'rewrite knex query-builder chains to typed Retort statements (--tables, --engine)',
    run: async (argv, io) => (await import('./transforms/knex-to-retort/command')).runKnexToRetort(argv, io),
  },
];
