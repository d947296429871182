import { DynamoDbArchiveRecords } from '../../../lib/aws/dynamodb-archive-records';
import { DynamoDbRecordStore } from '../../../lib/aws/dynamodb-record-store';
import { recordingsTable } from '../../../lib/aws/tables';
import { ArchiveStorageError } from '../../../lib/archive/errors';
import type { RecordingToArchive } from '../../../lib/archive/types';
import type { JsonMap } from '../../../lib/json/json';
import { toOutgoingEvent } from '../../../lib/outbox/event';
import { storeRecord } from '../../../lib/outbox/store-record';
import { recordingKind } from '../../../lib/events/kinds/recording';
import { describeArchiveRecordsContract } from '../../support/archive-records-contract';
import { startFaultyServer } from '../../support/faulty-server';
import { startHoldingProxy } from '../../support/holding-proxy';
import { createTestTable } from '../../support/local-dynamodb';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../../fakes/dynamodb';
import { FAKE_AWS_CREDENTIALS as TEST_CREDENTIALS } from '../../../fakes/credentials';
import { createDynamoDbClient } from '../../../lib/aws/clients';
import { aRecording } from '../../support/stored-record';

// The archive's conditional writes on a real DynamoDB API, beside the records the callback wrote.
let db: LocalDynamoDb;
let tableName: string;

beforeAll(async () => {
  db = await startLocalDynamoDb();
  tableName = await createTestTable(db);
});

afterAll(async () => {
  await db.stop();
});

const fieldsOf = (recording: RecordingToArchive, extra: JsonMap = {}) =>
  aRecording({
    stream_id: recording.streamId,
    file_id: recording.fileId,
    video_url: recording.videoUrl,
    file_format: recording.fileFormat,
    file_size: recording.fileSize,
    ...extra,
  }) as JsonMap;

const storeOf = () => new DynamoDbRecordStore(recordingsTable(tableName), db.client);
const store = (fields: JsonMap) =>
  storeRecord(storeOf(), recordingKind.identify(fields), fields, new Date());

describeArchiveRecordsContract('DynamoDbArchiveRecords', async () => ({
  records: new DynamoDbArchiveRecords(recordingsTable(tableName), db.client),
  add: async (recording) => void (await store(fieldsOf(recording))),
  replace: async (recording) => void (await store(fieldsOf(recording, { record_bps: 1234 }))),
}));

it("keeps the archive's attributes out of the record and its event", async () => {
  const fields = aRecording({ stream_id: 'stream-archive-fields', file_size: 1 }) as JsonMap;
  const { stored } = await store(fields);
  const records = new DynamoDbArchiveRecords(recordingsTable(tableName), db.client);
  const progress = {
    holder: 'a',
    leaseUntil: '2027-01-01T00:00:00.000Z',
    attempts: 1,
    startedAt: '2027-01-01T00:00:00.000Z',
    bytes: 0,
  };
  await records.take(stored.key, 1, progress, undefined);
  await records.markArchived(stored.key, 'a', {
    uri: 's3://b/k',
    bytes: 1,
    archivedAt: '2027-01-01T00:00:00.000Z',
  });

  const read = await storeOf().get(stored.key);

  expect(read?.fields).toEqual(stored.fields);
  expect(read?.contentHash).toBe(stored.contentHash);
  const detail = JSON.parse(toOutgoingEvent(read!, new Set()).detail) as JsonMap;
  expect(detail).not.toHaveProperty('archive');
  expect(detail).not.toHaveProperty('archive_progress');
});

it('says the table is unavailable as the archive says it', async () => {
  const faulty = await startFaultyServer('error');
  const client = createDynamoDbClient({
    endpoint: faulty.endpoint,
    region: 'us-east-1',
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
  });
  const records = new DynamoDbArchiveRecords(recordingsTable('t'), client);
  try {
    await expect(records.read({ stream_id: 's', file_id: 'f' })).rejects.toThrow(
      ArchiveStorageError,
    );
    await expect(records.finish({ stream_id: 's', file_id: 'f' }, 'a')).rejects.toThrow(
      ArchiveStorageError,
    );
  } finally {
    client.destroy();
    await faulty.stop();
  }
});

describe('a write applied but never answered (the SDK retried it)', () => {
  it.each([
    ['taking the copy', 'take'],
    ['finishing it', 'finish'],
    ['giving it up', 'discard'],
  ] as const)('%s counts as done: the retry meets its own write', async (_what, write) => {
    const fields = aRecording({ stream_id: `stream-held-${write}`, file_size: 1 }) as JsonMap;
    const { stored } = await store(fields);
    const progress = {
      holder: 'a',
      leaseUntil: '2027-01-01T00:00:00.000Z',
      attempts: 1,
      startedAt: '2027-01-01T00:00:00.000Z',
      bytes: 0,
    };
    if (write !== 'take') {
      await new DynamoDbArchiveRecords(recordingsTable(tableName), db.client).take(
        stored.key,
        1,
        progress,
        undefined,
      );
    }
    const proxy = await startHoldingProxy(db.endpoint, 'DynamoDB_20120810.UpdateItem');
    const client = createDynamoDbClient({
      endpoint: proxy.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      requestTimeoutMs: 300,
    });
    try {
      const records = new DynamoDbArchiveRecords(recordingsTable(tableName), client);
      const done =
        write === 'take'
          ? await records.take(stored.key, 1, progress, undefined)
          : await records[write](stored.key, 'a');

      expect(done).toBe(true);
      expect(proxy.forwarded.filter((target) => target.endsWith('UpdateItem'))).toHaveLength(2);
    } finally {
      client.destroy();
      await proxy.stop();
    }
  });
});
