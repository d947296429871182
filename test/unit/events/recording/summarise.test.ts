import type { RecordingFileCreatedDetail } from '../../../../lib/events/recording/event';
import { recordingKind } from '../../../../lib/events/recording/kind';
import { toOutgoingEvent } from '../../../../lib/outbox/event';
import {
  formatBytes,
  formatDuration,
  summariseRecording,
} from '../../../../lib/events/recording/summarise';
import { aRecording, aStoredRecording } from '../../../support/stored-record';

function detailOf(overrides: Record<string, unknown> = {}): RecordingFileCreatedDetail {
  const event = toOutgoingEvent(
    aStoredRecording(aRecording(overrides)),
    recordingKind.keptWhenTruncated,
  );
  return JSON.parse(event.detail) as RecordingFileCreatedDetail;
}

describe('summariseRecording', () => {
  it('says which file, how long, how big, when its content was recorded and where it is', () => {
    const detail = detailOf();

    const line = summariseRecording(detail);

    expect(line).toBe(
      'Recording stream_test/1234567890 v1: 2m34s hls, 265.1 MiB, ' +
        '2022-01-13 15:57:24 to 15:59:58 UTC, http://12345678.vod2.myqcloud.com/xxxx/yyyy/zzzz.m3u8',
    );
  });

  it('starts the span at end_time - duration (the content start), not at start_time', () => {
    const detail = detailOf({ start_time: 1642089000, end_time: 1642089598, duration: 60 });

    const line = summariseRecording(detail);

    expect(line).toContain('2022-01-13 15:58:58 to 15:59:58 UTC');
  });

  it('writes both dates when the recording crosses midnight (UTC)', () => {
    const detail = detailOf({ end_time: Date.UTC(2027, 0, 2, 0, 1, 0) / 1000, duration: 120 });

    const line = summariseRecording(detail);

    expect(line).toContain('2027-01-01 23:59:00 to 2027-01-02 00:01:00 UTC');
  });

  it('names the version, so a changed redelivery is told apart', () => {
    const detail = { ...detailOf(), version: 3 };

    expect(summariseRecording(detail)).toMatch(/^Recording stream_test\/1234567890 v3: /);
  });

  it('leaves out the format when Tencent did not send one', () => {
    const detail = detailOf({ file_format: undefined });

    expect(summariseRecording(detail)).toContain(': 2m34s, 265.1 MiB, ');
  });

  it('stays on one line whatever the ids hold', () => {
    const detail = detailOf({ stream_id: 'evil\nRecording forged\r\u2028x', video_url: 'u\tv' });

    const line = summariseRecording(detail);

    expect(line).not.toMatch(/[\n\r\u2028\t]/);
    expect(line).toContain('evil?Recording forged??x');
  });

  it('never shows stream_param, where the push secret travels', () => {
    const detail = detailOf({ stream_param: 'txSecret=3f1b2c9d8e7a6b5c&txTime=65A1B2C3' });

    const line = summariseRecording(detail);

    expect(line).not.toContain('txSecret');
    expect(line).not.toContain('3f1b2c9d8e7a6b5c');
  });

  it('does not throw on times no date can hold', () => {
    const detail = { ...detailOf(), content_start_time: Number.MAX_VALUE, end_time: NaN };

    expect(summariseRecording(detail)).toContain('time unknown');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [42, '42s'],
    [60, '1m00s'],
    [154, '2m34s'],
    [3600, '1h00m00s'],
    [3725, '1h02m05s'],
    [90061, '25h01m01s'],
    [-1, '?s'],
    [NaN, '?s'],
  ])('%p seconds is %p', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [277941079, '265.1 MiB'],
    [1073741824, '1.0 GiB'],
    [-5, '? B'],
  ])('%p bytes is %p', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
