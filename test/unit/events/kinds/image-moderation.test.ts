import { imageModerationKind } from '../../../../lib/events/kinds/image-moderation';
import { REDACTED } from '../../../../lib/privacy/redaction';
import { behavesLikeAnEventsKind } from '../../../support/events-kind-contract';
import { kindBody, without } from '../../../support/kinds';

behavesLikeAnEventsKind(imageModerationKind, {
  required: ['img', 'screenshotTime'],
  numbersAsStrings: { screenshotTime: '1703731574', hotScore: '97', appid: '12345678' },
  prefix: 'image-moderation',
});

describe('imageModerationKind', () => {
  const record = imageModerationKind.normalise(kindBody(imageModerationKind));

  it('keeps Tencent’s camelCase names, and derives stream_id from streamId', () => {
    expect(record).toMatchObject({
      event_type: 317,
      stream_id: 'teststream',
      streamId: 'teststream',
      channelId: 'teststream',
      img: 'http://test-12345678.cos.ap-shanghai.myqcloud.com/2023-12-28/teststream-screenshot-10-32-54-960x540.jpg',
      screenshotTime: 1703731574,
      screenshotTime_iso: '2023-12-28T02:46:14.000Z',
      sendTime: 1703731576,
      sendTime_iso: '2023-12-28T02:46:16.000Z',
      suggestion: 'Block',
      label: 'Porn',
      subLabel: 'PornHigh',
      type: [1],
      score: [99],
      hotScore: 97,
      tid: 20001,
      appid: 12345678,
      stream_param: { txSecret: REDACTED, txTime: '658D5AE6' },
    });
    expect(record.labelResults).toEqual(kindBody(imageModerationKind).labelResults);
  });

  it('is keyed image-moderation#<ISO screenshotTime>#<hash of img>', () => {
    expect(imageModerationKind.identify(record).key).toEqual({
      stream_id: 'teststream',
      event_key: expect.stringMatching(
        /^image-moderation#2023-12-28T02:46:14\.000Z#~[A-Za-z0-9_-]{16}$/,
      ) as unknown,
    });
    expect(imageModerationKind.highVolume).toBe(true);
  });

  it.each([
    [
      'channelId when there is no streamId',
      without(kindBody(imageModerationKind), 'streamId'),
      'teststream',
    ],
    [
      'stream_id when a sender writes it so',
      { ...without(kindBody(imageModerationKind), 'streamId', 'channelId'), stream_id: 'room' },
      'room',
    ],
    [
      '"-" when the callback names no stream',
      without(kindBody(imageModerationKind), 'streamId', 'channelId'),
      '-',
    ],
  ])('takes its stream from %s', (_case, body, streamId) => {
    const result = imageModerationKind.normalise(body);

    expect(result.stream_id).toBe(streamId);
    expect(result).not.toHaveProperty('tencent_stream_id');
  });

  it('keeps a stream_id that differs from streamId as tencent_stream_id', () => {
    const result = imageModerationKind.normalise(
      kindBody(imageModerationKind, { stream_id: 'other' }),
    );

    expect(result).toMatchObject({ stream_id: 'teststream', tencent_stream_id: 'other' });
  });

  it('keeps img’s query, a download signature', () => {
    const img = 'https://b.cos.ap-shanghai.myqcloud.com/a.jpg?sign=abc&t=1';

    expect(imageModerationKind.normalise(kindBody(imageModerationKind, { img })).img).toBe(img);
  });

  it('keeps type and score as sent, whatever their shape', () => {
    const result = imageModerationKind.normalise(
      kindBody(imageModerationKind, { type: 2, score: '99', socre: [99] }),
    );

    expect(result).toMatchObject({ type: 2, score: '99', socre: [99] });
  });
});
