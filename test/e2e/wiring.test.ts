import type { JsonObject } from '../../lib/json/json';
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { fromItem } from '../../lib/aws/dynamodb-attributes';
import type { DetailType } from '../../lib/events/detail-types';
import { RECORDING_EVENT_DETAIL_TYPE } from '../../lib/events/kinds/recording';
import { CALLBACK_RECEIVED_DETAIL_TYPE } from '../../lib/events/kinds/callback-received';
import { KINDS } from '../../lib/events/registry';
import { summariseEvent } from '../../lib/events/summarise';
import { interpretCallback, type InterpretedCallback } from '../../lib/ingest/interpret';
import { TencentCloudLiveApi } from '../../lib/tencent/tencentcloud-live-api';
import type { CallbackEventInfo } from '../../lib/tencent/types';
import { localDynamoDbClient } from '../../scripts/local/servers';
import { serviceNames } from '../../scripts/local/service-config';
import { LOCAL_TENCENT_CREDENTIALS } from '../../scripts/local/settings';
import { loadPayload, withIds } from '../../scripts/callback/sender';
import { uniqueStreamId } from '../support/fixtures';
import { detailOf, entriesOfStream, subscriberLines, useLocalStack } from '../support/local-stack';
import type { PutEventsEntry } from '../../fakes/eventbridge';
import { runNpmScript, type ScriptRun } from '../support/npm-script';
import { waitUntil } from '../support/wait';

// The README's loop, Tencent's side included: `npm start` on free ports, `npm run tencent --
// setup` against its local Tencent, `npm run simulate` of a push whose every answer is lost twice.
// Every recording must be stored once and published once, whatever Tencent redelivered.
const KEY = 'E2eWiringKey0123456789';
const DOMAIN = 'push.example.com';
const STREAM = uniqueStreamId('wired').replaceAll(/[^A-Za-z0-9_.-]/g, '-');
const FILES = 3;
// Push start and end, recording started and ended, a screenshot and a recording per file.
const CALLBACKS = 4 + 2 * FILES;
const ATTEMPTS_EACH = 3; // --fail-first 2

const local = useLocalStack(KEY);
let setup: ScriptRun;
let simulate: ScriptRun;
let history: CallbackEventInfo[];

function recordingIds(): string[] {
  return history
    .filter(({ EventType, ResultCode }) => EventType === 100 && ResultCode === 0)
    .map(({ Request }) => {
      const body = JSON.parse(Request ?? '{}') as { stream_id: string; file_id: string };
      return `${body.stream_id}/${body.file_id}`;
    });
}

const ourEntries = () => entriesOfStream(local, STREAM);
const ourSubscriberLines = () => subscriberLines(local, `${STREAM}/`);

beforeAll(async () => {
  setup = await runNpmScript('tencent', ['setup', '--domain', DOMAIN], local.env);
  simulate = await runNpmScript(
    'simulate',
    [
      '--domain',
      DOMAIN,
      '--stream',
      STREAM,
      '--files',
      String(FILES),
      '--fail-first',
      '2',
      '--speed',
      '600',
    ],
    local.env,
  );
  const now = Date.now();
  const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const { DataInfoList = [] } = await new TencentCloudLiveApi({
    credentials: LOCAL_TENCENT_CREDENTIALS,
    endpoint: `http://127.0.0.1:${local.ports.tencent}`,
  }).DescribeCallbackRecordsList({
    StreamName: STREAM,
    StartTime: utc(now - 10 * 60_000),
    EndTime: utc(now + 60_000),
    PageNum: 1,
    PageSize: 100,
  });
  history = DataInfoList;
  // Every callback was answered, so every event was sent: the tap has them all once it settles.
  // The subscriber prints after the bus hands it an event: poll for its lines.
  await local.tap?.settle();
  await waitUntil(() => ourSubscriberLines().length >= FILES);
}, 180_000);

