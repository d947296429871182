import { partSizeFor } from '../../../lib/archive/copy-file';
import { ArchiveError } from '../../../lib/archive/errors';
import { hotlinkKeyFrom } from '../../../lib/archive/hotlink-key';
import { recordingToArchive } from '../../../lib/archive/recording';
import { recordingKeyOf } from '../../../lib/archive/trigger';
import { ExactNumber } from '../../../lib/json/exact-number';

const fields = {
  stream_id: 's',
  file_id: 'f',
  video_url: 'http://h/d/f.mp4',
  file_format: 'MP4',
  file_size: 42,
};

describe('recordingToArchive', () => {
  it('reads what the archive needs from a stored recording', () => {
    expect(recordingToArchive(fields, 3)).toEqual({
      key: { stream_id: 's', file_id: 'f' },
      id: 's/f',
      version: 3,
      streamId: 's',
      fileId: 'f',
      videoUrl: 'http://h/d/f.mp4',
      fileFormat: 'mp4',
      fileSize: 42,
    });
  });

  it.each([
    ['0', 0],
    ['a string', '42'],
    ['beyond 2^53', new ExactNumber('90071992547409930')],
  ])('has no size to check when file_size is %s', (_what, fileSize) => {
    expect(recordingToArchive({ ...fields, file_size: fileSize }, 1)).not.toHaveProperty(
      'fileSize',
    );
  });

  it('reads an exact size that fits', () => {
    const recording = recordingToArchive({ ...fields, file_size: new ExactNumber('1234') }, 1);
    expect(recording.fileSize).toBe(1234);
  });

  it('refuses an item without a video_url, naming it', () => {
    const { video_url: _url, ...rest } = fields;
    expect(() => recordingToArchive(rest, 1)).toThrow(
      new ArchiveError('the recording has no video_url: nothing to archive'),
    );
  });
});

describe('recordingKeyOf', () => {
  it('names the item of a Recording File Created event', () => {
    expect(
      recordingKeyOf({
        'detail-type': 'Recording File Created',
        detail: { stream_id: 's', file_id: 'f' },
      }),
    ).toEqual({ stream_id: 's', file_id: 'f' });
  });

  it.each([
    { 'detail-type': 'Screenshot Created', detail: { stream_id: 's', file_id: 'f' } },
    { 'detail-type': 'Recording File Created', detail: { stream_id: 's' } },
    { 'detail-type': 'Recording File Created', detail: { stream_id: '', file_id: 'f' } },
    { 'detail-type': 'Recording File Created' },
  ])('refuses %j', (event) => {
    expect(() => recordingKeyOf(event)).toThrow(ArchiveError);
  });
});

describe('hotlinkKeyFrom', () => {
  const read = (value: string | undefined) => jest.fn(async () => value);

  it('is no key when no parameter is named, or it does not exist, or is empty', async () => {
    await expect(hotlinkKeyFrom(read('Key12345678'), undefined)()).resolves.toBeUndefined();
    await expect(hotlinkKeyFrom(read(undefined), '/p')()).resolves.toBeUndefined();
    await expect(hotlinkKeyFrom(read('  '), '/p')()).resolves.toBeUndefined();
  });

  it('is the parameter value, trimmed', async () => {
    await expect(hotlinkKeyFrom(read(' Key12345678\n'), '/p')()).resolves.toBe('Key12345678');
  });

  it('refuses a value that is not a key without repeating it', async () => {
    const error = await hotlinkKeyFrom(read('not a key!'), '/p')().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect(String(error)).toContain('the parameter /p does not hold a VOD hotlink key');
    expect(String(error)).not.toContain('not a key!');
  });
});

describe('partSizeFor', () => {
  const MIB = 1024 * 1024;
  it('keeps the part size while the file fits in 10,000 parts', () => {
    expect(partSizeFor(16 * MIB, 10_000 * 16 * MIB)).toBe(16 * MIB);
    expect(partSizeFor(16 * MIB, undefined)).toBe(16 * MIB);
  });

  it('takes larger parts, in whole MiB, for a file that would need more', () => {
    expect(partSizeFor(16 * MIB, 10_000 * 16 * MIB + 1)).toBe(17 * MIB);
  });
});
