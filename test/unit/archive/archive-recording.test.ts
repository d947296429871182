import { archiveRecording, type ArchiveDeps } from '../../../lib/archive/archive-recording';
import type { RecordingFileArchivedDetail } from '../../../lib/events/kinds/recording-archived';
import {
  CopyBusyError,
  CopyStoppedError,
  OutOfTimeError,
  SizeMismatchError,
  SourceUnavailableError,
  UploadGoneError,
  UnsupportedSourceError,
} from '../../../lib/archive/errors';
import type { RecordingToArchive } from '../../../lib/archive/types';
import { MAX_PLAYLIST_BYTES } from '../../../lib/archive/copy-hls';
import {
  aRecordingToArchive,
  bytesOfSize,
  InMemoryArchiveRecords,
  InMemoryObjects,
  MemorySource,
} from '../../support/in-memory-archive';
import { createTestLog } from '../../support/test-log';

const PART = 1000;
const T0 = Date.parse('2027-01-01T00:00:00Z');

/** The archive over in-memory fakes, with small parts and a clock that only `sleep` moves. */
function setUp(recording: RecordingToArchive = aRecordingToArchive(), body = bytesOfSize(4500)) {
  const records = new InMemoryArchiveRecords();
  records.add(recording);
  const objects = new InMemoryObjects();
  const source = new MemorySource();
  source.files.set(recording.videoUrl, body);
  const announced: RecordingFileArchivedDetail[] = [];
  let now = T0;
  const deps: ArchiveDeps & { log: ReturnType<typeof createTestLog> } = {
    records,
    objects,
    source,
    events: { announce: async (detail) => void announced.push(detail) },
    log: createTestLog(),
    timeLeftMs: () => 900_000,
    now: () => new Date(now),
    sleep: async (ms) => {
      now += ms;
    },
    settings: { partSize: PART, queueSize: 2, filesAtOnce: 2, hlsSaveIntervalMs: 0 },
  };
  return {
    deps,
    records,
    objects,
    source,
    announced,
    recording,
    body,
    advance: (ms: number) => (now += ms),
  };
}

/** An earlier attempt that uploaded the first `bytes` of the file as part 1, then stopped. */
async function leftByAnEarlierAttempt(
  { records, objects, recording, body }: ReturnType<typeof setUp>,
  bytes = PART,
): Promise<void> {
  const uploadId = await objects.createUpload('stream_test/1234567890.mp4', {
    contentType: 'video/mp4',
    metadata: {},
  });
  await objects.uploadPart('k', uploadId, 1, body.subarray(0, bytes));
  await records.take(recording.key, 1, progressHolding('old', T0 - 1), undefined);
  await records.save(recording.key, {
    ...progressHolding('old', T0 - 1),
    uploadId,
    partSize: PART,
    parts: [{ number: 1, etag: '"etag-1"', size: bytes }],
    bytes,
  });
}

