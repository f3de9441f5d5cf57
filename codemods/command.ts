/** What every `retort-codemod` subcommand is: a name, one line for `--list`, and a run function. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  readonly cwd: string;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Resolves to the exit code; throws a CliError for a clear one-line failure. */
  run(argv: readonly string[], io: CommandIo): Promise<number>;
}