describe('npm start, then npm run tencent -- setup, then npm run simulate', () => {
  it('shows the local Tencent and the two commands in the banner', () => {
    const output = local.stack?.output() ?? '';

    expect(output).toContain(`  Local Tencent      http://127.0.0.1:${local.ports.tencent}`);
    expect(output).toContain('  npm run tencent -- setup --domain push.example.com');
    expect(output).toContain('  npm run simulate -- --domain push.example.com --stream room-1');
  });

  it('wires the domain to the local stack in the local Tencent', () => {
    expect({
      code: setup.code,
      stderr: setup.stderr.replace(/^\(node.*\n[\s\S]*?--trace-warnings.*\n/m, ''),
    }).toEqual({ code: 0, stderr: '' });
    expect(setup.stdout).toContain(
      `  Callback URL  http://localhost:${local.ports.http}/callback (the local stack's)`,
    );
    expect(setup.stdout).toContain('Template tencent-css-recordings-local: created');
  });

  it('delivers every callback, each answer lost twice, then answered 200', () => {
    expect(simulate.code).toBe(0);
    expect(simulate.stdout).toContain(
      `Done: ${CALLBACKS} callbacks, each answered 200 in the end.`,
    );
    expect(simulate.stdout.match(/attempt 3\/(13|6) {2}HTTP 200 \{"code":0\}$/gm)).toHaveLength(
      CALLBACKS,
    );
  });

  it('records every attempt in the local Tencent, as DescribeCallbackRecordsList reports them', () => {
    expect(history).toHaveLength(CALLBACKS * ATTEMPTS_EACH);
    expect(history.filter(({ ResultCode }) => ResultCode === -1)).toHaveLength(CALLBACKS * 2);
    expect(history.map(({ EventType }) => EventType).sort((a = 0, b = 0) => a - b)).toEqual(
      [0, 1, 332, 332, ...Array<number>(FILES).fill(100), ...Array<number>(FILES).fill(200)]
        .sort((a, b) => a - b)
        .flatMap((type) => Array<number>(ATTEMPTS_EACH).fill(type)),
    );
  });

  it('stores every recording exactly once, at version 1', async () => {
    const client = localDynamoDbClient(`http://127.0.0.1:${local.ports.dynamoDb}`);
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: serviceNames(local.config).tableName,
        KeyConditionExpression: 'stream_id = :s',
        ExpressionAttributeValues: { ':s': { S: STREAM } },
        ConsistentRead: true,
      }),
    );
    client.destroy();
    const expected = [...new Set(recordingIds())].sort();
    const idOf = (item: Record<string, unknown>) =>
      `${item.stream_id as string}/${item.file_id as string}`;
    // Other kinds of callback may have items of their own under the stream: only files count here.
    const recordings = Items.map(fromItem).filter((item) => expected.includes(idOf(item)));

    expect(expected).toHaveLength(FILES);
    expect(recordings.map(idOf).sort()).toEqual(expected);
    expect(recordings.every((item) => item.version === 1)).toBe(true);
  });

  it('publishes each recording exactly once, and no event twice', () => {
    const entries = ourEntries();
    const recordings = entries.filter((entry) => entry.DetailType === RECORDING_EVENT_DETAIL_TYPE);
    const keys = entries.map((entry) => `${detailOf(entry).id}@${detailOf(entry).version}`);

    expect(recordings.map((entry) => detailOf(entry).id).sort()).toEqual(
      [...new Set(recordingIds())].sort(),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has the example subscriber print one line per recording', () => {
    expect(ourSubscriberLines()).toHaveLength(FILES);
  });

  it('prints no secret: not the callback key, a sign, a push secret or the SecretKey', () => {
    const printed = [setup, simulate].map(({ stdout, stderr }) => stdout + stderr).join('\n');
    const secrets = [
      KEY,
      LOCAL_TENCENT_CREDENTIALS.secretKey,
      ...history.flatMap(({ Request }) => {
        const body = JSON.parse(Request ?? '{}') as { sign?: string; stream_param?: string };
        return [body.sign ?? '', /txSecret=([0-9a-f]+)/.exec(body.stream_param ?? '')?.[1] ?? ''];
      }),
    ].filter((secret) => secret !== '');

    expect(secrets.length).toBeGreaterThan(CALLBACKS);
    expect(secrets.filter((secret) => printed.includes(secret))).toEqual([]);
  });
});

