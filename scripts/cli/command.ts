import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';
import { failureLine } from './failure-line';
import { consoleIo, type CliIo } from './io';

/*
 * The one way the project's commands (`npm start`, `npm run <command>`, the bench) read their
 * command line and end. A command declares its options once, each with what it does; from that
 * declaration this parses the command line (with Node's own `util.parseArgs`, strictly) and
 * writes the usage, so the two cannot drift apart. Every command then ends by the same rule:
 *
 *   0  done (and after --help, which every command takes)
 *   1  what was asked failed: one line that says what to do (a CliError, Tencent's or AWS's
 *      refusal); anything else is a bug, shown with its stack
 *   2  the command line is wrong: what is wrong, then the usage
 *
 * Why a helper over util.parseArgs rather than a CLI library: commander (already installed, through
 * dependency-cruiser) and yargs were weighed. Both parse what parseArgs parses; what they add is a
 * generated help page in their own layout and their own error wording ("error: unknown command
 * 'wire'"), which would replace the usage each command spells out (its summary, where it reads its
 * target and credentials, what it changes) and the messages people and tests rely on. What is left
 * either way, the exit codes and the one-line failures, is this file, and no library does it.
 */

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** May be given more than once: the values come as an array. */
  multiple?: boolean;
  short?: string;
  /** Its value in the usage (`N`, `<time>`), for string options. */
  value?: string;
  /** What it does, for the usage; each `\n` starts a line indented under the first. */
  help: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The values given for `O`: a string or a boolean per option given, an array for repeatable ones. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]?: O[K] extends { type: 'boolean' }
    ? O[K] extends { multiple: true }
      ? boolean[]
      : boolean
    : O[K] extends { multiple: true }
      ? string[]
      : string;
};

/** The command line as the command's `run` receives it. */
export interface CommandLine<O extends OptionSpecs> {
  values: OptionValues<O>;
  /** The arguments that are not options (only for a command that takes them). */
  positionals: string[];
  /** As typed, after the command's name. */
  argv: readonly string[];
}

export interface CommandSpec<O extends OptionSpecs, H> {
  /** Each way to run it, in full: `npm run reconcile -- --since <time> [--until <time>]`. */
  usage: readonly string[];
  /** What it does: the usage's first paragraph. */
  summary: string;
  options: O;
  /** It takes arguments besides its options (`[payload.json]`), and checks them itself. */
  positionals?: boolean;
  /** What else a person should know (targets, credentials, what it changes): the last paragraph. */
  notes?: string;
  /** Does what was asked: resolves to the exit code. Throws a UsageError or a CliError to stop. */
  run(line: CommandLine<O>, io: CliIo, hooks: H): Promise<number>;
}

/** A command, ready to run: from `runMain` as a process, or from a test, in its process. */
export interface Command<H> {
  /** What --help prints. */
  usage(): string;
  /** Each way to run it, in full (the usage's `Usage:` lines). */
  readonly synopsis: readonly string[];
  /** Every option it takes (the commands of a group share a parse of them). */
  readonly options: OptionSpecs;
  /** Runs it on the arguments after its name; resolves to its exit code (0, 1 or 2). */
  run(argv: readonly string[], io?: CliIo, hooks?: H): Promise<number>;
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };

/**
 * A command from its declaration. `H` is what a test may pass in besides the command line
 * (a clock, a backoff, a fake key store): every field optional, `{}` when run as a process.
 */
export function defineCommand<const O extends OptionSpecs, H extends object = object>(
  spec: CommandSpec<O, H>,
): Command<H> {
  const options: OptionSpecs = { ...spec.options, help: HELP_OPTION };
  const usage = () => usageText(spec);
  return {
    usage,
    synopsis: spec.usage,
    options,
    run: (argv, io = consoleIo(), hooks = {} as H) =>
      ending(usage, io, async () => {
        const { values, positionals } = parseOptions(argv, spec.options, spec.positionals);
        if (values.help === true) {
          io.out(usage());
          return 0;
        }
        return spec.run({ values, positionals, argv }, io, hooks);
      }),
  };
}

/**
 * The command line read against `options` (and --help), strictly: anything it does not declare
 * is a {@link UsageError}. For a command's `run`, and for tests of a command's options.
 */
export function parseOptions<const O extends OptionSpecs>(
  argv: readonly string[],
  options: O,
  positionals = false,
): { values: OptionValues<O> & { help?: boolean }; positionals: string[] } {
  // Each value is what its declaration says: parseArgs was given the same declarations.
  let parsed: { values: OptionValues<O> & { help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: parseArgsOptions({ ...options, help: HELP_OPTION }),
      strict: true,
      allowPositionals: true,
    }) as typeof parsed;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) throw error;
    throw new UsageError(parseErrorText((error as Error).message), { cause: error });
  }
  if (parsed.positionals.length > 0 && !positionals) {
    throw new UsageError(`Unexpected argument ${JSON.stringify(parsed.positionals[0])}.`);
  }
  return parsed;
}

