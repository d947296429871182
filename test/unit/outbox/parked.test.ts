import { listParked, retryParked } from '../../../lib/outbox/parked';
import { ParkReason } from '../../../lib/record/record';
import { InMemoryRecordStore } from '../../support/in-memory-record-store';
import { aRecording, aStoredRecording } from '../../support/stored-record';

const PARKED_AT = '2027-03-01T12:00:00.000Z';
const NOW = new Date('2027-03-01T13:00:00.000Z');

async function storeWithParked(...fileIds: string[]): Promise<InMemoryRecordStore> {
  const store = new InMemoryRecordStore();
  for (const fileId of fileIds) {
    const stored = aStoredRecording(aRecording({ file_id: fileId }));
    await store.putNew(stored);
    await store.recordFailure(stored.key, 1, {
      attempts: 1,
      lastError: 'MalformedDetail: x',
      failedAt: PARKED_AT,
      parked: { at: PARKED_AT, reason: ParkReason.permanentError },
    });
  }
  return store;
}

describe('retryParked', () => {
  it('puts every parked record of every table back in line', async () => {
    const stores = [await storeWithParked('a', 'b'), await storeWithParked('c')];

    const report = await retryParked(stores, { now: NOW });

    expect(report.retried.map((stored) => stored.id).sort()).toEqual([
      'stream_test/a',
      'stream_test/b',
      'stream_test/c',
    ]);
    expect(report.notParked).toEqual([]);
    expect(await listParked(stores)).toEqual([]);
    await expect(stores[0]!.get({ stream_id: 'stream_test', file_id: 'a' })).resolves.toMatchObject(
      {
        pendingSince: NOW.toISOString(),
      },
    );
  });

  it('puts back only the ids given, and names those that were not parked', async () => {
    const stores = [await storeWithParked('a', 'b')];

    const report = await retryParked(stores, {
      ids: ['stream_test/b', 'stream_test/zzz'],
      now: NOW,
    });

    expect(report.retried.map((stored) => stored.id)).toEqual(['stream_test/b']);
    expect(report.notParked).toEqual(['stream_test/zzz']);
    expect((await listParked(stores)).map((stored) => stored.id)).toEqual(['stream_test/a']);
  });
});
