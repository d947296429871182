import { CliError } from './target';

/**
 * Runs a command-line `main` and exits with its code. A mistake the user can fix (a bad option,
 * a missing key) prints its message, with the usage for a bad option; anything else, the error.
 */
export function runCli(main: () => Promise<number>, usage: () => string): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof CliError) console.error(error.message);
      else if (isUsageError(error)) console.error(`${error.message}\n\n${usage()}`);
      else console.error(error);
      process.exit(2);
    },
  );
}

function isUsageError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')
  );
}
