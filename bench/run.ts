/**
 * `npm run bench`: packages the service as deploy does, measures the artifacts, the callback's
 * cold start and its warm latency, prints a Markdown report and writes it into README.md between
 * the bench markers. Measures; asserts nothing (the verdicts are in the report).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildDrivers,
  buildReferenceHandlers,
  callbackEnvironment,
  extractHandler,
  measureColdStarts,
  measureWarm,
  packageFunctions,
  startBenchServers,
  type BenchServers,
  type ColdStartSubject,
  type PackagedFunctions,
} from './measure';
import {
  describeMachine,
  formatMarkdown,
  ISSUE_REFERENCE_POINTS,
  renderReport,
  writeReadmeSection,
  type BenchResults,
} from './report';

const README = resolve(__dirname, '..', 'README.md');
const CALLBACK = 'callback';
/** Fewer cold-start runs than this measure too little to publish: the README is left alone. */
const MIN_PUBLISHED_RUNS = 15;

const HELP = `Usage: npm run bench [-- options]

  --runs N       cold-start runs, each alternated with a bare \`node -e 0\` (default 21)
  --warm N       warm callbacks timed (default 2000), after --warmup N untimed ones (default 200)
  --only WHAT    size | cold | warm: measure only that (sizes are always reported)
  --only-size    the same as --only size (about 5 s)
  --no-reference skip the issue's reference points (bench/reference-handler.ts, bundled with the
                 SDK's ES module build and with its CommonJS build), measured by default in the
                 same cold-start rounds as the callback, with as many runs
  --no-readme    print the report only; do not rewrite README.md
  --json FILE    also write the raw results (every run's time) as JSON
  --help

README.md is rewritten only by a full run of at least ${MIN_PUBLISHED_RUNS} cold-start runs.`;

interface Options {
  runs: number;
  warm: number;
  warmup: number;
  only?: 'size' | 'cold' | 'warm';
  readme: boolean;
  reference: boolean;
  json?: string;
}

function parseOptions(): Options | undefined {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '21' },
      warm: { type: 'string', default: '2000' },
      warmup: { type: 'string', default: '200' },
      only: { type: 'string' },
      'only-size': { type: 'boolean', default: false },
      'no-readme': { type: 'boolean', default: false },
      'no-reference': { type: 'boolean', default: false },
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
  return {
    runs: count('runs', values.runs, 1),
    warm: count('warm', values.warm, 1),
    warmup: count('warmup', values.warmup, 0),
    ...(only !== undefined && { only: only as Options['only'] }),
    readme: !values['no-readme'],
    reference: !values['no-reference'],
    ...(values.json !== undefined && { json: values.json }),
  };
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (!options) {
    console.log(HELP);
    return;
  }
  const started = Date.now();
  // Before packaging, which loads the machine itself: the load average is other processes' work.
  const machine = describeMachine();
  const log = (message: string) => console.error(`bench: ${message}`);
  const measures = (what: 'cold' | 'warm') => options.only === undefined || options.only === what;

  log('serverless package (--stage prod), as deploy builds ...');
  let packaged: PackagedFunctions | undefined;
  let servers: BenchServers | undefined;
  const scratch = await mkdtemp(join(tmpdir(), 'tencent-css-bench-'));
  try {
    packaged = await packageFunctions();
    const sizes = [...packaged.functions].sort((a, b) => a.name.localeCompare(b.name));
    const callback = packaged.functions.find((fn) => fn.name === CALLBACK);
    if (!callback) throw new Error(`serverless package produced no ${CALLBACK} artifact`);
    const results: BenchResults = {
      date: new Date().toISOString().slice(0, 10),
      machine,
      callback: CALLBACK,
      sizes,
    };

    if (options.only !== 'size') {
      const handler = await extractHandler(callback, join(scratch, 'artifact'));
      const drivers = await buildDrivers(join(scratch, 'drivers'));
      servers = await startBenchServers(callback.environment.TABLE_NAME ?? 'bench-recordings');
      const env = callbackEnvironment(callback.environment, servers);
      let served = 0;
      const warmupRuns = 2;

      if (measures('cold')) {
        const references = options.reference
          ? await buildReferenceHandlers(join(scratch, 'reference'))
          : [];
        const subjects: ColdStartSubject[] = [
          { name: CALLBACK, ...handler },
          ...references.map((reference) => ({
            name: `reference-${reference.build}`,
            handlerPath: reference.handlerPath,
            exportName: reference.exportName,
          })),
        ];
        log(
          `cold start: ${options.runs} runs of ${subjects.map((subject) => subject.name).join(', ')}, ` +
            'each alternated with a bare node -e 0 ...',
        );
        const round: string[] = [];
        const [cold, ...referenceColds] = await measureColdStarts({
          env,
          driver: drivers.coldStart,
          subjects,
          runs: options.runs,
          warmupRuns,
          onRun: ({ subject, index, callbackMs, bareMs }) => {
            round.push(`${subject} ${callbackMs.toFixed(1)} ms (bare ${bareMs.toFixed(1)})`);
            if (round.length < subjects.length) return;
            log(`  run ${index + 1}: ${round.splice(0).join(', ')}`);
          },
        });
        results.cold = cold;
        results.references = references.map(({ build, mainFields, codeBytes }, index) => ({
          build,
          ...(mainFields && { mainFields }),
          codeBytes,
          cold: referenceColds[index]!,
        }));
        for (const reference of results.references) {
          log(
            `  reference, ${ISSUE_REFERENCE_POINTS[reference.build].label}: ` +
              `${reference.cold.ratio.toFixed(2)}x bare node (the issue states ` +
              `${ISSUE_REFERENCE_POINTS[reference.build].ratio}x)`,
          );
        }
        served += (options.runs + warmupRuns) * subjects.length;
      }
      if (measures('warm')) {
        log(`warm: ${options.warmup} callbacks, then ${options.warm} timed, in one process ...`);
        const warm = await measureWarm({
          ...handler,
          env,
          driver: drivers.warm,
          callbacks: options.warm,
          warmup: options.warmup,
          servers,
        });
        results.warm = { ...warm, warmup: options.warmup };
        served += options.warm + options.warmup;
      }
      const { items, events } = await servers.stats();
      results.writes = { items, events, expected: served };
      if (results.writes.items !== served || results.writes.events !== served) {
        throw new Error(
          `the callbacks did not all write: ${JSON.stringify(results.writes)} (a measurement of nothing)`,
        );
      }
    }

    results.elapsedSeconds = (Date.now() - started) / 1000;
    const report = renderReport(results);
    console.log(`\n${(await formatMarkdown(report, README)).trim()}\n`);
    if (options.json) await writeFile(options.json, `${JSON.stringify(results, null, 2)}\n`);

    const complete = options.only === undefined && options.runs >= MIN_PUBLISHED_RUNS;
    if (options.readme && complete) {
      await writeReadmeSection(README, report);
      log('README.md: Performance section rewritten');
    } else if (options.readme) {
      log(
        `README.md left alone: only a full run of at least ${MIN_PUBLISHED_RUNS} runs is published`,
      );
    }
  } finally {
    await servers?.stop();
    await packaged?.remove();
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('bench:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
