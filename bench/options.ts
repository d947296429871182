import { parseArgs } from 'node:util';

/** Fewer cold-start runs than this measure too little to publish in the README. */
export const MIN_PUBLISHED_RUNS = 15;

export const HELP = `Usage: npm run bench [-- options]

Prints a Markdown report. docs/performance.md is left alone unless --write-docs is given.

  --runs N        cold-start rounds (default 21); each runs every function on every Node, each
                  run paired with a bare \`node -e 0\`
  --warm N        warm callbacks timed (default 2000), after --warmup N untimed ones (default 200)
  --only WHAT     size | cold | warm: measure only that (sizes are always reported)
  --only-size     the same as --only size (about 5 s)
  --no-reference  skip the floors (bench/functions/reference-handler.ts, bench/functions/reference-ssm-handler.ts)
                  and the peer (bench/functions/peer-handler.ts), measured by default in the same
                  cold-start rounds as the callback, with as many runs
  --no-node24     measure on this machine's node only (by default also on Node 24, Lambda's
                  major, fetched once from the npm registry into .bench-cache/)
  --node24 PATH   use this Node 24 binary instead of fetching one
  --no-code-cache skip the V8 code-cache experiment (the callback loaded with a code cache made
                  by the same node, measured in the same rounds)
  --write-docs    also write the report into docs/performance.md (between its bench markers); refused
                  unless the run is full: no --only, at least ${MIN_PUBLISHED_RUNS} cold-start runs
  --json FILE     also write the raw results (every run's time) as JSON
  --help`;

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
 * Returns undefined for `--help`.
 */
export function parseBenchOptions(args: string[]): BenchOptions | undefined {
  const { values } = parseArgs({
    args,
    options: {
      runs: { type: 'string', default: '21' },
      warm: { type: 'string', default: '2000' },
      warmup: { type: 'string', default: '200' },
      only: { type: 'string' },
      'only-size': { type: 'boolean', default: false },
      'write-docs': { type: 'boolean', default: false },
      'no-reference': { type: 'boolean', default: false },
      'no-node24': { type: 'boolean', default: false },
      node24: { type: 'string' },
      'no-code-cache': { type: 'boolean', default: false },
      json: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  const count = (name: string, value: string, minimum: number) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < minimum) {
      throw new Error(`--${name} must be a whole number of at least ${minimum}, not ${value}`);
    }
    return number;
  };
  const only = values['only-size'] ? 'size' : values.only;
  if (only !== undefined && !['size', 'cold', 'warm'].includes(only)) {
    throw new Error(`--only takes size, cold or warm, not ${only}`);
  }
  const options: BenchOptions = {
    runs: count('runs', values.runs, 1),
    warm: count('warm', values.warm, 1),
    warmup: count('warmup', values.warmup, 0),
    ...(only !== undefined && { only: only as BenchOptions['only'] }),
    writeDocs: values['write-docs'],
    reference: !values['no-reference'],
    node24: values['no-node24'] ? false : (values.node24 ?? true),
    codeCache: !values['no-code-cache'],
    ...(values.json !== undefined && { json: values.json }),
  };
  if (options.writeDocs && (options.only !== undefined || options.runs < MIN_PUBLISHED_RUNS)) {
    throw new Error(
      `--write-docs publishes only a full run (no --only) of at least ${MIN_PUBLISHED_RUNS} ` +
        'cold-start runs; drop --write-docs to print this one',
    );
  }
  return options;
}
