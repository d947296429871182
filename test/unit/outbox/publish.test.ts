import { PublishError } from '../../../lib/errors';
import { keptWhenTruncated } from '../../../lib/events/registry';
import type { OutgoingEvent } from '../../../lib/outbox/event';
import {
  Refusal,
  type EntryResult,
  type EventPublisher,
} from '../../../lib/outbox/event-publisher';
import {
  publishClaimed,
  PublishOutcome,
  toPublishable,
  type PublishDeps,
} from '../../../lib/outbox/publish';
import { MAX_PUBLISH_ATTEMPTS } from '../../../lib/outbox/retry-policy';
import type { StoredRecord } from '../../../lib/record/record';
import { InMemoryRecordStore } from '../../support/in-memory-record-store';
import { aRecording, aStoredRecording } from '../../support/stored-record';
import { createTestLog, type TestLog } from '../../support/test-log';

const WRITTEN = '2027-03-01T12:00:00.000Z';
const CLAIMED_UNTIL = '2027-03-01T12:00:30.000Z';
const PUBLISHED = new Date('2027-03-01T12:00:01.000Z');

/** A publisher that records what it was asked to send, and answers each entry as told. */
function publisherThat(answer: (events: readonly OutgoingEvent[]) => Promise<EntryResult[]>) {
  const sent: OutgoingEvent[] = [];
  const publisher: EventPublisher = {
    publish: jest.fn(async (events: readonly OutgoingEvent[]) => {
      const results = await answer(events);
      sent.push(...events.filter((_event, index) => results[index]?.ok));
      return results;
    }),
  };
  return { publisher, sent };
}

const accepting = () => publisherThat(async (events) => events.map(() => ({ ok: true })));
const unavailable = () =>
  publisherThat(async () => {
    throw new PublishError('EventBridge unavailable');
  });
const refusing = (refusal: Refusal, error = 'InternalFailure: injected') =>
  publisherThat(async (events) => events.map(() => ({ ok: false, error, refusal })));

