import type { JsonObject } from '../../../lib/json/json';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { signCallback } from '../../../lib/callback/sign-callback';
import { DynamoDbCheckpointStore } from '../../../lib/aws/dynamodb-checkpoint-store';
import { EventBridgeEventPublisher } from '../../../lib/aws/eventbridge-event-publisher';
import { createEventBridgeClient } from '../../../lib/aws/clients';
import { serviceTablesWithListings } from '../../../lib/aws/tables';
import { reconcile, type ReconcileDeps, type ReconcileJob } from '../../../lib/reconcile/reconcile';
import { TencentAuthError } from '../../../lib/tencent/errors';
import { TencentCloudLiveApi } from '../../../lib/tencent/tencentcloud-live-api';
import { SlidingWindowLimiter } from '../../../lib/tencent/rate-limiter';
import type { TencentCredentials } from '../../../lib/tencent/credentials';
import { startLocalTencent, type LocalTencent } from '../../../local-tencent/server';
import { fixture, FIXTURES, uniqueStreamId } from '../../support/fixtures';
import { postCallback, type HttpHandler } from '../../../fakes/http-api-event';
import { loadHandler, TEST_BUS, TEST_KEY } from '../../support/load-handler';
import { eventsOfStream, handlerEnvironment, useLocalAws } from '../../support/local-aws';
import { FAKE_AWS_CREDENTIALS } from '../../../fakes/credentials';
import { eventsTableOf } from '../../support/local-dynamodb';
import { TEST_TENCENT_CREDENTIALS, useLocalTencent } from '../../support/local-tencent';
import { itemsOfStream, readItem, readItemByKey } from '../../support/table';
import { createTestLog, type TestLog } from '../../support/test-log';

/*
 * The reconciler against a strict local Tencent preloaded with push sessions and the callbacks
 * Tencent sent, and the real tables and bus: what it recovers, verifies and replaces, within
 * Tencent's limits, and that running it again changes nothing.
 */
const aws = useLocalAws();
const local = useLocalTencent();
let callback: HttpHandler;
let log: TestLog;

beforeAll(async () => {
  callback = await loadHandler('../../handlers/callback', handlerEnvironment(aws));
});

beforeEach(() => {
  log = createTestLog();
});

const HOUR = 3_600_000;

function depsFor(
  tencent: LocalTencent,
  options: { credentials?: TencentCredentials; timeLeftMs?: () => number } = {},
): ReconcileDeps {
  const usage = { apiCalls: 0, throttled: 0 };
  const tables = serviceTablesWithListings(
    {
      tableName: aws.tableName,
      eventsTableName: eventsTableOf(aws.tableName),
      highVolumeRetentionDays: 30,
    },
    aws.db.client,
  );
  return {
    ...tables,
    publisher: new EventBridgeEventPublisher(
      TEST_BUS,
      createEventBridgeClient({
        endpoint: aws.bus.endpoint,
        region: 'us-east-1',
        credentials: FAKE_AWS_CREDENTIALS,
      }),
    ),
    log,
    checkpoints: new DynamoDbCheckpointStore(eventsTableOf(aws.tableName), aws.db.client),
    tencent: new TencentCloudLiveApi({
      credentials: options.credentials ?? TEST_TENCENT_CREDENTIALS,
      endpoint: tencent.url,
      // What a run uses: TENCENT_REQUESTS_PER_SECOND's default.
      rateLimiter: new SlidingWindowLimiter(),
      backoff: { baseDelayMs: 50 },
      observer: { requested: () => usage.apiCalls++, throttled: () => usage.throttled++ },
    }),
    usage,
    now: () => new Date(),
    ...(options.timeLeftMs && { timeLeftMs: options.timeLeftMs }),
  };
}

const lastHours = (hours: number, job = `test-${uniqueStreamId()}`): ReconcileJob => ({
  job,
  window: { start: new Date(Date.now() - hours * HOUR), end: new Date() },
  unverifiedAfterHours: 6,
});

interface Push {
  stream: string;
  bodies: JsonObject[];
  recordings: JsonObject[];
}

/**
 * A push Tencent reports, and the callbacks it sent during it: push start, `files` recordings,
 * push end, each recorded `attempts` times in its history (as Tencent records each retry).
 */
