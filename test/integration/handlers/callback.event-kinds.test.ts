import type { JsonObject } from '../../../lib/json/json';
import { signCallback } from '../../../lib/callback/sign-callback';
import { KINDS } from '../../../lib/events/registry';
import { interpretCallback } from '../../../lib/ingest/interpret';
import { fixture, uniqueStreamId } from '../../support/fixtures';
import { postCallback, type HttpHandler } from '../../../fakes/http-api-event';
import { loadHandler, TEST_KEY } from '../../support/load-handler';
import { handlerEnvironment, useLocalAws } from '../../support/local-aws';
import { eventsTableOf } from '../../support/local-dynamodb';
import { readItemByKey } from '../../support/table';

/*
 * Every kind of callback the registry holds, through the real handler, table and bus: what the
 * event-types issue promises a subscriber (one event per callback, with its detail-type, stored
 * so a person can browse it) and what recordings always had (a redelivery publishes nothing).
 */
const aws = useLocalAws();
let handler: HttpHandler;

beforeAll(async () => {
  handler = await loadHandler('../../handlers/callback', handlerEnvironment(aws));
});

const fixtureOf = (name: string) =>
  name === 'recording' ? 'recording-callback.json' : `${name}-callback.json`;

/** The kind's fixture on a stream of its own (`streamId` for the camelCase kinds). */
function bodyOf(kindName: string): JsonObject {
  const body = fixture(fixtureOf(kindName));
  const field = 'streamId' in body ? 'streamId' : 'stream_id';
  return { ...body, [field]: uniqueStreamId(kindName), channelId: undefined };
}

const tableOf = (table: 'recordings' | 'events') =>
  table === 'recordings' ? aws.tableName : eventsTableOf(aws.tableName);

const eventsWithId = (id: string) =>
  aws.bus.accepted.filter(
    (entry) => (JSON.parse(entry.Detail ?? '{}') as { id?: string }).id === id,
  );

describe.each(KINDS.map((kind) => [kind.name, kind] as const))('a %s callback', (name, kind) => {
  it('is answered 200, stored under its key in its table, and announced once with its detail-type', async () => {
    const body = JSON.parse(JSON.stringify(bodyOf(name))) as JsonObject;
    const { identity } = interpretCallback(body);

    const first = await postCallback(handler, signCallback(body, TEST_KEY));
    const redelivery = await postCallback(handler, signCallback(body, TEST_KEY));

    expect(first).toMatchObject({ statusCode: 200, body: { code: 0 } });
    expect(redelivery).toMatchObject({ statusCode: 200, body: { code: 0 } });
    const item = await readItemByKey(aws.db, tableOf(kind.table), { ...identity.key });
    expect(item).toMatchObject({ ...identity.key, event_type: body.event_type, version: 1 });
    expect(item).toHaveProperty('published_at');
    const events = eventsWithId(identity.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ Source: 'tencentcloud.css', DetailType: kind.detailType });
  });
});

const highVolume = KINDS.filter((kind) => kind.highVolume === true);
const kept = KINDS.filter((kind) => kind.highVolume !== true);

/** Stores the kind's fixture and reads its item back. */
async function storedItemOf(name: string, table: 'recordings' | 'events') {
  const body = JSON.parse(JSON.stringify(bodyOf(name))) as JsonObject;
  const { identity } = interpretCallback(body);
  await postCallback(handler, signCallback(body, TEST_KEY));
  return readItemByKey(aws.db, tableOf(table), { ...identity.key });
}

it.each(highVolume.map((kind) => [kind.name, kind] as const))(
  'a %s expires 30 days after it arrived (time to live)',
  async (name, kind) => {
    const before = Math.floor(Date.now() / 1000);

    const item = await storedItemOf(name, kind.table);
    const after = Math.ceil(Date.now() / 1000);

    // Between the two readings of the clock, however long the write took.
    expect(item?.expires_at).toBeGreaterThanOrEqual(before + 30 * 86_400);
    expect(item?.expires_at).toBeLessThanOrEqual(after + 30 * 86_400);
  },
);

it.each(kept.map((kind) => [kind.name, kind] as const))(
  'a %s is kept: no time to live',
  async (name, kind) => {
    const item = await storedItemOf(name, kind.table);

    expect(item).toBeDefined();
    expect(item).not.toHaveProperty('expires_at');
  },
);

describe('a push session', () => {
  it.each([
    ['start, then end', ['push-started', 'push-ended']],
    ['end, then start', ['push-ended', 'push-started']],
  ])('is one item its start and end fill in, in either order: %s', async (_case, order) => {
    const streamId = uniqueStreamId('session');
    const bodies = Object.fromEntries(
      order.map((name) => [name, fixture(fixtureOf(name), { stream_id: streamId })]),
    );

    for (const name of order) {
      const answer = await postCallback(handler, signCallback(bodies[name]!, TEST_KEY));
      expect(answer.statusCode).toBe(200);
    }

    const start = interpretCallback(bodies['push-started']!);
    const end = interpretCallback(bodies['push-ended']!);
    expect(start.identity.id).not.toBe(end.identity.id);
    const session = start.kind.project?.(start.fields);
    const item = await readItemByKey(aws.db, eventsTableOf(aws.tableName), {
      ...session!.key,
    });
    const startTime = start.fields.event_time as number;
    const endTime = end.fields.event_time as number;
    expect(item).toMatchObject({
      stream_id: streamId,
      start_time: startTime,
      end_time: endTime,
      duration: endTime - startTime,
    });
    expect(eventsWithId(start.identity.id)).toHaveLength(1);
    expect(eventsWithId(end.identity.id)).toHaveLength(1);
  });
});
