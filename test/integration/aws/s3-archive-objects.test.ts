import { startLocalS3, type LocalS3 } from '../../../fakes/local-s3';
import {
  ArchiveStorageError,
  CopyStoppedError,
  SourceUnavailableError,
  UploadGoneError,
} from '../../../lib/archive/errors';
import { S3ArchiveObjects } from '../../../lib/aws/s3-archive-objects';
import { createS3Client } from '../../../lib/aws/s3-client';
import { FAKE_AWS_CREDENTIALS as TEST_CREDENTIALS } from '../../../fakes/credentials';
import { startServerAnswering } from '../../support/faulty-server';

/* The archive's bucket adapter on a local S3 (@20minutes/s3rver), and on an S3 that refuses. */
const BUCKET = 'archive-adapter-test';
let s3: LocalS3;
let objects: S3ArchiveObjects;
const HEADERS = { contentType: 'video/mp4', metadata: { 'stream-id': 's', 'file-id': 'f' } };

beforeAll(async () => {
  s3 = await startLocalS3({ buckets: [BUCKET], credentials: [TEST_CREDENTIALS] });
  objects = new S3ArchiveObjects(BUCKET, s3.client);
});

afterAll(async () => {
  await s3.stop();
});

it('names objects s3://bucket/key', () => {
  expect(objects.uriOf('a/b.mp4')).toBe(`s3://${BUCKET}/a/b.mp4`);
});

it('writes a multipart upload part by part, into one object with its headers', async () => {
  const first = Buffer.alloc(5 * 1024 * 1024, 1);
  const last = Buffer.from('the end');
  const uploadId = await objects.createUpload('multi/part.mp4', HEADERS);

  const parts = [
    await objects.uploadPart('multi/part.mp4', uploadId, 1, first),
    await objects.uploadPart('multi/part.mp4', uploadId, 2, last),
  ];
  // The local S3 returns no checksums; S3 does (crc32:<base64>).
  await expect(objects.completeUpload('multi/part.mp4', uploadId, parts)).resolves.toEqual({});

  expect(parts).toEqual([
    { number: 1, etag: expect.stringMatching(/^"[0-9a-f]{32}"$/) as unknown, size: first.length },
    { number: 2, etag: expect.stringMatching(/^"[0-9a-f]{32}"$/) as unknown, size: last.length },
  ]);
  expect((await s3.read(BUCKET, 'multi/part.mp4'))?.equals(Buffer.concat([first, last]))).toBe(
    true,
  );
  expect(await s3.head(BUCKET, 'multi/part.mp4')).toEqual({
    size: first.length + last.length,
    contentType: 'video/mp4',
    metadata: { 'stream-id': 's', 'file-id': 'f' },
  });
});

it('streams a whole object of unknown length, and counts its bytes', async () => {
  async function* body() {
    yield Buffer.from('#EXTM3U\n');
    yield Buffer.from('seg.ts\n');
  }
  await expect(
    objects.putObject('hls/index.m3u8', body(), {
      contentType: 'application/vnd.apple.mpegurl',
      metadata: { 'stream-id': 'flux-é', 'file-id': 'f' },
    }),
  ).resolves.toEqual({ bytes: 15 });
  expect((await s3.read(BUCKET, 'hls/index.m3u8'))?.toString()).toBe('#EXTM3U\nseg.ts\n');
  // Metadata travels as headers: a value outside ASCII is percent-encoded.
  expect((await s3.head(BUCKET, 'hls/index.m3u8'))?.metadata['stream-id']).toBe('flux-%C3%A9');
});

it("passes a source's failure through as the source's, not the bucket's", async () => {
  async function* failing() {
    yield Buffer.from('a');
    throw new SourceUnavailableError('http://h/f.ts', 'cut');
  }
  await expect(objects.putObject('hls/cut.ts', failing(), HEADERS)).rejects.toThrow(
    SourceUnavailableError,
  );
});

it('says an abort the local S3 does not implement failed: aborting is best effort', async () => {
  const uploadId = await objects.createUpload('aborted.mp4', HEADERS);
  await expect(objects.abortUpload('aborted.mp4', uploadId)).rejects.toThrow(ArchiveStorageError);
});

it('stops a part when told to, as stopped', async () => {
  const uploadId = await objects.createUpload('stopped.mp4', HEADERS);
  const controller = new AbortController();
  controller.abort();
  await expect(
    objects.uploadPart('stopped.mp4', uploadId, 1, Buffer.alloc(10), controller.signal),
  ).rejects.toThrow(CopyStoppedError);
});

describe('an S3 that refuses', () => {
  const answering = async (status: number, code: string) => {
    const server = await startServerAnswering(
      status,
      { 'content-type': 'application/xml' },
      `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>m</Message></Error>`,
    );
    const client = createS3Client({
      endpoint: server.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
    });
    return {
      objects: new S3ArchiveObjects(BUCKET, client),
      stop: async () => {
        client.destroy();
        await server.stop();
      },
    };
  };

  it.each([
    [404, 'NoSuchUpload'],
    [400, 'InvalidPart'],
  ])('%s %s: the upload is gone, and the copy starts over', async (status, code) => {
    const refusing = await answering(status, code);
    try {
      await expect(
        refusing.objects.completeUpload('k', 'u', [{ number: 1, etag: '"e"', size: 1 }]),
      ).rejects.toThrow(UploadGoneError);
    } finally {
      await refusing.stop();
    }
  });

  it('anything else: the bucket failed, and the copy is retried', async () => {
    const refusing = await answering(503, 'SlowDown');
    try {
      await expect(refusing.objects.createUpload('k', HEADERS)).rejects.toThrow(
        `S3 failed for s3://${BUCKET}/k; the copy is retried`,
      );
    } finally {
      await refusing.stop();
    }
  });
});
