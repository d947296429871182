import { screenshotKind } from '../../../../lib/events/kinds/screenshot';
import { REDACTED } from '../../../../lib/privacy/redaction';
import { behavesLikeAnEventsKind } from '../../../support/events-kind-contract';
import { kindBody } from '../../../support/kinds';

behavesLikeAnEventsKind(screenshotKind, {
  required: ['stream_id', 'create_time', 'pic_url'],
  numbersAsStrings: { create_time: '1700000300', file_size: '68342', width: '1280' },
  prefix: 'screenshot',
});

describe('screenshotKind', () => {
  it('turns the example into the record a person wants to read', () => {
    const record = screenshotKind.normalise(kindBody(screenshotKind));

    expect(record).toEqual({
      event_type: 200,
      stream_id: 'room-7',
      channel_id: 'room-7',
      appid: 1250000001,
      app: 'push.example.com',
      appname: 'live',
      create_time: 1700000300,
      create_time_iso: '2023-11-14T22:18:20.000Z',
      file_size: 68342,
      width: 1280,
      height: 720,
      pic_url: '/1250000001/room-7/room-7-screenshot-1700000300.jpg',
      pic_full_url:
        'https://screenshot-1250000001.cos.ap-guangzhou.myqcloud.com/1250000001/room-7/room-7-screenshot-1700000300.jpg',
      stream_param: { txSecret: REDACTED, txTime: '6553F280' },
    });
  });

  it('is keyed screenshot#<ISO create_time>#<hash of pic_url>', () => {
    const record = screenshotKind.normalise(kindBody(screenshotKind));

    expect(screenshotKind.identify(record).key.event_key).toMatch(
      /^screenshot#2023-11-14T22:18:20\.000Z#~[A-Za-z0-9_-]{16}$/,
    );
  });

  it('keeps two pictures of the same second apart', () => {
    const first = screenshotKind.normalise(kindBody(screenshotKind, { pic_url: '/a/1.jpg' }));
    const second = screenshotKind.normalise(kindBody(screenshotKind, { pic_url: '/a/2.jpg' }));

    expect(screenshotKind.identify(first).id).not.toBe(screenshotKind.identify(second).id);
  });

  it('is high-volume: its records expire', () => {
    expect(screenshotKind.highVolume).toBe(true);
    expect(screenshotKind.detailType).toBe('Screenshot Created');
  });

  it('keeps pic_full_url’s query, whose signature makes a private bucket’s picture downloadable', () => {
    const url =
      'https://b-1250000001.cos.ap-guangzhou.myqcloud.com/a.jpg?sign=q-sign-algorithm%3Dsha1';

    const record = screenshotKind.normalise(kindBody(screenshotKind, { pic_full_url: url }));

    expect(record.pic_full_url).toBe(url);
  });

  it('refuses an empty pic_url, naming it', () => {
    expect(() => screenshotKind.normalise(kindBody(screenshotKind, { pic_url: '' }))).toThrow(
      'pic_url must be a non-empty string',
    );
  });
});
