/**
 * What was asked could not be done (no such stack, a key the service refuses, nothing listening):
 * shown as its message alone, one line that says what to do; the command exits 1.
 */
export class CliError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
  }
}

/**
 * The command line is wrong (an unknown option, a missing or malformed value): shown as its
 * message, then the command's usage; the command exits 2. A library may throw it too, for a value
 * it can only judge late (a `--key` Tencent would refuse).
 */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}