// One session with every kind the simulator plays (--every-type, each answer lost once), and one
// callback of a type without a kind of its own sent with npm run callback (Tencent's relay event,
// which the simulator does not play): every kind of the registry reaches the bus once per callback.
describe('npm run simulate -- --every-type, and npm run callback of an unknown event_type', () => {
  const stream = uniqueStreamId('every-type').replaceAll(/[^A-Za-z0-9_.-]/g, '-');
  /** Every callback the service took, once each: what Tencent's history says was answered 200. */
  let callbacks: InterpretedCallback[];
  let everyType: ScriptRun;
  let unknownType: ScriptRun;

  const entriesOf = () => entriesOfStream(local, stream);
  const printed = () => (local.stack?.stdout() ?? '').split('\n');
  const lineOf = (entry: PutEventsEntry) =>
    summariseEvent(entry.DetailType as DetailType, JSON.parse(entry.Detail ?? '{}') as never);

  beforeAll(async () => {
    [everyType, unknownType] = await Promise.all([
      runNpmScript(
        'simulate',
        [
          ...['--domain', DOMAIN, '--stream', stream, '--files', '1', '--every-type'],
          ...['--fail-first', '1', '--speed', '600'],
        ],
        local.env,
      ),
      runNpmScript(
        'callback',
        [
          join(__dirname, '..', 'fixtures', 'callback-received-callback.json'),
          '--url',
          `http://localhost:${local.ports.http}/callback`,
          '--stream-id',
          stream,
        ],
        local.env,
      ),
    ]);
    const now = Date.now();
    const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const { DataInfoList = [] } = await new TencentCloudLiveApi({
      credentials: LOCAL_TENCENT_CREDENTIALS,
      endpoint: `http://127.0.0.1:${local.ports.tencent}`,
    }).DescribeCallbackRecordsList({
      StreamName: stream,
      StartTime: utc(now - 10 * 60_000),
      EndTime: utc(now + 60_000),
      PageNum: 1,
      PageSize: 100,
    });
    const unknown = await loadPayload(
      join(__dirname, '..', 'fixtures', 'callback-received-callback.json'),
    );
    callbacks = [
      ...DataInfoList.filter(({ ResultCode }) => ResultCode === 0).map(
        ({ Request }) => JSON.parse(Request ?? '{}') as JsonObject,
      ),
      withIds(unknown, { streamId: stream }),
    ].map(interpretCallback);
    await local.tap?.settle();
    await waitUntil(() => entriesOf().every((entry) => printed().includes(lineOf(entry))));
  }, 180_000);

  it('sends every kind the service handles, and the unknown one, each answered 200', () => {
    expect(everyType.code).toBe(0);
    expect(everyType.stdout).toContain('Done: 10 callbacks, each answered 200 in the end.');
    expect(unknownType.code).toBe(0);
    expect(unknownType.stdout).toContain('HTTP 200 {"code":0}');
    // Every kind of the registry is among them: the test covers a kind added later too.
    expect([...new Set(callbacks.map(({ kind }) => kind.detailType))].sort()).toEqual(
      KINDS.map((kind) => kind.detailType).sort(),
    );
    expect(
      callbacks.filter(({ kind }) => kind.detailType === CALLBACK_RECEIVED_DETAIL_TYPE),
    ).toHaveLength(1);
  });

  it('publishes exactly one event per callback, with its kind’s detail-type, whatever Tencent redelivered', () => {
    const published = entriesOf().map((entry) => ({
      id: detailOf(entry).id,
      version: detailOf(entry).version,
      detailType: entry.DetailType,
    }));

    expect(published.sort(byId)).toEqual(
      callbacks
        .map(({ identity }) => ({ id: identity.id, version: 1, detailType: identity.detailType }))
        .sort(byId),
    );
  });

  it('stores each callback once, in its kind’s table, at version 1', async () => {
    const { tableName, eventsTableName } = serviceNames(local.config);
    const client = localDynamoDbClient(`http://127.0.0.1:${local.ports.dynamoDb}`);
    try {
      const items = await Promise.all(
        callbacks.map(async ({ kind, identity }) => {
          const { Item } = await client.send(
            new GetItemCommand({
              TableName: kind.table === 'recordings' ? tableName : eventsTableName,
              Key: Object.fromEntries(
                Object.entries(identity.key).map(([name, value]) => [name, { S: value }]),
              ),
              ConsistentRead: true,
            }),
          );
          return { id: identity.id, version: Item && fromItem(Item).version };
        }),
      );

      expect(items.filter(({ version }) => version !== 1)).toEqual([]);
    } finally {
      client.destroy();
    }
  });

  it('has the example subscriber print one line per event', () => {
    const lines = printed();
    const counts = entriesOf().map((entry) => ({
      line: lineOf(entry),
      printed: lines.filter((line) => line === lineOf(entry)).length,
    }));

    expect(counts).toHaveLength(callbacks.length);
    expect(counts.filter(({ printed: times }) => times !== 1)).toEqual([]);
    expect(new Set(counts.map(({ line }) => line)).size).toBe(counts.length);
  });
});

function byId(a: { id?: string }, b: { id?: string }): number {
  return (a.id ?? '').localeCompare(b.id ?? '');
}
