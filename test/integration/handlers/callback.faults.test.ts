import { createDynamoDbClient, createEventBridgeClient } from '../../../lib/aws/clients';
import { DynamoDbRecordStore } from '../../../lib/aws/dynamodb-record-store';
import { EventBridgeEventPublisher } from '../../../lib/aws/eventbridge-event-publisher';
import { recordingsTable, serviceTables } from '../../../lib/aws/tables';
import { createCallbackService } from '../../../lib/callback/service';
import { signCallback } from '../../../lib/callback/sign-callback';
import { DependencyUnavailableError, PublishError } from '../../../lib/errors';
import { toOutgoingEvent } from '../../../lib/outbox/event';
import { eventsOfStream, useLocalAws } from '../../support/local-aws';
import { FAKE_AWS_CREDENTIALS } from '../../../fakes/credentials';
import { eventsTableOf } from '../../support/local-dynamodb';
import { startHoldingProxy } from '../../support/holding-proxy';
import { startFaultyServer } from '../../support/faulty-server';
import { FIXTURES, fixture, recordingBody, uniqueStreamId } from '../../support/fixtures';
import { postCallback, type HttpHandler } from '../../../fakes/http-api-event';
import { loadHandler, TEST_BUS, TEST_KEY } from '../../support/load-handler';
import { waitUntil } from '../../support/wait';
import { aStoredRecording, aRecording } from '../../support/stored-record';
import { readItem } from '../../support/table';
import { createTestLog } from '../../support/test-log';

/*
 * Every fault here is made, never waited for: a server that refuses, answers 500, never answers,
 * or holds an answer until the test releases it. The handler-level tests use faults that fail
 * fast; those that need a timeout to fire run the same adapters with a short budget injected (the
 * clients take their budgets), so no test waits out the production timeouts or races them. That
 * the production budgets fit Tencent's 20 s is checked on the budgets themselves, beside the
 * function's timeout (test/integration/template/stack.test.ts).
 */

const aws = useLocalAws();

/** A budget of a few hundred milliseconds: the timeouts fire quickly, whatever the machine's load. */
const SHORT = { requestTimeoutMs: 200, connectionTimeoutMs: 200 };
const connection = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: FAKE_AWS_CREDENTIALS,
});

const handlerWith = (dynamoDbEndpoint: string, eventBridgeEndpoint = aws.bus.endpoint) =>
  loadHandler<HttpHandler>('../../handlers/callback', {
    tableName: aws.tableName,
    dynamoDbEndpoint,
    eventBridgeEndpoint,
    callbackKey: TEST_KEY,
  });

describe('when DynamoDB fails, the callback is answered 503 so Tencent retries, and nothing is published', () => {
  it.each([
    ['is unreachable (connection refused)', () => startFaultyServer('refuse')],
    ['answers 500 to everything', () => startFaultyServer('error')],
  ])('DynamoDB %s', async (_label, startTable) => {
    const table = await startTable();
    try {
      const handler = await handlerWith(table.endpoint);
      const eventsBefore = aws.bus.calls;

      const answer = await postCallback(
        handler,
        signCallback(fixture(FIXTURES.documented, { stream_id: uniqueStreamId() }), TEST_KEY),
      );

      expect(answer.statusCode).toBe(503);
      expect(answer.body).toEqual({
        code: 503,
        message: 'the recordings table is unavailable; retry later',
      });
      expect(aws.bus.calls).toBe(eventsBefore);
    } finally {
      await table.stop();
    }
  });

  it('a retry after DynamoDB recovers stores the record and publishes it once', async () => {
    const broken = await startFaultyServer('error');
    const payload = fixture(FIXTURES.documented, { stream_id: uniqueStreamId() });
    const failing = await handlerWith(broken.endpoint);
    const first = await postCallback(failing, signCallback(payload, TEST_KEY));
    await broken.stop();

    const recovered = await handlerWith(aws.db.endpoint);
    const retry = await postCallback(recovered, signCallback(payload, TEST_KEY));

    expect([first.statusCode, retry.statusCode]).toEqual([503, 200]);
    expect(eventsOfStream(aws.bus, payload.stream_id as string)).toHaveLength(1);
  });
});

