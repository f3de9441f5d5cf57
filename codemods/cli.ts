#!/usr/bin/env node
/**
 * `retort-codemod`: the codemod CLI's entry. `retort-codemod [transforms…] <paths…>` runs the
 * transforms; `retort-codemod <command>` runs a subcommand (generate-tables).
 * Exit codes: 0 done, 1 could not be done (a file failed, database unreachable, dirty tree), 2 wrong usage.
 */
import { CliError } from './cli-error';
import { COMMANDS } from './commands';
import { listText } from './run/list';
import { RUN_USAGE } from './run/options';
import type { RunIo } from './run/run';

const USAGE = `${RUN_USAGE}
Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`).join('\n')}
`;

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function main(argv: readonly string[], io: RunIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    (first === undefined ? io.err : io.out)(USAGE);
    return first === undefined ? 2 : 0;
  }
  if (first === '--list') {
    io.out(listText(COMMANDS));
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === first);
  const name = command?.name ?? 'run';
  try {
    if (command) return await command.run(rest, io);
    if (argv.includes('--help') || argv.includes('-h')) {
      io.out(USAGE);
      return 0;
    }
    // Loaded on demand: the runner brings in ts-morph and jscodeshift, which generate-tables never needs.
    return await (await import('./run/run')).runTransforms(argv, io);
  } catch (e) {
    const prefix = command ? `retort-codemod ${name}` : 'retort-codemod';
    if (e instanceof CliError) {
      io.err(`${prefix}: ${e.message}\n`);
      return e.exitCode;
    }
    io.err(`${prefix}: ${(e as Error)?.message ?? String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  const io: RunIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), cwd: process.cwd(), tty: !!process.stdout.isTTY && !!process.stderr.isTTY };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`retort-codemod: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
