import { createHash } from 'node:crypto';
import type { ArchiveDeps } from '../../lib/archive/archive-recording';
import { busEventSink } from '../../lib/archive/archived-event';
import { HttpRecordingSource } from '../../lib/archive/http-source';
import { createEventBridgeClient } from '../../lib/aws/clients';
import { EventBridgeEventPublisher } from '../../lib/aws/eventbridge-event-publisher';
import { S3ArchiveObjects } from '../../lib/aws/s3-archive-objects';
import { createS3Client } from '../../lib/aws/s3-client';
import { startLocalS3, type LocalS3 } from '../../fakes/local-s3';
import { startLocalVod, type LocalVod } from '../../fakes/local-vod';
import { DynamoDbArchiveRecords } from '../../lib/aws/dynamodb-archive-records';
import { DynamoDbRecordStore } from '../../lib/aws/dynamodb-record-store';
import { recordingsTable } from '../../lib/aws/tables';
import type { JsonMap, JsonObject } from '../../lib/json/json';
import { storeRecord } from '../../lib/outbox/store-record';
import { recordingKind } from '../../lib/events/kinds/recording';
import type { StoredRecord } from '../../lib/record/record';
import { uniqueStreamId } from './fixtures';
import type { LocalAws } from './local-aws';
import { FAKE_AWS_CREDENTIALS as TEST_CREDENTIALS } from '../../fakes/credentials';
import type { PutEventsEntry } from '../../fakes/eventbridge';
import { TEST_BUS } from './load-handler';
import { createTestLog } from './test-log';
import { aRecording } from './stored-record';

export const ARCHIVE_BUCKET = 'tencent-css-recordings-test-archive';

export interface ArchiveServers {
  s3: LocalS3;
  vod: LocalVod;
}

/** The local S3 (with the archive's bucket) and the local VOD, for the tests of one file. */
export function useArchiveServers(): ArchiveServers {
  const servers = {} as ArchiveServers;
  beforeAll(async () => {
    [servers.s3, servers.vod] = await Promise.all([
      startLocalS3({ buckets: [ARCHIVE_BUCKET], credentials: [TEST_CREDENTIALS] }),
      startLocalVod(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([servers.s3?.stop(), servers.vod?.stop()]);
  });
  beforeEach(() => {
    servers.vod.hotlinkKey = undefined;
    servers.vod.release();
  });
  return servers;
}

/** Stores a recording (the documented callback, with `overrides`) as the callback would. */
export async function storeRecording(
  aws: Pick<LocalAws, 'db' | 'tableName'>,
  overrides: JsonObject,
): Promise<StoredRecord> {
  const fields = aRecording({ stream_id: uniqueStreamId('archive'), ...overrides }) as JsonMap;
  const store = new DynamoDbRecordStore(recordingsTable(aws.tableName), aws.db.client);
  const { stored } = await storeRecord(store, recordingKind.identify(fields), fields, new Date());
  return stored;
}

/** A recording of `stream` that ended at `endTime` (Unix seconds), its 1,000-byte file on `vod`. */
export function recordingEndedAt(
  aws: Pick<LocalAws, 'db' | 'tableName'>,
  vod: LocalVod,
  { stream, fileId, endTime }: { stream: string; fileId: string; endTime: number },
): Promise<StoredRecord> {
  const url = vod.addFile(`/vod/${stream}/${fileId}.mp4`, 1000);
  return storeRecording(aws, {
    stream_id: stream,
    file_id: fileId,
    video_url: url,
    file_format: 'mp4',
    file_size: 1000,
    start_time: endTime - 60,
    end_time: endTime,
    duration: 60,
  });
}

/** The archiver's view of the test's table. */
export function archiveRecords(aws: LocalAws): DynamoDbArchiveRecords {
  return new DynamoDbArchiveRecords(recordingsTable(aws.tableName), aws.db.client);
}

/** `Recording File Created` for a stored recording, as the bus delivers it to a target. */
export function createdEvent(stored: StoredRecord) {
  return {
    version: '0',
    id: `event-${stored.id}-${stored.version}`,
    'detail-type': 'Recording File Created',
    source: 'tencentcloud.css',
    account: '123456789012',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [],
    detail: { ...stored.fields, id: stored.id, version: stored.version },
  };
}

/** The `Recording File Archived` events the bus took for one recording. */
export function archivedEvents(entries: readonly PutEventsEntry[], id: string): JsonObject[] {
  return entries
    .filter((entry) => entry.DetailType === 'Recording File Archived')
    .map((entry) => JSON.parse(entry.Detail ?? '{}') as JsonObject)
    .filter((detail) => detail.id === id);
}

export function sha256(bytes: Buffer | undefined): string | undefined {
  return bytes === undefined ? undefined : createHash('sha256').update(bytes).digest('hex');
}

export const MIB = 1024 * 1024;

/** The archive wired as the function wires it, on the test's local servers. */
export function archiverDeps(
  aws: LocalAws,
  servers: ArchiveServers,
  overrides: Partial<ArchiveDeps> = {},
): ArchiveDeps {
  const local = { region: 'us-east-1', credentials: TEST_CREDENTIALS };
  return {
    records: archiveRecords(aws),
    objects: new S3ArchiveObjects(
      ARCHIVE_BUCKET,
      createS3Client({ endpoint: servers.s3.endpoint, ...local }),
    ),
    source: new HttpRecordingSource(),
    events: busEventSink(
      new EventBridgeEventPublisher(
        TEST_BUS,
        createEventBridgeClient({ endpoint: aws.bus.endpoint, ...local }),
      ),
    ),
    log: createTestLog(),
    timeLeftMs: () => Number.POSITIVE_INFINITY,
    ...overrides,
  };
}
