import { DependencyUnavailableError } from '../../../lib/errors';
import type { TableName } from '../../../lib/events/kind';
import { interpretCallback, type InterpretedCallback } from '../../../lib/ingest/interpret';
import { storeAndPublish, type IngestDeps } from '../../../lib/ingest/store-and-publish';
import type { JsonObject } from '../../../lib/json/json';
import { Refusal } from '../../../lib/outbox/event-publisher';
import { storeRecord } from '../../../lib/outbox/store-record';
import { ReceivedVia, type Provenance } from '../../../lib/record/record';
import {
  busUnavailable,
  fakeEventPublisher,
  refuseEvery,
  type FakeEventPublisher,
} from '../../support/fake-event-publisher';
import { FIXTURES, fixture } from '../../support/fixtures';
import { InMemoryProjectionStore } from '../../support/in-memory-projection-store';
import { InMemoryRecordStore } from '../../support/in-memory-record-store';
import { createTestLog } from '../../support/test-log';

const NOW = new Date('2027-03-01T12:00:00.000Z');
const LATER = new Date('2027-03-01T12:05:00.000Z');
const DELIVERED: Provenance = { via: ReceivedVia.callback, verifiable: true };

let stores: Record<TableName, InMemoryRecordStore>;
let projections: InMemoryProjectionStore;
let publisher: FakeEventPublisher;
let deps: IngestDeps;

beforeEach(() => {
  stores = { recordings: new InMemoryRecordStore(), events: new InMemoryRecordStore() };
  projections = new InMemoryProjectionStore();
  publisher = fakeEventPublisher();
  deps = { stores, projections, publisher, log: createTestLog() };
});

const recording = (overrides: JsonObject = {}) =>
  interpretCallback(fixture(FIXTURES.documented, overrides));
const pushStart = () => interpretCallback(fixture(FIXTURES.streamStart));
const pushEnd = () => interpretCallback(fixture(FIXTURES.streamEnd));

function deliver(callback: InterpretedCallback, at = NOW, provenance = DELIVERED) {
  return storeAndPublish(deps, callback, provenance, () => at);
}

