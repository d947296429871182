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
  tencent: LOCAL_TENCENT_PORT,
} as const;

export type PortName = keyof typeof LOCAL_PORTS;

export interface LocalSettings {
  ports: Record<PortName, number>;
  /** What the handlers accept (comma-separated for several, as `CALLBACK_KEY` everywhere). */
  callbackKey: string;
  /** `default` when no `CALLBACK_KEY` was set and {@link LOCAL_CALLBACK_KEY} is used. */
  callbackKeySource: 'default' | 'CALLBACK_KEY';
  /** Where dynalite keeps the tables, so recordings survive a restart. */
  dataDir: string;
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
  const dataDir = env.LOCAL_DATA_DIR?.trim() || '.local/dynamodb';
  return {
    ports,
    callbackKey: key || LOCAL_CALLBACK_KEY,
    callbackKeySource: key ? 'CALLBACK_KEY' : 'default',
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(PROJECT_DIR, dataDir),
    logs: localLogs(env),
  };
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
