import { DependencyUnavailableError } from '../../../lib/errors';
import { contentHash, type JsonMap } from '../../../lib/json/json';
import { recordingKind, type Recording } from '../../../lib/events/kinds/recording';
import { ParkReason, type ItemKey, type StoredRecord } from '../../../lib/record/record';
import {
  claimUntil,
  PUBLISH_CLAIM_SECONDS,
  StoreOutcome,
  storeRecord,
} from '../../../lib/outbox/store-record';
import { InMemoryRecordStore } from '../../support/in-memory-record-store';
import { aRecording, aStoredRecording } from '../../support/stored-record';

const FIRST_DELIVERY = new Date('2027-03-01T12:00:00.000Z');
const REDELIVERY = new Date('2027-03-01T12:01:00.000Z'); // Tencent retries a minute later

/** Stores a recording as the callback does: under the identity its kind gives it. */
function storeRecording(store: InMemoryRecordStore, recording: Recording, now: Date) {
  const fields = recording as JsonMap;
  return storeRecord(store, recordingKind.identify(fields), fields, now);
}

function keyOf(recording: Recording): ItemKey {
  return recordingKind.identify(recording).key;
}

describe('storeRecording', () => {
  let store: InMemoryRecordStore;

  beforeEach(() => {
    store = new InMemoryRecordStore();
  });

  it('creates version 1 of a new recording, pending and claimed, for this caller to publish', async () => {
    const recording = aRecording();

    const result = await storeRecording(store, recording, FIRST_DELIVERY);

    const expected: StoredRecord = {
      ...recordingKind.identify(recording),
      fields: recording,
      version: 1,
      contentHash: contentHash(recording),
      receivedAt: FIRST_DELIVERY.toISOString(),
      updatedAt: FIRST_DELIVERY.toISOString(),
      pendingSince: FIRST_DELIVERY.toISOString(),
      claimedUntil: claimUntil(FIRST_DELIVERY),
      receivedVia: 'callback',
    };
    expect(result).toEqual({ outcome: StoreOutcome.created, stored: expected, mustPublish: true });
    await expect(store.get(keyOf(recording))).resolves.toEqual(expected);
  });

  it('treats an identical redelivery of a published recording as a duplicate with nothing to publish', async () => {
    const recording = aRecording();
    await storeRecording(store, recording, FIRST_DELIVERY);
    await store.markPublished(keyOf(recording), 1, FIRST_DELIVERY.toISOString());
    const before = await store.get(keyOf(recording));

    const result = await storeRecording(store, aRecording(), REDELIVERY);

    expect(result.outcome).toBe(StoreOutcome.duplicate);
    expect(result.mustPublish).toBe(false);
    expect(result.stored).toEqual(before);
    await expect(store.get(keyOf(recording))).resolves.toEqual(before);
  });

  it('claims an identical redelivery that is pending and unclaimed, so this caller publishes it', async () => {
    const recording = aRecording();
    await store.putNew(aStoredRecording(recording, { pendingSince: FIRST_DELIVERY.toISOString() }));

    const result = await storeRecording(store, aRecording(), REDELIVERY);

    expect(result.outcome).toBe(StoreOutcome.duplicate);
    expect(result.mustPublish).toBe(true);
    expect(result.stored.version).toBe(1);
    await expect(store.get(keyOf(recording))).resolves.toMatchObject({
      version: 1,
      claimedUntil: claimUntil(REDELIVERY),
    });
  });

  it('takes over a pending recording whose writer died before publishing (claim expired)', async () => {
    const recording = aRecording();
    await storeRecording(store, recording, FIRST_DELIVERY);

    const result = await storeRecording(store, aRecording(), REDELIVERY);

    expect(REDELIVERY.getTime() - FIRST_DELIVERY.getTime()).toBeGreaterThan(
      PUBLISH_CLAIM_SECONDS * 1000,
    );
    expect(result).toMatchObject({ outcome: StoreOutcome.duplicate, mustPublish: true });
  });

  it('leaves publishing to the live writer when an identical delivery arrives concurrently', async () => {
    const recording = aRecording();
    await storeRecording(store, recording, FIRST_DELIVERY);
    const concurrently = new Date(FIRST_DELIVERY.getTime() + 1000);

    const result = await storeRecording(store, aRecording(), concurrently);

    expect(result).toMatchObject({ outcome: StoreOutcome.duplicate, mustPublish: false });
    await expect(store.get(keyOf(recording))).resolves.toMatchObject({
      claimedUntil: claimUntil(FIRST_DELIVERY),
    });
  });

  it('leaves a parked record parked when an identical redelivery comes', async () => {
    const recording = aRecording();
    await storeRecording(store, recording, FIRST_DELIVERY);
    await store.recordFailure(keyOf(recording), 1, {
      attempts: 1,
      lastError: 'MalformedDetail: bad',
      failedAt: FIRST_DELIVERY.toISOString(),
      parked: { at: FIRST_DELIVERY.toISOString(), reason: ParkReason.permanentError },
    });

    const result = await storeRecording(store, aRecording(), REDELIVERY);

    expect(result).toMatchObject({ outcome: StoreOutcome.duplicate, mustPublish: false });
    await expect(store.get(keyOf(recording))).resolves.toMatchObject({
      parkedReason: 'permanent-error',
    });
  });

  it('starts a parked record afresh when a redelivery brings changed content', async () => {
    await storeRecording(store, aRecording(), FIRST_DELIVERY);
    await store.recordFailure(keyOf(aRecording()), 1, {
      attempts: 10,
      lastError: 'InternalFailure',
      failedAt: FIRST_DELIVERY.toISOString(),
      parked: { at: FIRST_DELIVERY.toISOString(), reason: ParkReason.tooManyAttempts },
    });

    const result = await storeRecording(store, aRecording({ file_size: 9 }), REDELIVERY);

    expect(result).toMatchObject({ outcome: StoreOutcome.replaced, mustPublish: true });
    const item = await store.get(keyOf(aRecording()));
    expect(item).toMatchObject({ version: 2, pendingSince: REDELIVERY.toISOString() });
    expect(item?.parkedAt).toBeUndefined();
    expect(item?.publishAttempts).toBeUndefined();
  });

  it('replaces a recording whose redelivery brings changed content, bumping the version', async () => {
    await storeRecording(store, aRecording(), FIRST_DELIVERY);
    await store.markPublished(keyOf(aRecording()), 1, FIRST_DELIVERY.toISOString());
    const changed = aRecording({ file_size: 277941080 });

    const result = await storeRecording(store, changed, REDELIVERY);

    const expected: StoredRecord = {
      ...recordingKind.identify(changed),
      fields: changed,
      version: 2,
      contentHash: contentHash(changed),
      receivedAt: FIRST_DELIVERY.toISOString(),
      updatedAt: REDELIVERY.toISOString(),
      pendingSince: REDELIVERY.toISOString(),
      claimedUntil: claimUntil(REDELIVERY),
      receivedVia: 'callback',
    };
    expect(result).toEqual({ outcome: StoreOutcome.replaced, stored: expected, mustPublish: true });
    await expect(store.get(keyOf(changed))).resolves.toEqual(expected);
  });

  it('keeps the receivedAt of the first delivery across several replacements', async () => {
    await storeRecording(store, aRecording(), FIRST_DELIVERY);
    await storeRecording(store, aRecording({ file_size: 1 }), REDELIVERY);

    const result = await storeRecording(store, aRecording({ file_size: 2 }), new Date());

    expect(result.stored.version).toBe(3);
    expect(result.stored.receivedAt).toBe(FIRST_DELIVERY.toISOString());
  });

  it('keeps different files of one stream apart', async () => {
    await storeRecording(store, aRecording({ file_id: 'a' }), FIRST_DELIVERY);

    const result = await storeRecording(store, aRecording({ file_id: 'b' }), FIRST_DELIVERY);

    expect(result.outcome).toBe(StoreOutcome.created);
    expect(store.size).toBe(2);
  });

  it('decides again when another writer changed the recording between its read and its write', async () => {
    await storeRecording(store, aRecording(), FIRST_DELIVERY);
    const ours = aRecording({ file_size: 2 });
    const replace = store.replace.bind(store);
    jest.spyOn(store, 'replace').mockImplementationOnce(async (stored, expectedVersion) => {
      // A concurrent delivery of the same changed content wins the race to version 2.
      await replace({ ...stored, claimedUntil: claimUntil(REDELIVERY) }, expectedVersion);
      return replace(stored, expectedVersion);
    });

    const result = await storeRecording(store, ours, REDELIVERY);

    expect(result).toMatchObject({ outcome: StoreOutcome.duplicate, mustPublish: false });
    expect(result.stored.version).toBe(2);
  });

  it('gives up with a retryable error when the recording keeps changing under it', async () => {
    await storeRecording(store, aRecording(), FIRST_DELIVERY);
    jest.spyOn(store, 'replace').mockResolvedValue(false);

    const result = storeRecording(store, aRecording({ file_size: 2 }), REDELIVERY);

    await expect(result).rejects.toThrow(DependencyUnavailableError);
    expect(store.replace).toHaveBeenCalledTimes(5);
  });

  it('lets a store failure through to the caller, so Tencent retries', async () => {
    const outage = new DependencyUnavailableError('the recordings table is unavailable');
    jest.spyOn(store, 'putNew').mockRejectedValue(outage);

    const result = storeRecording(store, aRecording(), FIRST_DELIVERY);

    await expect(result).rejects.toBe(outage);
  });
});