describe('a single file', () => {
  it('is copied part by part, recorded, announced, and its progress removed', async () => {
    const { deps, records, objects, announced, recording, body } = setUp();

    const result = await archiveRecording(deps, recording.key);

    expect(result).toEqual({
      outcome: 'archived',
      id: recording.id,
      version: 1,
      archive: {
        uri: 's3://memory/stream_test/1234567890.mp4',
        bytes: 4500,
        checksum: 'crc32:AAAAAA==',
        archivedAt: new Date(T0).toISOString(),
      },
    });
    expect(objects.objects.get('stream_test/1234567890.mp4')?.body).toEqual(body);
    expect(objects.partsUploaded).toBe(5);
    // After each part, the run of parts S3 has, from part 1: what a resumed copy starts from.
    expect(records.saves.map((saved) => saved.parts?.length)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(records.state(recording.key)).toEqual({ recording, archive: result.archive });
    expect(announced).toEqual([
      {
        id: recording.id,
        version: 1,
        stream_id: 'stream_test',
        file_id: '1234567890',
        uri: 's3://memory/stream_test/1234567890.mp4',
        bytes: 4500,
      },
    ]);
  });

  it('does nothing once archived: no read of the source, no event', async () => {
    const { deps, source, announced, recording } = setUp();
    await archiveRecording(deps, recording.key);

    await expect(archiveRecording(deps, recording.key)).resolves.toMatchObject({
      outcome: 'already-archived',
    });
    expect(source.requests).toHaveLength(1);
    expect(announced).toHaveLength(1);
  });

  it('resumes from the parts recorded, asking the source for the rest only', async () => {
    const { deps, records, objects, source, recording, body } = setUp();
    let left = 900_000;
    // Time runs short after the second part.
    deps.timeLeftMs = () => left;
    const save = records.save.bind(records);
    records.save = async (key, progress) => {
      if ((progress.parts?.length ?? 0) >= 2) {
        left = 60_000;
        records.save = save;
      }
      return save(key, progress);
    };
    await expect(archiveRecording(deps, recording.key)).rejects.toThrow(OutOfTimeError);
    const saved = records.state(recording.key)?.progress;
    expect(saved?.bytes).toBeGreaterThanOrEqual(2 * PART);
    expect(saved?.leaseUntil).toBe(new Date(T0).toISOString());

    left = 900_000;
    await expect(archiveRecording(deps, recording.key)).resolves.toMatchObject({
      outcome: 'archived',
    });

    expect(source.requests.at(-1)).toEqual({ url: recording.videoUrl, start: saved?.bytes });
    expect(objects.objects.get('stream_test/1234567890.mp4')?.body).toEqual(body);
  });

  it('downloads the copied part again from a source that ignores ranges, and says so', async () => {
    const setup = setUp();
    const { deps, objects, source, recording, body } = setup;
    source.ignoreRanges = true;
    await leftByAnEarlierAttempt(setup);

    await archiveRecording(deps, recording.key);

    expect(objects.objects.get('stream_test/1234567890.mp4')?.body).toEqual(body);
    expect(deps.log.warn).toHaveBeenCalledWith(
      'the source ignored the range asked for: the copied part is downloaded again',
      expect.objectContaining({ offset: PART }),
    );
  });

  it('starts over once when the bucket refuses to complete the recorded upload', async () => {
    const { deps, objects, recording, body } = setUp();
    objects.refuseCompletes = 1;

    await expect(archiveRecording(deps, recording.key)).resolves.toMatchObject({
      outcome: 'archived',
    });

    expect(objects.partsUploaded).toBe(10);
    expect(objects.objects.get('stream_test/1234567890.mp4')?.body).toEqual(body);
    expect(deps.log.warn).toHaveBeenCalledWith(
      'the bucket refused the recorded upload; the copy starts over',
      expect.any(Object),
    );
  });

  it('fails when the bucket refuses twice, leaving its lease ended', async () => {
    const { deps, objects, records, recording } = setUp();
    objects.refuseCompletes = 2;

    await expect(archiveRecording(deps, recording.key)).rejects.toThrow(UploadGoneError);
    expect(records.state(recording.key)?.progress?.leaseUntil).toBe(new Date(T0).toISOString());
  });

  it('abandons a file longer than its file_size as soon as it is, keeping nothing', async () => {
    const { deps, objects, records, source, recording } = setUp(
      aRecordingToArchive({ fileSize: 2500 }),
    );
    source.unannounced = true;

    await expect(archiveRecording(deps, recording.key)).rejects.toThrow(SizeMismatchError);
    expect(objects.objects.size).toBe(0);
    expect(objects.aborted).toHaveLength(1);
    expect(records.state(recording.key)).toEqual({ recording });
  });

  it('completes without a download when the parts recorded already hold file_size', async () => {
    const setup = setUp(aRecordingToArchive({ fileSize: 1000 }), bytesOfSize(1000));
    const { deps, source, recording } = setup;
    await leftByAnEarlierAttempt(setup, 1000);

    await expect(archiveRecording(deps, recording.key)).resolves.toMatchObject({
      outcome: 'archived',
    });
    expect(source.requests).toEqual([]);
  });

  it('writes an empty file as an empty object', async () => {
    const { deps, objects, recording } = setUp(aRecordingToArchive(), Buffer.alloc(0));

    await expect(archiveRecording(deps, recording.key)).resolves.toMatchObject({
      archive: { bytes: 0 },
    });
    expect(objects.objects.get('stream_test/1234567890.mp4')?.body).toEqual(Buffer.alloc(0));
  });

  it('fails a transfer that answers from another byte than asked', async () => {
    const setup = setUp();
    const { deps, source, recording } = setup;
    const get = source.get.bind(source);
    source.get = async (url, request) => ({ ...(await get(url, request)), start: 2000 });
    await leftByAnEarlierAttempt(setup);

    await expect(archiveRecording(deps, recording.key)).rejects.toThrow(
      new SourceUnavailableError(
        'http://vod.example.com/dir/file.mp4',
        'it answered from byte 2000, not 1000',
      ),
    );
  });
});

/** Progress as another attempt left it, its lease ending at `leaseUntil`. */
function progressHolding(holder: string, leaseUntil: number) {
  return {
    holder,
    leaseUntil: new Date(leaseUntil).toISOString(),
    attempts: 1,
    startedAt: new Date(T0 - 60_000).toISOString(),
    bytes: 0,
  };
}

describe('a single file, when things go wrong', () => {
  it('fails as unavailable a source that ends before the length it announced, keeping the parts', async () => {
    const { deps, records, source, recording } = setUp();
    source.cutAfter = 2500;

    await expect(archiveRecording(deps, recording.key)).rejects.toThrow(
      new SourceUnavailableError(
        'http://vod.example.com/dir/file.mp4',
        'it ended after 2500 of 4500 bytes',
      ),
    );
    expect(records.state(recording.key)?.progress?.bytes).toBe(2000);
  });

  it('ends out of time when its transfer is stopped', async () => {
    const { deps, source, recording } = setUp();
    source.bodyError = new CopyStoppedError();
    await expect(archiveRecording(deps, recording.key)).rejects.toThrow(OutOfTimeError);
  });

  it('abandons a mismatched file even when the bucket cannot abort its upload', async () => {
    const { deps, objects, records, recording } = setUp(aRecordingToArchive({ fileSize: 10 }));
    objects.abortUpload = () => Promise.reject(new Error('no abort here'));

    await expect(archiveRecording(deps, recording.key)).rejects.toThrow(SizeMismatchError);
    expect(records.state(recording.key)).toEqual({ recording });
    expect(deps.log.warn).toHaveBeenCalledWith(
      'could not abort the upload; the lifecycle rule removes it',
      expect.objectContaining({ key: 'stream_test/1234567890.mp4' }),
    );
  });

  it('fails as it was when its lease cannot be ended; the lease then passes on its own', async () => {
    const { deps, records, source, recording } = setUp();
    source.failing.set(recording.videoUrl, new SourceUnavailableError('u', 'HTTP 503'));
    records.release = () => Promise.reject(new Error('table down'));

    await expect(archiveRecording(deps, recording.key)).rejects.toThrow('HTTP 503');
    expect(deps.log.warn).toHaveBeenCalledWith('could not end the lease on the copy', {
      id: recording.id,
      error: new Error('table down'),
    });
  });

  it('says so when the recording changed between its announcement and the end', async () => {
    const { deps, records, announced, recording } = setUp();
    deps.events = {
      announce: async (detail) => {
        announced.push(detail);
        records.replace(recording.key);
      },
    };

    await expect(archiveRecording(deps, recording.key)).resolves.toMatchObject({
      outcome: 'archived',
    });
    expect(deps.log.info).toHaveBeenCalledWith('the recording changed after it was announced', {
      id: recording.id,
    });
  });
});

describe('a copy another attempt holds', () => {
  it('is waited for, and taken over once its lease has passed', async () => {
    const { deps, records, recording } = setUp();
    await records.take(recording.key, 1, progressHolding('other', T0 + 25_000), undefined);

    await expect(archiveRecording(deps, recording.key)).resolves.toMatchObject({
      outcome: 'archived',
    });
    expect(deps.log.info).toHaveBeenCalledWith('another attempt holds the copy: waiting', {
      id: recording.id,
      leaseUntil: new Date(T0 + 25_000).toISOString(),
    });
  });

  it('is left to its holder when this attempt cannot wait long enough: retried later', async () => {
    const { deps, records, recording } = setUp();
    deps.timeLeftMs = () => 100_000;
    await records.take(recording.key, 1, progressHolding('other', T0 + 600_000), undefined);

    await expect(archiveRecording(deps, recording.key)).rejects.toThrow(CopyBusyError);
  });

  it('ends as already archived when the holder finishes while this attempt waits', async () => {
    const { deps, records, recording } = setUp();
    const progress = progressHolding('other', T0 + 5_000);
    await records.take(recording.key, 1, progress, undefined);
    deps.sleep = async () => {
      await records.markArchived(recording.key, 'other', {
        uri: 'u',
        bytes: 1,
        archivedAt: 'x',
      });
      await records.finish(recording.key, 'other');
    };

    await expect(archiveRecording(deps, recording.key)).resolves.toMatchObject({
      outcome: 'already-archived',
    });
  });
});

describe('a recording replaced while it is copied', () => {
  it('stops quietly: its new version is archived by its own event', async () => {
    const { deps, records, announced, recording } = setUp();
    const save = records.save.bind(records);
    records.save = async (key, progress) => {
      if ((progress.parts?.length ?? 0) === 2) records.replace(key);
      return save(key, progress);
    };

    await expect(archiveRecording(deps, recording.key)).resolves.toMatchObject({
      outcome: 'superseded',
    });
    expect(announced).toEqual([]);
  });

  it('is not recorded when it is replaced between the copy and the record', async () => {
    const { deps, records, announced, recording } = setUp();
    const markArchived = records.markArchived.bind(records);
    records.markArchived = async (key, holder, archive) => {
      records.replace(key);
      return markArchived(key, holder, archive);
    };

    await expect(archiveRecording(deps, recording.key)).resolves.toMatchObject({
      outcome: 'superseded',
    });
    expect(announced).toEqual([]);
  });
});

it('is missing when its item is gone', async () => {
  const { deps } = setUp();
  await expect(archiveRecording(deps, { stream_id: 'x', file_id: 'y' })).resolves.toEqual({
    outcome: 'missing',
  });
});

it('announces on the retry an archive whose event did not go out', async () => {
  const { deps, records, announced, recording } = setUp();
  deps.events = { announce: () => Promise.reject(new Error('bus down')) };
  await expect(archiveRecording(deps, recording.key)).rejects.toThrow('bus down');
  expect(records.state(recording.key)?.archive).toBeDefined();

  deps.events = { announce: async (detail) => void announced.push(detail) };
  await expect(archiveRecording(deps, recording.key)).resolves.toMatchObject({
    outcome: 'announced',
  });
  expect(announced).toHaveLength(1);
  expect(records.state(recording.key)?.progress).toBeUndefined();
});

describe('an HLS recording', () => {
  const PLAYLIST_URL = 'http://vod.example.com/hls/index.m3u8';
  const hls = (segments: number, extra = '') =>
    Buffer.from(
      [
        '#EXTM3U',
        ...Array.from({ length: segments }, (_, i) => `#EXTINF:1,\nseg${i}.ts`),
        extra,
        '#EXT-X-ENDLIST',
      ].join('\n'),
    );

  function setUpHls(segments = 6, extra = '') {
    const setup = setUp(
      aRecordingToArchive({ videoUrl: PLAYLIST_URL, fileFormat: 'hls' }),
      hls(segments, extra),
    );
    for (let i = 0; i < segments; i++) {
      setup.source.files.set(`http://vod.example.com/hls/seg${i}.ts`, bytesOfSize(100 + i));
    }
    return setup;
  }

  it('copies every file, then the playlist', async () => {
    const { deps, objects, recording } = setUpHls();

    const result = await archiveRecording(deps, recording.key);

    const keys = [...objects.objects.keys()];
    expect(keys.at(-1)).toBe('stream_test/1234567890/index.m3u8');
    expect(keys.sort()).toEqual([
      'stream_test/1234567890/index.m3u8',
      ...Array.from({ length: 6 }, (_, i) => `stream_test/1234567890/seg${i}.ts`),
    ]);
    const playlist = objects.objects.get('stream_test/1234567890/index.m3u8')?.body.length ?? 0;
    expect(result.archive?.bytes).toBe(600 + 15 + playlist);
  });

  it('resumes after the files copied, and starts over when the playlist changed', async () => {
    const { deps, records, source, recording } = setUpHls();
    let left = 900_000;
    deps.timeLeftMs = () => left;
    const save = records.save.bind(records);
    records.save = async (key, progress) => {
      if ((progress.files ?? 0) >= 2) {
        left = 60_000;
        records.save = save;
      }
      return save(key, progress);
    };
    await expect(archiveRecording(deps, recording.key)).rejects.toThrow(OutOfTimeError);
    const copied = records.state(recording.key)?.progress?.files ?? 0;
    expect(copied).toBeGreaterThanOrEqual(2);
    left = 900_000;
    const before = source.requests.length;

    await archiveRecording(deps, recording.key);
    // The playlist again, then only the files not copied.
    expect(source.requests.slice(before).map((request) => request.url)).toEqual([
      PLAYLIST_URL,
      ...Array.from(
        { length: 6 - copied },
        (_, i) => `http://vod.example.com/hls/seg${copied + i}.ts`,
      ),
    ]);
  });

  it('copies every file again when the playlist changed since the last attempt', async () => {
    const { deps, records, source, recording } = setUpHls();
    await records.take(recording.key, 1, progressHolding('old', T0 - 1), undefined);
    await records.save(recording.key, {
      ...progressHolding('old', T0 - 1),
      playlist: 'another-playlist',
      files: 4,
      bytes: 400,
    });

    await archiveRecording(deps, recording.key);

    expect(source.requests.filter((request) => request.url.endsWith('.ts'))).toHaveLength(6);
    expect(deps.log.warn).toHaveBeenCalledWith(
      'the playlist changed since the last attempt: its files are copied again',
      expect.any(Object),
    );
  });

  it('copies an unfinished playlist as it is, and says so', async () => {
    const { deps, source, recording } = setUpHls(2);
    source.files.set(PLAYLIST_URL, Buffer.from('#EXTM3U\n#EXTINF:1,\nseg0.ts\n'));
    await expect(archiveRecording(deps, recording.key)).resolves.toMatchObject({
      outcome: 'archived',
    });
    expect(deps.log.warn).toHaveBeenCalledWith(
      'the playlist has no #EXT-X-ENDLIST: archiving the files it names now',
      expect.any(Object),
    );
  });

  it('fails when a file fails, keeping the files copied before it', async () => {
    const { deps, records, source, recording } = setUpHls();
    deps.settings = { ...deps.settings, filesAtOnce: 1 };
    source.failing.set(
      'http://vod.example.com/hls/seg3.ts',
      new SourceUnavailableError('http://vod.example.com/hls/seg3.ts', 'HTTP 503'),
    );

    await expect(archiveRecording(deps, recording.key)).rejects.toThrow('HTTP 503');
    expect(records.state(recording.key)?.progress).toMatchObject({ files: 3, bytes: 303 });
  });

  it('stops quietly when replaced while its files are copied', async () => {
    const { deps, records, announced, recording } = setUpHls();
    const save = records.save.bind(records);
    records.save = async (key, progress) => {
      if ((progress.files ?? 0) >= 2) records.replace(key);
      return save(key, progress);
    };

    await expect(archiveRecording(deps, recording.key)).resolves.toMatchObject({
      outcome: 'superseded',
    });
    expect(announced).toEqual([]);
  });

  it('refuses a playlist too large to be a recording', async () => {
    const { deps, source, recording } = setUpHls(1);
    source.files.set(PLAYLIST_URL, Buffer.alloc(MAX_PLAYLIST_BYTES + 1, 0x23));
    await expect(archiveRecording(deps, recording.key)).rejects.toThrow(
      `${PLAYLIST_URL} is larger than ${MAX_PLAYLIST_BYTES} bytes: not a recording's playlist`,
    );
  });

  it('refuses a master playlist, naming it', async () => {
    const { deps, recording } = setUpHls(1, '#EXT-X-STREAM-INF:BANDWIDTH=1\nlow.m3u8');
    await expect(archiveRecording(deps, recording.key)).rejects.toThrow(UnsupportedSourceError);
  });
});