function pushWithHistory(
  tencent: LocalTencent,
  { files = 2, start = new Date(Date.now() - 2 * HOUR), attempts = 1, fileSeconds = 1800 } = {},
): Push {
  const stream = uniqueStreamId('push');
  const sequence = String(Math.floor(Math.random() * 1e15));
  const end = new Date(start.getTime() + fileSeconds * 1000 * files);
  tencent.state.addPushSession({ domain: 'push.example.com', stream, start, end });
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  const pushStart = fixture(FIXTURES.streamStart, {
    stream_id: stream,
    channel_id: stream,
    sequence,
    event_time: seconds(start),
  });
  const recordings = Array.from({ length: files }, (_unused, index) =>
    fixture(FIXTURES.documented, {
      stream_id: stream,
      channel_id: stream,
      file_id: `${sequence}${index}`,
      record_file_id: `${sequence}${index}`,
      end_time: seconds(start) + fileSeconds * (index + 1),
      start_time: seconds(start) + fileSeconds * index,
      duration: fileSeconds,
    }),
  );
  const pushEnd = fixture(FIXTURES.streamEnd, {
    stream_id: stream,
    channel_id: stream,
    sequence,
    event_time: seconds(end),
  });
  const bodies = [pushStart, ...recordings, pushEnd];
  bodies.forEach((body, index) => {
    for (let attempt = 0; attempt < attempts; attempt++) {
      tencent.state.addCallbackRecord({
        stream,
        eventType: Number(body.event_type),
        time: new Date(start.getTime() + index * 1000 + attempt * 60_000),
        request: signCallback(body, 'the key Tencent used back then'),
        resultCode: -1,
      });
    }
  });
  return { stream, bodies, recordings };
}

const recordingKey = (body: JsonObject) => ({
  stream_id: body.stream_id as string,
  file_id: body.file_id as string,
});

it('recovers what the service never received, through the path a delivery takes, and announces each once', async () => {
  const push = pushWithHistory(local.tencent, { files: 3, attempts: 2 });

  const report = await reconcile(depsFor(local.tencent), lastHours(3));

  expect(report).toMatchObject({
    recovered: 5,
    verified: 0,
    replaced: 0,
    invalid: 0,
    complete: true,
  });
  expect(report.callbacksFound).toBe(10); // every attempt is in Tencent's history
  expect(report.distinctCallbacks).toBe(5);
  for (const recording of push.recordings) {
    expect(await readItem(aws.db, aws.tableName, recordingKey(recording))).toMatchObject({
      received_via: 'history',
      recovered_at: expect.any(String) as unknown,
      verified_at: expect.any(String) as unknown,
      published_at: expect.any(String) as unknown,
    });
  }
  const events = eventsOfStream(aws.bus, push.stream);
  expect(events.map((event) => event.DetailType).sort()).toEqual([
    'Recording File Created',
    'Recording File Created',
    'Recording File Created',
    'Stream Push Ended',
    'Stream Push Started',
  ]);
  // The push session the start and end fill in.
  const sessions = (await itemsOfStream(aws.db, eventsTableOf(aws.tableName), push.stream)).filter(
    (item) => typeof item.event_key === 'string' && item.event_key.startsWith('session#'),
  );
  expect(sessions).toEqual([expect.objectContaining({ duration: 3 * 1800 })]);
});

it('changes nothing when it runs again: what it recovered is held and verified', async () => {
  const push = pushWithHistory(local.tencent);
  const deps = depsFor(local.tencent);
  await reconcile(deps, lastHours(3));
  const eventsAfterFirst = eventsOfStream(aws.bus, push.stream).length;

  const again = await reconcile(deps, lastHours(3));

  expect(again).toMatchObject({
    distinctCallbacks: 4,
    recovered: 0,
    verified: 0,
    replaced: 0,
    alreadyVerified: 4,
  });
  expect(eventsOfStream(aws.bus, push.stream)).toHaveLength(eventsAfterFirst);
});

it('marks verified what Tencent delivered and the service holds, and announces nothing again', async () => {
  const push = pushWithHistory(local.tencent);
  for (const body of push.bodies) {
    expect((await postCallback(callback, signCallback(body, TEST_KEY))).statusCode).toBe(200);
  }
  const delivered = eventsOfStream(aws.bus, push.stream).length;
  const before = await readItem(aws.db, aws.tableName, recordingKey(push.recordings[0]!));

  const report = await reconcile(depsFor(local.tencent), lastHours(3));

  expect(report).toMatchObject({ verified: 4, recovered: 0, replaced: 0 });
  expect(eventsOfStream(aws.bus, push.stream)).toHaveLength(delivered);
  const after = await readItem(aws.db, aws.tableName, recordingKey(push.recordings[0]!));
  expect(before).toMatchObject({ verify_pending: 'UNVERIFIED', received_via: 'callback' });
  expect(after).toMatchObject({ version: 1, verified_at: expect.any(String) as unknown });
  expect(after).not.toHaveProperty('verify_pending');
});

