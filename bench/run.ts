/**
 * `npm run bench`: packages the service as deploy does, measures the artifacts, the callback's
 * cold start and its warm latency and prints a Markdown report; with `--write-readme` (only), it
 * also writes the report into README.md between the bench markers. Measures; asserts nothing
 * (the verdicts are in the report).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
import { HELP, parseBenchOptions } from './options';
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

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
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

    if (options.writeReadme) {
      await writeReadmeSection(README, report);
      log('README.md: Performance section rewritten');
    } else {
      log('README.md left alone (npm run bench -- --write-readme publishes a full run there)');
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
