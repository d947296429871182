import { DescribeTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { fromItem } from '../../lib/aws/dynamodb-attributes';
import { EVENT_SOURCE } from '../../lib/record/record';
import {
  RECORDING_EVENT_DETAIL_TYPE,
  type RecordingFileCreatedDetail,
} from '../../lib/events/kinds/recording';
import { summariseRecording } from '../../lib/events/summarise';
import { loadPayload, sendCallback, withIds } from '../../scripts/callback/sender';
import { isPortFree } from '../../scripts/local/ports';
import { localDynamoDbClient, startDynamoDb } from '../../scripts/local/servers';
import { useLocalStack } from '../support/local-stack';
import { serviceNames } from '../../scripts/local/service-config';
import { uniqueStreamId } from '../support/fixtures';
import { waitUntil } from '../support/wait';
import { startStackProcess } from '../support/local-stack-process';
import { isLoopback, listeningSocketsOfGroup } from '../support/listening-sockets';
import { nodeVersionNotice } from '../../scripts/cli/node-version';
import { COPIED_SUBSCRIBER, localProjectWithCopiedSubscriber } from '../support/copied-subscriber';

// `npm start` on free local.ports, driven over HTTP by the sender's own code, as a user would.
const KEY = 'E2eCallbackKey0123456789';

// Started from a scratch copy of the project with one more subscriber, copied from the example as
// the README says: the stack is the project's own, plus what a user would add.
const local = useLocalStack(KEY, { project: localProjectWithCopiedSubscriber });

const callbackUrl = () => `http://localhost:${local.ports.http}/callback`;
const dynamoDb = () => localDynamoDbClient(`http://127.0.0.1:${local.ports.dynamoDb}`);

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
    const output = local.stack?.output() ?? '';

    expect(output).toContain(`POST http://localhost:${local.ports.http}/callback`);
    expect(output).toContain(`http://localhost:${local.ports.dynamoDb}`);
    expect(output).toContain(`http://localhost:${local.ports.console}`);
    expect(output).toContain(
      `http://localhost:${local.ports.eventBridge}  bus ${serviceNames(local.config).eventBusName}` +
        ` -> exampleSubscriber, ${COPIED_SUBSCRIBER.name}`,
    );
    expect(output).toContain('Callback key       from CALLBACK_KEY');
    expect(output).not.toContain(KEY);
    expect(output).toContain(
      `npm run callback -- --url http://localhost:${local.ports.http}/callback --key "$CALLBACK_KEY"`,
    );
  });

  it('listens on loopback only, on every port, in every process it started', async () => {
    const sockets = await listeningSocketsOfGroup(local.stack!.pid);

    // Every port of the stack was seen (so the check below covered them), and nothing else.
    expect(new Set(sockets.map(({ port }) => port))).toEqual(new Set(Object.values(local.ports)));
    expect(sockets.filter(({ ip }) => !isLoopback(ip)).map(({ address }) => address)).toEqual([]);
  });

  it('creates the recordings table with the keys and indexes serverless.yml deploys', async () => {
    const { tableName } = serviceNames(local.config);
    const deployed = local.config.resources.Resources.RecordingsTable?.Properties as {
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
    const page = await fetch(`http://localhost:${local.ports.console}/`);

    expect(page.status).toBe(200);
    expect(await page.text()).toContain(serviceNames(local.config).tableName);
  });

  it('refuses to start, naming the port, when a port is taken', async () => {
    // The running local.stack holds every port: a second one must say which, and start nothing.
    const second = startStackProcess(local.env, local.projectDir);

    try {
      const exit = await second.exited;

      expect(exit.code).toBe(1);
      expect(second.output()).toContain(
        `Port ${local.ports.dynamoDb} is already in use; it is needed for DynamoDB (dynalite)`,
      );
      expect(second.output()).toContain(`LOCAL_HTTP_PORT=<port> npm start`);
    } finally {
      second.kill();
    }
  }, 60_000);
});

