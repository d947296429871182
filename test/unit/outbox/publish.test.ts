import { PublishError } from '../../../lib/errors';
import { publishClaimed } from '../../../lib/outbox/publish';
import {
  toRecordingEvent,
  type EventPublisher,
  type RecordingEvent,
} from '../../../lib/events/recording/event';
import type { StoredRecording } from '../../../lib/outbox/record-store';
import { InMemoryRecordingStore } from '../../support/in-memory-recording-store';
import { aRecording, aStoredRecording } from '../../support/stored-recording';
import { createTestLog, type TestLog } from '../../support/test-log';

const WRITTEN = '2027-03-01T12:00:00.000Z';
const CLAIMED_UNTIL = '2027-03-01T12:00:30.000Z';
const PUBLISHED = new Date('2027-03-01T12:00:01.000Z');

/** A publisher that records what it was asked to send, or fails as told. */
function publisherThat(outcome: () => Promise<void> = async () => undefined) {
  const sent: RecordingEvent[] = [];
  const publisher: EventPublisher = {
    publish: jest.fn(async (event: RecordingEvent) => {
      await outcome();
      sent.push(event);
    }),
  };
  return { publisher, sent };
}

describe('publishClaimed', () => {
  let store: InMemoryRecordingStore;
  let log: TestLog;
  let stored: StoredRecording;

  beforeEach(async () => {
    store = new InMemoryRecordingStore();
    log = createTestLog();
    stored = aStoredRecording(aRecording(), {
      pendingSince: WRITTEN,
      claimedUntil: CLAIMED_UNTIL,
    });
    await store.putNew(stored);
  });

  it('publishes the recording event and marks the record published', async () => {
    const { publisher, sent } = publisherThat();

    const published = await publishClaimed({ store, publisher, log }, stored, () => PUBLISHED);

    expect(published).toBe(true);
    expect(sent).toEqual([toRecordingEvent(stored)]);
    const item = await store.get(stored.recording);
    expect(item?.publishedAt).toBe(PUBLISHED.toISOString());
    expect(item?.pendingSince).toBeUndefined();
    expect(item?.claimedUntil).toBeUndefined();
  });

  it('returns false and releases the claim when the bus refuses the event', async () => {
    const { publisher } = publisherThat(async () => {
      throw new PublishError('FailedEntryCount 1');
    });

    const published = await publishClaimed({ store, publisher, log }, stored, () => PUBLISHED);

    expect(published).toBe(false);
    const item = await store.get(stored.recording);
    expect(item?.pendingSince).toBe(WRITTEN);
    expect(item?.publishedAt).toBeUndefined();
    expect(item?.claimedUntil).toBeUndefined();
    expect(log.warn).toHaveBeenCalledWith(
      expect.stringContaining('not published'),
      expect.objectContaining({ id: 'stream_test/1234567890', version: 1 }),
    );
  });

  it('lets the next redelivery publish at once after a refused event', async () => {
    const { publisher } = publisherThat(async () => {
      throw new PublishError('EventBridge unavailable');
    });
    await publishClaimed({ store, publisher, log }, stored, () => PUBLISHED);

    const claimed = await store.claim(stored.recording, 1, PUBLISHED.toISOString(), CLAIMED_UNTIL);

    expect(claimed).toBe(true);
  });

  it('still returns false when releasing the claim fails too (the claim expires on its own)', async () => {
    const { publisher } = publisherThat(async () => {
      throw new PublishError('EventBridge unavailable');
    });
    jest.spyOn(store, 'releaseClaim').mockRejectedValue(new Error('table unavailable'));

    const published = await publishClaimed({ store, publisher, log }, stored, () => PUBLISHED);

    expect(published).toBe(false);
    expect(log.warn).toHaveBeenCalledWith('could not release the publish claim', {
      error: expect.any(Error) as unknown,
    });
  });

  it('lets an unexpected publisher error through, without touching the record', async () => {
    const bug = new TypeError('publisher bug');
    const { publisher } = publisherThat(async () => {
      throw bug;
    });

    const publishing = publishClaimed({ store, publisher, log }, stored, () => PUBLISHED);

    await expect(publishing).rejects.toBe(bug);
    await expect(store.get(stored.recording)).resolves.toEqual(stored);
  });

  it('returns true when the event is out even if marking the record published fails', async () => {
    const { publisher, sent } = publisherThat();
    jest.spyOn(store, 'markPublished').mockRejectedValue(new Error('table unavailable'));

    const published = await publishClaimed({ store, publisher, log }, stored, () => PUBLISHED);

    expect(published).toBe(true);
    expect(sent).toHaveLength(1);
    expect(log.error).toHaveBeenCalledWith(
      'event published, but marking the record published failed',
      { error: expect.any(Error) as unknown },
    );
    await expect(store.get(stored.recording)).resolves.toMatchObject({ pendingSince: WRITTEN });
  });

  it('returns true when a newer version replaced this one while it was published', async () => {
    const { publisher } = publisherThat();
    const newer = aStoredRecording(aRecording({ file_size: 2 }), { version: 2 });
    await store.replace(newer, 1);

    const published = await publishClaimed({ store, publisher, log }, stored, () => PUBLISHED);

    expect(published).toBe(true);
    expect(log.info).toHaveBeenCalledWith(
      'a newer version replaced this one while it was published',
      { version: 1 },
    );
    await expect(store.get(stored.recording)).resolves.toEqual(newer);
  });

  it('reads the clock after publishing, for the time the event went out', async () => {
    const { publisher } = publisherThat();
    const now = jest.fn(() => PUBLISHED);

    await publishClaimed({ store, publisher, log }, stored, now);

    expect(now).toHaveBeenCalledTimes(1);
    expect(jest.mocked(publisher.publish).mock.invocationCallOrder[0]).toBeLessThan(
      now.mock.invocationCallOrder[0]!,
    );
  });
});
