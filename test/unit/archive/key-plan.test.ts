import { ArchiveError } from '../../../lib/archive/errors';
import { contentTypeOf, planArchive, s3Uri } from '../../../lib/archive/key-plan';
import { aRecordingToArchive } from '../../support/in-memory-archive';

const metadata = { 'stream-id': 'stream_test', 'file-id': '1234567890' };

describe('a single file', () => {
  it.each([
    ['mp4', 'video/mp4'],
    ['flv', 'video/x-flv'],
    ['aac', 'audio/aac'],
  ])('%s: <stream_id>/<file_id>.%s, served as %s', (format, contentType) => {
    expect(planArchive(aRecordingToArchive({ fileFormat: format, fileSize: 42 }))).toEqual({
      layout: 'file',
      key: `stream_test/1234567890.${format}`,
      contentType,
      metadata,
      expectedBytes: 42,
    });
  });

  it('takes the extension from the URL when Tencent sent no file_format', () => {
    const plan = planArchive(
      aRecordingToArchive({ videoUrl: 'http://h/d/file.FLV?x=1', fileFormat: undefined }),
    );
    expect(plan).toMatchObject({ key: 'stream_test/1234567890.flv', contentType: 'video/x-flv' });
    expect(plan).not.toHaveProperty('expectedBytes');
  });

  it('refuses a recording whose type it cannot tell, naming it', () => {
    expect(() =>
      planArchive(aRecordingToArchive({ videoUrl: 'http://h/d/file', fileFormat: undefined })),
    ).toThrow(
      new ArchiveError(
        'recording stream_test/1234567890 has no file_format and its video_url names no file type: cannot name its object',
      ),
    );
    expect(() =>
      planArchive(aRecordingToArchive({ videoUrl: 'not a url', fileFormat: undefined })),
    ).toThrow(ArchiveError);
  });
});

describe('an HLS recording', () => {
  it.each([
    ['by its file_format', { fileFormat: 'hls' }],
    ['by its playlist URL', { fileFormat: undefined, videoUrl: 'http://h/d/index.m3u8' }],
  ])('is a prefix with index.m3u8, %s', (_how, overrides) => {
    expect(planArchive(aRecordingToArchive(overrides))).toEqual({
      layout: 'hls',
      prefix: 'stream_test/1234567890/',
      playlistKey: 'stream_test/1234567890/index.m3u8',
      metadata,
    });
  });
});

it.each([
  ['segment-1.ts', 'video/mp2t'],
  ['init.mp4', 'video/mp4'],
  ['part.M4S', 'video/iso.segment'],
  ['index.m3u8', 'application/vnd.apple.mpegurl'],
  ['file.bin', 'application/octet-stream'],
])('contentTypeOf(%s) is %s', (name, type) => {
  expect(contentTypeOf(name)).toBe(type);
});

it('names an object as s3://bucket/key', () => {
  expect(s3Uri('bucket', 'a/b.mp4')).toBe('s3://bucket/a/b.mp4');
});
