import { PublishError } from '../../../lib/errors';
import { keptWhenTruncated } from '../../../lib/events/registry';
import type { EventPublisher } from '../../../lib/outbox/event-publisher';
import { republishAll } from '../../../lib/outbox/republish';
import { InMemoryRecordStore } from '../../support/in-memory-record-store';
import { aRecording, aStoredRecording } from '../../support/stored-record';
import { createTestLog } from '../../support/test-log';

const NOW = new Date('2027-03-01T12:00:00.000Z');
const LONG_AGO = '2027-03-01T11:00:00.000Z';

async function storeWithPending(count: number, streamId: string): Promise<InMemoryRecordStore> {
  const store = new InMemoryRecordStore();
  for (let index = 0; index < count; index++) {
    await store.putNew(
      aStoredRecording(aRecording({ stream_id: streamId, file_id: `f${index}` }), {
        pendingSince: LONG_AGO,
      }),
    );
  }
  return store;
}

describe('republishAll', () => {
  it('publishes what is pending in every table and adds up the reports', async () => {
    const stores = [await storeWithPending(3, 'a'), await storeWithPending(12, 'b')];
    const publisher: EventPublisher = {
      publish: jest.fn(async (events) => events.map(() => ({ ok: true as const }))),
    };

    const report = await republishAll(
      { publisher, log: createTestLog(), keptWhenTruncated, now: () => NOW },
      stores,
    );

    expect(report).toMatchObject({ found: 15, published: 15, stoppedEarly: false });
    expect(report.oldestPendingSeconds).toBe(3600);
    // 3 in one request, then 10 + 2: batches never mix tables, never exceed 10.
    expect(jest.mocked(publisher.publish).mock.calls.map(([events]) => events.length)).toEqual([
      3, 10, 2,
    ]);
  });

  it('leaves the tables after a bus failure for the next run', async () => {
    const stores = [await storeWithPending(2, 'a'), await storeWithPending(2, 'b')];
    const publisher: EventPublisher = {
      publish: jest.fn(async () => {
        throw new PublishError('down');
      }),
    };

    const report = await republishAll(
      { publisher, log: createTestLog(), keptWhenTruncated, now: () => NOW },
      stores,
    );

    expect(report).toMatchObject({ found: 2, published: 0, stoppedEarly: true });
    expect(publisher.publish).toHaveBeenCalledTimes(1);
  });
});
