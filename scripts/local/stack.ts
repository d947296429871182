import { relative } from 'node:path';
import { startOffline, type Exit, type OfflineProcess } from './offline';
import { assertPortsFree, waitForPort } from './ports';
import { ensureServiceTables } from './tables';
import { localDynamoDbClient, startDynamoDb, startDynamoDbConsole, startS3 } from './servers';
import {
  PROJECT_DIR,
  resolveServiceConfig,
  serviceNames,
  type ServiceNames,
} from './service-config';
import {
  LOCAL_ARCHIVE_BUCKET,
  LOCAL_AWS_TIMEOUT_MS,
  LOCAL_CREDENTIALS,
  LOCAL_PORTS,
  LOCAL_REGION,
  LOCAL_STAGE,
  LOCAL_TENCENT_CREDENTIALS,
  type LocalSettings,
  serverlessParams,
  type PortName,
} from './settings';
import { startLocalTencent, type LocalTencent } from '../../local-tencent';
import { LOCAL_TIMEOUT_VARIABLE } from '../../lib/aws/clients';

export interface LocalStack extends ServiceNames {
  stage: string;
  urls: {
    callback: string;
    dynamoDb: string;
    console: string;
    eventBridge: string;
    lambda: string;
    /** The local Tencent Cloud API (CSS callback templates and history). */
    tencent: string;
    /** The local S3 (`AWS_ENDPOINT_URL_S3` of the handlers). */
    s3: string;
  };
  /** The bucket the archive function copies recordings into; absent with `LOCAL_ARCHIVE=off`. */
  archive?: { bucket: string; s3Url: string };
  /** The local Tencent: its account holds the bindings `npm run tencent` makes. */
  tencent: LocalTencent;
  /** Settles if serverless offline exits on its own (a crash); `stop()` is still needed. */
  offlineExited: Promise<Exit>;
  /** Stops everything that was started, newest first; safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Starts the whole service on this machine: dynalite (DynamoDB), the recordings table as
 * serverless.yml defines it, dynamodb-admin (console), the local Tencent (Tencent Cloud's CSS API,
 * accepting {@link LOCAL_TENCENT_CREDENTIALS}), a local S3 with the archive's bucket, and
 * serverless offline (HTTP API, Lambda, EventBridge with the subscribers of serverless.yml, the
 * archive function among them unless `LOCAL_ARCHIVE=off`). Resolves once every part answers.
 * On failure, or when `signal` aborts, whatever was started is stopped before the error is thrown.
 */
export async function startLocalStack(
  settings: LocalSettings,
  { signal }: { signal?: AbortSignal } = {},
): Promise<LocalStack> {
  const { ports } = settings;
  await assertPortsFree(
    (Object.keys(LOCAL_PORTS) as PortName[]).map((name) => ({
      port: ports[name],
      ...LOCAL_PORTS[name],
    })),
  );

  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const stopOne of stops.splice(0).reverse()) await stopOne().catch(() => undefined);
  };
  try {
    const dynamoDb = await startDynamoDb(ports.dynamoDb, settings.dataDir);
    stops.push(dynamoDb.close);
    const tencent = await startLocalTencent({
      port: ports.tencent,
      credentials: LOCAL_TENCENT_CREDENTIALS,
    });
    stops.push(() => tencent.close());
    const s3 = await startS3(ports.s3, settings.s3Dir, LOCAL_ARCHIVE_BUCKET);
    stops.push(s3.close);
    const env = handlerEnvironment(settings, dynamoDb.url, s3.url);
    const params = serverlessParams(settings);
    signal?.throwIfAborted();
    const offline = startOffline(LOCAL_STAGE, env, settings.logs, params);
    stops.push(() => offline.stop());
    // Interrupted while starting (Ctrl-C): serverless offline stops, the waiting below fails.
    signal?.addEventListener('abort', () => void offline.stop(), { once: true });

    // All settled, not just all: nothing may still be starting when a failure stops the rest.
    const [table, ...others] = await Promise.allSettled([
      resolveServiceConfig(LOCAL_STAGE, env, undefined, params).then(async (config) => {
        const names = serviceNames(config);
        await createTables(names, dynamoDb.url, settings.dataDir);
        return names;
      }),
      startDynamoDbConsole(ports.console, dynamoDb.url).then((server) => {
        stops.push(server.close);
      }),
      waitUntilReady(offline, [ports.eventBridge, ports.eventBridgeMqtt, ports.lambda, ports.http]),
    ]);
    for (const result of others) if (result.status === 'rejected') throw result.reason;
    if (table.status === 'rejected') throw table.reason;
    const names = table.value;

    return {
      stage: LOCAL_STAGE,
      ...names,
      urls: {
        callback: `http://localhost:${ports.http}/callback`,
        dynamoDb: `http://localhost:${ports.dynamoDb}`,
        console: `http://localhost:${ports.console}`,
        eventBridge: `http://localhost:${ports.eventBridge}`,
        lambda: `http://localhost:${ports.lambda}`,
        tencent: tencent.url,
        s3: s3.url,
      },
      ...(settings.archive && { archive: { bucket: LOCAL_ARCHIVE_BUCKET, s3Url: s3.url } }),
      tencent,
      offlineExited: offline.exited,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * What serverless offline, and through it every handler, runs with (`localEnvironment: true`):
 * the AWS SDK pointed at the local servers with throw-away credentials, the callback key, and the
 * ports serverless.yml reads, and the local S3 with the archive's bucket
 * (scripts/serverless/local-archive.js reads `LOCAL_ARCHIVE_BUCKET`). Credentials from the shell
 * never reach a local handler. With short
 * logs, Powertools' metrics stay off the terminal (`POWERTOOLS_METRICS_DISABLED`, unless the shell
 * sets it): deployed, they are CloudWatch's; locally, nothing reads them. Tracing is off (there is
 * no X-Ray daemon to send segments to).
 */
