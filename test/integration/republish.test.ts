import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDbRecordingStore } from '../../lib/aws/dynamodb-recording-store';
import { signCallback } from '../../lib/callback/sign-callback';
import type { RepublishReport } from '../../lib/outbox/republish';
import { eventsOfStream, useLocalAws } from '../support/local-aws';
import { FIXTURES, fixture, uniqueStreamId } from '../support/fixtures';
import { lambdaContext, postCallback, type HttpHandler } from '../support/http-api-event';
import { loadHandler, TEST_KEY } from '../support/load-handler';
import { aRecording, aStoredRecording } from '../support/stored-recording';
import { readItem } from '../support/table';

const aws = useLocalAws();

type ScheduledHandler = (
  event: unknown,
  context: ReturnType<typeof lambdaContext>,
) => Promise<RepublishReport>;

let callback: HttpHandler;
let republish: ScheduledHandler;

beforeAll(async () => {
  const env = {
    tableName: aws.tableName,
    dynamoDbEndpoint: aws.db.endpoint,
    eventBridgeEndpoint: aws.bus.endpoint,
    callbackKey: TEST_KEY,
  };
  callback = await loadHandler('../../handlers/callback', env);
  republish = await loadHandler<ScheduledHandler>('../../handlers/republish', env);
});

beforeEach(async () => {
  // Each test starts from a table with nothing pending that is old enough to be republished.
  await runRepublisher();
});

const runRepublisher = () => republish({ source: 'aws.events' }, lambdaContext('republish'));
const eventsFor = (streamId: string) => eventsOfStream(aws.bus, streamId);

/** Time passes: the pending record was written `seconds` ago, and any claim on it has expired. */
async function age(key: { stream_id: string; file_id: string }, seconds: number): Promise<void> {
  const past = new Date(Date.now() - seconds * 1000).toISOString();
  await aws.db.client.send(
    new UpdateItemCommand({
      TableName: aws.tableName,
      Key: { stream_id: { S: key.stream_id }, file_id: { S: key.file_id } },
      UpdateExpression: 'SET publish_pending_since = :past REMOVE publish_claimed_until',
      ExpressionAttributeValues: { ':past': { S: past } },
    }),
  );
}

/** A callback answered 200 while the aws.bus refused the event: stored, pending. */
async function storeWhileBusDown(): Promise<{ stream_id: string; file_id: string }> {
  const streamId = uniqueStreamId();
  aws.bus.behaviour = 'error';
  const answer = await postCallback(
    callback,
    signCallback(fixture(FIXTURES.documented, { stream_id: streamId }), TEST_KEY),
  );
  aws.bus.behaviour = 'accept';
  expect(answer.statusCode).toBe(200);
  return { stream_id: streamId, file_id: '1234567890' };
}

it('publishes a record stored while EventBridge was down, once, and marks it published', async () => {
  const key = await storeWhileBusDown();
  await age(key, 120);

  const first = await runRepublisher();
  const second = await runRepublisher();

  expect(first).toMatchObject({ found: 1, published: 1, failed: 0 });
  expect(second).toMatchObject({ found: 0, published: 0 });
  expect(eventsFor(key.stream_id)).toHaveLength(1);
  const item = await readItem(aws.db, aws.tableName, key);
  expect(item).toHaveProperty('published_at');
  expect(item).not.toHaveProperty('publish_pending');
});

it('leaves a record younger than a minute to the callback that is still publishing it', async () => {
  const key = await storeWhileBusDown();

  const report = await runRepublisher();

  expect(report.found).toBe(0);
  expect(eventsFor(key.stream_id)).toHaveLength(0);
});

it('publishes a record whose Lambda stopped between the table write and the publish', async () => {
  // What a Lambda killed after its first write leaves: version 1, pending, claimed by a dead writer.
  const streamId = uniqueStreamId();
  const store = new DynamoDbRecordingStore(aws.tableName, aws.db.client);
  const past = new Date(Date.now() - 300_000).toISOString();
  await store.putNew(
    aStoredRecording(aRecording({ stream_id: streamId }), {
      pendingSince: past,
      claimedUntil: past,
    }),
  );

  const report = await runRepublisher();

  expect(report).toMatchObject({ found: 1, published: 1 });
  const [event] = eventsFor(streamId);
  expect(JSON.parse(event?.Detail ?? '{}')).toMatchObject({
    id: `${streamId}/1234567890`,
    version: 1,
  });
});

it('keeps a record pending, visible in metrics and logs, while publishing keeps failing; then publishes it once', async () => {
  const key = await storeWhileBusDown();
  await age(key, 600);
  aws.bus.behaviour = 'reject-entries';

  const failing = [await runRepublisher(), await runRepublisher()];

  expect(failing.map((report) => [report.found, report.failed])).toEqual([
    [1, 1],
    [1, 1],
  ]);
  expect(failing[1]?.oldestPendingSeconds).toBeGreaterThanOrEqual(600);
  expect(await readItem(aws.db, aws.tableName, key)).toMatchObject({ publish_pending: 'PENDING' });
  const lines = aws.output.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines).toContainEqual(
    expect.objectContaining({
      level: 'ERROR',
      message: 'pending record still not published; the next run retries it',
    }),
  );
  const emf = lines.filter((line) => '_aws' in line);
  expect(emf).toContainEqual(
    expect.objectContaining({ PendingRecordsFailed: 1, PendingRecordsFound: 1 }),
  );
  expect(emf.some((line) => Number(line.OldestPendingAgeSeconds) >= 600)).toBe(true);

  aws.bus.behaviour = 'accept';
  const recovered = await runRepublisher();

  expect(recovered).toMatchObject({ found: 1, published: 1 });
  expect(eventsFor(key.stream_id)).toHaveLength(1);
});

it('two republishers and a redelivery racing for one pending record publish it exactly once', async () => {
  const streamId = uniqueStreamId();
  aws.bus.behaviour = 'error';
  const payload = fixture(FIXTURES.documented, { stream_id: streamId });
  await postCallback(callback, signCallback(payload, TEST_KEY));
  aws.bus.behaviour = 'accept';
  await age({ stream_id: streamId, file_id: '1234567890' }, 120);

  const [a, b, redelivery] = await Promise.all([
    runRepublisher(),
    runRepublisher(),
    postCallback(callback, signCallback(payload, TEST_KEY)),
  ]);

  expect(redelivery.statusCode).toBe(200);
  expect(a.published + b.published).toBeLessThanOrEqual(1);
  expect(eventsFor(streamId)).toHaveLength(1);
});
