import { DescribeTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fromItem } from '../../lib/adapters/dynamodb-attributes';
import { RECORDING_EVENT_DETAIL_TYPE, RECORDING_EVENT_SOURCE } from '../../lib/recording-event';
import type { RecordingFileCreatedDetail } from '../../lib/recording-event';
import { summariseRecording } from '../../lib/summarise-recording';
import { loadPayload, sendCallback, withIds } from '../../scripts/callback-sender';
import { isPortFree } from '../../scripts/local/ports';
import { localDynamoDbClient, startDynamoDb } from '../../scripts/local/servers';
import {
  resolveServiceConfig,
  serviceNames,
  type ServiceConfig,
} from '../../scripts/local/service-config';
import { LOCAL_STAGE, type PortName } from '../../scripts/local/settings';
import { tapEventBridge, type EventTap } from '../support/event-tap';
import { uniqueStreamId } from '../support/fixtures';
import {
  freeStackPorts,
  portEnvironment,
  startStackProcess,
  type StackProcess,
} from '../support/local-stack-process';

// `npm start` on free ports, driven over HTTP by the sender's own code, as a user would.
const KEY = 'E2eCallbackKey0123456789';

let ports: Record<PortName, number>;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let stack: StackProcess | undefined;
let config: ServiceConfig;
let tap: EventTap | undefined;

const callbackUrl = () => `http://localhost:${ports.http}/callback`;
const dynamoDb = () => localDynamoDbClient(`http://127.0.0.1:${ports.dynamoDb}`);

beforeAll(async () => {
  ports = await freeStackPorts();
  dataDir = await mkdtemp(join(tmpdir(), 'local-stack-e2e-'));
  env = { ...process.env, ...portEnvironment(ports), CALLBACK_KEY: KEY, LOCAL_DATA_DIR: dataDir };
  stack = startStackProcess(env);
  [config] = await Promise.all([
    resolveServiceConfig(LOCAL_STAGE, env),
    stack.waitForOutput('Local stack ready', 90_000),
  ]);
  tap = await tapEventBridge(ports.eventBridgeMqtt);
}, 120_000);

afterAll(async () => {
  try {
    await tap?.close();
    await stack?.stop();
  } finally {
    // Whatever happened, nothing the stack started outlives the test.
    stack?.kill();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}, 60_000);

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await sleep(50);
}

async function readItem(tableName: string, streamId: string, fileId: string) {
  const client = dynamoDb();
  try {
    const { Item } = await client.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { stream_id: { S: streamId }, file_id: { S: fileId } },
        ConsistentRead: true,
      }),
    );
    return Item && fromItem(Item);
  } finally {
    client.destroy();
  }
}

describe('npm start', () => {
  it('prints every URL, the key source and the command that sends a callback', () => {
    const output = stack?.output() ?? '';

    expect(output).toContain(`POST http://localhost:${ports.http}/callback`);
    expect(output).toContain(`http://localhost:${ports.dynamoDb}`);
    expect(output).toContain(`http://localhost:${ports.console}`);
    expect(output).toContain(`http://localhost:${ports.eventBridge}`);
    expect(output).toContain('Callback key       from CALLBACK_KEY');
    expect(output).not.toContain(KEY);
    expect(output).toContain(
      `npm run callback -- --url http://localhost:${ports.http}/callback --key "$CALLBACK_KEY"`,
    );
  });

  it('creates the recordings table with the keys and indexes serverless.yml deploys', async () => {
    const { tableName } = serviceNames(config);
    const deployed = config.resources.Resources.RecordingsTable?.Properties as {
      KeySchema: unknown[];
      GlobalSecondaryIndexes: { IndexName: string; KeySchema: unknown[] }[];
    };
    const client = dynamoDb();

    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    client.destroy();

    expect(Table?.KeySchema).toEqual(deployed.KeySchema);
    expect(
      Table?.GlobalSecondaryIndexes?.map(({ IndexName, KeySchema }) => ({ IndexName, KeySchema })),
    ).toEqual(
      deployed.GlobalSecondaryIndexes.map(({ IndexName, KeySchema }) => ({ IndexName, KeySchema })),
    );
  });

  it('serves the DynamoDB console', async () => {
    const page = await fetch(`http://localhost:${ports.console}/`);

    expect(page.status).toBe(200);
    expect(await page.text()).toContain(serviceNames(config).tableName);
  });

  it('refuses to start, naming the port, when a port is taken', async () => {
    // The running stack holds every port: a second one must say which, and start nothing.
    const second = startStackProcess(env);

    try {
      const exit = await second.exited;

      expect(exit.code).toBe(1);
      expect(second.output()).toContain(
        `Port ${ports.dynamoDb} is already in use; it is needed for DynamoDB (dynalite)`,
      );
      expect(second.output()).toContain(`LOCAL_HTTP_PORT=<port> npm start`);
    } finally {
      second.kill();
    }
  }, 30_000);
});

