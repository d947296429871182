import type { JsonValue } from '../../../lib/json/json';
import { REDACTED, redactSecrets } from '../../../lib/privacy/redaction';

const SECRET = 'S3cr3tValue0123456789';

describe('redactSecrets', () => {
  it.each<[string, JsonValue, JsonValue]>([
    ['a secret-named key holding a string', { txSecret: SECRET }, { txSecret: REDACTED }],
    ['a secret-named key holding a number', { pin_token: 123456 }, { pin_token: REDACTED }],
    [
      'a secret-named key holding an object',
      { credentials: { id: 'a' } },
      { credentials: REDACTED },
    ],
    ['a secret-named key holding an array', { keys: ['a', 'b'] }, { keys: REDACTED }],
    ['a secret-named key holding null', { password: null }, { password: REDACTED }],
    ['a secret-named key holding an empty string', { token: '' }, { token: REDACTED }],
    [
      'a secret-named key deep inside objects',
      { a: { b: { c: { accessToken: SECRET, d: 1 } } } },
      { a: { b: { c: { accessToken: REDACTED, d: 1 } } } },
    ],
    [
      'a secret-named key inside nested arrays',
      { list: [[{ api_key: SECRET }], [[{ ok: true, sign: SECRET }]]] },
      { list: [[{ api_key: REDACTED }], [[{ ok: true, sign: REDACTED }]]] },
    ],
    [
      'a URL whose query carries the push secret',
      { push_url: `rtmp://h/live/s?txSecret=${SECRET}&txTime=1` },
      { push_url: 'rtmp://h/live/s?txSecret=[redacted]&txTime=1' },
    ],
    [
      'a URL inside an array inside an object',
      { urls: ['https://x/a', `https://x/b?sig=${SECRET}`] },
      { urls: ['https://x/a', 'https://x/b?sig=[redacted]'] },
    ],
    [
      'JSON held in a string',
      { ext: `{"txSecret":"${SECRET}","x":1}` },
      { ext: '{"txSecret":"[redacted]","x":1}' },
    ],
    [
      'a key whose text holds a secret pair',
      { [`a?token=${SECRET}`]: 1, b: 2 },
      { 'a?token=[redacted]': REDACTED, b: 2 },
    ],
    ['a string on its own', `txSecret=${SECRET}`, 'txSecret=[redacted]'],
  ])('redacts %s', (_case, value, redacted) => {
    const result = redactSecrets(value);

    expect(result).toEqual(redacted);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('keeps everything that is not a secret: same keys, same types, same values', () => {
    const record: JsonValue = {
      keyframe_interval: 2,
      design: 'a',
      monkey: { signal: [1, 'two', null, true, { author: 'me' }] },
      tokenizer: false,
      video_codec: 'h264',
      when: '2022-01-13T15:57:25.316Z',
      url: 'https://x.example.com/v.mp4?t=1&us=2',
      nothing: null,
    };

    expect(redactSecrets(record)).toEqual(record);
  });

  it('keeps the query of the fields the caller names, and of no other', () => {
    const record = {
      video_url: `https://vod.example.com/f0.mp4?t=65A0&sign=${SECRET}`,
      push_url: `rtmp://h/live/s?txSecret=${SECRET}`,
      nested: { video_url: `https://vod.example.com/f0.mp4?sign=${SECRET}` },
    };

    const redacted = redactSecrets(record, { keepQueryOf: ['video_url'] });

    expect(redacted).toEqual({
      video_url: record.video_url,
      push_url: 'rtmp://h/live/s?txSecret=[redacted]',
      nested: { video_url: 'https://vod.example.com/f0.mp4?sign=[redacted]' },
    });
  });

  it('still redacts a kept field that is not a string', () => {
    const redacted = redactSecrets(
      { video_url: { token: SECRET } },
      { keepQueryOf: ['video_url'] },
    );

    expect(redacted).toEqual({ video_url: { token: REDACTED } });
  });

  it('leaves the value it was given unchanged', () => {
    const record = { a: { token: SECRET }, b: [`x?sig=${SECRET}`] };
    const before = structuredClone(record);

    redactSecrets(record);

    expect(record).toEqual(before);
  });

  it('keeps a key named __proto__ a plain entry, leaving every prototype alone', () => {
    const value = JSON.parse('{"__proto__":{"polluted":"x?token=abc"}}') as JsonValue;

    const redacted = redactSecrets(value) as Record<string, unknown>;

    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(redacted, '__proto__')?.value).toEqual({
      polluted: 'x?token=[redacted]',
    });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('replaces whatever is nested deeper than any stored value, rather than overflow the stack', () => {
    let value: JsonValue = SECRET;
    for (let level = 0; level < 10_000; level++) value = [value];

    expect(JSON.stringify(redactSecrets(value))).not.toContain(SECRET);
  });
});
