import { BookkeepingField } from '../../../../lib/events/recording/types';
import {
  RECORDING_EVENT_DETAIL_TYPE,
  RECORDING_EVENT_SOURCE,
  toRecordingEvent,
} from '../../../../lib/events/recording/event';
import { aRecording, aStoredRecording } from '../../../support/stored-recording';

describe('toRecordingEvent', () => {
  it('announces a recording file from tencentcloud.css as "Recording File Created"', () => {
    const stored = aStoredRecording();

    const event = toRecordingEvent(stored);

    expect(RECORDING_EVENT_SOURCE).toBe('tencentcloud.css');
    expect(RECORDING_EVENT_DETAIL_TYPE).toBe('Recording File Created');
    expect(event.source).toBe(RECORDING_EVENT_SOURCE);
    expect(event.detailType).toBe(RECORDING_EVENT_DETAIL_TYPE);
  });

  it('carries the recording as stored, plus id and version for deduplication', () => {
    const recording = aRecording();
    const stored = aStoredRecording(recording, { version: 3 });

    const { detail } = toRecordingEvent(stored);

    expect(detail).toEqual({ ...recording, id: 'stream_test/1234567890', version: 3 });
  });

  it('leaves the bookkeeping out of the detail', () => {
    const stored = aStoredRecording(aRecording(), {
      publishedAt: '2027-01-01T00:00:00.000Z',
      claimedUntil: '2027-01-01T00:00:30.000Z',
    });

    const { detail } = toRecordingEvent(stored);

    for (const field of Object.values(BookkeepingField)) {
      if (field === BookkeepingField.version) continue;
      expect(detail).not.toHaveProperty(field);
    }
    expect(detail).not.toHaveProperty('contentHash');
    expect(detail).not.toHaveProperty('receivedAt');
  });

  it('keeps our id and version when Tencent sent fields of the same names', () => {
    const stored = aStoredRecording(aRecording({ id: 'theirs', version: 'theirs' }), {
      version: 2,
    });

    const { detail } = toRecordingEvent(stored);

    expect(detail.id).toBe('stream_test/1234567890');
    expect(detail.version).toBe(2);
    expect(detail.tencent_id).toBe('theirs');
    expect(detail.tencent_version).toBe('theirs');
  });

  it('does not change the stored recording', () => {
    const stored = aStoredRecording();
    const before = structuredClone(stored);

    toRecordingEvent(stored);

    expect(stored).toEqual(before);
  });
});
