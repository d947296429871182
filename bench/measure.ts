/**
 * The benchmark's measurements, one exported function each, so a variant (another bundle, another
 * artifact) can be measured the same way: `npm run bench` (bench/run.ts) strings them together.
 *
 *   packageFunctions()    `serverless package`, as deploy builds: artifacts, sizes, environments
 *   measureSize()         uncompressed JS bytes and zip bytes of one artifact
 *   startBenchServers()   dynalite + a PutEvents server, in a process of their own
 *   buildDrivers()        the cold-start and warm drivers, pre-built to plain CommonJS
 *   buildReferenceHandlers()  the reference point (bench/reference-handler.ts), bundled
 *                         with the SDK's ES module build and with its CommonJS build
 *   measureColdStart()    fresh `node` serving one callback, alternated with bare `node -e 0`
 *   measureColdStarts()   the same for several handlers, their runs interleaved round by round
 *   measureWarm()         one process, sequential callbacks: p50/p99 and callbacks per second
 */
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { JsonObject } from '../lib/callback/body';
import { signCallback } from '../lib/callback/sign-callback';
import { packageService, type CloudFormationTemplate } from '../scripts/package-service';
import { recordingBody } from '../test/support/fixtures';
import type { ServersMessage, ServersReady, ServersStats, WarmJob, WarmReport } from './protocol';
import { extractZip, readZip } from './zip';

const PROJECT = resolve(__dirname, '..');
export const BENCH_KEY = 'BenchCallbackKey0123456789';
/** What counts as code in an artifact. */
const CODE_FILE = /\.[cm]?js$/;

export interface FunctionSize {
  name: string;
  /** Uncompressed bytes of the JavaScript files in the zip: the code Lambda loads. */
  jsBytes: number;
  zipBytes: number;
  files: { name: string; bytes: number }[];
}

/** Measures one artifact, as `serverless package` wrote it. */
export async function measureSize(name: string, zipPath: string): Promise<FunctionSize> {
  const archive = await readFile(zipPath);
  const files = readZip(archive)
    .filter((entry) => !entry.name.endsWith('/'))
    .map((entry) => ({ name: entry.name, bytes: entry.size }));
  const jsBytes = files
    .filter((file) => CODE_FILE.test(file.name))
    .reduce((sum, file) => sum + file.bytes, 0);
  return { name, jsBytes, zipBytes: archive.length, files };
}

export interface PackagedFunction extends FunctionSize {
  zipPath: string;
  /** As in serverless.yml, e.g. `handlers/callback.handler`. */
  handler: string;
  /** The function's environment as deployed (its plain string values). */
  environment: Record<string, string>;
}

export interface PackagedFunctions {
  functions: PackagedFunction[];
  template: CloudFormationTemplate;
  remove(): Promise<void>;
}

/**
 * Runs `serverless package` (scripts/package-service.ts: what deploy ships) and describes each
 * function's artifact, with its handler and environment read from the CloudFormation template.
 */
export async function packageFunctions(stage = 'prod'): Promise<PackagedFunctions> {
  const packaged = await packageService(stage);
  try {
    const lambdas = Object.values(packaged.template.Resources).filter(
      (resource) => resource.Type === 'AWS::Lambda::Function',
    );
    const functions = await Promise.all(
      Object.entries(packaged.artifacts).map(async ([name, zipPath]) => {
        // The template names each function's artifact by S3 key: `.../<function>.zip`.
        const properties = lambdas.find((resource) =>
          String((resource.Properties?.Code as { S3Key?: unknown } | undefined)?.S3Key).endsWith(
            `/${name}.zip`,
          ),
        )?.Properties;
        if (!properties)
          throw new Error(`no AWS::Lambda::Function in the template ships ${name}.zip`);
        const variables = (properties.Environment as { Variables?: Record<string, unknown> })
          ?.Variables;
        return {
          ...(await measureSize(name, zipPath)),
          zipPath,
          handler: String(properties.Handler),
          environment: Object.fromEntries(
            Object.entries(variables ?? {}).filter(
              (entry): entry is [string, string] => typeof entry[1] === 'string',
            ),
          ),
        };
      }),
    );
    return { functions, template: packaged.template, remove: () => packaged.remove() };
  } catch (error) {
    await packaged.remove();
    throw error;
  }
}

export interface ExtractedHandler {
  /** Absolute path of the handler module, as extracted from the artifact. */
  handlerPath: string;
  exportName: string;
}

