import { signCallback } from '../../lib/sign-callback';
import { captureOutput } from '../support/capture-output';
import { FIXTURES, fixture, uniqueStreamId } from '../support/fixtures';
import { postCallback, type HttpHandler } from '../support/http-api-event';
import { loadHandler, TEST_KEY } from '../support/load-handler';
import { createTestTable, startLocalDynamoDb, type LocalDynamoDb } from '../support/local-dynamodb';
import { startLocalEventBridge, type LocalEventBridge } from '../support/local-eventbridge';
import { itemsOfStream } from '../support/table';

let db: LocalDynamoDb;
let bus: LocalEventBridge;
let tableName: string;
let handler: HttpHandler;
let output: ReturnType<typeof captureOutput>;

beforeAll(async () => {
  [db, bus] = await Promise.all([startLocalDynamoDb(), startLocalEventBridge()]);
  tableName = await createTestTable(db);
  handler = await loadHandler('../../handlers/callback', {
    tableName,
    dynamoDbEndpoint: db.endpoint,
    eventBridgeEndpoint: bus.endpoint,
    callbackKey: TEST_KEY,
  });
});

afterAll(async () => {
  await Promise.all([db.stop(), bus.stop()]);
});

beforeEach(() => {
  bus.behaviour = 'accept';
  output = captureOutput();
});

afterEach(() => output.restore());

const details = (streamId: string) =>
  bus.accepted
    .filter((entry) => entry.Detail?.includes(`"stream_id":${JSON.stringify(streamId)}`))
    .map((entry) => JSON.parse(entry.Detail ?? '{}') as { version: number; file_size: number });

/** Tencent's at-least-once delivery: the same callback, re-signed, `times` times at once. */
const deliverConcurrently = (payload: object, times: number) =>
  Promise.all(
    Array.from({ length: times }, () => postCallback(handler, signCallback(payload, TEST_KEY))),
  );

it('20 identical deliveries at once make one item and one event, and all are answered 200', async () => {
  const streamId = uniqueStreamId();

  const answers = await deliverConcurrently(
    fixture(FIXTURES.documented, { stream_id: streamId }),
    20,
  );

  expect(answers.map((answer) => answer.statusCode)).toEqual(Array(20).fill(200));
  expect(await itemsOfStream(db, tableName, streamId)).toHaveLength(1);
  expect(details(streamId)).toHaveLength(1);
});

it('20 deliveries at once of changed content replace the record once: version 2, one more event', async () => {
  const streamId = uniqueStreamId();
  const original = fixture(FIXTURES.documented, { stream_id: streamId });
  await postCallback(handler, signCallback(original, TEST_KEY));

  const answers = await deliverConcurrently({ ...original, file_size: 1 }, 20);

  expect(answers.every((answer) => answer.statusCode === 200)).toBe(true);
  const [item, ...others] = await itemsOfStream(db, tableName, streamId);
  expect(others).toHaveLength(0);
  expect(item).toMatchObject({ version: 2, file_size: 1 });
  expect(details(streamId).map((detail) => [detail.version, detail.file_size])).toEqual([
    [1, 277941079],
    [2, 1],
  ]);
});

it('20 identical deliveries at once of a record stored but never published publish it once', async () => {
  const streamId = uniqueStreamId();
  const payload = fixture(FIXTURES.documented, { stream_id: streamId });
  bus.behaviour = 'reject-entries';
  await postCallback(handler, signCallback(payload, TEST_KEY));
  bus.behaviour = 'accept';

  await deliverConcurrently(payload, 20);

  expect(details(streamId)).toHaveLength(1);
  const [item] = await itemsOfStream(db, tableName, streamId);
  expect(item).toHaveProperty('published_at');
});