describe('storeAndPublish', () => {
  it('stores a new callback as version 1 in its kind’s table, publishes it and says so', async () => {
    const callback = recording();

    const result = await deliver(callback);

    expect(result).toMatchObject({
      outcome: 'created',
      kind: 'recording',
      key: callback.identity.key,
      id: callback.identity.id,
      version: 1,
      published: true,
      publishFailed: false,
      parked: false,
    });
    expect(await stores.recordings.get(callback.identity.key)).toMatchObject({
      fields: callback.fields,
      bodyHash: callback.bodyHash,
      publishedAt: NOW.toISOString(),
    });
    expect(stores.events.size).toBe(0);
    expect(publisher.sent.map((event) => event.detailType)).toEqual(['Recording File Created']);
  });

  it('keeps a kind of the events table there', async () => {
    const result = await deliver(pushStart());

    expect(stores.events.size).toBe(1);
    expect(stores.recordings.size).toBe(0);
    expect(result).toMatchObject({ kind: 'push-started', outcome: 'created' });
  });

  it('answers a redelivery of published content as a duplicate, published, and sends nothing', async () => {
    await deliver(recording());

    const again = await deliver(recording(), LATER);

    expect(again).toMatchObject({
      outcome: 'duplicate',
      version: 1,
      published: true,
      publishFailed: false,
      parked: false,
    });
    expect(publisher.sent).toHaveLength(1);
  });

  it('replaces a record whose content changed: version 2, published again', async () => {
    await deliver(recording());

    const changed = await deliver(
      recording({ video_url: 'https://vod.example/other.m3u8' }),
      LATER,
    );

    expect(changed).toMatchObject({ outcome: 'replaced', version: 2, published: true });
    expect(publisher.sent).toHaveLength(2);
    expect(JSON.parse(publisher.sent[1]!.detail)).toMatchObject({
      video_url: 'https://vod.example/other.m3u8',
      version: 2,
    });
  });

  describe('when the bus does not take the event', () => {
    it.each([
      { bus: 'is unavailable', answer: busUnavailable, parked: false },
      { bus: 'refuses it for now', answer: refuseEvery(Refusal.retryable), parked: false },
      { bus: 'refuses it for good', answer: refuseEvery(Refusal.permanent), parked: true },
      {
        bus: 'does not allow this service',
        answer: refuseEvery(Refusal.notAllowed),
        parked: false,
      },
    ])('stores it all the same and says publishing failed when the bus $bus', async (bus) => {
      publisher.answer = bus.answer;
      const callback = recording();

      const result = await deliver(callback);

      expect(result).toMatchObject({
        outcome: 'created',
        published: false,
        publishFailed: true,
        parked: bus.parked,
      });
      expect(await stores.recordings.get(callback.identity.key)).toBeDefined();
      expect(publisher.sent).toEqual([]);
    });

    it('publishes the waiting record on a redelivery once the bus is back', async () => {
      publisher.answer = busUnavailable;
      await deliver(recording());
      publisher.answer = (events) => events.map(() => ({ ok: true }));

      const redelivery = await deliver(recording(), LATER);

      expect(redelivery).toMatchObject({ outcome: 'duplicate', published: true });
      expect(publisher.sent).toHaveLength(1);
    });
  });

  it('leaves the publishing to a writer that holds the claim, without calling it a failure', async () => {
    const callback = recording();
    // Another delivery stored it a moment ago and is publishing it now.
    await storeRecord(stores.recordings, callback.identity, callback.fields, NOW);

    const result = await deliver(callback, new Date(NOW.getTime() + 1000));

    expect(result).toMatchObject({
      outcome: 'duplicate',
      published: false,
      publishFailed: false,
      parked: false,
    });
    expect(publisher.calls).toEqual([]);
  });

  describe('projections', () => {
    it('fills in the push session from a start and an end, whichever comes first', async () => {
      await deliver(pushEnd());
      await deliver(pushStart());

      const start = pushStart();
      const session = projections.item(start.kind.project!(start.fields)!.key);
      expect(session).toMatchObject({
        start_time: 1_700_000_000,
        end_time: 1_700_003_605,
        duration: 3605,
      });
    });

    it('applies the projection on every delivery, duplicates included', async () => {
      await deliver(pushStart());
      await deliver(pushStart(), LATER);

      expect(projections.applied).toHaveLength(2);
    });

    it('applies none for a kind that projects nothing', async () => {
      await deliver(recording());

      expect(projections.applied).toEqual([]);
    });

    it('fails the delivery when the projection fails, with the record kept for the retry', async () => {
      const failure = new DependencyUnavailableError('the events table is unavailable');
      const apply = jest.spyOn(projections, 'apply').mockRejectedValueOnce(failure);

      await expect(deliver(pushStart())).rejects.toBe(failure);
      // Tencent retries; the redelivery completes the projection.
      const retry = await deliver(pushStart(), LATER);

      expect(retry.outcome).toBe('duplicate');
      expect(apply).toHaveBeenCalledTimes(2);
      expect(projections.applied).toHaveLength(1);
    });
  });

  describe('provenance', () => {
    it('marks a delivered callback of a kind Tencent’s history holds as waiting for it', async () => {
      const result = await deliver(recording(), NOW, DELIVERED);

      expect(result.stored).toMatchObject({
        receivedVia: 'callback',
        unverifiedSince: NOW.toISOString(),
      });
      expect(result.stored).not.toHaveProperty('verifiedAt');
      expect(result.stored).not.toHaveProperty('recoveredAt');
    });

    it('does not wait for confirmation of a delivered callback history cannot confirm', async () => {
      const result = await deliver(recording(), NOW, {
        via: ReceivedVia.callback,
        verifiable: false,
      });

      expect(result.stored).toMatchObject({ receivedVia: 'callback' });
      expect(result.stored).not.toHaveProperty('unverifiedSince');
    });

    it('marks a callback read from Tencent’s history as recovered and verified', async () => {
      const result = await deliver(recording(), NOW, { via: ReceivedVia.history });

      expect(result.stored).toMatchObject({
        receivedVia: 'history',
        recoveredAt: NOW.toISOString(),
        verifiedAt: NOW.toISOString(),
      });
      expect(result.stored).not.toHaveProperty('unverifiedSince');
    });

    it('records where the new version came from when history replaces a delivered one', async () => {
      await deliver(recording({ video_url: 'https://attacker.example/x.m3u8' }));

      const replaced = await deliver(recording(), LATER, { via: ReceivedVia.history });

      expect(replaced.stored).toMatchObject({
        version: 2,
        receivedVia: 'history',
        receivedAt: NOW.toISOString(),
        updatedAt: LATER.toISOString(),
        verifiedAt: LATER.toISOString(),
      });
      expect(replaced.stored).not.toHaveProperty('unverifiedSince');
    });
  });
});