describe('a signed recording callback sent with npm run callback', () => {
  it('is answered 200, stored, published on the bus and printed by the example subscriber', async () => {
    const { tableName, eventBusName } = serviceNames(local.config);
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
    const entry = await local.tap!.waitFor(
      (e) => e.Detail?.includes(JSON.stringify(streamId)) === true,
    );
    const subscription = local.config.functions.exampleSubscriber?.events?.find(
      (event) => event.eventBridge,
    )?.eventBridge;
    expect(subscription).toEqual({
      eventBus: { Ref: 'EventBus' },
      pattern: { source: [EVENT_SOURCE] },
    });
    expect(local.config.resources.Resources.EventBus?.Properties?.Name).toBe(eventBusName);
    expect(entry).toMatchObject({
      EventBusName: eventBusName,
      Source: EVENT_SOURCE,
      DetailType: RECORDING_EVENT_DETAIL_TYPE,
    });

    // The subscriber ran with that event: it printed the summary of exactly its detail.
    const detail = JSON.parse(entry.Detail ?? '{}') as RecordingFileCreatedDetail;
    expect(detail).toMatchObject({ id: `${streamId}/1234567890`, version: 1 });
    await local.stack!.waitForOutput(summariseRecording(detail), 60_000);
  }, 120_000);

  it('reaches a subscriber copied from the example as the README says, too', async () => {
    const streamId = uniqueStreamId('e2e-copied');
    const payload = withIds(await loadPayload(), { streamId });

    const answer = await sendCallback({ url: callbackUrl(), key: KEY, payload });

    expect(answer.status).toBe(200);
    const entry = await local.tap!.waitFor(
      (e) => e.Detail?.includes(JSON.stringify(streamId)) === true,
    );
    const subscription = (name: string) =>
      local.config.functions[name]?.events?.find((event) => event.eventBridge)?.eventBridge;
    expect(subscription(COPIED_SUBSCRIBER.name)).toEqual(subscription('exampleSubscriber'));
    const detail = JSON.parse(entry.Detail ?? '{}') as RecordingFileCreatedDetail;
    const summary = summariseRecording(detail);
    const copiedLine = `${COPIED_SUBSCRIBER.prefix} ${summary}`;
    const printed = () => local.stack!.stdout().split('\n');
    await waitUntil(() => printed().includes(copiedLine) && printed().includes(summary));

    // One event, both subscribers: the copy's line, and the example's own.
    expect(printed()).toContain(copiedLine);
    expect(printed()).toContain(summary);
  }, 120_000);

  it('shows as one short line beside the subscriber’s: no JSON, no metrics, no bookkeeping', async () => {
    const streamId = uniqueStreamId('e2e-terminal');
    const payload = withIds(await loadPayload(), { streamId });

    expect((await sendCallback({ url: callbackUrl(), key: KEY, payload })).status).toBe(200);
    const logLine = `[callback] recording created  stream_id=${streamId} file_id=1234567890 version=1 published=true`;
    const printed = () => local.stack!.stdout().split('\n');
    await waitUntil(
      () =>
        printed().includes(logLine) &&
        printed().some((line) => line.startsWith(`Recording ${streamId}/1234567890 v1: `)),
    );

    expect(printed()).toContain(logLine);
    expect(printed().filter((line) => line.startsWith(`Recording ${streamId}/`))).toHaveLength(1);
    const everything = local.stack!.output().split('\n');
    expect(everything.filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
    expect(everything.filter((line) => /RequestId: |\(λ: /.test(line))).toEqual([]);
  }, 120_000);

  it('is refused with 401 when signed with another key, and nothing is stored', async () => {
    const { tableName } = serviceNames(local.config);
    const streamId = uniqueStreamId('e2e-bad-key');
    const payload = withIds(await loadPayload(), { streamId });

    const answer = await sendCallback({ url: callbackUrl(), key: 'NotTheKey', payload });

    expect(answer.status).toBe(401);
    expect(await readItem(tableName, streamId, '1234567890')).toBeUndefined();
    expect(local.tap!.entries.some((e) => e.Detail?.includes(JSON.stringify(streamId)))).toBe(
      false,
    );
  });
});

describe("the AWS SDK's Node.js version warning", () => {
  it('is one line of ours, printed once, where the SDK would print it in every process', () => {
    // After the callbacks above: the handlers' workers have built their SDK clients.
    const output = local.stack!.output();
    const notice = nodeVersionNotice() ?? 'no notice on this Node.js';

    expect(output).not.toContain('NodeVersionSupportWarning');
    expect(output.split(notice).length - 1).toBe(nodeVersionNotice() ? 1 : 0);
  });
});

describe('Ctrl-C', () => {
  it('stops everything, frees every port and keeps the data for the next start', async () => {
    const { tableName } = serviceNames(local.config);
    const streamId = uniqueStreamId('e2e-kept');
    const payload = withIds(await loadPayload(), { streamId });
    expect((await sendCallback({ url: callbackUrl(), key: KEY, payload })).status).toBe(200);
    await local.tap?.close();
    local.tap = undefined;

    const exit = await local.stack!.stop();

    expect(exit).toEqual({ code: 0, signal: null });
    expect(local.stack!.output()).toContain('Stopped.');
    // esbuild's service processes exit when their parent does, a moment later.
    await waitUntil(() => !local.stack!.groupAlive(), 30_000);
    expect(local.stack!.groupAlive()).toBe(false);
    for (const port of Object.values(local.ports)) expect(await isPortFree(port)).toBe(true);
    const dynamoDbAgain = await startDynamoDb(local.ports.dynamoDb, local.dataDir);
    try {
      expect(await readItem(tableName, streamId, '1234567890')).toMatchObject({ version: 1 });
    } finally {
      await dynamoDbAgain.close();
    }
  }, 120_000);
});
