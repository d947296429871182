import { createHash } from 'node:crypto';
import {
  HOTLINK_URL_LIFETIME_SECONDS,
  hotlinkSignature,
  signHotlinkUrl,
  withoutQuery,
} from '../../../lib/archive/hotlink';

/*
 * Tencent's worked example (VOD, "Key Hotlink Protection", "Examples of Hotlink Protection URL
 * Generation"): key 24FEQmTzro4V5u3D5epW, URL http://example.vod2.myqcloud.com/dir1/dir2/myVideo.mp4,
 * expiry 1517400000 (t = 5a71afc0), us = 72d4cd1101.
 */
const KEY = '24FEQmTzro4V5u3D5epW';
const URL_ = 'http://example.vod2.myqcloud.com/dir1/dir2/myVideo.mp4';
const EXPIRY = 1_517_400_000;
const signedAt = new Date((EXPIRY - HOTLINK_URL_LIFETIME_SECONDS) * 1000);

describe("Tencent's documented examples", () => {
  it('example 1, expiry only: the documented sign and URL', () => {
    expect(signHotlinkUrl(URL_, KEY, { now: signedAt, us: '72d4cd1101' })).toBe(
      `${URL_}?t=5a71afc0&us=72d4cd1101&sign=3d8488faeb37d52d6bf63b63c1b171c3`,
    );
  });

  it.each([
    ['example 2, at most three IPs', { rlimit: '3' }, 'c5214f0d5961b13acd558b4957c4dfc5'],
    ['example 3, a five-minute preview', { exper: '300' }, '547d98c4b91e81b5ea55c95cef63223f'],
  ])('%s: the documented sign', (_name, optional, sign) => {
    expect(
      hotlinkSignature(KEY, '/dir1/dir2/myVideo.mp4', {
        t: '5a71afc0',
        us: '72d4cd1101',
        ...optional,
      }),
    ).toBe(sign);
  });
});

describe('signHotlinkUrl', () => {
  it('signs with the path without its file name, as md5(KEY + Dir + t + us) computes it', () => {
    const signed = new URL(
      signHotlinkUrl('https://vod.example.com/a/b/c/file.flv', 'Key12345678', {
        now: new Date('2027-01-01T00:00:00Z'),
        lifetimeSeconds: 60,
        us: 'abc',
      }),
    );
    const t = (Date.parse('2027-01-01T00:01:00Z') / 1000).toString(16);
    const expected = createHash('md5').update(`Key12345678/a/b/c/${t}abc`).digest('hex');

    expect([...signed.searchParams]).toEqual([
      ['t', t],
      ['us', 'abc'],
      ['sign', expected],
    ]);
  });

  it('keeps a query the URL had, as written, and replaces hotlink parameters it carried', () => {
    const signed = signHotlinkUrl('http://h/d/f.mp4?a=%20x&t=1&sign=old&b=2#part', KEY, {
      now: signedAt,
      us: '72d4cd1101',
    });
    expect(signed).toBe(
      'http://h/d/f.mp4?a=%20x&b=2&t=5a71afc0&us=72d4cd1101&sign=' +
        hotlinkSignature(KEY, '/d/f.mp4', { t: '5a71afc0', us: '72d4cd1101' }),
    );
  });

  it('makes each URL unique with a random us', () => {
    const first = new URL(signHotlinkUrl(URL_, KEY)).searchParams.get('us');
    const second = new URL(signHotlinkUrl(URL_, KEY)).searchParams.get('us');
    expect(first).toMatch(/^[0-9a-f]{10}$/);
    expect(second).not.toBe(first);
  });
});

it.each([
  ['http://h/d/f.mp4?t=1&sign=x', 'http://h/d/f.mp4'],
  ['http://h/d/f.mp4#frag', 'http://h/d/f.mp4'],
  ['http://h/d/f.mp4', 'http://h/d/f.mp4'],
])('withoutQuery(%s) shows %s', (url, shown) => {
  expect(withoutQuery(url)).toBe(shown);
});
