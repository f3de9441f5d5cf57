/** An error the CLI reports as one clear line, with its exit code (2: wrong usage, 1: it could not be done). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** Wrong flags or arguments: exit code 2, with a pointer to `--help`. */
export function usageError(message: string, command: string): CliError {
  return new CliError(`${message}\nRun \`retort-codemod ${command} --help\` for usage.`, 2);
}
