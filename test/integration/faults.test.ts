import { signCallback } from '../../lib/callback/sign-callback';
import { eventsOfStream, useLocalAws } from '../support/local-aws';
import { startDelayingProxy } from '../support/delaying-proxy';
import { startFaultyServer } from '../support/faulty-server';
import { FIXTURES, fixture, uniqueStreamId } from '../support/fixtures';
import { postCallback, type HttpHandler } from '../support/http-api-event';
import { loadHandler, TEST_KEY } from '../support/load-handler';
import { readItem } from '../support/table';

const aws = useLocalAws();

/** Tencent gives up on an answer after 20 s; the Lambda's timeout (18 s) must never be what answers. */
const ANSWER_BUDGET_MS = 12_000;

const handlerWith = (dynamoDbEndpoint: string): Promise<HttpHandler> =>
  loadHandler('../../handlers/callback', {
    tableName: aws.tableName,
    dynamoDbEndpoint,
    eventBridgeEndpoint: aws.bus.endpoint,
    callbackKey: TEST_KEY,
  });

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

describe('when DynamoDB fails, the callback is answered 503 so Tencent retries, and nothing is published', () => {
  it.each([
    [
      'is unreachable (connection refused)',
      async () => ({ endpoint: 'http://127.0.0.1:1', stop: async () => undefined }),
    ],
    ['answers 500 to everything', () => startFaultyServer('error')],
    ['accepts connections and never answers', () => startFaultyServer('hang')],
  ])('DynamoDB %s', async (_label, startTable) => {
    const table = await startTable();
    try {
      const handler = await handlerWith(table.endpoint);
      const eventsBefore = aws.bus.calls;

      const { result: answer, ms } = await timed(() =>
        postCallback(
          handler,
          signCallback(fixture(FIXTURES.documented, { stream_id: uniqueStreamId() }), TEST_KEY),
        ),
      );

      expect(answer.statusCode).toBe(503);
      expect(answer.body).toEqual({
        code: 503,
        message: 'the recordings table is unavailable; retry later',
      });
      expect(ms).toBeLessThan(ANSWER_BUDGET_MS);
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

describe('when EventBridge hangs', () => {
  it('the record is stored and pending, the answer is 200 within budget, and a redelivery publishes it once', async () => {
    const handler = await handlerWith(aws.db.endpoint);
    const payload = fixture(FIXTURES.documented, { stream_id: uniqueStreamId() });
    const key = { stream_id: payload.stream_id as string, file_id: '1234567890' };
    aws.bus.behaviour = 'hang';

    const { result: answer, ms } = await timed(() =>
      postCallback(handler, signCallback(payload, TEST_KEY)),
    );

    expect(answer.statusCode).toBe(200);
    expect(ms).toBeLessThan(ANSWER_BUDGET_MS);
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

describe('answers that come late (the request was applied, the client gave up and retried)', () => {
  it('a table write applied but answered after the timeout is recognised as ours: one item, published at once', async () => {
    const proxy = await startDelayingProxy(aws.db.endpoint, 'DynamoDB_20120810.PutItem', 2500);
    try {
      const handler = await handlerWith(proxy.endpoint);
      const streamId = uniqueStreamId();

      const answer = await postCallback(
        handler,
        signCallback(fixture(FIXTURES.documented, { stream_id: streamId }), TEST_KEY),
      );

      expect(answer.statusCode).toBe(200);
      expect(proxy.forwarded.filter((target) => target.endsWith('PutItem'))).toHaveLength(2);
      // Not left for the republisher: the retry's failed condition was the first attempt's own write.
      expect(eventsOfStream(aws.bus, streamId)).toHaveLength(1);
      expect(
        await readItem(aws.db, aws.tableName, { stream_id: streamId, file_id: '1234567890' }),
      ).toMatchObject({
        version: 1,
        published_at: expect.any(String) as string,
      });
    } finally {
      await proxy.stop();
    }
  });

  it('a PutEvents answered after 2 s (slow, not failed) is sent once: one event', async () => {
    const handler = await handlerWith(aws.db.endpoint);
    const streamId = uniqueStreamId();
    aws.bus.behaviour = 'slow';
    aws.bus.slowMs = 2000;

    const answer = await postCallback(
      handler,
      signCallback(fixture(FIXTURES.documented, { stream_id: streamId }), TEST_KEY),
    );

    expect(answer.statusCode).toBe(200);
    expect(eventsOfStream(aws.bus, streamId)).toHaveLength(1);
  });
});