describe('publishClaimed', () => {
  let store: InMemoryRecordStore;
  let log: TestLog;
  let stored: StoredRecord;

  beforeEach(async () => {
    store = new InMemoryRecordStore();
    log = createTestLog();
    stored = aStoredRecording(aRecording(), {
      pendingSince: WRITTEN,
      claimedUntil: CLAIMED_UNTIL,
    });
    await store.putNew(stored);
  });

  const depsWith = (publisher: EventPublisher): PublishDeps => ({
    store,
    publisher,
    log,
    keptWhenTruncated,
  });
  const publish = (publisher: EventPublisher, records = [stored], now = () => PUBLISHED) => {
    const deps = depsWith(publisher);
    return publishClaimed(
      deps,
      records.map((record) => toPublishable(deps, record)),
      now,
    );
  };

  it('publishes the record event and marks the record published', async () => {
    const { publisher, sent } = accepting();

    const outcomes = await publish(publisher);

    expect(outcomes).toEqual([PublishOutcome.published]);
    expect(sent).toEqual([toPublishable(depsWith(publisher), stored).event]);
    const item = await store.get(stored.key);
    expect(item?.publishedAt).toBe(PUBLISHED.toISOString());
    expect(item?.pendingSince).toBeUndefined();
    expect(item?.claimedUntil).toBeUndefined();
  });

  it('sends several claimed records in one request and marks each by its own result', async () => {
    const other = aStoredRecording(aRecording({ file_id: 'other' }), {
      pendingSince: WRITTEN,
      claimedUntil: CLAIMED_UNTIL,
    });
    await store.putNew(other);
    const { publisher } = publisherThat(async () => [
      { ok: false, error: 'MalformedDetail: bad', refusal: Refusal.permanent },
      { ok: true },
    ]);

    const outcomes = await publish(publisher, [stored, other]);

    expect(publisher.publish).toHaveBeenCalledTimes(1);
    expect(outcomes).toEqual([PublishOutcome.parked, PublishOutcome.published]);
    await expect(store.get(other.key)).resolves.toMatchObject({
      publishedAt: PUBLISHED.toISOString(),
    });
    await expect(store.get(stored.key)).resolves.toMatchObject({
      parkedReason: 'permanent-error',
    });
  });

  describe('when the bus is unavailable', () => {
    it('leaves the record pending and releases the claim', async () => {
      const outcomes = await publish(unavailable().publisher);

      expect(outcomes).toEqual([PublishOutcome.unavailable]);
      const item = await store.get(stored.key);
      expect(item?.pendingSince).toBe(WRITTEN);
      expect(item?.publishedAt).toBeUndefined();
      // The claim ended when the publish failed: the next caller may claim from then on.
      expect(item?.claimedUntil).toBe(PUBLISHED.toISOString());
      expect(item?.publishAttempts).toBeUndefined();
      expect(log.warn).toHaveBeenCalledWith(
        expect.stringContaining('not published'),
        expect.objectContaining({ ids: [{ id: 'stream_test/1234567890', version: 1 }] }),
      );
    });

    it('lets the next redelivery publish at once', async () => {
      await publish(unavailable().publisher);

      const claimed = await store.claim(stored.key, 1, PUBLISHED.toISOString(), CLAIMED_UNTIL);

      expect(claimed).toBe(true);
    });

    it('still answers when releasing the claim fails too (the claim expires on its own)', async () => {
      jest.spyOn(store, 'releaseClaim').mockRejectedValue(new Error('table unavailable'));

      const outcomes = await publish(unavailable().publisher);

      expect(outcomes).toEqual([PublishOutcome.unavailable]);
      expect(log.warn).toHaveBeenCalledWith('could not release the publish claim', {
        error: expect.any(Error) as unknown,
      });
    });
  });

  describe('when the bus refuses the entry', () => {
    it('counts the attempt, keeps the error and sets a backoff, leaving the record pending', async () => {
      const outcomes = await publish(refusing(Refusal.retryable).publisher);

      expect(outcomes).toEqual([PublishOutcome.retryLater]);
      const item = await store.get(stored.key);
      expect(item).toMatchObject({
        pendingSince: WRITTEN,
        publishAttempts: 1,
        lastError: 'InternalFailure: injected',
        nextAttemptAt: '2027-03-01T12:05:01.000Z',
      });
      expect(item?.claimedUntil).toBe(PUBLISHED.toISOString());
    });

    it('parks the record at once when no retry can change the answer', async () => {
      const outcomes = await publish(
        refusing(Refusal.permanent, 'MalformedDetail: not JSON').publisher,
      );

      expect(outcomes).toEqual([PublishOutcome.parked]);
      const item = await store.get(stored.key);
      expect(item).toMatchObject({
        parkedAt: PUBLISHED.toISOString(),
        parkedReason: 'permanent-error',
        lastError: 'MalformedDetail: not JSON',
      });
      expect(item?.pendingSince).toBeUndefined();
      expect(log.error).toHaveBeenCalledWith(
        expect.stringContaining('parked'),
        expect.objectContaining({ id: 'stream_test/1234567890', version: 1 }),
      );
    });

    it('parks the record after the last attempt', async () => {
      const tired = { ...stored, publishAttempts: MAX_PUBLISH_ATTEMPTS - 1 };

      const outcomes = await publish(refusing(Refusal.retryable).publisher, [tired]);

      expect(outcomes).toEqual([PublishOutcome.parked]);
      await expect(store.get(stored.key)).resolves.toMatchObject({
        publishAttempts: MAX_PUBLISH_ATTEMPTS,
        parkedReason: 'too-many-attempts',
      });
    });

    it('treats a refusal of this service by the bus (permissions) as unavailable, not the entry', async () => {
      const outcomes = await publish(
        refusing(Refusal.notAllowed, 'AccessDeniedException: no').publisher,
      );

      expect(outcomes).toEqual([PublishOutcome.unavailable]);
      const item = await store.get(stored.key);
      expect(item?.publishAttempts).toBeUndefined();
      expect(item?.parkedAt).toBeUndefined();
      expect(item?.pendingSince).toBe(WRITTEN);
      expect(log.error).toHaveBeenCalledWith(
        expect.stringContaining('permissions'),
        expect.objectContaining({ error: 'AccessDeniedException: no' }),
      );
    });
  });

  it('lets an unexpected publisher error through, without touching the record', async () => {
    const bug = new TypeError('publisher bug');
    const { publisher } = publisherThat(async () => {
      throw bug;
    });

    await expect(publish(publisher)).rejects.toBe(bug);
    await expect(store.get(stored.key)).resolves.toEqual(stored);
  });

  it('reports published when the event is out even if marking the record published fails', async () => {
    const { publisher, sent } = accepting();
    jest.spyOn(store, 'markPublished').mockRejectedValue(new Error('table unavailable'));

    const outcomes = await publish(publisher);

    expect(outcomes).toEqual([PublishOutcome.published]);
    expect(sent).toHaveLength(1);
    expect(log.error).toHaveBeenCalledWith(
      'event published, but marking the record published failed',
      expect.objectContaining({ error: expect.any(Error) as unknown }),
    );
    await expect(store.get(stored.key)).resolves.toMatchObject({ pendingSince: WRITTEN });
  });

  it('reports published when a newer version replaced this one while it was published', async () => {
    const newer = aStoredRecording(aRecording({ file_size: 2 }), { version: 2 });
    await store.replace(newer, 1);

    const outcomes = await publish(accepting().publisher);

    expect(outcomes).toEqual([PublishOutcome.published]);
    expect(log.info).toHaveBeenCalledWith(
      'a newer version replaced this one while it was published',
      { id: 'stream_test/1234567890', version: 1 },
    );
    await expect(store.get(stored.key)).resolves.toEqual(newer);
  });

  it('reads the clock after publishing, for the time the event went out', async () => {
    const { publisher } = accepting();
    const now = jest.fn(() => PUBLISHED);

    await publish(publisher, [stored], now);

    expect(now).toHaveBeenCalledTimes(1);
    expect(jest.mocked(publisher.publish).mock.invocationCallOrder[0]).toBeLessThan(
      now.mock.invocationCallOrder[0]!,
    );
  });

  it('warns when an event had to be truncated to fit EventBridge', () => {
    const big = aStoredRecording({
      ...aRecording(),
      numbers: Array.from({ length: 13_000 }, () => 1e20),
    });

    const { event } = toPublishable(depsWith(accepting().publisher), big);

    expect(event.truncatedFields).toEqual(['numbers']);
    expect(log.warn).toHaveBeenCalledWith(
      expect.stringContaining('too large'),
      expect.objectContaining({ id: 'stream_test/1234567890', truncatedFields: ['numbers'] }),
    );
  });
});
