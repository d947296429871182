import type { Command } from '../../scripts/cli/command';
import type { CliIo } from '../../scripts/cli/io';

/** What a command run in a test printed (its lines joined by newlines), and its exit code. */
export interface CommandRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs a command in this process as `npm run <name> -- <argv>` would, with `env` as its whole
 * environment (none by default) and a test's `hooks`, and collects what it printed.
 */
export async function runCommand<H extends object>(
  command: Command<H>,
  argv: readonly string[],
  { env = {}, hooks }: { env?: CliIo['env']; hooks?: H } = {},
): Promise<CommandRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command.run(
    argv,
    { env, out: (line) => out.push(line), err: (line) => err.push(line) },
    hooks,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
