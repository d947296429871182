import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { replaceSdkNodeWarning, SDK_NODE_WARNING_SWITCH } from '../scripts/cli/node-version';
import { recordingBody } from '../fakes/fixtures';
import { makeCertificates } from './certificates';
import {
  BENCH_KEY,
  buildCodeCache,
  buildDrivers,
  buildReferenceHandlers,
  checkVerification,
  extractHandler,
  lambdaEnvironment,
  measureColdStarts,
  measureWarm,
  nodeRuntimes,
  packageFunctions,
  startBenchServers,
  type BenchServers,
  type ColdStartSubject,
  type PackagedFunction,
  type PackagedFunctions,
} from './measure';
import type { BenchOptions } from './options';
import type { CliIo } from '../scripts/cli/io';
import { measureRecordingWrites } from './write-costs';
import { describeMachine, renderReport, type BenchResults } from './report';
import { formatMarkdown, writeReportSection } from './report-section';

const REPORT = resolve(__dirname, '..', 'docs', 'performance.md');
const CALLBACK = 'callback';
const REPUBLISH = 'republish';
/** Pending records the republisher finds in its "a few pending" runs. */
const PENDING_RECORDS = 5;
const WARMUP_RUNS = 2;

/**
 * What `npm run bench` does (bench/commands/bench.ts reads its command line): packages the service
 * as deploy does, measures the artifacts, the functions' cold starts (on this machine's Node and on
 * Node 24, Lambda's major) and the callback's warm latency, and prints a Markdown report; with
 * `--write-docs` (only), it also writes the report into docs/performance.md between the bench
 * markers. Measures; asserts nothing but that every measured invocation did its work (the verdicts
 * are in the report). Progress goes to stderr, the report to stdout.
 */
