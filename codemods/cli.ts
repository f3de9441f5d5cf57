#!/usr/bin/env node
/**
 * `retort-codemod <command> [options]`: the codemod CLI's entry and subcommand dispatcher.
 * Exit codes: 0 done, 1 could not be done (database unreachable, file not writable), 2 wrong usage.
 */
import { CliError } from './cli-error';
import type { CommandIo } from './command';
import { COMMANDS } from './commands';

const USAGE = `usage: retort-codemod <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`).join('\n')}

Options:
  -h, --help         this help (retort-codemod <command> --help for a command's)
  --list             the commands, one a line
`;

/** Runs the CLI with `argv` (without `node` and the script) and resolves to the exit code. */
export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    (first === undefined ? io.err : io.out)(USAGE);
    return first === undefined ? 2 : 0;
  }
  if (first === '--list') {
    io.out(COMMANDS.map((c) => `${c.name}\t${c.summary}`).join('\n') + '\n');
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    io.err(`retort-codemod: unknown ${first.startsWith('-') ? 'option' : 'command'} ${JSON.stringify(first)}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`retort-codemod ${command.name}: ${e.message}\n`);
      return e.exitCode;
    }
    io.err(`retort-codemod ${command.name}: ${(e as Error)?.message ?? String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  const io: CommandIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), cwd: process.cwd() };
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
