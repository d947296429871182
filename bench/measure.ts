import type { JsonObject } from '../lib/json/json';
/**
 * The benchmark's measurements, one exported function each, so a variant (another bundle, another
 * artifact) can be measured the same way: `npm run bench` (bench/commands/bench.ts) strings them together.
 *
 *   packageFunctions()    `serverless package`, as deploy builds: artifacts, sizes, environments
 *   measureSize()         uncompressed JS bytes and zip bytes of one artifact
 *   nodeRuntimes()        the machine's node and Node 24 (Lambda's major), from the npm registry
 *   startBenchServers()   DynamoDB, EventBridge and SSM over TLS, in a process of their own
 *   buildDrivers()        the cold-start and warm drivers, pre-built to plain CommonJS
 *   buildReferenceHandlers()  the floors (the SDK clients alone, for each key path) and the
 *                         straightforward peer, bundled as a developer would
 *   lambdaEnvironment()   what a measured process gets: Lambda's variables, never the shell's
 *   checkVerification()   a measured process refuses an endpoint whose certificate it must not trust
 *   buildCodeCache()      a V8 code cache of a handler, made by one node
 *   measureColdStarts()   fresh processes serving one invocation, every runtime and handler
 *                         interleaved round by round, each run paired with a bare `node -e 0`
 *   measureWarm()         one process, sequential callbacks: p50/p99, callbacks per second,
 *                         requests and bytes per callback
 */
import { execFile, spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { signCallback } from '../lib/callback/sign-callback';
import { lambdaNodeBinary } from '../scripts/build/lambda-node';
import { SDK_NODE_WARNING_SWITCH } from '../scripts/cli/node-version';
import { packageService, type CloudFormationTemplate } from '../scripts/build/package-service';
import { recordingBody } from '../fakes/fixtures';
import type { BenchCertificates } from './certificates';
import type {
  Counters,
  EndpointName,
  ServersJob,
  ServersMessage,
  ServersRequest,
  WarmJob,
  WarmReport,
} from './protocol';
import { extractZip, readZip } from '../scripts/build/zip';

const PROJECT = resolve(__dirname, '..');
export const BENCH_KEY = 'BenchCallbackKey0123456789';
export const BENCH_REGION = 'us-east-1';
const BENCH_CREDENTIALS = {
  accessKeyId: 'ASIABENCHBENCHBENCH0',
  secretAccessKey: 'bench/secret/access/key/bench/secret/acce',
  sessionToken: 'bench-session-token',
};
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
  /** As deployed (Lambda sizes the V8 heap from it: see {@link lambdaNodeFlags}). */
  memoryMb: number;
}

export interface PackagedFunctions {
  functions: PackagedFunction[];
  template: CloudFormationTemplate;
  remove(): Promise<void>;
}

/**
 * Runs `serverless package` (scripts/build/package-service.ts: what deploy ships) and describes each
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
          memoryMb: Number(properties.MemorySize ?? 1024),
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
 * Builds bench/processes/cold-start-child.ts and bench/processes/warm-child.ts to plain CommonJS in `directory`:
 * no TypeScript loader may run inside a timed process.
 */
