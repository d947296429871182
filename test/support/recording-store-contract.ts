import { randomUUID } from 'node:crypto';
import type { RecordingStore, StoredRecording } from '../../lib/outbox/record-store';
import { aRecording, aStoredRecording } from './stored-recording';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:00:10.000Z';
const T2 = '2026-01-01T00:00:20.000Z';
const T3 = '2026-01-01T00:00:30.000Z';

/**
 * The conditional semantics documented on `RecordingStore`, as a suite any implementation can run:
 * the in-memory fake in unit tests, the DynamoDB adapter against a local server in integration
 * tests. Every test uses its own stream id, so a shared table needs no clean-up between tests;
 * the `listPending` test expects no other pending items older than 2026-01-01T00:00:30Z.
 */
// A shared suite is the point of this file: it registers tests for whoever imports it.
// eslint-disable-next-line jest/no-export
export function describeRecordingStoreContract(
  name: string,
  createStore: () => RecordingStore | Promise<RecordingStore>,
): void {
  describe(`${name} honours the RecordingStore contract`, () => {
    let store: RecordingStore;
    let stored: StoredRecording;

    beforeEach(async () => {
      store = await createStore();
      stored = aStoredRecording(aRecording({ stream_id: `contract-${randomUUID()}` }), {
        pendingSince: T0,
      });
    });

    describe('putNew', () => {
      it('creates the first version of a recording', async () => {
        const result = await store.putNew(stored);

        expect(result).toEqual({ created: true });
        await expect(store.get(stored.recording)).resolves.toEqual(stored);
      });

      it('returns the existing item unchanged when the recording is stored already', async () => {
        await store.putNew(stored);
        const other = { ...stored, contentHash: 'other', receivedAt: T3 };

        const result = await store.putNew(other);

        expect(result).toEqual({ created: false, existing: stored });
        await expect(store.get(stored.recording)).resolves.toEqual(stored);
      });

      it('keeps one item per file: another file of the same stream is a new item', async () => {
        await store.putNew(stored);
        const otherFile = {
          ...stored,
          recording: { ...stored.recording, file_id: `${stored.recording.file_id}-2` },
        };

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
        await expect(store.get(stored.recording)).resolves.toEqual(next);
      });

      it('refuses when someone changed the item first', async () => {
        await store.putNew({ ...stored, version: 2 });
        const next = { ...stored, version: 2, contentHash: 'changed' };

        const replaced = await store.replace(next, 1);

        expect(replaced).toBe(false);
        await expect(store.get(stored.recording)).resolves.toMatchObject({
          contentHash: stored.contentHash,
        });
      });

      it('refuses when there is no item to replace', async () => {
        const replaced = await store.replace({ ...stored, version: 2 }, 1);

        expect(replaced).toBe(false);
        await expect(store.get(stored.recording)).resolves.toBeUndefined();
      });
    });

    describe('claim', () => {
      it('grants the claim on a pending, unclaimed version', async () => {
        await store.putNew(stored);

        const claimed = await store.claim(stored.recording, 1, T1, T3);

        expect(claimed).toBe(true);
        await expect(store.get(stored.recording)).resolves.toMatchObject({ claimedUntil: T3 });
      });

      it('refuses while another caller holds an unexpired claim', async () => {
        await store.putNew({ ...stored, claimedUntil: T2 });

        const claimed = await store.claim(stored.recording, 1, T1, T3);

        expect(claimed).toBe(false);
        await expect(store.get(stored.recording)).resolves.toMatchObject({ claimedUntil: T2 });
      });

      it('takes over a claim that has expired', async () => {
        await store.putNew({ ...stored, claimedUntil: T1 });

        const claimed = await store.claim(stored.recording, 1, T2, T3);

        expect(claimed).toBe(true);
      });

      it('refuses a version that is already published', async () => {
        await store.putNew({ ...stored, pendingSince: undefined, publishedAt: T0 });

        const claimed = await store.claim(stored.recording, 1, T1, T3);

        expect(claimed).toBe(false);
      });

      it('refuses a version the item has moved on from', async () => {
        await store.putNew({ ...stored, version: 2 });

        const claimed = await store.claim(stored.recording, 1, T1, T3);

        expect(claimed).toBe(false);
      });
    });

    describe('markPublished', () => {
      it('records the publication and leaves the pending state', async () => {
        await store.putNew({ ...stored, claimedUntil: T3 });

        const marked = await store.markPublished(stored.recording, 1, T1);

        expect(marked).toBe(true);
        const item = await store.get(stored.recording);
        expect(item?.publishedAt).toBe(T1);
        expect(item?.pendingSince).toBeUndefined();
        expect(item?.claimedUntil).toBeUndefined();
      });

      it('refuses when a newer version replaced the published one', async () => {
        await store.putNew({ ...stored, version: 2 });

        const marked = await store.markPublished(stored.recording, 1, T1);

        expect(marked).toBe(false);
        await expect(store.get(stored.recording)).resolves.toMatchObject({ pendingSince: T0 });
      });
    });

    describe('releaseClaim', () => {
      it('lets the next caller claim at once', async () => {
        await store.putNew({ ...stored, claimedUntil: T3 });

        await store.releaseClaim(stored.recording, 1);

        await expect(store.claim(stored.recording, 1, T1, T2)).resolves.toBe(true);
      });

      it('leaves the claim on a newer version alone', async () => {
        await store.putNew({ ...stored, version: 2, claimedUntil: T3 });

        await store.releaseClaim(stored.recording, 1);

        await expect(store.get(stored.recording)).resolves.toMatchObject({ claimedUntil: T3 });
      });
    });

    describe('listPending', () => {
      it('lists pending records older than the cut-off, oldest first, up to the limit', async () => {
        const stream = stored.recording.stream_id;
        const file = (fileId: string, pendingSince: string | undefined, publishedAt?: string) => ({
          ...stored,
          recording: { ...stored.recording, stream_id: stream, file_id: fileId },
          pendingSince,
          ...(publishedAt !== undefined && { publishedAt }),
        });
        await store.putNew(file('newest', T2));
        await store.putNew(file('oldest', T0));
        await store.putNew(file('middle', T1));
        await store.putNew(file('published', undefined, T0));

        const all = await store.listPending(T3, 10);
        const firstTwo = await store.listPending(T3, 2);
        const beforeT2 = await store.listPending(T2, 10);

        const ids = (items: StoredRecording[]) =>
          items
            .filter((item) => item.recording.stream_id === stream)
            .map((item) => item.recording.file_id);
        expect(ids(all)).toEqual(['oldest', 'middle', 'newest']);
        expect(ids(firstTwo)).toEqual(['oldest', 'middle']);
        expect(ids(beforeT2)).toEqual(['oldest', 'middle']);
      });
    });

    it('is not changed by mutating what was written or read', async () => {
      const written = structuredClone(stored);
      await store.putNew(written);

      written.recording.video_url = 'changed after writing';
      const read = await store.get(stored.recording);
      read!.recording.video_url = 'changed after reading';

      await expect(store.get(stored.recording)).resolves.toEqual(stored);
    });
  });
}
