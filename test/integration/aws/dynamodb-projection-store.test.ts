import { DynamoDbProjectionStore } from '../../../lib/aws/dynamodb-projection-store';
import { createDynamoDbClient } from '../../../lib/aws/clients';
import { DependencyUnavailableError } from '../../../lib/errors';
import type { Projection } from '../../../lib/events/kind';
import type { JsonMap } from '../../../lib/json/json';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../../fakes/dynamodb';
import { FAKE_AWS_CREDENTIALS } from '../../../fakes/credentials';
import { createTestTable, eventsTableOf } from '../../support/local-dynamodb';
import { uniqueStreamId } from '../../support/fixtures';
import { readItemByKey } from '../../support/table';
import { UNREACHABLE_ENDPOINT } from '../../support/ports';

let db: LocalDynamoDb;
let tableName: string;
let store: DynamoDbProjectionStore;

beforeAll(async () => {
  db = await startLocalDynamoDb();
  tableName = eventsTableOf(await createTestTable(db));
  store = new DynamoDbProjectionStore(tableName, db.client);
});

afterAll(async () => {
  await db.stop();
});

const NOW = new Date('2027-03-01T12:00:00.000Z');

/** A push session as its start and end callbacks fill it in, the duration derived from both. */
function session(streamId: string) {
  const key = { stream_id: streamId, event_key: 'session#42' };
  const derive = (item: JsonMap) =>
    typeof item.start_time === 'number' && typeof item.end_time === 'number'
      ? { duration: item.end_time - item.start_time }
      : undefined;
  const start: Projection = { key, set: { sequence: '42', start_time: 1000 }, derive };
  const end: Projection = { key, set: { sequence: '42', end_time: 1600, errcode: 0 }, derive };
  return { key, start, end };
}

async function itemOf(key: Record<string, string>): Promise<JsonMap | undefined> {
  return readItemByKey(db, tableName, key);
}

it.each([
  ['start, then end', ['start', 'end'] as const],
  ['end, then start', ['end', 'start'] as const],
  ['start, end, and both again (redeliveries)', ['start', 'end', 'end', 'start'] as const],
])('fills in one item whatever the order: %s', async (_case, order) => {
  const { key, ...callbacks } = session(uniqueStreamId());

  for (const name of order) await store.apply(callbacks[name], NOW);

  expect(await itemOf(key)).toEqual({
    ...key,
    sequence: '42',
    start_time: 1000,
    end_time: 1600,
    errcode: 0,
    duration: 600,
    updated_at: NOW.toISOString(),
  });
});

it('never sets a key attribute, even when a projection names one', async () => {
  const { key, start } = session(uniqueStreamId());

  await store.apply({ ...start, set: { ...start.set, stream_id: 'other' } }, NOW);

  expect(await itemOf(key)).toMatchObject({ stream_id: key.stream_id, start_time: 1000 });
});

it('answers DependencyUnavailableError when the table cannot be reached', async () => {
  const unreachable = new DynamoDbProjectionStore(
    tableName,
    createDynamoDbClient({
      endpoint: UNREACHABLE_ENDPOINT,
      region: 'us-east-1',
      credentials: FAKE_AWS_CREDENTIALS,
      maxAttempts: 1,
    }),
  );

  await expect(unreachable.apply(session(uniqueStreamId()).start, NOW)).rejects.toThrow(
    DependencyUnavailableError,
  );
});
