import { recordingId, RESERVED_FIELD_NAMES } from '../../../../lib/events/recording/types';
import { BookkeepingField } from '../../../../lib/record/bookkeeping';

describe('recordingId', () => {
  it('is <stream_id>/<file_id>', () => {
    expect(recordingId({ stream_id: 'room-7', file_id: '387702299774251234' })).toBe(
      'room-7/387702299774251234',
    );
  });
});

describe('RESERVED_FIELD_NAMES', () => {
  it.each(Object.values(BookkeepingField))('reserves the bookkeeping field %s', (name) => {
    expect(RESERVED_FIELD_NAMES.has(name)).toBe(true);
  });

  it.each([
    'id',
    'truncated',
    'truncated_fields',
    'content_start_time',
    'start_time_iso',
    'end_time_iso',
    'content_start_time_iso',
  ])('reserves the derived or event field %s', (name) => {
    expect(RESERVED_FIELD_NAMES.has(name)).toBe(true);
  });

  it.each(['stream_id', 'file_id', 'video_url', 'vod2Flag'])(
    'leaves Tencent’s own field %s alone',
    (name) => {
      expect(RESERVED_FIELD_NAMES.has(name)).toBe(false);
    },
  );
});
