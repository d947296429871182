import { callbackReceivedKind } from '../../../../lib/events/kinds/callback-received';
import { REDACTED } from '../../../../lib/privacy/redaction';
import { behavesLikeAnEventsKind } from '../../../support/events-kind-contract';
import { kindBody, without } from '../../../support/kinds';

behavesLikeAnEventsKind(callbackReceivedKind, {
  required: [],
  numbersAsStrings: { event_type: '314' },
  prefix: 'callback-314',
});

describe('callbackReceivedKind', () => {
  const body = kindBody(callbackReceivedKind);
  const record = callbackReceivedKind.normalise(body);

  it('forwards a callback of a type without a kind as sent, minus sign, t and secrets', () => {
    expect(record).toEqual({
      ...body,
      to_url: `rtmp://12345678.livepush.myqcloud.com/live/testvod?txSecret=${REDACTED}&txTime=658D5AE6`,
    });
  });

  it('keeps stream_param and callback_ext as the strings they were, their secrets redacted', () => {
    const result = callbackReceivedKind.normalise(
      kindBody(callbackReceivedKind, {
        stream_param: 'txSecret=abc&txTime=1',
        callback_ext: '{"a":1}',
      }),
    );

    expect(result).toMatchObject({
      stream_param: `txSecret=${REDACTED}&txTime=1`,
      callback_ext: '{"a":1}',
    });
  });

  it('is keyed callback-<event_type>#<hash of the record>', () => {
    expect(callbackReceivedKind.identify(record)).toEqual({
      key: {
        stream_id: 'testvod',
        event_key: expect.stringMatching(/^callback-314#~[A-Za-z0-9_-]{16}$/) as unknown,
      },
      id: expect.stringMatching(/^testvod\/callback-314#~/) as unknown,
      detailType: 'Callback Received',
    });
  });

  it('gives different callbacks of one stream and type different ids', () => {
    const other = callbackReceivedKind.normalise(
      kindBody(callbackReceivedKind, { callback_event: 'TaskExit' }),
    );

    expect(callbackReceivedKind.identify(other).id).not.toBe(
      callbackReceivedKind.identify(record).id,
    );
  });

  it.each([
    ['stream_id', { stream_id: 'a' }, 'a'],
    ['streamId', { streamId: 'b' }, 'b'],
    ['stream_name', { stream_name: 'c' }, 'c'],
    ['channel_id', { channel_id: 'd' }, 'd'],
    [
      'the first of them that is a non-empty string',
      { stream_id: 7, streamId: '', channel_id: 'd' },
      'd',
    ],
    ['nothing: "-"', {}, '-'],
  ])('takes its stream from %s', (_case, names, streamId) => {
    const result = callbackReceivedKind.normalise({ ...without(body, 'stream_id'), ...names });

    expect(result.stream_id).toBe(streamId);
  });

  it('keeps a stream_id it could not use as tencent_stream_id', () => {
    const result = callbackReceivedKind.normalise({ ...body, stream_id: 7 });

    expect(result).toMatchObject({ stream_id: '-', tencent_stream_id: 7 });
  });

  it('reads event_type as a number, and refuses a callback whose event_type is not one', () => {
    expect(callbackReceivedKind.normalise({ ...body, event_type: '999' }).event_type).toBe(999);
    expect(() => callbackReceivedKind.normalise({ ...body, event_type: 'relay' })).toThrow(
      'event_type must be a number',
    );
  });
});
