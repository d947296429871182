import { isAbsolute, resolve } from 'node:path';
import { PROJECT_DIR } from './service-config';
import { localLogs, type LocalLogs } from './terminal-lines';
import { LOCAL_TENCENT_PORT } from '../../local-tencent/server';

/** The AWS SDK signs every request, local servers included: any credentials do. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';

/** The stage the local stack runs as: its table and bus are named `...-local`. */
export const LOCAL_STAGE = 'local';

/**
 * How long the local functions wait for each answer of the local AWS endpoints, at least (against
 * 2-2.5 s deployed): long enough that a busy machine only slows them. A hung local endpoint then
 * fails a callback by its function's timeout rather than a 503: either is an error, retried.
 */
export const LOCAL_AWS_TIMEOUT_MS = 10_000;

/**
 * The callback key of the local stack unless `CALLBACK_KEY` says otherwise. A development key,
 * printed on purpose: it protects nothing but a stack on your own machine.
 */
export const LOCAL_CALLBACK_KEY = 'LocalDevCallbackKey1';

/**
 * The API key the local Tencent accepts. Development keys, printed on purpose: they open nothing
 * but the fake of Tencent's API that `npm start` runs on loopback.
 */
export const LOCAL_TENCENT_CREDENTIALS = {
  secretId: 'AKIDLocalDevTencent0001',
  secretKey: 'LocalDevTencentSecretKey0001',
} as const;

/**
 * Every port the local stack listens on, and the variable that moves it. serverless.yml reads
 * the same variables (`custom.serverless-offline*`), with the same defaults.
 */
export const LOCAL_PORTS = {
  http: {
    variable: 'LOCAL_HTTP_PORT',
    fallback: 3000,
    serves: 'the HTTP API (serverless-offline)',
  },
  lambda: {
    variable: 'LOCAL_LAMBDA_PORT',
    fallback: 3002,
    serves: 'the Lambda invoke API (serverless-offline)',
  },
  eventBridge: {
    variable: 'LOCAL_EVENTBRIDGE_PORT',
    fallback: 4010,
    serves: 'EventBridge PutEvents (serverless-offline-aws-eventbridge)',
  },
  eventBridgeMqtt: {
    variable: 'LOCAL_EVENTBRIDGE_MQTT_PORT',
    fallback: 4011,
    serves: "the EventBridge plugin's MQTT broker",
  },
  dynamoDb: { variable: 'LOCAL_DYNAMODB_PORT', fallback: 8000, serves: 'DynamoDB (dynalite)' },
  console: {
    variable: 'LOCAL_CONSOLE_PORT',
    fallback: 8001,
    serves: 'the DynamoDB console (dynamodb-admin)',
  },
  s3: { variable: 'LOCAL_S3_PORT', fallback: 4569, serves: "S3 (s3rver): the archive's bucket" },
  tencent: LOCAL_TENCENT_PORT,
} as const;

export type PortName = keyof typeof LOCAL_PORTS;

/**
 * The local S3's bucket the archive copies recordings into. Deployed, CloudFormation names the
 * bucket; locally there is one stack per S3, so a fixed name reads better in `s3://` URIs.
 */
export const LOCAL_ARCHIVE_BUCKET = 'recordings-archive';

/** `LOCAL_ARCHIVE=off` runs the stack without the archive function (the local S3 still runs). */
export const LOCAL_ARCHIVE = { variable: 'LOCAL_ARCHIVE', on: 'on', off: 'off' } as const;

export interface LocalSettings {
  ports: Record<PortName, number>;
  /** What the handlers accept (comma-separated for several, as `CALLBACK_KEY` everywhere). */
  callbackKey: string;
  /** `default` when no `CALLBACK_KEY` was set and {@link LOCAL_CALLBACK_KEY} is used. */
  callbackKeySource: 'default' | 'CALLBACK_KEY';
  /** Where dynalite keeps the tables, so recordings survive a restart. */
  dataDir: string;
  /** Where the local S3 keeps its buckets and objects (`LOCAL_S3_DIR`). */
  s3Dir: string;
  /** Whether the archive function runs, copying each recording into the local S3. */
  archive: boolean;
  /** `short`: one line per log record, no metrics (`LOCAL_LOGS`); `raw`: as deployed. */
  logs: LocalLogs;
}

type Env = Record<string, string | undefined>;

/**
 * The local stack's settings from the environment, validated: a mistyped port fails here with a
 * message naming the variable, not later with a server error.
 */
export function readLocalSettings(env: Env = process.env): LocalSettings {
  const ports = Object.fromEntries(
    Object.entries(LOCAL_PORTS).map(([name, spec]) => [name, readPort(env, spec)]),
  ) as Record<PortName, number>;
  assertDistinct(ports);
  const key = env.CALLBACK_KEY?.trim();
  return {
    ports,
    callbackKey: key || LOCAL_CALLBACK_KEY,
    callbackKeySource: key ? 'CALLBACK_KEY' : 'default',
    dataDir: projectPath(env.LOCAL_DATA_DIR, '.local/dynamodb'),
    s3Dir: projectPath(env.LOCAL_S3_DIR, '.local/s3'),
    archive: readArchive(env),
    logs: localLogs(env),
  };
}

/** A directory from the environment: relative ones are inside the project. */
function projectPath(value: string | undefined, fallback: string): string {
  const path = value?.trim() || fallback;
  return isAbsolute(path) ? path : resolve(PROJECT_DIR, path);
}

function readArchive(env: Env): boolean {
  const text = env[LOCAL_ARCHIVE.variable]?.trim() || LOCAL_ARCHIVE.on;
  if (text !== LOCAL_ARCHIVE.on && text !== LOCAL_ARCHIVE.off) {
    throw new Error(`${LOCAL_ARCHIVE.variable} must be on or off, not "${text}"`);
  }
  return text === LOCAL_ARCHIVE.on;
}

/**
 * What serverless.yml is resolved with locally: the archive's function is in it only with
 * `archiveRecordings` 'true', as deployed (scripts/serverless/local-archive.js gives it the local
 * bucket).
 */
export function serverlessParams(settings: Pick<LocalSettings, 'archive'>): string[] {
  return settings.archive ? ['--param', 'archiveRecordings=true'] : [];
}

/** `http://localhost:3000/callback`, or on the port `LOCAL_HTTP_PORT` names. */
export function localCallbackUrl(env: Env = process.env): string {
  return `http://localhost:${readPort(env, LOCAL_PORTS.http)}/callback`;
}

function readPort(env: Env, spec: { variable: string; fallback: number }): number {
  const text = env[spec.variable]?.trim();
  if (!text) return spec.fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new Error(`${spec.variable} must be a port number from 1 to 65535, not "${text}"`);
  }
  return port;
}

function assertDistinct(ports: Record<PortName, number>): void {
  const seen = new Map<number, PortName>();
  for (const [name, port] of Object.entries(ports) as [PortName, number][]) {
    const other = seen.get(port);
    if (other !== undefined) {
      throw new Error(
        `${LOCAL_PORTS[other].variable} and ${LOCAL_PORTS[name].variable} both ask for port ${port}`,
      );
    }
    seen.set(port, name);
  }
}
