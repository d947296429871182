import { parseStreamParam, REDACTED } from '../../../lib/privacy/redaction';

describe('parseStreamParam', () => {
  it('parses the push URL’s query string into a map with txSecret redacted', () => {
    const params = parseStreamParam('txSecret=0a1b2c3d4e5f60718293a4b5c6d7e8f9&txTime=6553F280');

    expect(params).toEqual({ txSecret: REDACTED, txTime: '6553F280' });
    expect(JSON.stringify(params)).not.toContain('0a1b2c3d4e5f60718293a4b5c6d7e8f9');
  });

  it('redacts a secret whose name is percent-encoded', () => {
    const params = parseStreamParam('tx%53ecret=leaked');

    expect(params).toEqual({ txSecret: REDACTED });
  });

  it('redacts every value of a repeated secret and keeps the last value of other names', () => {
    const params = parseStreamParam('txSecret=one&a=1&txSecret=two&a=2');

    expect(params).toEqual({ txSecret: REDACTED, a: '2' });
    expect(JSON.stringify(params)).not.toMatch(/one|two/);
  });

  it('ignores a leading question mark', () => {
    expect(parseStreamParam('?txTime=1&record=mp4')).toEqual({ txTime: '1', record: 'mp4' });
  });

  it('decodes percent-escapes and plus signs in values', () => {
    expect(parseStreamParam('title=hello+world&path=%2Flive%2Froom')).toEqual({
      title: 'hello world',
      path: '/live/room',
    });
  });

  it('keeps a name without a value as an empty string', () => {
    expect(parseStreamParam('flag&record=mp4')).toEqual({ flag: '', record: 'mp4' });
  });

  it.each([
    ['empty', ''],
    ['only a question mark', '?'],
    ['only separators', '&&&'],
    ['a parameter with no name', '=value'],
  ])('gives an empty map for a query string that is %s', (_case, query) => {
    expect(parseStreamParam(query)).toEqual({});
  });

  it('drops a parameter named __proto__, which cannot be stored, leaving the prototype alone', () => {
    const params = parseStreamParam('__proto__=x&record=mp4');

    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.hasOwn(params, '__proto__')).toBe(false);
    expect(params).toEqual({ record: 'mp4' });
  });

  it.each<[string, string, Record<string, string>]>([
    [
      '; between parameters',
      'txSecret=abc123;txTime=6553F280',
      { txSecret: REDACTED, txTime: '6553F280' },
    ],
    [
      '& and ; mixed',
      'bizid=8888;txSecret=abc123&txTime=6553F280',
      { bizid: '8888', txSecret: REDACTED, txTime: '6553F280' },
    ],
    [
      'an encoded = and &',
      'txSecret%3Dabc123%26txTime%3D6553F280',
      { txSecret: REDACTED, txTime: '6553F280' },
    ],
    ['an encoded ;', 'txTime=1%3BtxSecret=abc123', { txTime: '1', txSecret: REDACTED }],
    [
      'separators encoded twice',
      'txSecret%253Dabc123%2526txTime%253D6553F280',
      { txSecret: REDACTED, txTime: '6553F280' },
    ],
    [
      'an encoded & in lower case',
      'txTime=1%26txsecret=abc123',
      { txTime: '1', txsecret: REDACTED },
    ],
    [
      'the whole push URL',
      'rtmp://push.example.com/live/room42?txSecret=abc123&txTime=6553F280',
      { txSecret: REDACTED, txTime: '6553F280' },
    ],
    [
      'the whole push URL, percent-encoded',
      'rtmp%3A%2F%2Fpush.example.com%2Flive%2Froom42%3FtxSecret%3Dabc123%26txTime%3D1',
      { txSecret: REDACTED, txTime: '1' },
    ],
    ['a push URL without a query', 'rtmp://push.example.com/live/room42?', {}],
    ['a push URL without a query string', 'rtmp://push.example.com/live/room42', {}],
    [
      'a relayed stream (no secret)',
      'txFrom=pullpush&txHost=origin.example.com',
      { txFrom: 'pullpush', txHost: 'origin.example.com' },
    ],
    ['a secret name with no value', 'txSecret&x=1', { txSecret: REDACTED, x: '1' }],
    ['names with no value', 'flag;other&x=1', { flag: '', other: '', x: '1' }],
    ['= inside a value', 'sig=YWJj==&x=a=b', { sig: REDACTED, x: 'a=b' }],
    ['a ? inside a value', 'next=/a?b&x=1', { next: '/a?b', x: '1' }],
    ['%2B, a plus sign, kept as a plus', 'title=a%2Bb+c', { title: 'a+b c' }],
    ['malformed escapes, kept as written', 'a=%zz&b=%4&c=100%', { a: '%zz', b: '%4', c: '100%' }],
    ['bytes that are not UTF-8', 'a=%FF', { a: '\ufffd' }],
    [
      'a URL in a value, whose query holds a token',
      'next=https%3A%2F%2Fcdn.example.com%2Fp%3Ftoken%3Dabc123%26x%3D1',
      { next: 'https://cdn.example.com/p?token=[redacted]', x: '1' },
    ],
    ['JSON in a name', '{"token":"abc123"}', { '{"token":"[redacted]"}': REDACTED }],
    [
      'names of every secret kind',
      'api_key=s1&accessToken=s2&pwd=s3&X-Amz-Signature=s4&auth=s5&keyframe_interval=2&monkey=1',
      {
        api_key: REDACTED,
        accessToken: REDACTED,
        pwd: REDACTED,
        'X-Amz-Signature': REDACTED,
        auth: REDACTED,
        keyframe_interval: '2',
        monkey: '1',
      },
    ],
  ])('copes with %s', (_case, text, expected) => {
    const params = parseStreamParam(text);

    expect(params).toEqual(expected);
    expect(JSON.stringify(params)).not.toContain('abc123');
  });

  it('keeps the secret out even when it is encoded more often than it is decoded', () => {
    let text = 'txSecret=abc123&txTime=1';
    for (let round = 0; round < 12; round++) text = encodeURIComponent(text);

    expect(JSON.stringify(parseStreamParam(text))).not.toContain('abc123');
  });

  it.each([
    ['a lone %', '%'],
    ['a lone surrogate escape', '%ED%A0%80=x'],
    ['only = signs', '===='],
    ['64 KiB of separators and escapes', '%26%3D;&='.repeat(7282)],
  ])('never throws, even on %s', (_case, text) => {
    expect(() => parseStreamParam(text)).not.toThrow();
  });
});
