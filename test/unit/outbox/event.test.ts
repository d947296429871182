import { recordingKind } from '../../../lib/events/kinds/recording';
import { ExactNumber } from '../../../lib/json/exact-number';
import { BookkeepingField } from '../../../lib/record/bookkeeping';
import { MAX_ENTRY_BYTES, toOutgoingEvent } from '../../../lib/outbox/event';
import { EVENT_SOURCE } from '../../../lib/record/record';
import type { StoredRecord } from '../../../lib/record/record';
import { aRecording, aStoredRecording } from '../../support/stored-record';

const KEPT = recordingKind.keptWhenTruncated;

function detailOf(stored: StoredRecord, kept = KEPT): Record<string, unknown> {
  return JSON.parse(toOutgoingEvent(stored, kept).detail) as Record<string, unknown>;
}

/** A record with an unknown field Tencent might add, of the given value. */
function withField(name: string, value: unknown): StoredRecord {
  return aStoredRecording({ ...aRecording(), [name]: value } as never);
}

describe('toOutgoingEvent', () => {
  it('announces a recording file from tencentcloud.css as "Recording File Created"', () => {
    const event = toOutgoingEvent(aStoredRecording(), KEPT);

    expect(EVENT_SOURCE).toBe('tencentcloud.css');
    expect(event.source).toBe('tencentcloud.css');
    expect(event.detailType).toBe('Recording File Created');
  });

  it('carries the record as stored, plus id and version for deduplication', () => {
    const recording = aRecording();

    const detail = detailOf(aStoredRecording(recording, { version: 3 }));

    expect(detail).toEqual({ ...recording, id: 'stream_test/1234567890', version: 3 });
  });

  it('leaves the bookkeeping out of the detail', () => {
    const stored = aStoredRecording(aRecording(), {
      publishedAt: '2027-01-01T00:00:00.000Z',
      claimedUntil: '2027-01-01T00:00:30.000Z',
      publishAttempts: 2,
      lastError: 'InternalFailure',
    });

    const detail = detailOf(stored);

    for (const field of Object.values(BookkeepingField)) {
      if (field === BookkeepingField.version) continue;
      expect(detail).not.toHaveProperty(field);
    }
    for (const name of ['contentHash', 'receivedAt', 'publishAttempts', 'lastError']) {
      expect(detail).not.toHaveProperty(name);
    }
  });

  it('keeps our id and version when Tencent sent fields of the same names', () => {
    const stored = aStoredRecording(aRecording({ id: 'theirs', version: 'theirs' }), {
      version: 2,
    });

    const detail = detailOf(stored);

    expect(detail.id).toBe('stream_test/1234567890');
    expect(detail.version).toBe(2);
    expect(detail.tencent_id).toBe('theirs');
    expect(detail.tencent_version).toBe('theirs');
  });

  it('does not change the stored record', () => {
    const stored = aStoredRecording();
    const before = structuredClone(stored);

    toOutgoingEvent(stored, KEPT);

    expect(stored).toEqual(before);
  });

  it('measures the entry as EventBridge does: source, detail-type and detail in UTF-8 bytes', () => {
    const stored = withField('note', '直播 — 録画');

    const event = toOutgoingEvent(stored, KEPT);

    expect(event.size).toBe(
      Buffer.byteLength('tencentcloud.css') +
        Buffer.byteLength('Recording File Created') +
        Buffer.byteLength(event.detail, 'utf8'),
    );
    expect(event.truncatedFields).toBeUndefined();
  });

  it('writes a number a double would round with all its digits', () => {
    const stored = aStoredRecording({
      ...aRecording(),
      file_size: new ExactNumber('18446744073709551615'),
    });

    const event = toOutgoingEvent(stored, KEPT);

    expect(event.detail).toContain('"file_size":18446744073709551615');
  });

  describe('a record whose event would be larger than EventBridge takes', () => {
    // 64 KiB of body can become 280 KB of event: `1e20` is written out as 21 digits.
    const expanding = Array.from({ length: 13_000 }, () => 1e20);

    it('is published without its bulkiest optional fields, marked truncated', () => {
      const stored = aStoredRecording({
        ...aRecording(),
        numbers: expanding,
        small_unknown: 'kept',
      });

      const event = toOutgoingEvent(stored, KEPT);
      const detail = JSON.parse(event.detail) as Record<string, unknown>;

      expect(event.size).toBeLessThan(MAX_ENTRY_BYTES);
      expect(event.truncatedFields).toEqual(['numbers']);
      expect(detail.truncated).toBe(true);
      expect(detail.truncated_fields).toEqual(['numbers']);
      expect(detail).not.toHaveProperty('numbers');
      expect(detail.small_unknown).toBe('kept');
      expect(detail).toMatchObject({ id: 'stream_test/1234567890', version: 1 });
    });

    it('keeps every documented field, and gives up callback_ext and stream_param first', () => {
      const stored = aStoredRecording({
        ...aRecording(),
        callback_ext: { numbers: expanding },
        stream_param: { a: 'x'.repeat(100) },
      });

      const detail = detailOf(stored);

      expect(detail.truncated_fields).toEqual(['callback_ext']);
      const kept = [...KEPT].filter((name) => name in stored.fields);
      expect(kept.length).toBeGreaterThan(10);
      for (const name of kept) expect(detail[name]).toEqual(stored.fields[name]);
      expect(detail.stream_param).toEqual({ a: 'x'.repeat(100) });
    });

    it('leaves out as many fields as it takes, the bulkiest first', () => {
      const third = Array.from({ length: 6_000 }, () => 1e20);
      const stored = aStoredRecording({
        ...aRecording(),
        a: third,
        b: third,
        c: [...third, 1e20],
        d: 'small',
      });

      const event = toOutgoingEvent(stored, KEPT);

      expect(event.size).toBeLessThan(MAX_ENTRY_BYTES);
      expect(event.truncatedFields).toEqual(['c', 'a']);
    });

    it('publishes only the key when even the kept fields would not fit', () => {
      const stored = withField('giant', 'x'.repeat(MAX_ENTRY_BYTES));

      const event = toOutgoingEvent(stored, new Set(['giant', 'video_url']));
      const detail = JSON.parse(event.detail) as Record<string, unknown>;

      expect(event.size).toBeLessThan(MAX_ENTRY_BYTES);
      expect(detail).toMatchObject({
        stream_id: 'stream_test',
        file_id: '1234567890',
        event_type: 100,
        id: 'stream_test/1234567890',
        truncated: true,
      });
      expect(detail.truncated_fields).toEqual(expect.arrayContaining(['giant', 'video_url']));
      expect(detail).not.toHaveProperty('video_url');
    });
  });
});
