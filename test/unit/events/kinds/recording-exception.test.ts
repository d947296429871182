import { recordingExceptionKind } from '../../../../lib/events/kinds/recording-exception';
import { behavesLikeAnEventsKind } from '../../../support/events-kind-contract';
import { kindBody } from '../../../support/kinds';

behavesLikeAnEventsKind(recordingExceptionKind, {
  required: ['stream_id', 'session_id', 'timestamp'],
  numbersAsStrings: { timestamp: '1703731527', appid: '12345678' },
  prefix: 'recording-exception',
});

describe('recordingExceptionKind', () => {
  const record = recordingExceptionKind.normalise(kindBody(recordingExceptionKind));

  it('turns the documented example into the record a person wants to read', () => {
    expect(record).toEqual({
      event_type: 341,
      stream_id: 'test_stream',
      session_id: '2918085116267032069',
      timestamp: 1703731527,
      timestamp_iso: '2023-12-28T02:45:27.000Z',
      exception: { type: -201, occurs: 4, desc: 'video ts deviation: 100.000000' },
      exception_level: 'info',
      file_format: 'ts',
      appid: 12345678,
      domain: '12345678.livepush.myqcloud.com',
      path: 'live',
      interface: 'general_callback',
    });
  });

  it('is keyed recording-exception#<ISO timestamp>#<session_id>#<exception.type>', () => {
    expect(recordingExceptionKind.identify(record).key).toEqual({
      stream_id: 'test_stream',
      event_key: 'recording-exception#2023-12-28T02:45:27.000Z#2918085116267032069#-201',
    });
  });

  it('keeps two types of exception of the same second and session apart', () => {
    const other = recordingExceptionKind.normalise(
      kindBody(recordingExceptionKind, { exception: { type: -8, occurs: 1, desc: 'audio ts' } }),
    );

    expect(recordingExceptionKind.identify(other).id).not.toBe(
      recordingExceptionKind.identify(record).id,
    );
  });

  it('writes - when the exception has no type, and reads a type sent as a string', () => {
    const untyped = recordingExceptionKind.normalise(
      kindBody(recordingExceptionKind, { exception: { desc: 'x' } }),
    );
    const stringType = recordingExceptionKind.normalise(
      kindBody(recordingExceptionKind, { exception: { type: '-201', occurs: '4', desc: 'x' } }),
    );

    expect(recordingExceptionKind.identify(untyped).key.event_key).toMatch(/#-$/);
    expect(stringType.exception).toEqual({ type: -201, occurs: 4, desc: 'x' });
  });

  it.each([
    ['exception', 'broken', 'exception must be an object'],
    ['exception', { type: 'bad' }, 'exception.type must be a number or a numeric string'],
  ])('refuses %s of %p, naming it', (name, value, message) => {
    expect(() =>
      recordingExceptionKind.normalise(kindBody(recordingExceptionKind, { [name]: value })),
    ).toThrow(message);
  });

  it('lower-cases file_format, as recordings do', () => {
    expect(
      recordingExceptionKind.normalise(kindBody(recordingExceptionKind, { file_format: 'FLV' }))
        .file_format,
    ).toBe('flv');
  });
});