/** Extracts an artifact under `directory` and locates its handler module, as Lambda would. */
export async function extractHandler(
  fn: Pick<PackagedFunction, 'zipPath' | 'handler'>,
  directory: string,
): Promise<ExtractedHandler> {
  const entries = await extractZip(fn.zipPath, directory);
  const dot = fn.handler.lastIndexOf('.');
  const modulePath = fn.handler.slice(0, dot);
  const file = ['.js', '.cjs', '.mjs']
    .map((extension) => modulePath + extension)
    .find((name) => entries.some((entry) => entry.name === name));
  if (!file) throw new Error(`the artifact ${fn.zipPath} has no module for ${fn.handler}`);
  return { handlerPath: join(directory, file), exportName: fn.handler.slice(dot + 1) };
}

export interface Drivers {
  coldStart: string;
  warm: string;
}

/**
 * Builds bench/cold-start-child.ts and bench/warm-child.ts to plain CommonJS in `directory`:
 * no TypeScript loader may run inside a timed process.
 */
export async function buildDrivers(directory: string): Promise<Drivers> {
  await build({
    entryPoints: {
      'cold-start-child': join(__dirname, 'cold-start-child.ts'),
      'warm-child': join(__dirname, 'warm-child.ts'),
    },
    outdir: directory,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return {
    coldStart: join(directory, 'cold-start-child.cjs'),
    warm: join(directory, 'warm-child.cjs'),
  };
}

/** Which build of the AWS SDK a reference bundle was made from. */
export type ReferenceBuild = 'esm' | 'cjs';

export interface ReferenceHandler extends ExtractedHandler {
  build: ReferenceBuild;
  /** esbuild's `mainFields` for this bundle; undefined for esbuild's default on `platform: node`. */
  mainFields?: string[];
  /** Bytes of the minified bundle. */
  codeBytes: number;
}

/**
 * Bundles bench/reference-handler.ts into `directory` twice, as the reference points were
 * taken: minified, `platform: node`, `target: node20`, CommonJS output, once with
 * `mainFields: ['module', 'main']` (the SDK's ES module build) and once with esbuild's default
 * (its CommonJS build). None of the project's own settings (serverless.yml `custom.esbuild`: the
 * credentials alias, `supported`) apply: these are the points, not the project's bundle.
 */
export async function buildReferenceHandlers(directory: string): Promise<ReferenceHandler[]> {
  const variants: { build: ReferenceBuild; mainFields?: string[] }[] = [
    { build: 'esm', mainFields: ['module', 'main'] },
    { build: 'cjs' },
  ];
  return Promise.all(
    variants.map(async ({ build: sdkBuild, mainFields }) => {
      const handlerPath = join(directory, `reference-${sdkBuild}.cjs`);
      await build({
        entryPoints: [join(__dirname, 'reference-handler.ts')],
        outfile: handlerPath,
        bundle: true,
        minify: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        ...(mainFields && { mainFields }),
        logLevel: 'warning',
      });
      return {
        build: sdkBuild,
        ...(mainFields && { mainFields }),
        handlerPath,
        exportName: 'handler',
        codeBytes: (await stat(handlerPath)).size,
      };
    }),
  );
}

export interface BenchServers {
  tableName: string;
  dynamoDbEndpoint: string;
  eventBridgeEndpoint: string;
  /**
   * Items in the table and events on the bus so far (proof that every measured callback wrote),
   * and the requests each endpoint served.
   */
  stats(): Promise<Omit<ServersStats, 'type'>>;
  stop(): Promise<void>;
}

/** Starts bench/servers.ts (dynalite and a PutEvents server) in a process of its own. */
export async function startBenchServers(tableName: string): Promise<BenchServers> {
  const child = spawn(
    process.execPath,
    // --no-warnings: the AWS SDK's notice about Node 20 support is noise here (not measured).
    ['--no-warnings', '--import', 'tsx', join(__dirname, 'servers.ts'), tableName],
    {
      cwd: PROJECT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const next = <T extends ServersMessage>(type: T['type']) =>
    new Promise<T>((resolveMessage, reject) => {
      const onMessage = (message: ServersMessage) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolveMessage(message as T);
      };
      child.on('message', onMessage);
      void exited.then(() => reject(new Error('the bench servers process exited')));
    });

  const ready = await Promise.race([
    next<ServersReady>('ready'),
    new Promise<never>((_, reject) => child.once('error', reject)),
  ]);
  return {
    tableName,
    dynamoDbEndpoint: ready.dynamoDbEndpoint,
    eventBridgeEndpoint: ready.eventBridgeEndpoint,
    stats: async () => {
      const answer = next<ServersStats>('stats');
      child.send({ type: 'stats' });
      const { type: _type, ...stats } = await answer;
      return stats;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The environment of a measured process: nothing inherited (no NODE_OPTIONS, no loader, no
 * `~/.aws` profile), the function's deployed variables, then what running locally needs.
 * `CALLBACK_KEY` is set, so the key never comes from SSM (there is no SSM here).
 */
export function callbackEnvironment(
  deployed: Record<string, string>,
  servers: Pick<BenchServers, 'tableName' | 'dynamoDbEndpoint' | 'eventBridgeEndpoint'>,
): Record<string, string> {
  return {
    ...deployed,
    TABLE_NAME: servers.tableName,
    EVENTS_TABLE_NAME: `${servers.tableName}-events`,
    EVENT_BUS_NAME: deployed.EVENT_BUS_NAME ?? 'tencent-css-recordings-bench',
    CALLBACK_KEY: BENCH_KEY,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_ENDPOINT_URL_DYNAMODB: servers.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: servers.eventBridgeEndpoint,
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  };
}

export interface ColdStartOptions extends ExtractedHandler {
  env: Record<string, string>;
  /** bench/cold-start-child, built by {@link buildDrivers}. */
  driver: string;
  /** Measured pairs (callback run + bare run); at least 15 for a published number. */
  runs?: number;
  /** Pairs run first and thrown away: they fill the file cache and warm the local servers. */
  warmupRuns?: number;
  /** Every run's stream id is `<streamPrefix>-<n>`, so every run really writes. */
  streamPrefix?: string;
  payload?: JsonObject;
  key?: string;
  onRun?: (run: { index: number; callbackMs: number; bareMs: number }) => void;
}

export interface ColdStartResult {
  runs: number;
  callbackMs: number[];
  bareMs: number[];
  callbackMedianMs: number;
  bareMedianMs: number;
  /** median(callback) / median(bare `node -e 0`). */
  ratio: number;
}

/**
 * Cold start as a user pays it: the wall time of a whole fresh `node` process, from spawn to exit,
 * that loads the handler, serves one signed callback against the local endpoints and exits.
 * Each run is paired with a bare `node -e 0` in the same environment, so machine noise and Node's
 * own start-up cancel out in the ratio.
 */
export async function measureColdStart(options: ColdStartOptions): Promise<ColdStartResult> {
  const { handlerPath, exportName, streamPrefix, onRun, ...common } = options;
  const [result] = await measureColdStarts({
    ...common,
    subjects: [{ name: 'callback', handlerPath, exportName, streamPrefix }],
    ...(onRun && { onRun: ({ subject: _subject, ...run }) => onRun(run) }),
  });
  return result!;
}

export interface ColdStartSubject extends ExtractedHandler {
  /** Names the subject in `onRun` and, by default, in its stream ids. */
  name: string;
  /** Every run's stream id is `<streamPrefix>-<n>`, so every run really writes. */
  streamPrefix?: string | undefined;
}

export interface ColdStartsOptions extends Omit<
  ColdStartOptions,
  keyof ExtractedHandler | 'streamPrefix' | 'onRun'
> {
  subjects: ColdStartSubject[];
  onRun?: (run: { subject: string; index: number; callbackMs: number; bareMs: number }) => void;
}

/**
 * {@link measureColdStart} for several handlers at once, in the same environment: each round runs
 * every subject once, each paired with a bare `node -e 0` of its own, and the order of the
 * subjects rotates from round to round, so a drift in the machine's load, or one subject warming
 * the file cache for the next, favours none. Results are in the order of `subjects`.
 */
export async function measureColdStarts(options: ColdStartsOptions): Promise<ColdStartResult[]> {
  const {
    env,
    driver,
    subjects,
    runs = 21,
    warmupRuns = 2,
    payload = recordingBody(),
    key = BENCH_KEY,
  } = options;
  const now = Date.now();
  const measured = subjects.map((subject) => ({
    subject,
    streamPrefix: subject.streamPrefix ?? `bench-cold-${subject.name}-${now}`,
    callbackMs: [] as number[],
    bareMs: [] as number[],
  }));
  for (let index = -warmupRuns; index < runs; index++) {
    const round = index + warmupRuns;
    for (let turn = 0; turn < measured.length; turn++) {
      const current = measured[(round + turn) % measured.length]!;
      const bare = await timeProcess(['-e', '0'], env);
      const body = signCallback({ ...payload, stream_id: `${current.streamPrefix}-${round}` }, key);
      const callback = await timeProcess(
        [driver, current.subject.handlerPath, current.subject.exportName, JSON.stringify(body)],
        env,
      );
      if (index < 0) continue;
      current.bareMs.push(bare);
      current.callbackMs.push(callback);
      options.onRun?.({ subject: current.subject.name, index, callbackMs: callback, bareMs: bare });
    }
  }
  return measured.map(({ callbackMs, bareMs }) => {
    const callbackMedianMs = median(callbackMs);
    const bareMedianMs = median(bareMs);
    return {
      runs,
      callbackMs,
      bareMs,
      callbackMedianMs,
      bareMedianMs,
      ratio: callbackMedianMs / bareMedianMs,
    };
  });
}

export interface WarmOptions extends ExtractedHandler {
  env: Record<string, string>;
  /** bench/warm-child, built by {@link buildDrivers}. */
  driver: string;
  /** When given, the result says how much of a callback the endpoints served. */
  servers?: Pick<BenchServers, 'stats'>;
  callbacks?: number;
  warmup?: number;
  streamPrefix?: string;
  payload?: JsonObject;
}

export interface WarmResult {
  callbacks: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  perSecond: number;
  /** Per timed callback: requests to each endpoint, and the endpoints' time serving them. */
  endpoints?: { dynamoDbRequests: number; eventBridgeRequests: number; ms: number };
}

/**
 * Warm latency: one process serves `warmup` callbacks, then `callbacks` more one after another,
 * each timed from the handler call to its answer (signing the body is outside the timing).
 */
export async function measureWarm(options: WarmOptions): Promise<WarmResult> {
  const { callbacks = 2000, warmup = 200 } = options;
  const job: WarmJob = {
    handlerPath: options.handlerPath,
    exportName: options.exportName,
    payload: options.payload ?? recordingBody(),
    streamPrefix: options.streamPrefix ?? `bench-warm-${Date.now()}`,
    warmup,
    callbacks,
  };
  const child = spawn(process.execPath, [options.driver, JSON.stringify(job)], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output = keepTail(child.stdout, child.stderr);
  const timeoutMs = 60_000 + callbacks * 50;
  type Load = Omit<ServersStats, 'type'>;
  let before: Promise<Load | undefined> = Promise.resolve(undefined);
  const report = await new Promise<WarmReport | undefined>((resolveReport, reject) => {
    let received: WarmReport | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('message', (message: WarmReport) => {
      if (message.type !== 'warmed') {
        received = message;
        return;
      }
      before = options.servers?.stats() ?? Promise.resolve(undefined);
      void before.then(
        () => child.send({ type: 'go' }),
        () => child.kill('SIGKILL'),
      );
    });
    child.once('error', reject);
    child.once('close', () => {
      clearTimeout(timer);
      resolveReport(received);
    });
  });
  if (report?.type !== 'done') {
    const reason = report?.type === 'failed' ? report.message : 'exited without a report';
    throw new Error(`warm run failed: ${reason}\n${output()}`);
  }
  const sorted = [...report.latenciesMs].sort((a, b) => a - b);
  const result: WarmResult = {
    callbacks,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    maxMs: sorted[sorted.length - 1] ?? NaN,
    perSecond: callbacks / (report.totalMs / 1000),
  };
  const [start, end] = [await before, await options.servers?.stats()];
  if (start && end) {
    result.endpoints = {
      dynamoDbRequests: (end.dynamoDb.requests - start.dynamoDb.requests) / callbacks,
      eventBridgeRequests: (end.eventBridge.requests - start.eventBridge.requests) / callbacks,
      ms:
        (end.dynamoDb.ms - start.dynamoDb.ms + end.eventBridge.ms - start.eventBridge.ms) /
        callbacks,
    };
  }
  return result;
}

/** Wall time in ms of `node <args>`, spawn to exit; throws if it does not exit with 0. */
async function timeProcess(args: string[], env: Record<string, string>): Promise<number> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = keepTail(child.stdout, child.stderr);
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  let end = start;
  child.once('exit', () => (end = process.hrtime.bigint()));
  const code = await new Promise<number | null>((resolveClose, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolveClose(exitCode));
  });
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(`node ${args.slice(0, 2).join(' ')} exited with ${code}:\n${output()}`);
  }
  return Number(end - start) / 1e6;
}

/** Drains a child's output (a full pipe would block it) and keeps the end, for error messages. */
function keepTail(...streams: (NodeJS.ReadableStream | null)[]): () => string {
  let tail = '';
  for (const stream of streams) {
    stream?.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-4000);
    });
  }
  return () => tail;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile of values sorted ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? NaN;
}