describe('a signed recording callback sent with npm run callback', () => {
  it('is answered 200, stored, published on the bus and printed by the example subscriber', async () => {
    const { tableName, eventBusName } = serviceNames(config);
    const streamId = uniqueStreamId('e2e');
    const payload = withIds(await loadPayload(), { streamId });

    const answer = await sendCallback({ url: callbackUrl(), key: KEY, payload });

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ code: 0 });
    expect(await readItem(tableName, streamId, '1234567890')).toMatchObject({
      stream_id: streamId,
      file_id: '1234567890',
      version: 1,
      published_at: expect.any(String) as unknown,
    });

    // The event as published, checked here: the local plugin's delivery alone proves nothing
    // about the bus name or the pattern (it matches loosely).
    const entry = await tap!.waitFor((e) => e.Detail?.includes(JSON.stringify(streamId)) === true);
    const subscription = config.functions.exampleSubscriber?.events?.find(
      (event) => event.eventBridge,
    )?.eventBridge;
    expect(subscription).toEqual({
      eventBus: { Ref: 'EventBus' },
      pattern: { source: [RECORDING_EVENT_SOURCE], 'detail-type': [RECORDING_EVENT_DETAIL_TYPE] },
    });
    expect(config.resources.Resources.EventBus?.Properties?.Name).toBe(eventBusName);
    expect(entry).toMatchObject({
      EventBusName: eventBusName,
      Source: RECORDING_EVENT_SOURCE,
      DetailType: RECORDING_EVENT_DETAIL_TYPE,
    });

    // The subscriber ran with that event: it printed the summary of exactly its detail.
    const detail = JSON.parse(entry.Detail ?? '{}') as RecordingFileCreatedDetail;
    expect(detail).toMatchObject({ id: `${streamId}/1234567890`, version: 1 });
    await stack!.waitForOutput(summariseRecording(detail), 15_000);
  }, 30_000);

  it('is refused with 401 when signed with another key, and nothing is stored', async () => {
    const { tableName } = serviceNames(config);
    const streamId = uniqueStreamId('e2e-bad-key');
    const payload = withIds(await loadPayload(), { streamId });

    const answer = await sendCallback({ url: callbackUrl(), key: 'NotTheKey', payload });

    expect(answer.status).toBe(401);
    expect(await readItem(tableName, streamId, '1234567890')).toBeUndefined();
    expect(tap!.entries.some((e) => e.Detail?.includes(JSON.stringify(streamId)))).toBe(false);
  });
});

describe('Ctrl-C', () => {
  it('stops everything, frees every port and keeps the data for the next start', async () => {
    const { tableName } = serviceNames(config);
    const streamId = uniqueStreamId('e2e-kept');
    const payload = withIds(await loadPayload(), { streamId });
    expect((await sendCallback({ url: callbackUrl(), key: KEY, payload })).status).toBe(200);
    await tap?.close();
    tap = undefined;

    const exit = await stack!.stop();

    expect(exit).toEqual({ code: 0, signal: null });
    expect(stack!.output()).toContain('Stopped.');
    // esbuild's service processes exit when their parent does, a moment later.
    await waitUntil(() => !stack!.groupAlive(), 3_000);
    expect(stack!.groupAlive()).toBe(false);
    for (const port of Object.values(ports)) expect(await isPortFree(port)).toBe(true);
    const dynamoDbAgain = await startDynamoDb(ports.dynamoDb, dataDir);
    try {
      expect(await readItem(tableName, streamId, '1234567890')).toMatchObject({ version: 1 });
    } finally {
      await dynamoDbAgain.close();
    }
  }, 40_000);
});