export async function runBench(options: BenchOptions, io: CliIo): Promise<void> {
  const started = Date.now();
  // The SDK in this process (bench/write-costs.ts) warns of its Node 22 releases: one line instead.
  const notice = replaceSdkNodeWarning();
  if (notice) io.err(`bench: ${notice}`);
  // Before packaging, which loads the machine itself: the load average is other processes' work.
  const machine = describeMachine();
  const log = (message: string) => io.err(`bench: ${message}`);
  const measures = (what: 'cold' | 'warm') => options.only === undefined || options.only === what;

  log('serverless package (--stage prod), as deploy builds ...');
  let packaged: PackagedFunctions | undefined;
  let servers: BenchServers | undefined;
  const scratch = await mkdtemp(join(tmpdir(), 'tencent-css-bench-'));
  try {
    packaged = await packageFunctions();
    const sizes = [...packaged.functions].sort((a, b) => a.name.localeCompare(b.name));
    const find = (name: string): PackagedFunction => {
      const fn = packaged?.functions.find((candidate) => candidate.name === name);
      if (!fn) throw new Error(`serverless package produced no ${name} artifact`);
      return fn;
    };
    const callbackFunction = find(CALLBACK);
    const republishFunction = find(REPUBLISH);
    const results: BenchResults = {
      date: new Date().toISOString().slice(0, 10),
      machine,
      callback: CALLBACK,
      sizes,
      runtimes: [],
    };

    if (options.only !== 'size') {
      const runtimes = await nodeRuntimes(options.node24);
      results.runtimes = runtimes.map(({ label, version }) => ({ label, version }));
      log(
        `runtimes: ${runtimes.map((runtime) => `${runtime.label} (${runtime.path})`).join(', ')}`,
      );
      const taskRoot = join(scratch, CALLBACK);
      const callback = await extractHandler(callbackFunction, taskRoot);
      const republishRoot = join(scratch, REPUBLISH);
      const republish = await extractHandler(republishFunction, republishRoot);
      const drivers = await buildDrivers(join(scratch, 'drivers'));
      const certificates = await makeCertificates(join(scratch, 'certificates'));
      const tableName = callbackFunction.environment.TABLE_NAME ?? 'bench-recordings';
      servers = await startBenchServers({
        tableName,
        eventsTableName: callbackFunction.environment.EVENTS_TABLE_NAME ?? `${tableName}-events`,
        keyParameter: callbackFunction.environment.CALLBACK_KEY_PARAMETER ?? '/bench/callback-key',
        certificates,
      });
      const activeServers = servers;
      // The SDK's notice that its 2027 releases need Node 22 is printed on Node 20 only, and
      // Lambda runs 24: no process is charged for writing it (see scripts/cli/node-version.ts).
      const callbackEnv = {
        ...lambdaEnvironment(callbackFunction, servers, { taskRoot }),
        [SDK_NODE_WARNING_SWITCH]: 'true',
      };
      const payload = recordingBody();
      const expected = { items: 0, events: 0 };
      const http = (run: string) => {
        expected.items++;
        expected.events++;
        return Promise.resolve({ ...payload, stream_id: run });
      };

      const callbackSubject: ColdStartSubject = {
        name: CALLBACK,
        ...callback,
        invoke: 'http',
        memoryMb: callbackFunction.memoryMb,
        env: callbackEnv,
        prepare: http,
      };
      const references = options.reference
        ? await buildReferenceHandlers(join(scratch, 'reference'))
        : [];
      const referenceSubjects: ColdStartSubject[] = references.map((reference) => ({
        name: reference.name,
        handlerPath: reference.handlerPath,
        exportName: reference.exportName,
        invoke: 'http',
        memoryMb: callbackFunction.memoryMb,
        env: callbackEnv,
        prepare: http,
      }));
      // The deployed path reads the key from SSM on a cold start; this one takes it from the
      // environment, so the report shows what the SSM read costs (not a way to deploy).
      const envKeySubject: ColdStartSubject = {
        ...callbackSubject,
        name: `${CALLBACK}-env-key`,
        env: { ...callbackEnv, CALLBACK_KEY: BENCH_KEY },
      };
      const cacheFile = (label: string) =>
        join(scratch, `code-cache-${label.replace(' ', '')}.bin`);
      const codeCacheSubject: ColdStartSubject = {
        ...callbackSubject,
        name: `${CALLBACK}-code-cache`,
        runtimeEnv: (runtime) => ({ BENCH_CODE_CACHE: cacheFile(runtime.label) }),
      };
      const republishEnv = lambdaEnvironment(republishFunction, servers, {
        taskRoot: republishRoot,
      });
      const republishSubjects: ColdStartSubject[] = [
        {
          name: `${REPUBLISH}-empty`,
          ...republish,
          invoke: 'schedule',
          memoryMb: republishFunction.memoryMb,
          env: republishEnv,
          prepare: async () => 0,
        },
        {
          name: `${REPUBLISH}-pending`,
          ...republish,
          invoke: 'schedule',
          memoryMb: republishFunction.memoryMb,
          env: republishEnv,
          prepare: async (run) => {
            await activeServers.seed(PENDING_RECORDS, run);
            expected.items += PENDING_RECORDS;
            expected.events += PENDING_RECORDS;
            return PENDING_RECORDS;
          },
        },
      ];

      log('checking that the measured processes verify the endpoints’ certificates ...');
      results.verification = await checkVerification({
        runtimes,
        callback: callbackSubject,
        ...(referenceSubjects[0] && { reference: referenceSubjects[0] }),
        driver: drivers.coldStart,
        servers,
      });
      // The impostor runs wrote nothing; their `prepare` counted a write each.
      expected.items -= results.verification.length * (referenceSubjects[0] ? 2 : 1);
      expected.events -= results.verification.length * (referenceSubjects[0] ? 2 : 1);

      if (measures('cold')) {
        const subjects = [
          callbackSubject,
          envKeySubject,
          ...referenceSubjects,
          ...republishSubjects,
        ];
        if (options.codeCache) {
          results.codeCache = {};
          for (const runtime of runtimes) {
            const bytes = await buildCodeCache(
              runtime,
              callbackSubject,
              drivers.coldStart,
              cacheFile(runtime.label),
            );
            results.codeCache[runtime.label] = { bytes };
          }
          subjects.splice(2, 0, codeCacheSubject);
        }
        log(
          `cold start: ${options.runs} rounds of ${subjects.map((subject) => subject.name).join(', ')} ` +
            `on ${runtimes.map((runtime) => runtime.label).join(' and ')}, each run paired with a bare node -e 0 ...`,
        );
        results.cold = await measureColdStarts({
          runtimes,
          subjects,
          driver: drivers.coldStart,
          servers,
          runs: options.runs,
          warmupRuns: WARMUP_RUNS,
          onRound: (round, line) => log(`  round ${round + 1}: ${line}`),
        });
        results.references = references.map(({ name, codeBytes }) => ({ name, codeBytes }));
      }

      if (measures('warm')) {
        results.warm = {};
        const warmEnv = lambdaEnvironment(callbackFunction, servers, {
          taskRoot,
          dynamoDb: 'instant',
        });
        for (const runtime of runtimes) {
          log(
            `warm, ${runtime.label}: ${options.warmup} callbacks, then ${options.warm} timed, ` +
              'against endpoints that answer at once ...',
          );
          const warm = await measureWarm({
            ...callback,
            runtime,
            memoryMb: callbackFunction.memoryMb,
            env: warmEnv,
            driver: drivers.warm,
            callbacks: options.warm,
            warmup: options.warmup,
            servers,
          });
          results.warm[runtime.label] = { ...warm, warmup: options.warmup };
          // The instant DynamoDB keeps nothing; the bus counts every event.
          expected.events += options.warm + options.warmup;
        }
      }

      log("one recording's DynamoDB writes, billed by DynamoDB's rules ...");
      results.writeCosts = await measureRecordingWrites();

      const { items, events } = await servers.stats();
      results.writes = {
        items,
        events,
        expectedItems: expected.items,
        expectedEvents: expected.events,
      };
      if (items !== expected.items || events !== expected.events) {
        throw new Error(
          `the invocations did not all write: ${JSON.stringify(results.writes)} (a measurement of nothing)`,
        );
      }
    }

    results.elapsedSeconds = (Date.now() - started) / 1000;
    const report = renderReport(results);
    io.out(`\n${(await formatMarkdown(report, REPORT)).trim()}\n`);
    if (options.json) await writeFile(options.json, `${JSON.stringify(results, null, 2)}\n`);

    if (options.writeDocs) {
      await writeReportSection(REPORT, report);
      log('docs/performance.md: the run of record rewritten');
    } else {
      log(
        'docs/performance.md left alone (npm run bench -- --write-docs publishes a full run there)',
      );
    }
  } finally {
    await servers?.stop();
    await packaged?.remove();
    await rm(scratch, { recursive: true, force: true });
  }
}