it('replaces a record whose content differs from what Tencent sent, announces it again, and says so', async () => {
  const push = pushWithHistory(local.tencent, { files: 1 });
  const genuine = push.recordings[0]!;
  const forged = { ...genuine, video_url: 'https://attacker.example/evil.m3u8' };
  await postCallback(callback, signCallback(forged, TEST_KEY));

  const report = await reconcile(depsFor(local.tencent), lastHours(3));

  expect(report).toMatchObject({ replaced: 1, recovered: 2 });
  expect(await readItem(aws.db, aws.tableName, recordingKey(genuine))).toMatchObject({
    version: 2,
    video_url: genuine.video_url,
    received_via: 'history',
  });
  const versions = eventsOfStream(aws.bus, push.stream)
    .map((event) => JSON.parse(event.Detail ?? '{}') as { id: string; version: number })
    .filter((detail) => detail.id === `${push.stream}/${genuine.file_id as string}`)
    .map((detail) => detail.version);
  expect(versions).toEqual([1, 2]);
  expect(log.warn).toHaveBeenCalledWith(
    expect.stringContaining('replaced by Tencent history'),
    expect.objectContaining({ id: `${push.stream}/${genuine.file_id as string}`, version: 2 }),
  );
});

it('pages to the end of a stream-day and reads every day of the window', async () => {
  // Two pushes of one stream, two UTC days apart, the first with 250 recordings (3 pages).
  const first = pushWithHistory(local.tencent, {
    files: 250,
    fileSeconds: 60,
    // An hour after a UTC midnight three days ago: the busy day's 250 callbacks are one day's.
    start: new Date(Math.floor((Date.now() - 3 * 24 * HOUR) / (24 * HOUR)) * 24 * HOUR + HOUR),
  });
  const stream = first.stream;
  const later = fixture(FIXTURES.documented, { stream_id: stream, file_id: 'later-day' });
  local.tencent.state.addCallbackRecord({
    stream,
    eventType: 100,
    time: new Date(Date.now() - HOUR),
    request: signCallback(later, 'k'),
  });

  const report = await reconcile(depsFor(local.tencent), lastHours(4 * 24));

  expect(report.recovered).toBe(253);
  expect(report.units).toBeGreaterThanOrEqual(4);
  expect(await readItem(aws.db, aws.tableName, recordingKey(later))).toBeDefined();
  // Sessions listed, then per stream-day: 3 pages for the busy day, 1 for each other day.
  expect(report.apiCalls).toBe(1 + 3 + (report.units - 1));
});

it('rides out throttling with backoff, and counts every request Tencent throttled', async () => {
  // Injected: Tencent refuses the next three history requests, however fast the machine is.
  const pushes = Array.from({ length: 2 }, () => pushWithHistory(local.tencent, { files: 1 }));
  local.tencent.state.injectFault({
    kind: 'refuse',
    code: 'RequestLimitExceeded',
    action: 'DescribeCallbackRecordsList',
    times: 3,
  });

  const report = await reconcile(depsFor(local.tencent), lastHours(3));

  expect(report).toMatchObject({ recovered: 2 * 3, throttled: 3, complete: true });
  expect(local.tencent.state.counters.throttled).toBe(3);
  for (const push of pushes) expect(eventsOfStream(aws.bus, push.stream)).toHaveLength(3);
});

it('keeps under Tencent’s quota: a run of many requests draws no RequestLimitExceeded', async () => {
  // Tencent's published limit, strictly: 20 requests of an action in any sliding second. The run
  // keeps to 15; a slow machine only sends fewer in a second, never more.
  const strict = await startLocalTencent({
    port: 0,
    credentials: TEST_TENCENT_CREDENTIALS,
    requestsPerSecond: 20,
  });
  try {
    const pushes = Array.from({ length: 45 }, () => pushWithHistory(strict, { files: 1 }));

    const report = await reconcile(depsFor(strict), lastHours(3));

    expect(strict.state.counters.requests.DescribeCallbackRecordsList).toBeGreaterThanOrEqual(45);
    expect(report).toMatchObject({ recovered: 45 * 3, throttled: 0, complete: true });
    expect(strict.state.counters.throttled).toBe(0);
    for (const push of pushes) expect(eventsOfStream(aws.bus, push.stream)).toHaveLength(3);
  } finally {
    await strict.close();
  }
}, 120_000);

it('resumes from its checkpoint when a run stops before the end', async () => {
  const pushes = Array.from({ length: 3 }, () => pushWithHistory(local.tencent, { files: 1 }));
  const job = lastHours(3);
  let unitsLeft = 1;
  const runningOut = depsFor(local.tencent, { timeLeftMs: () => (unitsLeft-- > 0 ? 600_000 : 0) });

  const first = await reconcile(runningOut, job);
  const second = await reconcile(depsFor(local.tencent), job);

  expect(first).toMatchObject({ complete: false, unitsDone: 1 });
  expect(second).toMatchObject({ complete: true, unitsDone: first.units });
  expect(first.recovered + second.recovered).toBe(9);
  for (const push of pushes) expect(eventsOfStream(aws.bus, push.stream)).toHaveLength(3);
  // Finished: the next run of the job starts afresh.
  await expect(runningOut.checkpoints.load(job.job)).resolves.toBeUndefined();
});

