import { pushEndedKind } from '../../../../lib/events/kinds/push-ended';
import { pushStartedKind } from '../../../../lib/events/kinds/push-started';
import { REDACTED } from '../../../../lib/privacy/redaction';
import { behavesLikeAnEventsKind } from '../../../support/events-kind-contract';
import { kindBody } from '../../../support/kinds';

behavesLikeAnEventsKind(pushStartedKind, {
  required: ['stream_id', 'sequence', 'event_time'],
  numbersAsStrings: { event_time: '1703731478', appid: '12345678', errcode: '0', width: '0' },
  prefix: 'push-start',
});

describe('pushStartedKind', () => {
  it('turns the documented example into the record a person wants to read', () => {
    const record = pushStartedKind.normalise(kindBody(pushStartedKind));

    expect(record).toEqual({
      event_type: 1,
      stream_id: 'test_stream',
      sequence: '2210464508206756938',
      event_time: 1703731478,
      event_time_iso: '2023-12-28T02:44:38.000Z',
      appid: 12345678,
      app: 'test.domain.com',
      appname: 'live',
      channel_id: 'test_stream',
      node: '42.81.194.37',
      user_ip: '203.0.113.24',
      errcode: 0,
      errmsg: 'ok',
      set_id: 2,
      width: 0,
      height: 0,
      stream_param: { txSecret: REDACTED, txTime: '658D5AE6' },
      // In the 2023 sample, not in Tencent's field table: kept as sent.
      idc_id: 34,
    });
  });

  it('is keyed push-start#<ISO event_time>#<sequence>: a stream’s pushes in time order', () => {
    const record = pushStartedKind.normalise(kindBody(pushStartedKind));

    expect(pushStartedKind.identify(record)).toEqual({
      key: {
        stream_id: 'test_stream',
        event_key: 'push-start#2023-12-28T02:44:38.000Z#2210464508206756938',
      },
      id: 'test_stream/push-start#2023-12-28T02:44:38.000Z#2210464508206756938',
      detailType: 'Stream Push Started',
    });
  });

  it('has another id than its end, which shares its sequence', () => {
    const start = pushStartedKind.normalise(kindBody(pushStartedKind));
    const end = pushEndedKind.normalise(kindBody(pushEndedKind));

    expect(end.sequence).toBe(start.sequence);
    expect(pushEndedKind.identify(end).id).not.toBe(pushStartedKind.identify(start).id);
  });

  it.each([
    ['a number', 2210464508206756, '2210464508206756'],
    ['a string beyond 2^53', '2210464508206756938', '2210464508206756938'],
  ])('accepts sequence as %s, storing it as a string', (_case, sequence, stored) => {
    const record = pushStartedKind.normalise(kindBody(pushStartedKind, { sequence }));

    expect(record.sequence).toBe(stored);
  });

  it.each(['', '0'])('reads a start’s push_duration of %p as none or 0', (pushDuration) => {
    const record = pushStartedKind.normalise(
      kindBody(pushStartedKind, { push_duration: pushDuration }),
    );

    expect(record.push_duration).toBe(pushDuration === '' ? undefined : 0);
  });

  it.each([
    ['sequence', ''],
    ['event_time', 'yesterday'],
    ['event_time', 1e13],
    ['stream_id', 42],
    ['width', 'wide'],
  ])('refuses %s of %p, naming the field', (name, value) => {
    expect(() => pushStartedKind.normalise(kindBody(pushStartedKind, { [name]: value }))).toThrow(
      new RegExp(`^${name} `),
    );
  });
});