describe('when EventBridge fails', () => {
  it('the record is stored and pending, the answer is 200, and a redelivery publishes it once', async () => {
    const handler = await handlerWith(aws.db.endpoint);
    const payload = fixture(FIXTURES.documented, { stream_id: uniqueStreamId() });
    const key = { stream_id: payload.stream_id as string, file_id: '1234567890' };
    aws.bus.behaviour = 'error';

    const answer = await postCallback(handler, signCallback(payload, TEST_KEY));

    expect(answer.statusCode).toBe(200);
    expect(await readItem(aws.db, aws.tableName, key)).toMatchObject({
      publish_pending: 'PENDING',
    });

    aws.bus.behaviour = 'accept';
    await postCallback(handler, signCallback(payload, TEST_KEY));
    await postCallback(handler, signCallback(payload, TEST_KEY));

    expect(eventsOfStream(aws.bus, key.stream_id)).toHaveLength(1);
    expect(await readItem(aws.db, aws.tableName, key)).toHaveProperty('published_at');
  });
});

describe('timeouts: a dependency that never answers is cut off by its budget', () => {
  it('a hung table is given up after its attempts, as unavailability (the callback answers 503)', async () => {
    const hung = await startFaultyServer('hang');
    try {
      const store = new DynamoDbRecordStore(
        recordingsTable(aws.tableName),
        createDynamoDbClient({ ...connection(hung.endpoint), ...SHORT, maxAttempts: 3 }),
      );

      await expect(store.putNew(aStoredRecording())).rejects.toThrow(DependencyUnavailableError);
      expect(hung.requests).toBe(3);
    } finally {
      await hung.stop();
    }
  });

  it('a hung bus is given up after its two attempts, as a failed publish (the record waits)', async () => {
    aws.bus.behaviour = 'hang';
    const publisher = new EventBridgeEventPublisher(
      TEST_BUS,
      createEventBridgeClient({ ...connection(aws.bus.endpoint), ...SHORT, maxAttempts: 2 }),
    );
    const before = aws.bus.calls;

    await expect(publisher.publish([outgoing()])).rejects.toThrow(PublishError);
    expect(aws.bus.calls - before).toBe(2);
  });

  it('a bus slower than usual, answering inside the timeout, is waited for: one request, one event', async () => {
    aws.bus.behaviour = 'hold';
    const publisher = new EventBridgeEventPublisher(
      TEST_BUS,
      createEventBridgeClient({ ...connection(aws.bus.endpoint), requestTimeoutMs: 30_000 }),
    );
    const before = { calls: aws.bus.calls, accepted: aws.bus.accepted.length };

    const published = publisher.publish([outgoing()]);
    expect(await waitUntil(() => aws.bus.held === 1)).toBe(true);
    aws.bus.release();

    await expect(published).resolves.toEqual([{ ok: true }]);
    expect(aws.bus.calls - before.calls).toBe(1);
    expect(aws.bus.accepted.length - before.accepted).toBe(1);
  });
});

describe('answers that never came (the request was applied, the client gave up and retried)', () => {
  it('a table write applied but never answered is recognised as ours: one item, published at once', async () => {
    const proxy = await startHoldingProxy(aws.db.endpoint, 'DynamoDB_20120810.PutItem');
    try {
      const streamId = uniqueStreamId();
      const handleCallback = createCallbackService({
        keys: { keys: async () => [TEST_KEY] },
        ...serviceTables(
          {
            tableName: aws.tableName,
            eventsTableName: eventsTableOf(aws.tableName),
            highVolumeRetentionDays: 30,
          },
          // The production budget: the held write costs one 2 s timeout, and the retry, which
          // must be answered in time to be told apart, has all of DynamoDB's usual margin.
          createDynamoDbClient(connection(proxy.endpoint)),
        ),
        publisher: new EventBridgeEventPublisher(
          TEST_BUS,
          createEventBridgeClient(connection(aws.bus.endpoint)),
        ),
        log: createTestLog(),
      });

      const result = await handleCallback({
        body: JSON.stringify(signCallback(recordingBody({ stream_id: streamId }), TEST_KEY)),
      });

      expect(result).toMatchObject({ outcome: 'created', published: true });
      expect(proxy.forwarded.filter((target) => target.endsWith('PutItem'))).toHaveLength(2);
      // Not left for the republisher: the retry's failed condition was the first attempt's own write.
      expect(eventsOfStream(aws.bus, streamId)).toHaveLength(1);
      expect(
        await readItem(aws.db, aws.tableName, { stream_id: streamId, file_id: '1234567890' }),
      ).toMatchObject({ version: 1, published_at: expect.any(String) as string });
    } finally {
      await proxy.stop();
    }
  });
});

function outgoing() {
  const stored = aStoredRecording(aRecording({ stream_id: uniqueStreamId() }));
  return toOutgoingEvent(stored, new Set());
}