describe('storeRecord records where a version came from', () => {
  const stored = async (provenance: Parameters<typeof storeRecord>[4]) => {
    const fields = aRecording() as JsonMap;
    const result = await storeRecord(
      new InMemoryRecordStore(),
      recordingKind.identify(fields),
      fields,
      FIRST_DELIVERY,
      provenance,
    );
    return result.stored;
  };

  it('a delivered callback of a kind Tencent keeps history of waits for its confirmation', async () => {
    const record = await stored({ via: 'callback', verifiable: true });

    expect(record).toMatchObject({
      receivedVia: 'callback',
      unverifiedSince: FIRST_DELIVERY.toISOString(),
    });
    expect(record.verifiedAt).toBeUndefined();
  });

  it('a delivered callback of another kind does not wait for what can never come', async () => {
    const record = await stored({ via: 'callback', verifiable: false });

    expect(record.receivedVia).toBe('callback');
    expect(record.unverifiedSince).toBeUndefined();
  });

  it('a callback recovered from Tencent’s history is verified by the reading itself', async () => {
    const record = await stored({ via: 'history' });

    expect(record).toMatchObject({
      receivedVia: 'history',
      recoveredAt: FIRST_DELIVERY.toISOString(),
      verifiedAt: FIRST_DELIVERY.toISOString(),
    });
    expect(record.unverifiedSince).toBeUndefined();
  });
});

describe('claimUntil', () => {
  it('is the publish claim’s length after now', () => {
    expect(claimUntil(FIRST_DELIVERY)).toBe('2027-03-01T12:00:30.000Z');
    expect(PUBLISH_CLAIM_SECONDS).toBe(30);
  });
});
