import { recordingStatusKind } from '../../../../lib/events/kinds/recording-status';
import { behavesLikeAnEventsKind } from '../../../support/events-kind-contract';
import { kindBody } from '../../../support/kinds';

behavesLikeAnEventsKind(recordingStatusKind, {
  required: ['stream_id', 'seq', 'event_time', 'record_event'],
  numbersAsStrings: { event_time: '1703731480', appid: '12345678' },
  prefix: 'recording-status',
});

describe('recordingStatusKind', () => {
  const record = recordingStatusKind.normalise(kindBody(recordingStatusKind));

  it('turns the documented example into the record a person wants to read', () => {
    expect(record).toEqual({
      event_type: 332,
      stream_id: 'test_stream',
      seq: '3266441426274648065',
      event_time: 1703731480,
      event_time_iso: '2023-12-28T02:44:40.000Z',
      record_event: 'record_start_succeeded',
      session_id: '2918085116267032069',
      appid: 12345678,
      appname: 'live',
      domain: '12345678.livepush.myqcloud.com',
      record_detail: {
        file_format: 2,
        record_bps: 0,
        start_model: 1,
        record_content: 1,
        source_type: 1,
        codec_temp_id: 0,
      },
    });
  });

  it('is keyed recording-status#<ISO event_time>#<seq>', () => {
    expect(recordingStatusKind.identify(record).key).toEqual({
      stream_id: 'test_stream',
      event_key: 'recording-status#2023-12-28T02:44:40.000Z#3266441426274648065',
    });
    expect(recordingStatusKind.detailType).toBe('Recording Status Changed');
  });

  it('keeps a record_detail that is not JSON as sent', () => {
    const result = recordingStatusKind.normalise(
      kindBody(recordingStatusKind, { record_detail: 'file_format:2' }),
    );

    expect(result.record_detail).toBe('file_format:2');
  });

  it('refuses an empty record_event, which is what the callback means', () => {
    expect(() =>
      recordingStatusKind.normalise(kindBody(recordingStatusKind, { record_event: '' })),
    ).toThrow('record_event must be a non-empty string');
  });
});
