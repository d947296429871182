import { pushEndedKind } from '../../../../lib/events/kinds/push-ended';
import { REDACTED } from '../../../../lib/privacy/redaction';
import { behavesLikeAnEventsKind } from '../../../support/events-kind-contract';
import { kindBody } from '../../../support/kinds';

behavesLikeAnEventsKind(pushEndedKind, {
  required: ['stream_id', 'sequence', 'event_time'],
  numbersAsStrings: { event_time: '1703731606', errcode: '1', set_id: '2', height: '720' },
  prefix: 'push-end',
});

describe('pushEndedKind', () => {
  it('turns the documented example into the record a person wants to read', () => {
    const record = pushEndedKind.normalise(kindBody(pushEndedKind));

    expect(record).toEqual({
      event_type: 0,
      stream_id: 'test_stream',
      sequence: '2210464508206756938',
      event_time: 1703731606,
      event_time_iso: '2023-12-28T02:46:46.000Z',
      appid: 12345678,
      app: 'test.domain.com',
      appname: 'live',
      channel_id: 'test_stream',
      node: '42.81.194.37',
      user_ip: '203.0.113.24',
      // Sent as the string "128581": milliseconds.
      push_duration: 128581,
      errcode: 1,
      errmsg: 'The push client actively stopped the push',
      set_id: 2,
      width: 1280,
      height: 720,
      stream_param: { txSecret: REDACTED, txTime: '658D5AE6' },
      idc_id: 34,
    });
  });

  it('is keyed push-end#<ISO event_time>#<sequence>', () => {
    const record = pushEndedKind.normalise(kindBody(pushEndedKind));

    expect(pushEndedKind.identify(record).key).toEqual({
      stream_id: 'test_stream',
      event_key: 'push-end#2023-12-28T02:46:46.000Z#2210464508206756938',
    });
    expect(pushEndedKind.detailType).toBe('Stream Push Ended');
  });

  it('refuses a push_duration that is not a number, naming it', () => {
    expect(() =>
      pushEndedKind.normalise(kindBody(pushEndedKind, { push_duration: '2 minutes' })),
    ).toThrow('push_duration must be a number or a numeric string');
  });
});
