import { signCallback } from '../../../lib/callback/sign-callback';
import { eventsOfStream, handlerEnvironment, useLocalAws } from '../../support/local-aws';
import { FIXTURES, fixture, uniqueStreamId } from '../../support/fixtures';
import { postCallback, type HttpHandler } from '../../../fakes/http-api-event';
import { loadHandler, TEST_KEY } from '../../support/load-handler';
import { itemsOfStream } from '../../support/table';

const aws = useLocalAws();

let handler: HttpHandler;

beforeAll(async () => {
  handler = await loadHandler('../../handlers/callback', handlerEnvironment(aws));
});

const details = (streamId: string) =>
  eventsOfStream(aws.bus, streamId).map(
    (entry) => JSON.parse(entry.Detail ?? '{}') as { version: number; file_size: number },
  );

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
  expect(await itemsOfStream(aws.db, aws.tableName, streamId)).toHaveLength(1);
  expect(details(streamId)).toHaveLength(1);
});

it('20 deliveries at once of changed content replace the record once: version 2, one more event', async () => {
  const streamId = uniqueStreamId();
  const original = fixture(FIXTURES.documented, { stream_id: streamId });
  await postCallback(handler, signCallback(original, TEST_KEY));

  const answers = await deliverConcurrently({ ...original, file_size: 1 }, 20);

  expect(answers.every((answer) => answer.statusCode === 200)).toBe(true);
  const [item, ...others] = await itemsOfStream(aws.db, aws.tableName, streamId);
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
  aws.bus.behaviour = 'reject-entries';
  await postCallback(handler, signCallback(payload, TEST_KEY));
  aws.bus.behaviour = 'accept';

  await deliverConcurrently(payload, 20);

  expect(details(streamId)).toHaveLength(1);
  const [item] = await itemsOfStream(aws.db, aws.tableName, streamId);
  expect(item).toHaveProperty('published_at');
});
