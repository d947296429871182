import { randomUUID } from 'node:crypto';
import type { RecordTable } from '../../lib/outbox/record-store';
import { ParkReason, type StoredRecord } from '../../lib/record/record';
import { aRecording, aStoredRecording } from './stored-record';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:00:10.000Z';
const T2 = '2026-01-01T00:00:20.000Z';
const T3 = '2026-01-01T00:00:30.000Z';
const T4 = '2026-01-01T00:00:40.000Z';
const T5 = '2026-01-01T00:01:10.000Z';

/**
 * The conditional semantics documented on `RecordStore` and `RecordListing`, as a suite any implementation can run:
 * the in-memory fake in unit tests, the DynamoDB adapter against a local server in integration
 * tests. Every test uses its own stream id, so a shared table needs no clean-up between tests;
 * the `listPending` test expects no other pending items older than 2026-01-01T00:00:30Z.
 */
// A shared suite is the point of this file: it registers tests for whoever imports it.
// eslint-disable-next-line jest/no-export
export function describeRecordStoreContract(
  name: string,
  createStore: () => RecordTable | Promise<RecordTable>,
): void {
  describe(`${name} honours the RecordStore contract`, () => {
    let store: RecordTable;
    let stored: StoredRecord;

    beforeEach(async () => {
      store = await createStore();
      // As storeRecord writes a first version: pending, claimed by its writer for 30 s.
      stored = aStoredRecording(aRecording({ stream_id: `contract-${randomUUID()}` }), {
        pendingSince: T0,
        claimedUntil: T3,
      });
    });

    describe('putNew', () => {
      it('creates the first version of a recording', async () => {
        const result = await store.putNew(stored);

        expect(result).toEqual({ created: true });
        await expect(store.get(stored.key)).resolves.toEqual(stored);
      });

      it('returns the existing item unchanged when the recording is stored already', async () => {
        await store.putNew(stored);
        const other = { ...stored, contentHash: 'other', receivedAt: T3 };

        const result = await store.putNew(other);

        expect(result).toEqual({ created: false, existing: stored });
        await expect(store.get(stored.key)).resolves.toEqual(stored);
      });

      it('keeps one item per file: another file of the same stream is a new item', async () => {
        await store.putNew(stored);
        const otherFile = withFile(stored, `${stored.fields.file_id as string}-2`);

        const result = await store.putNew(otherFile);

        expect(result).toEqual({ created: true });
      });
    });

    describe('replace', () => {
      it('replaces the item when it is still at the expected version', async () => {
        await store.putNew(stored);
        const next = { ...stored, version: 2, contentHash: 'changed', updatedAt: T1 };

        const replaced = await store.replace(next, 1);

        expect(replaced).toBe(true);
        await expect(store.get(stored.key)).resolves.toEqual(next);
      });

      it('refuses when someone changed the item first', async () => {
        await store.putNew({ ...stored, version: 2 });
        const next = { ...stored, version: 2, contentHash: 'changed' };

        const replaced = await store.replace(next, 1);

        expect(replaced).toBe(false);
        await expect(store.get(stored.key)).resolves.toMatchObject({
          contentHash: stored.contentHash,
        });
      });

      it('refuses when there is no item to replace', async () => {
        const replaced = await store.replace({ ...stored, version: 2 }, 1);

        expect(replaced).toBe(false);
        await expect(store.get(stored.key)).resolves.toBeUndefined();
      });
    });

    describe('claim', () => {
      it("grants the claim on a pending version once its writer's claim has expired", async () => {
        await store.putNew(stored);

        const claimed = await store.claim(stored.key, 1, T4, T5);

        expect(claimed).toBe(true);
        await expect(store.get(stored.key)).resolves.toMatchObject({ claimedUntil: T5 });
      });

      it("refuses while the version's writer still holds its claim", async () => {
        await store.putNew(stored);

        const claimed = await store.claim(stored.key, 1, T1, T5);

        expect(claimed).toBe(false);
        await expect(store.get(stored.key)).resolves.toMatchObject({ claimedUntil: T3 });
      });

      it('refuses while another caller holds an unexpired claim', async () => {
        await store.putNew({ ...stored, claimedUntil: T2 });

        const claimed = await store.claim(stored.key, 1, T1, T3);

        expect(claimed).toBe(false);
        await expect(store.get(stored.key)).resolves.toMatchObject({ claimedUntil: T2 });
      });

      it('takes over a claim that has expired', async () => {
        await store.putNew({ ...stored, claimedUntil: T1 });

        const claimed = await store.claim(stored.key, 1, T2, T3);

        expect(claimed).toBe(true);
      });

      it('refuses a version that is already published', async () => {
        await store.putNew({ ...stored, pendingSince: undefined, publishedAt: T0 });

        const claimed = await store.claim(stored.key, 1, T1, T3);

        expect(claimed).toBe(false);
      });

      it('refuses a version the item has moved on from', async () => {
        await store.putNew({ ...stored, version: 2 });

        const claimed = await store.claim(stored.key, 1, T1, T3);

        expect(claimed).toBe(false);
      });
    });

    describe('markPublished', () => {
      it('records the publication and leaves the pending state', async () => {
        await store.putNew({ ...stored, claimedUntil: T3 });

        const marked = await store.markPublished(stored.key, 1, T1);

        expect(marked).toBe(true);
        const item = await store.get(stored.key);
        expect(item?.publishedAt).toBe(T1);
        expect(item?.pendingSince).toBeUndefined();
        expect(item?.claimedUntil).toBeUndefined();
      });

      it('refuses when a newer version replaced the published one', async () => {
        await store.putNew({ ...stored, version: 2 });

        const marked = await store.markPublished(stored.key, 1, T1);

        expect(marked).toBe(false);
        await expect(store.get(stored.key)).resolves.toMatchObject({ pendingSince: T0 });
      });
    });

    describe('releaseClaim', () => {
      it('lets the next caller claim at once', async () => {
        await store.putNew({ ...stored, claimedUntil: T3 });

        await store.releaseClaim(stored.key, 1, T0);

        await expect(store.claim(stored.key, 1, T1, T2)).resolves.toBe(true);
      });

      it('leaves the claim on a newer version alone', async () => {
        await store.putNew({ ...stored, version: 2, claimedUntil: T3 });

        await store.releaseClaim(stored.key, 1, T0);

        await expect(store.get(stored.key)).resolves.toMatchObject({ claimedUntil: T3 });
      });
    });

    describe('recordFailure', () => {
      it('keeps the attempt count, the last error and the backoff, and releases the claim', async () => {
        await store.putNew({ ...stored, claimedUntil: T3 });

        const recorded = await store.recordFailure(stored.key, 1, {
          attempts: 2,
          lastError: 'InternalFailure: try again',
          failedAt: T0,
          nextAttemptAt: T2,
        });

        expect(recorded).toBe(true);
        const item = await store.get(stored.key);
        expect(item).toMatchObject({
          publishAttempts: 2,
          lastError: 'InternalFailure: try again',
          nextAttemptAt: T2,
          pendingSince: T0,
        });
        // Released: the claim ended when the bus refused, so the next caller may claim at once.
        await expect(store.claim(stored.key, 1, T1, T2)).resolves.toBe(true);
      });

      it('parks the record: out of the pending list, in the parked list, with its reason', async () => {
        await store.putNew({ ...stored, claimedUntil: T3 });

        await store.recordFailure(stored.key, 1, {
          attempts: 1,
          lastError: 'MalformedDetail: not JSON',
          failedAt: T1,
          parked: { at: T1, reason: ParkReason.permanentError },
        });

        const item = await store.get(stored.key);
        expect(item).toMatchObject({
          parkedAt: T1,
          parkedReason: 'permanent-error',
          lastError: 'MalformedDetail: not JSON',
        });
        expect(item?.pendingSince).toBeUndefined();
        expect(ids(await store.listPending(T3, T3, 100))).not.toContain(stored.id);
        expect(ids(await store.listParked(1000))).toContain(stored.id);
      });

      it('refuses a version the item has moved on from', async () => {
        await store.putNew({ ...stored, version: 2 });

        const recorded = await store.recordFailure(stored.key, 1, {
          attempts: 1,
          lastError: 'InternalFailure',
          failedAt: T1,
          nextAttemptAt: T2,
        });

        expect(recorded).toBe(false);
        await expect(store.get(stored.key)).resolves.not.toHaveProperty('publishAttempts');
      });
    });

    describe('unpark', () => {
      it('puts a parked record back in line, its attempts forgotten', async () => {
        await store.putNew(stored);
        await store.recordFailure(stored.key, 1, {
          attempts: 10,
          lastError: 'InternalFailure',
          failedAt: T1,
          parked: { at: T1, reason: ParkReason.tooManyAttempts },
        });

        const unparked = await store.unpark(stored.key, T2);

        expect(unparked).toBe(true);
        const item = await store.get(stored.key);
        expect(item).toMatchObject({ pendingSince: T2 });
        expect(item?.parkedAt).toBeUndefined();
        expect(item?.publishAttempts).toBeUndefined();
        expect(ids(await store.listPending(T3, T3, 100))).toContain(stored.id);
        expect(ids(await store.listParked(1000))).not.toContain(stored.id);
      });

      it('leaves a record that is not parked alone', async () => {
        await store.putNew(stored);

        await expect(store.unpark(stored.key, T2)).resolves.toBe(false);
        await expect(store.get(stored.key)).resolves.toEqual(stored);
      });
    });

    describe('markPublished after refusals', () => {
      it('forgets the attempts and the last error', async () => {
        await store.putNew(stored);
        await store.recordFailure(stored.key, 1, {
          attempts: 3,
          lastError: 'InternalFailure',
          failedAt: T0,
          nextAttemptAt: T1,
        });

        await store.markPublished(stored.key, 1, T2);

        const item = await store.get(stored.key);
        expect(item?.publishAttempts).toBeUndefined();
        expect(item?.lastError).toBeUndefined();
        expect(item?.nextAttemptAt).toBeUndefined();
      });
    });

    describe("verification against Tencent's history", () => {
      // A version waits for Tencent's history from the moment it is written (its updatedAt).
      it('lists a record waiting for confirmation, then marks it verified and lists it no more', async () => {
        await store.putNew({ ...stored, updatedAt: T1, unverifiedSince: T1 });

        const waiting = await store.listUnverified(T2, 1000);
        const marked = await store.markVerified(stored.key, stored.contentHash, T3);

        expect(ids(waiting)).toContain(stored.id);
        expect(marked).toBe(true);
        const item = await store.get(stored.key);
        expect(item?.verifiedAt).toBe(T3);
        expect(item?.unverifiedSince).toBeUndefined();
        expect(ids(await store.listUnverified(T3, 1000))).not.toContain(stored.id);
      });

      it('lists only records waiting since before the cut-off', async () => {
        await store.putNew({ ...stored, updatedAt: T2, unverifiedSince: T2 });

        expect(ids(await store.listUnverified(T1, 1000))).not.toContain(stored.id);
        expect(ids(await store.listUnverified(T3, 1000))).toContain(stored.id);
      });

      it('does not verify content that has changed since it was read', async () => {
        await store.putNew({ ...stored, updatedAt: T1, unverifiedSince: T1 });

        const marked = await store.markVerified(stored.key, 'another hash', T3);

        expect(marked).toBe(false);
        await expect(store.get(stored.key)).resolves.toMatchObject({ unverifiedSince: T1 });
      });

      it('keeps where a record came from', async () => {
        const recovered = {
          ...stored,
          bodyHash: 'a fingerprint of the body',
          receivedVia: 'history' as const,
          recoveredAt: T1,
          verifiedAt: T1,
        };
        await store.putNew(recovered);

        await expect(store.get(stored.key)).resolves.toEqual(recovered);
      });
    });

    describe('listPending', () => {
      it('lists pending records older than the cut-off, oldest first, up to the limit', async () => {
        const file = (fileId: string, pendingSince: string | undefined, publishedAt?: string) => ({
          ...withFile(stored, fileId),
          pendingSince,
          ...(publishedAt !== undefined && { publishedAt }),
        });
        await store.putNew(file('newest', T2));
        await store.putNew(file('oldest', T0));
        await store.putNew(file('middle', T1));
        await store.putNew(file('published', undefined, T0));

        const all = await store.listPending(T3, T3, 10);
        const firstTwo = await store.listPending(T3, T3, 2);
        const beforeT2 = await store.listPending(T2, T3, 10);

        const files = (items: StoredRecord[]) => filesOf(items, stored);
        expect(files(all)).toEqual(['oldest', 'middle', 'newest']);
        expect(files(firstTwo)).toEqual(['oldest', 'middle']);
        expect(files(beforeT2)).toEqual(['oldest', 'middle']);
      });

      it('skips a record in backoff until its next attempt is due, then lists it in its place', async () => {
        await store.putNew(withFile(stored, 'waiting'));
        await store.putNew({ ...withFile(stored, 'next'), pendingSince: T1 });
        await store.recordFailure(withFile(stored, 'waiting').key, 1, {
          attempts: 1,
          lastError: 'InternalFailure',
          failedAt: T0,
          nextAttemptAt: T2,
        });

        const duringBackoff = await store.listPending(T3, T1, 10);
        const afterBackoff = await store.listPending(T3, T2, 10);

        expect(filesOf(duringBackoff, stored)).toEqual(['next']);
        expect(filesOf(afterBackoff, stored)).toEqual(['waiting', 'next']);
      });
    });

    it('is not changed by mutating what was written or read', async () => {
      const written = structuredClone(stored);
      await store.putNew(written);

      written.fields.video_url = 'changed after writing';
      const read = await store.get(stored.key);
      read!.fields.video_url = 'changed after reading';

      await expect(store.get(stored.key)).resolves.toEqual(stored);
    });
  });
}

/** `stored` as another file of the same stream. */
function withFile(stored: StoredRecord, fileId: string): StoredRecord {
  return aStoredRecording(
    aRecording({ stream_id: stored.fields.stream_id as string, file_id: fileId }),
    { pendingSince: stored.pendingSince, claimedUntil: stored.claimedUntil },
  );
}

/** The file ids of the records of `stored`'s stream, in order. */
function filesOf(items: StoredRecord[], stored: StoredRecord): string[] {
  return items
    .filter((item) => item.key.stream_id === stored.key.stream_id)
    .map((item) => item.key.file_id as string);
}

function ids(items: StoredRecord[]): string[] {
  return items.map((item) => item.id);
}
