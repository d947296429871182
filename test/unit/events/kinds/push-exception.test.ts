import { pushExceptionKind } from '../../../../lib/events/kinds/push-exception';
import { behavesLikeAnEventsKind } from '../../../support/events-kind-contract';
import { kindBody } from '../../../support/kinds';

behavesLikeAnEventsKind(pushExceptionKind, {
  required: ['stream_id', 'data_time'],
  numbersAsStrings: { data_time: '1703731574971', report_interval: '5000' },
  prefix: 'push-exception',
});

describe('pushExceptionKind', () => {
  const body = kindBody(pushExceptionKind);
  const record = pushExceptionKind.normalise(body);

  it('turns the documented example into the record a person wants to read', () => {
    expect(record).toMatchObject({
      event_type: 321,
      stream_id: 'test_stream',
      data_time: 1703731574971,
      data_time_iso: '2023-12-28T02:46:14.971Z',
      report_interval: 5000,
      sequence: '2210464508206756938',
      abnormal_event: body.abnormal_event,
    });
  });

  it('is keyed push-exception#<ISO data_time>, to the millisecond', () => {
    expect(pushExceptionKind.identify(record).key).toEqual({
      stream_id: 'test_stream',
      event_key: 'push-exception#2023-12-28T02:46:14.971Z',
    });
    expect(pushExceptionKind.detailType).toBe('Push Exception');
  });

  it('refuses a data_time in seconds beyond any millisecond time, naming it', () => {
    expect(() =>
      pushExceptionKind.normalise(kindBody(pushExceptionKind, { data_time: 1e15 })),
    ).toThrow('data_time must be a Unix time in milliseconds');
  });
});
