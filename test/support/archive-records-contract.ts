import type { ArchiveRecords } from '../../lib/archive/archive-records';
import type { ArchiveProgress, RecordingToArchive } from '../../lib/archive/types';
import { aRecordingToArchive } from './in-memory-archive';

// A shared suite is the point of this file: it registers tests for whoever imports it.
// eslint-disable-next-line jest/no-export
export interface ArchiveRecordsSubject {
  records: ArchiveRecords;
  /** Stores a recording as the callback does. */
  add(recording: RecordingToArchive): Promise<void>;
  /** Writes a new version of it over the item, as a changed redelivery or a reconcile does. */
  replace(recording: RecordingToArchive): Promise<void>;
}

const progress = (holder: string, overrides: Partial<ArchiveProgress> = {}): ArchiveProgress => ({
  holder,
  leaseUntil: '2027-01-01T00:03:00.000Z',
  attempts: 1,
  startedAt: '2027-01-01T00:00:00.000Z',
  bytes: 0,
  ...overrides,
});

const ARCHIVE = {
  uri: 's3://bucket/stream/file.mp4',
  bytes: 42,
  checksum: 'crc32:AAAAAA==',
  archivedAt: '2027-01-01T00:05:00.000Z',
};

/** What the archive relies on of its table, held against the DynamoDB adapter and the fake. */
// eslint-disable-next-line jest/no-export
export function describeArchiveRecordsContract(
  name: string,
  subject: () => Promise<ArchiveRecordsSubject>,
): void {
  describe(`${name} (the archive's records)`, () => {
    let records: ArchiveRecords;
    let it_: ArchiveRecordsSubject;
    let recording: RecordingToArchive;
    let counter = 0;

    beforeEach(async () => {
      it_ = await subject();
      records = it_.records;
      const fileId = `file-${++counter}-${Date.now()}`;
      recording = aRecordingToArchive({
        key: { stream_id: 'stream_test', file_id: fileId },
        id: `stream_test/${fileId}`,
        fileId,
        fileSize: 4242,
      });
      await it_.add(recording);
    });

    it('reads a stored recording, with nothing of the archive on it yet', async () => {
      await expect(records.read(recording.key)).resolves.toEqual({ recording });
      await expect(records.read({ stream_id: 'none', file_id: 'none' })).resolves.toBeUndefined();
    });

    it('lets one attempt take a copy nobody holds', async () => {
      await expect(records.take(recording.key, 1, progress('a'), undefined)).resolves.toBe(true);
      await expect(records.take(recording.key, 1, progress('b'), undefined)).resolves.toBe(false);
      await expect(records.read(recording.key)).resolves.toMatchObject({
        progress: progress('a'),
      });
    });

    it('refuses to take the copy of another version', async () => {
      await expect(records.take(recording.key, 2, progress('a'), undefined)).resolves.toBe(false);
    });

    it('takes over the progress it found, and not once it has changed', async () => {
      const found = progress('a', { leaseUntil: '2027-01-01T00:00:01.000Z', bytes: 10 });
      await records.take(recording.key, 1, found, undefined);

      await expect(
        records.take(recording.key, 1, progress('b', { bytes: 10 }), found),
      ).resolves.toBe(true);
      await expect(records.take(recording.key, 1, progress('c'), found)).resolves.toBe(false);
    });

    it('keeps every field of the progress as saved', async () => {
      const full = progress('a', {
        bytes: 20,
        uploadId: 'upload-1',
        partSize: 10,
        parts: [
          { number: 1, etag: '"e1"', size: 10, checksum: 'AAAAAA==' },
          { number: 2, etag: '"e2"', size: 10 },
        ],
        files: 3,
        playlist: 'fingerprint',
      });
      await records.take(recording.key, 1, progress('a'), undefined);

      await expect(records.save(recording.key, full)).resolves.toBe(true);
      await expect(records.read(recording.key)).resolves.toEqual({ recording, progress: full });
    });

    it('saves, releases and drops progress for its holder only', async () => {
      await records.take(recording.key, 1, progress('a'), undefined);

      await expect(records.save(recording.key, progress('b', { bytes: 5 }))).resolves.toBe(false);
      await expect(records.discard(recording.key, 'b')).resolves.toBe(false);
      await expect(records.save(recording.key, progress('a', { bytes: 5 }))).resolves.toBe(true);
      await expect(
        records.release(recording.key, progress('a', { bytes: 5 }), '2027-01-01T00:00:30.000Z'),
      ).resolves.toBe(true);
      await expect(records.read(recording.key)).resolves.toMatchObject({
        progress: { bytes: 5, leaseUntil: '2027-01-01T00:00:30.000Z' },
      });
      await expect(records.discard(recording.key, 'a')).resolves.toBe(true);
      await expect(records.read(recording.key)).resolves.toEqual({ recording });
    });

    it('records the archive, drops the parts, and keeps the lease until finished', async () => {
      await records.take(recording.key, 1, progress('a'), undefined);
      await records.save(
        recording.key,
        progress('a', { parts: [{ number: 1, etag: '"e"', size: 1 }] }),
      );

      await expect(records.markArchived(recording.key, 'b', ARCHIVE)).resolves.toBe(false);
      await expect(records.markArchived(recording.key, 'a', ARCHIVE)).resolves.toBe(true);
      await expect(records.read(recording.key)).resolves.toEqual({
        recording,
        archive: ARCHIVE,
        progress: progress('a'),
      });
      await expect(records.finish(recording.key, 'a')).resolves.toBe(true);
      await expect(records.read(recording.key)).resolves.toEqual({ recording, archive: ARCHIVE });
      // Archived and finished: nobody takes it again.
      await expect(records.take(recording.key, 1, progress('c'), undefined)).resolves.toBe(false);
    });

    it('forgets the archive and the progress of a version replaced, and refuses its holder', async () => {
      await records.take(recording.key, 1, progress('a'), undefined);
      await records.markArchived(recording.key, 'a', ARCHIVE);

      await it_.replace(recording);

      await expect(records.read(recording.key)).resolves.toEqual({
        recording: { ...recording, version: 2 },
      });
      await expect(records.save(recording.key, progress('a'))).resolves.toBe(false);
      await expect(records.finish(recording.key, 'a')).resolves.toBe(false);
      await expect(records.take(recording.key, 2, progress('b'), undefined)).resolves.toBe(true);
    });
  });
}