export async function buildDrivers(directory: string): Promise<Drivers> {
  await build({
    entryPoints: {
      'cold-start-child': join(__dirname, 'processes', 'cold-start-child.ts'),
      'warm-child': join(__dirname, 'processes', 'warm-child.ts'),
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

/**
 * The handlers the callback is measured against, in the same rounds (DESIGN.md, "AWS through the
 * SDK"): the floor of each key path, what the service stands on and cannot go below, and the
 * straightforward peer, what the callback would be without the service's own care.
 */
export const REFERENCES = {
  /** The two SDK clients alone, one PutItem and one PutEvents; the key from the environment. */
  'floor-env': 'reference-handler.ts',
  /** The same, plus one SecureString read through Powertools Parameters (the deployed path). */
  'floor-ssm': 'reference-ssm-handler.ts',
  /** middy + zod + the DocumentClient + Powertools Logger, the key from SSM. */
  peer: 'peer-handler.ts',
} as const;
export type ReferenceName = keyof typeof REFERENCES;

export interface ReferenceHandler extends ExtractedHandler {
  name: ReferenceName;
  /** Bytes of the minified bundle. */
  codeBytes: number;
}

/**
 * Bundles each of {@link REFERENCES} into `directory` as a developer would: minified,
 * `platform: node`, `target: node20`, CommonJS output, the SDK's ES module build
 * (`mainFields: ['module', 'main']`, which tree-shakes). None of the project's own settings
 * (serverless.yml `custom.esbuild`: the credentials alias) apply: the floors are the SDK as it
 * comes.
 */
export async function buildReferenceHandlers(directory: string): Promise<ReferenceHandler[]> {
  return Promise.all(
    (Object.entries(REFERENCES) as [ReferenceName, string][]).map(async ([name, source]) => {
      const handlerPath = join(directory, `${name}.cjs`);
      await build({
        entryPoints: [join(__dirname, 'functions', source)],
        outfile: handlerPath,
        bundle: true,
        minify: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        mainFields: ['module', 'main'],
        logLevel: 'warning',
      });
      return {
        name,
        handlerPath,
        exportName: 'handler',
        codeBytes: (await stat(handlerPath)).size,
      };
    }),
  );
}

export interface NodeRuntime {
  /** `Node 20`, `Node 24`. */
  label: string;
  /** `v20.20.2`. */
  version: string;
  path: string;
}

/**
 * The Node.js binaries every measurement runs on: this machine's, and the pinned Node 24 from the
 * npm registry (scripts/build/lambda-node.ts), Lambda's runtime major, unless `node24` is false or is
 * already the machine's major.
 */
export async function nodeRuntimes(node24: boolean | string = true): Promise<NodeRuntime[]> {
  const describe = async (path: string): Promise<NodeRuntime> => {
    const { stdout } = await promisify(execFile)(path, ['--version'], { env: {} });
    const version = stdout.trim();
    return { label: `Node ${version.slice(1).split('.')[0]}`, version, path };
  };
  const runtimes = [await describe(process.execPath)];
  if (node24 === false) return runtimes;
  const lambda = await describe(typeof node24 === 'string' ? node24 : await lambdaNodeBinary());
  if (lambda.label !== runtimes[0]!.label) runtimes.push(lambda);
  return runtimes;
}

/**
 * The flags Lambda's Node.js runtime starts `node` with (its bootstrap script: the V8 heap sized
 * from the function's memory, `--expose-gc`, a larger header limit). They change V8's heap
 * limits, so the start-up's garbage collections, and V8's flag hash, which a code cache must match.
 */
export function lambdaNodeFlags(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return [
    '--expose-gc',
    '--max-http-header-size=81920',
    `--max-semi-space-size=${Math.floor(newSpace / 2)}`,
    `--max-old-space-size=${memoryMb - newSpace}`,
  ];
}

export interface BenchServers {
  tableName: string;
  eventsTableName: string;
  endpoints: Record<EndpointName, string>;
  /** The SSM parameter the functions read the key from, as deployed. */
  keyParameter: string;
  /** The file holding the root the measured processes trust. */
  caFile: string;
  /** What each endpoint served so far (cheap: no table scan). */
  counters(): Promise<{ counters: Counters; events: number }>;
  /** The same, with the items in the recordings table. */
  stats(): Promise<{ counters: Counters; events: number; items: number }>;
  /** Stores `count` recordings pending publication (for the republisher to find). */
  seed(count: number, streamPrefix: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts bench/processes/servers.ts (DynamoDB, EventBridge and SSM over TLS) in a process of its own. */
export async function startBenchServers(options: {
  tableName: string;
  eventsTableName: string;
  keyParameter: string;
  certificates: BenchCertificates;
}): Promise<BenchServers> {
  const { certificates } = options;
  const job: ServersJob = {
    tableName: options.tableName,
    eventsTableName: options.eventsTableName,
    region: BENCH_REGION,
    credentials: BENCH_CREDENTIALS,
    key: certificates.key,
    cert: certificates.cert,
    caPem: certificates.caPem,
    impostor: certificates.impostor,
    parameter: { name: options.keyParameter, value: BENCH_KEY },
  };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'processes', 'servers.ts'), JSON.stringify(job)],
    {
      cwd: PROJECT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // The AWS SDK's notice about its 2027 releases and Node 20 is noise here (not measured);
      // the SDK's own switch silences it and nothing else (see scripts/cli/node-version.ts).
      env: { ...process.env, [SDK_NODE_WARNING_SWITCH]: 'true' },
    },
  );
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  // One request at a time: each answer is the next message of its type.
  let queue: Promise<unknown> = Promise.resolve();
  const next = <T extends ServersMessage['type']>(type: T, request?: ServersRequest) => {
    const answer = queue.then(
      () =>
        new Promise<Extract<ServersMessage, { type: T }>>((resolveMessage, reject) => {
          const onMessage = (message: ServersMessage) => {
            if (message.type === 'failed') reject(new Error(`bench servers: ${message.message}`));
            else if (message.type !== type) return;
            else resolveMessage(message as Extract<ServersMessage, { type: T }>);
            child.off('message', onMessage);
          };
          child.on('message', onMessage);
          void exited.then(() => reject(new Error('the bench servers process exited')));
          if (request) child.send(request);
        }),
    );
    queue = answer.catch(() => undefined);
    return answer;
  };

  const ready = await Promise.race([
    next('ready'),
    new Promise<never>((_, reject) => child.once('error', reject)),
  ]);
  return {
    tableName: options.tableName,
    eventsTableName: options.eventsTableName,
    endpoints: ready.endpoints,
    keyParameter: options.keyParameter,
    caFile: certificates.caFile,
    counters: async () => {
      const { counters, events } = await next('counters', { type: 'counters' });
      return { counters, events };
    },
    stats: async () => {
      const { counters, events, items } = await next('stats', { type: 'stats' });
      return { counters, events, items };
    },
    seed: async (count, streamPrefix) => {
      await next('seeded', { type: 'seed', count, streamPrefix });
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
 * The environment of a measured process: nothing inherited from the shell (no
 * `NODE_EXTRA_CA_CERTS`, no `NODE_OPTIONS`, no loader, no `~/.aws` profile), but what Lambda sets
 * for a function (its deployed variables, its name and memory, the region, temporary credentials,
 * `TZ=:UTC`, a trace id, ...), with the AWS endpoints pointing at the bench's servers. The key
 * comes from SSM, as deployed: `CALLBACK_KEY_PARAMETER` (from the template) names it, and no
 * `CALLBACK_KEY` is set. `dynamoDb: 'instant'` points DynamoDB at the endpoint that answers at once.
 */
export function lambdaEnvironment(
  fn: Pick<PackagedFunction, 'name' | 'environment' | 'memoryMb'>,
  servers: Pick<
    BenchServers,
    'tableName' | 'eventsTableName' | 'endpoints' | 'keyParameter' | 'caFile'
  >,
  { taskRoot, dynamoDb = 'dynamodb' }: { taskRoot: string; dynamoDb?: 'dynamodb' | 'instant' },
): Record<string, string> {
  const functionName = `tencent-css-recordings-prod-${fn.name}`;
  const { CALLBACK_KEY: _never, ...deployed } = fn.environment;
  return {
    // What Lambda's Node.js runtime sets (those a function can read).
    PATH: '/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    LAMBDA_TASK_ROOT: taskRoot,
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/29/[$LATEST]0123456789abcdef0123456789abcdef',
    AWS_REGION: BENCH_REGION,
    AWS_DEFAULT_REGION: BENCH_REGION,
    AWS_ACCESS_KEY_ID: BENCH_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: BENCH_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: BENCH_CREDENTIALS.sessionToken,
    _X_AMZN_TRACE_ID: 'Root=1-6749f3a0-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=0',
    // The function's own, as deployed, on the bench's tables.
    ...deployed,
    TABLE_NAME: servers.tableName,
    EVENTS_TABLE_NAME: servers.eventsTableName,
    EVENT_BUS_NAME: deployed.EVENT_BUS_NAME ?? 'tencent-css-recordings-prod',
    CALLBACK_KEY_PARAMETER: servers.keyParameter,
    // The bench's endpoints, and no shared AWS config for the SDK (the reference) to read.
    AWS_ENDPOINT_URL_DYNAMODB: servers.endpoints[dynamoDb],
    AWS_ENDPOINT_URL_EVENTBRIDGE: servers.endpoints.events,
    AWS_ENDPOINT_URL_SSM: servers.endpoints.ssm,
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    // Read by the bench's driver only (bench/trust-certificate.ts), never by the handler.
    BENCH_CA_FILE: servers.caFile,
  };
}

/** A handler run fresh in every measured process. */
export interface ColdStartSubject extends ExtractedHandler {
  /** Names the subject in the results. */
  name: string;
  /** `http`: one signed callback through the HTTP API event; `schedule`: the scheduled event. */
  invoke: 'http' | 'schedule';
  memoryMb: number;
  env: Record<string, string>;
  /** Extra variables per runtime (a code cache made by that node). */
  runtimeEnv?: (runtime: NodeRuntime) => Record<string, string>;
  /**
   * Untimed work before a run (storing pending records), and the run's input: the body to sign
   * for `http` (its own stream id, so that every run writes), the records to publish for `schedule`.
   */
  prepare(run: string): Promise<JsonObject | number>;
}

export interface ColdStartResult {
  runs: number;
  /** Spawn to the answer (the byte the driver writes on fd 3 when the handler has answered). */
  responseMs: number[];
  /** Spawn to exit. */
  exitMs: number[];
  /** Each run's bare `node -e 0`, spawn to exit, same runtime, flags and environment. */
  bareMs: number[];
  responseMedianMs: number;
  exitMedianMs: number;
  bareMedianMs: number;
  /** Requests per run, by `<endpoint>.<operation>` (`dynamodb.PutItem`), averaged over the runs. */
  requests: Record<string, number>;
}

export type ColdStartResults = Record<string, Record<string, ColdStartResult>>;

export interface ColdStartsOptions {
  runtimes: NodeRuntime[];
  subjects: ColdStartSubject[];
  /** bench/processes/cold-start-child, built by {@link buildDrivers}. */
  driver: string;
  /** Counts the requests of each run at the endpoints; none counted without it. */
  servers?: Pick<BenchServers, 'counters'>;
  /** Measured rounds; at least 15 for a published number. */
  runs?: number;
  /** Rounds run first and thrown away: they fill the file cache and warm the local servers. */
  warmupRuns?: number;
  key?: string;
  onRound?: (round: number, line: string) => void;
}

/**
 * Cold start as a user pays it: a whole fresh `node` process, with Lambda's flags and variables,
 * that loads the handler, serves one invocation against the bench's endpoints (over TLS) and
 * exits. Timed twice from spawn: to the answer (judged: Lambda freezes the process once it has
 * answered) and to exit. Each run is paired with a bare `node -e 0` (same runtime, flags and
 * environment): the floor, measured beside it. Each round runs every subject on every runtime
 * once, the order rotating from round to round, so a drift in the machine's load, or one process
 * warming the file cache for the next, favours none; so ratios are taken within the same rounds.
 * Results by runtime label, then subject name.
 */
export async function measureColdStarts(options: ColdStartsOptions): Promise<ColdStartResults> {
  const { runtimes, subjects, driver, runs = 21, warmupRuns = 2, key = BENCH_KEY } = options;
  const pairs = runtimes.flatMap((runtime) => subjects.map((subject) => ({ runtime, subject })));
  const results: ColdStartResults = {};
  const requestTotals: Record<string, Record<string, Record<string, number>>> = {};
  for (const { runtime, subject } of pairs) {
    (results[runtime.label] ??= {})[subject.name] = {
      runs,
      responseMs: [],
      exitMs: [],
      bareMs: [],
      responseMedianMs: NaN,
      exitMedianMs: NaN,
      bareMedianMs: NaN,
      requests: {},
    };
    (requestTotals[runtime.label] ??= {})[subject.name] = {};
  }
  const stamp = Date.now();
  for (let index = -warmupRuns; index < runs; index++) {
    const round = index + warmupRuns;
    const line: string[] = [];
    for (let turn = 0; turn < pairs.length; turn++) {
      const { runtime, subject } = pairs[(round + turn) % pairs.length]!;
      const env = { ...subject.env, ...subject.runtimeEnv?.(runtime) };
      const flags = lambdaNodeFlags(subject.memoryMb);
      const run = `bench-cold-${stamp}-${runtime.label.replace(' ', '')}-${subject.name}-${round}`;
      const input = await subject.prepare(run);
      const args =
        typeof input === 'number' ? String(input) : JSON.stringify(signCallback(input, key));
      const bare = await timeProcess(runtime.path, [...flags, '-e', '0'], env);
      const before = await options.servers?.counters();
      const measured = await timeProcess(
        runtime.path,
        [...flags, driver, subject.invoke, subject.handlerPath, subject.exportName, args],
        env,
      );
      const after = await options.servers?.counters();
      if (index < 0) continue;
      const result = results[runtime.label]![subject.name]!;
      result.bareMs.push(bare.exitMs);
      result.exitMs.push(measured.exitMs);
      result.responseMs.push(measured.responseMs ?? NaN);
      if (before && after) {
        const totals = requestTotals[runtime.label]![subject.name]!;
        for (const [operation, count] of Object.entries(
          requestDelta(before.counters, after.counters),
        )) {
          totals[operation] = (totals[operation] ?? 0) + count;
        }
      }
      line.push(`${runtime.label} ${subject.name} ${(measured.responseMs ?? NaN).toFixed(0)}`);
    }
    if (index >= 0) options.onRound?.(index, line.join(', '));
  }
  for (const [label, bySubject] of Object.entries(results)) {
    for (const [name, result] of Object.entries(bySubject)) {
      result.responseMedianMs = median(result.responseMs);
      result.exitMedianMs = median(result.exitMs);
      result.bareMedianMs = median(result.bareMs);
      result.requests = Object.fromEntries(
        Object.entries(requestTotals[label]![name]!).map(([operation, count]) => [
          operation,
          count / runs,
        ]),
      );
    }
  }
  return results;
}

/** Requests between two snapshots, by `<endpoint>.<operation>`. */
export function requestDelta(before: Counters, after: Counters): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [endpoint, counters] of Object.entries(after)) {
    for (const [operation, count] of Object.entries(counters.operations)) {
      const difference = count - (before[endpoint as EndpointName]?.operations[operation] ?? 0);
      if (difference !== 0) delta[`${endpoint}.${operation}`] = difference;
    }
  }
  return delta;
}

/**
 * Makes a V8 code cache of a handler with one node: a process (Lambda's flags, the subject's
 * environment) loads the handler through `vm.Script`, serves one invocation (so the functions
 * that run are compiled, not only the top level) and writes `script.createCachedData()`.
 */
export async function buildCodeCache(
  runtime: NodeRuntime,
  subject: ColdStartSubject,
  driver: string,
  cacheFile: string,
  key = BENCH_KEY,
): Promise<number> {
  const input = await subject.prepare(
    `bench-cache-${Date.now()}-${runtime.label.replace(' ', '')}`,
  );
  await timeProcess(
    runtime.path,
    [
      ...lambdaNodeFlags(subject.memoryMb),
      driver,
      subject.invoke,
      subject.handlerPath,
      subject.exportName,
      JSON.stringify(signCallback(input as JsonObject, key)),
    ],
    { ...subject.env, BENCH_CODE_CACHE: cacheFile, BENCH_CODE_CACHE_BUILD: '1' },
  );
  return (await stat(cacheFile)).size;
}

export interface VerificationCheck {
  runtime: string;
  /** What the process said when it was pointed at the impostor (it must have failed). */
  callback: string;
  reference?: string;
  /** Requests the impostor served (must be 0) and handshakes clients aborted. */
  impostorRequests: number;
  impostorHandshakesRefused: number;
}

/**
 * Proof that the measured processes verify the endpoints' certificates: on each runtime, the
 * callback with its SSM endpoint, and the reference with its DynamoDB endpoint, pointed at the
 * impostor (same address and answers, a certificate from a root they do not trust) must fail
 * without one request getting through. Throws otherwise: a measurement without verification
 * would leave out work Lambda does.
 */
export async function checkVerification(options: {
  runtimes: NodeRuntime[];
  callback: ColdStartSubject;
  reference?: ColdStartSubject;
  driver: string;
  servers: Pick<BenchServers, 'counters' | 'endpoints'>;
  key?: string;
}): Promise<VerificationCheck[]> {
  const { servers, driver, key = BENCH_KEY } = options;
  const checks: VerificationCheck[] = [];
  for (const runtime of options.runtimes) {
    const before = (await servers.counters()).counters.impostor;
    const refusal = async (subject: ColdStartSubject, variable: string) => {
      const input = await subject.prepare(`bench-impostor-${Date.now()}`);
      const outcome = await timeProcess(
        runtime.path,
        [
          ...lambdaNodeFlags(subject.memoryMb),
          driver,
          subject.invoke,
          subject.handlerPath,
          subject.exportName,
          JSON.stringify(signCallback(input as JsonObject, key)),
        ],
        { ...subject.env, [variable]: servers.endpoints.impostor },
        { mayFail: true },
      );
      if (outcome.code === 0) {
        throw new Error(
          `${subject.name} on ${runtime.label} accepted a certificate from an untrusted root: ` +
            'the bench would not measure certificate verification',
        );
      }
      return outcome.output.trim().split('\n').pop() ?? '';
    };
    const callback = await refusal(options.callback, 'AWS_ENDPOINT_URL_SSM');
    const reference = options.reference
      ? await refusal(options.reference, 'AWS_ENDPOINT_URL_DYNAMODB')
      : undefined;
    const after = (await servers.counters()).counters.impostor;
    const check: VerificationCheck = {
      runtime: `${runtime.label} (${runtime.version})`,
      callback,
      ...(reference !== undefined && { reference }),
      impostorRequests: after.requests - before.requests,
      impostorHandshakesRefused: after.tlsFailures - before.tlsFailures,
    };
    if (check.impostorRequests !== 0 || check.impostorHandshakesRefused === 0) {
      throw new Error(`certificate verification check failed: ${JSON.stringify(check)}`);
    }
    checks.push(check);
  }
  return checks;
}

export interface WarmOptions extends ExtractedHandler {
  runtime: NodeRuntime;
  memoryMb: number;
  env: Record<string, string>;
  /** bench/processes/warm-child, built by {@link buildDrivers}. */
  driver: string;
  /** When given, the result says what the timed callbacks asked of the endpoints. */
  servers?: Pick<BenchServers, 'counters'>;
  callbacks?: number;
  warmup?: number;
  streamPrefix?: string;
  payload?: JsonObject;
  key?: string;
}

export interface WarmResult {
  callbacks: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /** One instance, one callback after another (as Lambda gives an instance one at a time). */
  perSecond: number;
  /** Bytes the handler wrote to stdout (its logs and metrics, CloudWatch Logs in Lambda). */
  logBytesPerCallback: number;
  /** Per timed callback: requests by `<endpoint>.<operation>`, and the endpoints' time. */
  requests?: Record<string, number>;
  endpointMs?: number;
  /** DynamoDB item bytes per PutItem, EventBridge bytes per entry, as each bills them. */
  itemBytes?: number;
  entryBytes?: number;
}

/**
 * Warm latency: one process serves `warmup` callbacks, then `callbacks` more one after another,
 * each timed in the process around the handler call alone (signing the body is outside).
 */
export async function measureWarm(options: WarmOptions): Promise<WarmResult> {
  const { callbacks = 2000, warmup = 200 } = options;
  const job: WarmJob = {
    handlerPath: options.handlerPath,
    exportName: options.exportName,
    payload: options.payload ?? recordingBody(),
    key: options.key ?? BENCH_KEY,
    streamPrefix:
      options.streamPrefix ?? `bench-warm-${Date.now()}-${options.runtime.label.replace(' ', '')}`,
    warmup,
    callbacks,
  };
  const child = spawn(
    options.runtime.path,
    [...lambdaNodeFlags(options.memoryMb), options.driver, JSON.stringify(job)],
    { env: options.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  const output = keepTail(child.stdout, child.stderr);
  const log = { counting: false, bytes: 0 };
  child.stdout?.on('data', (chunk: Buffer) => {
    if (log.counting) log.bytes += chunk.length;
  });
  const timeoutMs = 60_000 + callbacks * 50;
  type Snapshot = Awaited<ReturnType<BenchServers['counters']>>;
  let before: Promise<Snapshot | undefined> = Promise.resolve(undefined);
  const report = await new Promise<WarmReport | undefined>((resolveReport, reject) => {
    let received: WarmReport | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('message', (message: WarmReport) => {
      if (message.type !== 'warmed') {
        log.counting = false;
        received = message;
        return;
      }
      before = options.servers?.counters() ?? Promise.resolve(undefined);
      void before.then(
        () => {
          log.counting = true;
          child.send({ type: 'go' });
        },
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
    logBytesPerCallback: log.bytes / callbacks,
  };
  const [start, end] = [await before, await options.servers?.counters()];
  if (start && end) {
    const perCallback = (value: number) => value / callbacks;
    result.requests = Object.fromEntries(
      Object.entries(requestDelta(start.counters, end.counters)).map(([operation, count]) => [
        operation,
        perCallback(count),
      ]),
    );
    const spent = (name: EndpointName) => end.counters[name].ms - start.counters[name].ms;
    result.endpointMs = perCallback(
      spent('instant') + spent('dynamodb') + spent('events') + spent('ssm'),
    );
    const puts =
      (end.counters.instant.operations.PutItem ?? 0) -
      (start.counters.instant.operations.PutItem ?? 0);
    const entries = (end.counters.events.entries ?? 0) - (start.counters.events.entries ?? 0);
    if (puts > 0) {
      result.itemBytes =
        ((end.counters.instant.itemBytes ?? 0) - (start.counters.instant.itemBytes ?? 0)) / puts;
    }
    if (entries > 0) {
      result.entryBytes =
        ((end.counters.events.entryBytes ?? 0) - (start.counters.events.entryBytes ?? 0)) / entries;
    }
  }
  return result;
}

interface TimedProcess {
  /** Spawn to the driver's byte on fd 3; undefined if it never wrote one. */
  responseMs?: number;
  exitMs: number;
  code: number | null;
  output: string;
}

/**
 * Wall times in ms of `<node> <args>` from spawn: to the first byte on its fd 3 (the driver writes
 * one when the handler has answered) and to exit. Throws if it does not exit with 0, unless
 * `mayFail`.
 */
async function timeProcess(
  node: string,
  args: string[],
  env: Record<string, string>,
  { mayFail = false } = {},
): Promise<TimedProcess> {
  const start = process.hrtime.bigint();
  const child = spawn(node, args, { env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  const output = keepTail(child.stdout, child.stderr);
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  let answered: bigint | undefined;
  let end = start;
  child.stdio[3]?.once('data', () => (answered = process.hrtime.bigint()));
  child.once('exit', () => (end = process.hrtime.bigint()));
  const code = await new Promise<number | null>((resolveClose, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolveClose(exitCode));
  });
  clearTimeout(timer);
  if (code !== 0 && !mayFail) {
    throw new Error(`${node} ${args.slice(-4, -2).join(' ')} exited with ${code}:\n${output()}`);
  }
  const ms = (at: bigint) => Number(at - start) / 1e6;
  return {
    ...(answered !== undefined && { responseMs: ms(answered) }),
    exitMs: ms(end),
    code,
    output: output(),
  };
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