export function handlerEnvironment(
  settings: LocalSettings,
  dynamoDbUrl: string,
  s3Url: string,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REGION: LOCAL_REGION,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoDbUrl,
    AWS_ENDPOINT_URL_EVENTBRIDGE: `http://127.0.0.1:${settings.ports.eventBridge}`,
    AWS_ENDPOINT_URL_S3: s3Url,
    LOCAL_ARCHIVE_BUCKET,
    CALLBACK_KEY: settings.callbackKey,
    // The local endpoints share a machine that may be busy: see LOCAL_TIMEOUT_VARIABLE.
    [LOCAL_TIMEOUT_VARIABLE]: String(LOCAL_AWS_TIMEOUT_MS),
  };
  if (settings.logs === 'short') env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  env.POWERTOOLS_TRACE_ENABLED ??= 'false';
  for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN']) delete env[name];
  for (const name of Object.keys(LOCAL_PORTS) as PortName[]) {
    env[LOCAL_PORTS[name].variable] = String(settings.ports[name]);
  }
  return env;
}

async function createTables(
  names: { tableName: string; eventsTableName: string },
  endpoint: string,
  dataDir: string,
): Promise<void> {
  const client = localDynamoDbClient(endpoint);
  try {
    await ensureServiceTables(client, names);
  } catch (error) {
    throw new Error(
      `could not create tables ${names.tableName} and ${names.eventsTableName} in the local DynamoDB, data in ` +
        `${relative(PROJECT_DIR, dataDir) || dataDir} (is another local stack using it?)`,
      { cause: error },
    );
  } finally {
    client.destroy();
  }
}

/** Waits for every port of serverless offline to answer; fails at once if it exits first. */
async function waitUntilReady(offline: OfflineProcess, ports: number[]): Promise<void> {
  const giveUp = new AbortController();
  const ready = Promise.all(
    ports.map((port) => waitForPort(port, { timeoutMs: 90_000, signal: giveUp.signal })),
  );
  const exit = await Promise.race([ready.then(() => undefined), offline.exited]).finally(() =>
    giveUp.abort(),
  );
  if (exit) {
    throw new Error(
      `serverless offline stopped before it was ready (${exit.signal ?? `exit code ${exit.code}`}); its output is above`,
    );
  }
}