/** What --help prints for a command: summary, the ways to run it, its options, the notes. */
export function usageText(
  spec: Pick<CommandSpec<OptionSpecs, never>, 'summary' | 'usage' | 'options' | 'notes'>,
): string {
  const withHelp: OptionSpecs = { ...spec.options, help: HELP_OPTION };
  const flags = Object.entries(withHelp).map(([name, option]) => ({
    flag:
      (option.short ? `-${option.short}, ` : '') +
      `--${name}` +
      (option.value ? ` ${option.value}` : ''),
    help: option.help,
  }));
  const width = Math.max(...flags.map(({ flag }) => flag.length)) + 2;
  const table = flags.map(({ flag, help }) =>
    `  ${flag.padEnd(width)}${help.split('\n').join(`\n  ${' '.repeat(width)}`)}`.trimEnd(),
  );
  return [
    spec.summary,
    '',
    `Usage: ${spec.usage.join('\n       ')}`,
    '',
    ...table,
    ...(spec.notes ? ['', spec.notes] : []),
  ].join('\n');
}

/**
 * Commands under one name (`npm run tencent -- setup | status | remove`): the first argument that
 * is not an option names the command, which takes the rest. Alone, --help lists them.
 */
export function defineCommandGroup<H extends object = object>(spec: {
  summary: string;
  /** How the group is typed, before a command's name: `npm run tencent --`. */
  name: string;
  commands: Readonly<Record<string, Command<H>>>;
  notes?: string;
}): Command<H> {
  const names = Object.keys(spec.commands);
  const choice = `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  const options: OptionSpecs = Object.assign(
    {},
    ...Object.values(spec.commands).map((command) => command.options),
  ) as OptionSpecs;
  const synopsis = Object.values(spec.commands).flatMap((command) => command.synopsis);
  const usage = () =>
    [
      spec.summary,
      '',
      `Usage: ${synopsis.join('\n       ')}`,
      '',
      "  -h, --help  show this help; after a command's name, explain that command",
      ...(spec.notes ? ['', spec.notes] : []),
    ].join('\n');
  return {
    usage,
    synopsis,
    options,
    run: (argv, io = consoleIo(), hooks = {} as H) =>
      ending(usage, io, async () => {
        // The options of every command are known here, so that an option's value is never taken
        // for the command's name.
        const { tokens, values } = parseArgs({
          args: [...argv],
          options: parseArgsOptions(options),
          strict: false,
          allowPositionals: true,
          tokens: true,
        });
        const named = tokens.find((token) => token.kind === 'positional');
        if (named === undefined) {
          const unknown = tokens.find(
            (token) => token.kind === 'option' && !Object.hasOwn(options, token.name),
          );
          if (unknown?.kind === 'option')
            throw new UsageError(`Unknown option ${unknown.rawName}.`);
          if (values.help === true) {
            io.out(usage());
            return 0;
          }
          throw new UsageError(`Give a command: ${choice}.`);
        }
        const command = Object.hasOwn(spec.commands, named.value)
          ? spec.commands[named.value]
          : undefined;
        if (command === undefined) {
          throw new UsageError(`Unknown command ${JSON.stringify(named.value)}: use ${choice}.`);
        }
        return command.run(
          argv.filter((_arg, index) => index !== named.index),
          io,
          hooks,
        );
      }),
  };
}

/** Runs a command as this process: its arguments, the console, and its exit code as the process's. */
export function runMain<H extends object>(command: Command<H>): void {
  command.run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('Unexpected error (a bug: please report it, with what follows):');
      console.error(error);
      process.exit(1);
    },
  );
}

/** Runs `body` and turns what it throws into the exit code and what a person reads. */
async function ending(usage: () => string, io: CliIo, body: () => Promise<number>) {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      io.err('');
      io.err(usage());
      return 2;
    }
    const line = failureLine(error);
    if (line === undefined) throw error;
    io.err(line);
    return 1;
  }
}

function parseArgsOptions(options: OptionSpecs): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    Object.entries(options).map(([name, { type, multiple, short }]) => [
      name,
      { type, ...(multiple && { multiple }), ...(short && { short }) },
    ]),
  );
}

/** util.parseArgs's messages in the commands' words (`--since needs a value.`). */
function parseErrorText(message: string): string {
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `Unknown option ${unknown[1]}.`;
  const missing = /^Option '(?:-\w, )?(--[^ ']+)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `${missing[1]} needs a value.`;
  const valued = /^Option '(?:-\w, )?(--[^ ']+)' does not take an argument/.exec(message);
  if (valued) return `${valued[1]} takes no value.`;
  return message;
}
