/** Where a command writes and what it reads from its environment: the console, or a test's. */
export interface CliIo {
  env: Record<string, string | undefined>;
  /** One line for a person: progress and results. */
  out(line: string): void;
  /** One line about a failure. */
  err(line: string): void;
}

export function consoleIo(env: Record<string, string | undefined> = process.env): CliIo {
  return {
    env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  };
}
