import {
  parseOptions,
  usageText,
  type CommandSpec,
  type OptionSpecs,
  type OptionValues,
} from '../scripts/cli/command';
import { UsageError } from '../scripts/cli/errors';
import { wholeNumber } from '../scripts/cli/values';

/** The Node.js binaries a bench measures on: every bench command takes these two options. */
export const NODE24_OPTIONS = {
  'no-node24': {
    type: 'boolean',
    help:
      "measure on this machine's node only (by default also on Node 24, Lambda's\n" +
      'major, fetched once from the npm registry into .bench-cache/)',
  },
  node24: {
    type: 'string',
    value: 'PATH',
    help: 'use this Node 24 binary instead of fetching one',
  },
} as const satisfies OptionSpecs;

/** What {@link NODE24_OPTIONS} ask for: this machine's node only, Node 24 fetched, or a path. */
export function node24Choice(values: { 'no-node24'?: boolean; node24?: string }): boolean | string {
  return values['no-node24'] ? false : (values.node24 ?? true);
}

/** Fewer cold-start runs than this measure too little to publish in the README. */
export const MIN_PUBLISHED_RUNS = 15;

/** `npm run bench`'s command line: what bench/commands/bench.ts runs, and --help prints. */
export const BENCH_COMMAND = {
  summary: `Packages the service as deploy does, measures the artifacts, the functions' cold starts (on
this machine's Node and on Node 24, Lambda's major) and the callback's warm latency, and prints
a Markdown report. docs/performance.md is left alone unless --write-docs is given.`,
  usage: ['npm run bench [-- options]'],
  options: {
    runs: {
      type: 'string',
      value: 'N',
      help:
        'cold-start rounds (default 21); each runs every function on every Node, each\n' +
        'run paired with a bare `node -e 0`',
    },
    warm: {
      type: 'string',
      value: 'N',
      help: 'warm callbacks timed (default 2000), after --warmup N untimed ones (default 200)',
    },
    warmup: { type: 'string', value: 'N', help: 'untimed warm callbacks first (default 200)' },
    only: {
      type: 'string',
      value: 'WHAT',
      help: 'size | cold | warm: measure only that (sizes are always reported)',
    },
    'only-size': { type: 'boolean', help: 'the same as --only size (about 5 s)' },
    'no-reference': {
      type: 'boolean',
      help:
        'skip the floors (bench/functions/reference-handler.ts and\n' +
        'reference-ssm-handler.ts) and the peer (bench/functions/peer-handler.ts),\n' +
        'measured by default in the same cold-start rounds as the callback, with as\n' +
        'many runs',
    },
    ...NODE24_OPTIONS,
    'no-code-cache': {
      type: 'boolean',
      help:
        'skip the V8 code-cache experiment (the callback loaded with a code cache made\n' +
        'by the same node, measured in the same rounds)',
    },
    'write-docs': {
      type: 'boolean',
      help:
        'also write the report into docs/performance.md (between its bench markers);\n' +
        `refused unless the run is full: no --only, at least ${MIN_PUBLISHED_RUNS} cold-start runs`,
    },
    json: {
      type: 'string',
      value: 'FILE',
      help: "also write the raw results (every run's time) as JSON",
    },
  },
  notes: 'It measures and asserts nothing but that every measured invocation did its work.',
} as const satisfies Omit<CommandSpec<OptionSpecs, never>, 'run'>;

export const HELP = usageText(BENCH_COMMAND);

export interface BenchOptions {
  runs: number;
  warm: number;
  warmup: number;
  only?: 'size' | 'cold' | 'warm';
  /** Whether the report replaces README.md's bench section: only when asked for. */
  writeDocs: boolean;
  reference: boolean;
  /** true: fetch the pinned Node 24; a path: that binary; false: this machine's node only. */
  node24: boolean | string;
  codeCache: boolean;
  json?: string;
}

/**
 * The options of `npm run bench`, validated before anything is measured: a run that could not
 * be published is refused with `--write-docs` at once, not after a minute of measuring.
 */
export function benchOptions(values: OptionValues<typeof BENCH_COMMAND.options>): BenchOptions {
  const only = values['only-size'] ? 'size' : values.only;
  if (only !== undefined && !['size', 'cold', 'warm'].includes(only)) {
    throw new UsageError(`--only takes size, cold or warm, not ${only}.`);
  }
  const options: BenchOptions = {
    runs: wholeNumber('--runs', values.runs, { min: 1 }) ?? 21,
    warm: wholeNumber('--warm', values.warm, { min: 1 }) ?? 2000,
    warmup: wholeNumber('--warmup', values.warmup, { min: 0 }) ?? 200,
    ...(only !== undefined && { only: only as BenchOptions['only'] }),
    writeDocs: values['write-docs'] === true,
    reference: !values['no-reference'],
    node24: node24Choice(values),
    codeCache: !values['no-code-cache'],
    ...(values.json !== undefined && { json: values.json }),
  };
  if (options.writeDocs && (options.only !== undefined || options.runs < MIN_PUBLISHED_RUNS)) {
    throw new UsageError(
      `--write-docs publishes only a full run (no --only) of at least ${MIN_PUBLISHED_RUNS} ` +
        'cold-start runs; drop --write-docs to print this one.',
    );
  }
  return options;
}

/** {@link benchOptions} from the command line; undefined for `--help`. */
export function parseBenchOptions(args: readonly string[]): BenchOptions | undefined {
  const { values } = parseOptions(args, BENCH_COMMAND.options);
  return values.help ? undefined : benchOptions(values);
}