it('skips and counts a history entry that is not a valid callback, and goes on', async () => {
  const push = pushWithHistory(local.tencent, { files: 1 });
  for (const request of ['not JSON at all', '{"event_type":100,"stream_id":"x"}', '[1,2]']) {
    local.tencent.state.addCallbackRecord({
      stream: push.stream,
      eventType: 100,
      time: new Date(Date.now() - HOUR),
      request,
    });
  }

  const report = await reconcile(depsFor(local.tencent), lastHours(3));

  expect(report).toMatchObject({
    callbacksFound: 6,
    invalid: 3,
    distinctCallbacks: 3,
    recovered: 3,
    complete: true,
  });
  expect(log.warn).toHaveBeenCalledWith(
    expect.stringContaining('not a valid callback'),
    expect.objectContaining({ stream: push.stream }),
  );
});

it('fails loudly on credentials Tencent refuses, and changes nothing', async () => {
  const push = pushWithHistory(local.tencent);
  const wrong = { ...TEST_TENCENT_CREDENTIALS, secretKey: 'not the key' };

  const run = reconcile(depsFor(local.tencent, { credentials: wrong }), lastHours(3));

  await expect(run).rejects.toThrow(TencentAuthError);
  await expect(run).rejects.toThrow(/check TENCENTCLOUD_SECRET_KEY/);
  expect(await itemsOfStream(aws.db, aws.tableName, push.stream)).toEqual([]);
  expect(eventsOfStream(aws.bus, push.stream)).toEqual([]);
});

it('reports a delivered record Tencent’s history does not confirm (unverified)', async () => {
  const streamId = uniqueStreamId('forged');
  const forged = fixture(FIXTURES.documented, { stream_id: streamId });
  await postCallback(callback, signCallback(forged, TEST_KEY));
  await aws.db.client.send(
    new UpdateItemCommand({
      TableName: aws.tableName,
      Key: { stream_id: { S: streamId }, file_id: { S: '1234567890' } },
      // Written 7 hours ago: a version waits for Tencent's history from its updated_at.
      UpdateExpression: 'SET updated_at = :long_ago',
      ExpressionAttributeValues: {
        ':long_ago': { S: new Date(Date.now() - 7 * HOUR).toISOString() },
      },
    }),
  );

  const report = await reconcile(depsFor(local.tencent), lastHours(3));

  expect(report.unverified).toBeGreaterThanOrEqual(1);
  expect(log.warn).toHaveBeenCalledWith(
    expect.stringContaining('unverified'),
    expect.objectContaining({ id: `${streamId}/1234567890` }),
  );
});

it('in a dry run, reads and counts, and changes nothing', async () => {
  const push = pushWithHistory(local.tencent);

  const report = await reconcile(depsFor(local.tencent), { ...lastHours(3), dryRun: true });

  expect(report).toMatchObject({ recovered: 4, dryRun: true, complete: true });
  expect(await itemsOfStream(aws.db, aws.tableName, push.stream)).toEqual([]);
  expect(eventsOfStream(aws.bus, push.stream)).toEqual([]);
});

it('keeps each recovered item’s session and key as a delivery would', async () => {
  const push = pushWithHistory(local.tencent, { files: 1 });

  await reconcile(depsFor(local.tencent), lastHours(3));

  const recording = await readItemByKey(aws.db, aws.tableName, recordingKey(push.recordings[0]!));
  expect(recording).toMatchObject({ stream_id: push.stream, event_type: 100 });
  expect(recording).not.toHaveProperty('sign');
  expect(recording).not.toHaveProperty('t');
});

it('reads a push that began before the window from its start, once it has ended in the window', async () => {
  // A 30-hour push that ended an hour ago: its early callbacks are long before a 3-hour window.
  const push = pushWithHistory(local.tencent, {
    files: 2,
    fileSeconds: 15 * 3600,
    start: new Date(Date.now() - 31 * HOUR),
  });

  const report = await reconcile(depsFor(local.tencent), {
    ...lastHours(3),
    earliest: new Date(Date.now() - 48 * HOUR),
  });

  expect(report.recovered).toBe(4);
  expect(eventsOfStream(aws.bus, push.stream).map((event) => event.DetailType)).toContain(
    'Stream Push Started',
  );
});
